"""What the local templates print (knowledge/templates), as reading vocabulary:
their funds-row labels, indicator column headings and titles. A template
prints `年度金额`, `当年年度预算` or `完成值`; the reader then knows them without
a list of its own. Empty when no templates are installed."""

from __future__ import annotations

import re
from functools import cache

from assistant import record_path
from assistant.intake.grid import squash


def _templates() -> list[dict]:
    try:
        from assistant.knowledge.templates import template, template_ids

        return [template(template_id) for template_id in template_ids()]
    except Exception:  # noqa: BLE001 - no templates installed: the built-in vocabulary only
        return []


def fund_label_key(text: str) -> str:
    return re.sub(r"^其中[:：]", "", squash(text)).rstrip(":：")


@cache
def fund_labels() -> dict[str, tuple[str | None, str, str | None]]:
    """printed funds label → (period or None, key, source name or None). Keys:
    total/fiscal/other/carryover/source (project); initial/adjusted/executed are
    self-evaluation columns, not rows, and are left out."""
    out: dict[str, tuple[str | None, str, str | None]] = {}
    for tmpl in _templates():
        for path, label in tmpl.get("funds_rows") or []:
            parts = [str(part) for part in record_path.labelled(path)[1:]]  # funds.annual.total → [annual, total]
            if not parts or parts[-1] in ("initial", "adjusted", "executed"):
                continue
            period = parts[0] if parts[0] in ("mid_term", "annual") else None
            rest = parts[1:] if period else parts
            if rest and rest[0] == "sources" and len(rest) > 1:
                out.setdefault(fund_label_key(label), (period, "source", rest[1]))
            elif rest and rest[0] in ("total", "fiscal", "other", "carryover"):
                out.setdefault(fund_label_key(label), (period, rest[0], None))
    return out


@cache
def column_labels() -> dict[str, tuple[str, ...]]:
    """row key → the indicator headings the templates print for it."""
    out: dict[str, list[str]] = {}
    for tmpl in _templates():
        for key, printed in tmpl.get("columns") or []:
            if key.startswith("extra:") or key in ("level1", "level2"):
                continue
            key = "value" if key == "target" else key
            out.setdefault(key, []).append(printed)
    return {key: tuple(dict.fromkeys(labels)) for key, labels in out.items()}


@cache
def titles() -> list[tuple[str, str]]:
    """(squashed title, form), longest first."""
    found = {(squash(t["title"]), t["form"]) for t in _templates() if t.get("title")}
    return sorted(found, key=lambda item: -len(item[0]))
