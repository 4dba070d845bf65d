"""One indicator row: its error checks (on a one-row copy of the record, so
they stay cheap), the name placeholders refused, and a bare number completed
with the standard indicator's operator and unit."""

from __future__ import annotations

import re

from assistant import record_path
from assistant.interview.handlers.item_list import item_key, items_at
from assistant.knowledge import Indicator
from assistant.rules import ERROR, check
from assistant.values import ValueParseError, parse_value

ROW_RULES = [
    "indicator.empty",
    "indicator.value_unparsed",
    "indicator.no_unit",
    "indicator.unit_category",
    "indicator.percent_range",
    "indicator.ge_100",
    "indicator.cost_not_money",
    "indicator.cost_operator",
    "indicator.satisfaction_range",
    "indicator.multi_value",
    "indicator.approximate",
    "indicator.input_as_output",
    "indicator.value_in_name",
    "indicator.duplicate",
]


ROW_ERROR_RULES = [
    r for r in ROW_RULES if r in ("indicator.empty", "indicator.value_unparsed", "indicator.percent_range")
]


def row_errors(iv, set_path: str, index: int) -> list:
    """Errors of one row, checked on a copy of the record holding only that row
    (the row's error rules look at nothing else), so this stays cheap however
    many indicators the form already has."""
    row = items_at(iv.record, set_path)[index]
    mini = dict(iv.record)
    node = mini
    *parents, last = record_path.parse(set_path)
    for part in parents:  # copies on the way: the record itself is not touched
        node[part] = dict(node.get(part) or {})
        node = node[part]
    node[last] = [{k: v for k, v in row.items() if k != "_todo"}]
    found = check(mini, kb=iv.kb, search=iv.search, rules=ROW_ERROR_RULES)
    prefix = item_key(set_path, 0) + "."
    return [
        f._replace(path=item_key(set_path, index) + "." + f.path[len(prefix) :])
        for f in found
        if f.severity == ERROR and f.path.startswith(prefix)
    ]


def done(row: dict, field: str) -> None:
    todo = [t for t in row.get("_todo", []) if t != field]
    if todo:
        row["_todo"] = todo
    else:
        row.pop("_todo", None)


_PLACEHOLDER = re.compile(r"^(指标\s*\d*\s*[:：]?|\d+(\.\d+)?|无|/|-|—)$")


def bad_name(text: str) -> str | None:
    if _PLACEHOLDER.match(text.strip()):
        return f"“{text}”不能作为指标名称。请写要衡量的内容，例如 村卫生室专线数量。"
    if len(text) < 2:
        return "指标名称太短了。请写要衡量的内容，例如 村卫生室专线数量。"
    if len(text) > 80:
        return "指标名称太长了（超过 80 字）。名称只写衡量什么，说明放到描述里。"
    return None


_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def complete_value(text: str, ind: Indicator | None) -> str:
    """`136` for a standard `=136条` becomes `=136条`; `136条` becomes `=136条`."""
    if ind is None or ind.operator == "定性" or not text:
        return text
    if _BARE_NUMBER.match(text):
        return f"{ind.operator}{text}{ind.unit}"
    try:
        value = parse_value(text, money_context=ind.level2 == "成本指标")
    except ValueParseError:
        return text
    if value.is_quantitative and value.operator is None and not value.multi and value.unit:
        return f"{ind.operator}{text}"
    return text
