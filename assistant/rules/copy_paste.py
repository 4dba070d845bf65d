"""`records.copy_paste`: most of a record's indicators (name and value) are the
same as another project's — the copy-pasted sets of seed 003."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from assistant.rules.context import Context
from assistant.rules.findings import WARNING
from assistant.rules.registry import rule

_SPACE = re.compile(r"\s+")


def indicator_pairs(record: dict[str, Any]) -> set[tuple[str, str]]:
    """The (name, value) pairs that identify a record's indicators."""
    rows: list[Any] = []
    indicators = record.get("indicators") if isinstance(record, dict) else None
    if isinstance(indicators, dict):
        for key in ("annual", "mid_term"):
            rows.extend(indicators.get(key) or [])
    elif isinstance(indicators, list):
        rows = indicators
    pairs = set()
    for row in rows:
        if not isinstance(row, dict):
            continue
        name = _SPACE.sub("", str(row.get("name") or ""))
        value = _SPACE.sub("", str(row.get("value") or row.get("target") or ""))
        if name and value:
            pairs.add((name, value))
    return pairs


def shared_share(target: set[tuple[str, str]], other: set[tuple[str, str]]) -> float:
    return len(target & other) / len(target) if target else 0.0


def project_label(record: dict[str, Any]) -> str:
    project = record.get("project") if isinstance(record, dict) else None
    if isinstance(project, dict) and project.get("name"):
        return f"“{project['name']}”（{record.get('year', '')}）"
    return f"“{record.get('department', '另一份记录')}”（{record.get('year', '')}）"


def matches(record: dict[str, Any], others: Iterable[tuple[str, dict[str, Any]]],
            threshold: float) -> list[tuple[str, dict[str, Any], float]]:
    target = indicator_pairs(record)
    if len(target) < 3:
        return []
    found = []
    for label, other in others:
        if other is record:
            continue
        share = shared_share(target, indicator_pairs(other))
        if share >= threshold:
            found.append((label, other, share))
    return found


@rule("records.copy_paste", WARNING, "指标与另一个项目基本相同（复制粘贴）")
def copy_paste(ctx: Context):
    if not ctx.others:
        return
    threshold = ctx.params["copy_paste_share"]
    found = matches(ctx.record, ctx.others, threshold)
    if not found:
        return
    found.sort(key=lambda item: -item[2])
    names = "、".join(f"{project_label(other)} {share:.0%}" for _, other, share in found[:5])
    more = f" 等 {len(found)} 个项目" if len(found) > 5 else ""
    yield "indicators", (f"本项目的指标（名称和指标值）与 {names}{more} 相同。每个项目的钱用途不同，"
                         "指标应反映本项目自己的产出和效果，请逐项改写。")

