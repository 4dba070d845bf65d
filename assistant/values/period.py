"""项目期 as written (1年, 1年期, 一年, 长期, 3年, 2022—2024年) → number of years."""

from __future__ import annotations

import re

from assistant.lazy_regex import lazy_regex
from assistant.values.numerals import parse_chinese

LONG_TERM = 99  # 长期 / 持续: open-ended, longer than any mid-term window
MID_TERM_WINDOW = 3  # the 中期 block of the forms covers three years (2022年—2024年)

_CN_YEARS = frozenset("一二两三四五六七八九十")
# Compiled only for a text holding a joining sign.
_SPAN_SIGNS = "-—–~至到"
_SPAN = lazy_regex(rf"^(\d{{4}})年?[{_SPAN_SIGNS}](\d{{4}})年?$")


def _years_number(compact: str) -> str | None:
    """The number of `3年`, `三年期` (digits, or Chinese numerals up to 十), or None:
    what `^(\\d+|[一二两三四五六七八九十]+)年(?:期)?$` reads, in plain code."""
    body = compact[:-1] if compact.endswith("\n") else compact  # as $ allows
    for suffix in ("年期", "年"):
        number = body.removesuffix(suffix)
        if number != body and number and (number.isdecimal() or _CN_YEARS.issuperset(number)):
            return number
    return None


def period_years(text: str | None) -> int | None:
    """Years the project runs, LONG_TERM for 长期, None when unknown or empty."""
    if not text:
        return None
    compact = re.sub(r"\s+", "", text)
    if compact in ("长期", "持续", "常年", "长期项目", "经常性"):
        return LONG_TERM
    number = _years_number(compact)
    if number:
        return int(number) if number.isdigit() else int(parse_chinese(number))
    match = _SPAN.match(compact) if any(sign in compact for sign in _SPAN_SIGNS) else None
    if match:
        return int(match.group(2)) - int(match.group(1)) + 1
    return None


def mid_term_years(period: str | None) -> int:
    """How many years a mid-term amount covers."""
    years = period_years(period)
    if years is None or years >= LONG_TERM:
        return MID_TERM_WINDOW
    return max(1, min(years, MID_TERM_WINDOW))
