"""Helpers every indicator rule module shares: walking the rows of every set,
telling real indicators from placeholders, comparing names."""

from __future__ import annotations

from assistant.lazy_regex import lazy_regex, without
from assistant.rules.context import Context, IndicatorSet, Row, is_not_applicable

_PLACEHOLDER_NAME = lazy_regex(r"^(指标\s*[:：]?\s*\d*\s*[:：]?|\d+(\.\d+)?)$")


def rows(ctx: Context):
    for ind_set in ctx.indicator_sets:
        for row in ind_set.rows:
            yield ind_set, row


def real_rows(ind_set: IndicatorSet) -> list[Row]:
    """Rows that are indicators: named (or, on forms that print no 三级 name, described
    with a value: corpus 020), not placeholders, not `本指标不适用`."""
    return [
        r
        for r in ind_set.rows
        if (r.name or (r.value and r.data.get("description")))
        and not is_placeholder_name(r.name or "x", None)
        and not is_not_applicable(r)
    ]


def is_placeholder_name(name: str, placeholders: list[str] | None) -> bool:
    compact = name.replace(" ", "")
    # 指标1:, 3, 2.5: the pattern is compiled only for a name that starts like one
    if (compact.startswith("指标") or compact[:1].isdecimal()) and _PLACEHOLDER_NAME.match(compact):
        return True
    return placeholders is not None and compact in placeholders


def is_placeholder_value(value: str, placeholders: list[str]) -> bool:
    return value.replace(" ", "") in placeholders


def name_key(name: str) -> str:
    return without(name, "。.,，、:：;；")
