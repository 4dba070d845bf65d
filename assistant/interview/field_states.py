"""What the live form shows for each field, worked out from the interview:
answered, derived (computed, or a default taken with Enter), to be fixed (a
finding points at it), skipped, or not yet asked. Also which findings to show
while the interview is still going on (not the ones about fields ahead)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from assistant import forms, record_path

# What a field of the live form is: answered, derived (computed, or a default
# taken with Enter), to be fixed (a finding points at it), skipped, not yet asked.
ANSWERED, DERIVED, FIX, SKIPPED, EMPTY = "answered", "derived", "fix", "skipped", "empty"


@dataclass(frozen=True)
class Category:
    """An indicator category (二级) as the form lists it."""

    level1: str
    level2: str
    label: str = ""  # 必填 / 选填 …


# Short enough for the form panel's narrow column.
REQUIREMENT = {"required": "必填", "required_group": "效益至少一类", "if_served": "有服务对象必填", "optional": "选填"}


class Provenance:
    """Which answers were defaults taken with Enter (shown as derived)."""

    def __init__(self) -> None:
        self.defaulted: set[str] = set()
        self.typed: set[str] = set()

    def note(self, key: str, typed: str, answer: str) -> None:
        if not typed.strip() and answer:
            self.defaulted.add(key)
            self.typed.discard(key)
        elif typed.strip():
            self.typed.add(key)
            self.defaulted.discard(key)

    @classmethod
    def from_events(cls, events: Iterable[dict[str, Any]]) -> Provenance:
        prov = cls()
        for event in events:
            prov.note(event.get("q", ""), event.get("text", ""), event.get("answer", ""))
        return prov


def categories(iv) -> list[Category]:
    if iv.form is None:
        return []
    framework = iv.kb.framework(iv.record.get("framework"))
    return [Category(l2.level1, l2.name, REQUIREMENT.get(l2.requirement, "")) for l2 in framework.level2s]


def multi_year(iv) -> bool:
    from assistant.values.period import period_years

    years = period_years((iv.record.get("project") or {}).get("period"))
    return years is not None and years > 1


def _item(path: str) -> str | None:
    """The list item `path` is in or is (`indicators.annual[3]` of `….value`)."""
    ref = record_path.row(path)
    return ref.item if ref is not None else None


def _get(record: Any, path: str) -> Any:
    return record_path.get(record, path)


def entry_rank(iv, key: str) -> int:
    entries = iv.entries()
    entry = iv.entry_for(key)
    return entries.index(entry) if entry in entries else len(entries)


def visible_findings(iv, findings: list, question) -> list:
    """Findings about what has been answered so far; everything at the review."""
    if question is None or question.key == "review":
        return list(findings)
    here = entry_rank(iv, question.key)
    shown = []
    for finding in findings:
        path = finding.path
        rank = entry_rank(iv, path) if path else 0
        if rank < here:
            shown.append(finding)
            continue
        row = _item(path) if path else None
        if rank == here and row:
            item = _get(iv.record, row)
            if isinstance(item, dict) and not item.get("_todo") or isinstance(item, str):
                shown.append(finding)
    return shown


class FieldStates:
    """`state(path)` for formview, for one moment of the interview."""

    def __init__(self, iv, prov: Provenance, findings: list):
        self.iv = iv
        self.prov = prov
        self.fix_paths = [f.path for f in findings if f.severity in ("error", "warning")]
        kind = forms.kind_of(iv.form)
        mid_term = kind.indicator_set(forms.MID_TERM) if kind else None
        self.mid_term = mid_term.path if mid_term else None  # a set the engine may derive
        self.derived = dict(kind.derived) if kind else {}  # a field computed from an answer

    def __call__(self, path: str) -> str:
        iv = self.iv
        if any(p == path or p.startswith((path + ".", path + "[")) for p in self.fix_paths):
            return FIX
        if ":" in path:  # an indicator category
            return ANSWERED if path in iv.state.closed else EMPTY
        if _item(path) == path:
            item = _get(iv.record, path)
            if isinstance(item, dict):
                if item.get("_todo"):
                    return EMPTY
                value_key = f"{path}.value"
                derived_set = self.mid_term is not None and (
                    path.startswith(f"{self.mid_term}[") and f"{self.mid_term}:derive" in iv.state.answered
                )
                if value_key in self.prov.defaulted or (derived_set and value_key not in self.prov.typed):
                    return DERIVED
                return ANSWERED
            return ANSWERED if item not in (None, "") else EMPTY
        if path in self.derived:
            return DERIVED if self.derived[path] in iv.state.answered and _get(iv.record, path) else EMPTY
        if path.startswith("funds.") and path.endswith(".other"):
            parent = record_path.parent(path)  # computed: total − 财政拨款
            return DERIVED if f"{parent}.fiscal" in iv.state.answered else EMPTY
        if path in iv.state.answered:
            if path in self.prov.defaulted:
                return DERIVED
            return SKIPPED if _get(iv.record, path) in (None, "", []) else ANSWERED
        if path.endswith(".fiscal") and record_path.parent(path) in iv.state.answered:
            return ANSWERED
        return EMPTY


__all__ = [
    "ANSWERED",
    "DERIVED",
    "EMPTY",
    "FIX",
    "SKIPPED",
    "Category",
    "FieldStates",
    "Provenance",
    "categories",
    "multi_year",
    "visible_findings",
]
