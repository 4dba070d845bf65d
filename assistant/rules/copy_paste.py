"""`records.copy_paste`: most of a record's indicators (name and value) are the
same as another project's — the copy-pasted sets of seed 003."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from assistant.forms import kind_of
from assistant.rules.context import Context, set_rows
from assistant.rules.findings import WARNING
from assistant.rules.registry import rule


def normalise(text: Any) -> str:
    """Compare names and values as written, ignoring width, spaces and >= vs ≥."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    return "".join(text.split()).replace(">=", "≥").replace("<=", "≤")


def _row_sets(record: Any):
    """(rows, value key) of every indicator set of the record's form."""
    kind = kind_of(record.get("form")) if isinstance(record, dict) else None
    for spec in kind.indicator_sets if kind else ():
        yield set_rows(record, spec.path) or [], spec.value_key


def indicator_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every indicator row of a record, whatever its form."""
    return [row for rows, _ in _row_sets(record) for row in rows if isinstance(row, dict)]


def indicator_pairs(record: dict[str, Any]) -> frozenset[tuple[str, str]]:
    """The (name, value) pairs that identify a record's indicators (target for self-evaluations)."""
    pairs = set()
    for rows, key in _row_sets(record):
        for row in rows:
            if not isinstance(row, dict):
                continue
            name, value = normalise(row.get("name")), normalise(row.get(key))
            if name and value:
                pairs.add((name, value))
    return frozenset(pairs)


def shared_share(target: frozenset[tuple[str, str]], other: frozenset[tuple[str, str]]) -> float:
    return len(target & other) / len(target) if target else 0.0


def project_label(record: dict[str, Any]) -> str:
    project = record.get("project") if isinstance(record, dict) else None
    if isinstance(project, dict) and project.get("name"):
        return f"“{project['name']}”（{record.get('year', '')}）"
    return f"“{record.get('department', '另一份记录')}”（{record.get('year', '')}）"


def subject(record: dict[str, Any]) -> str:
    """What a record is about: its project, or the department of a department-wide form."""
    project = record.get("project") if isinstance(record, dict) else None
    name = (
        project.get("name")
        if isinstance(project, dict)
        else record.get("department")
        if isinstance(record, dict)
        else None
    )
    return "".join(name.split()) if isinstance(name, str) else ""


def matches(
    record: dict[str, Any], others: Iterable[tuple[str, dict[str, Any]]], threshold: float
) -> list[tuple[str, float]]:
    """(label, share) of the other records holding `threshold` of this record's
    pairs. Records about the same project or department (its other years, its
    declaration and self-evaluation) keep their indicators: continuity, not copying."""
    target = indicator_pairs(record)
    if len(target) < 3:
        return []
    own = subject(record)
    found = []
    for label, other in others:
        if other is record or (own and subject(other) == own):
            continue
        share = shared_share(target, indicator_pairs(other))
        if share >= threshold:
            found.append((f"{label} {project_label(other)}" if label else project_label(other), share))
    return found


@rule("records.copy_paste", WARNING, "指标与另一个项目基本相同（复制粘贴）")
def copy_paste(ctx: Context):
    if not ctx.others:
        return
    threshold = ctx.params["copy_paste_share"]
    # `others` is a list of (label, record), or a matcher over a whole store
    # (assistant.records.copy_paste_source) that answers without reading every record.
    matcher = getattr(ctx.others, "copy_paste_matches", None)
    found = matcher(ctx.record, threshold) if matcher else matches(ctx.record, ctx.others, threshold)
    if not found:
        return
    found = sorted(found, key=lambda item: -item[1])
    names = "、".join(f"{label}（{share:.0%}）" for label, share in found[:5])
    more = f" 等 {len(found)} 个项目" if len(found) > 5 else ""
    yield (
        "indicators",
        (
            f"本项目的指标（名称和指标值）有八成以上与 {names}{more} 相同。每个项目的钱用途不同，"
            "指标应反映本项目自己的产出和效果，请逐项改写。"
        ),
    )
