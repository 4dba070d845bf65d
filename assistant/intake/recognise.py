"""Which local template a form read in is laid out like (knowledge/templates):
the one whose title, header labels, indicator columns, 中期 block, unit line
and grade line agree best with what was printed. The default template of the
form wins ties, and a record names its template only when it is not the default."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.intake.grid import squash
from assistant.intake.labels import TEMPLATE_PATHS, header_field


@dataclass
class Printed:
    title: str = ""
    header_fields: set[str] = field(default_factory=set)
    columns: list[str] = field(default_factory=list)
    mid_term: bool = False
    unit_line: bool = False
    grade_line: bool = False
    level_labels: set[str] = field(default_factory=set)  # normalised 一级/二级 labels as printed
    fund_labels: set[str] = field(default_factory=set)  # squashed, without colons


# The header fields compared between a form and a template; the year is not: it says
# nothing of which local template a form follows.
_PATHS = {path: name for path, name in TEMPLATE_PATHS.items() if name != "year"}


def score(template: dict, printed: Printed) -> float:
    from assistant.intake.labels import normalise_label

    points = 0.0
    own = {normalise_label(label) for label in template.get("level_labels", {})}
    if own:  # local level labels (项目完成指标, 预期产出指标) are a template's signature
        points += min(4, 2 * len(own & printed.level_labels)) if own & printed.level_labels else -2
    title = squash(template.get("title") or "")
    if title and title in printed.title:
        points += 2 + len(title) / 10
    wanted = {_PATHS[path] for path, _ in template.get("header_fields", []) if path in _PATHS}
    points += (
        len(wanted & printed.header_fields)
        - len(wanted - printed.header_fields)
        - len(printed.header_fields - wanted - {"code"})
    )
    funds = {
        squash(label).rstrip(":：")
        for path, label in template.get("funds_rows") or []
        if printed.mid_term or "mid_term" not in path
    }
    if funds and printed.fund_labels:
        points += 0.5 * len(funds & printed.fund_labels) - 0.5 * len(funds - printed.fund_labels)
    columns = [key for key, _ in template.get("columns", [])]
    shown = set(printed.columns)
    points += len(set(columns) & shown) - len(set(columns) - shown) - len(shown - set(columns) - {"seq"})
    # a 中期 template prints its 中期 block only when the record has one (a 1-year project)
    if printed.mid_term:
        points += 2 if template.get("mid_term") else -2
    points += 0.5 if bool(template.get("unit_line")) == printed.unit_line else -0.5
    points += 0.5 if bool(template.get("grade_line")) == printed.grade_line else -0.5
    return points


def recognise(form: str, printed: Printed) -> str | None:
    """The template id, or None for the form's default (or no template data)."""
    from assistant.knowledge.templates import default_template, templates_for

    try:
        candidates = templates_for(form)
        default = default_template(form)
    except Exception:  # noqa: BLE001 - no templates installed: records stay template-less
        return None
    best, best_score = default, None
    for template in candidates:  # the default comes first and keeps ties
        value = score(template, printed)
        if best_score is None or value > best_score:
            best, best_score = template["id"], value
    return None if best == default else best


def printed_header_fields(labels: list[str]) -> set[str]:
    return {f for f in (header_field(label) for label in labels) if f}
