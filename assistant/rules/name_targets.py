"""A target written into an indicator's name (村组干部230人, 建设公路32.1公里):
a number with the spelling of a unit after it."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.lazy_regex import lazy_regex
from assistant.values import unit_catalogue

_LATIN = lazy_regex(r"^[A-Za-z]+$")


@lru_cache(maxsize=1)
def _target_pattern() -> re.Pattern:
    """A number with a unit inside a name. Counts, percentages, money, rates and
    lengths or areas are targets wherever they sit (建设普通省道二级公路32.1公里);
    times and Latin units only at the end, since 孕产妇7天访视数 and 5G基站 name
    what is measured."""
    anywhere, at_end = [], []
    for spelling, unit in unit_catalogue().items():
        if unit.category in ("time", "score") or _LATIN.match(spelling):
            at_end.append(spelling)
        elif unit.category in ("count", "percent", "money", "rate", "measure"):
            anywhere.append(spelling)

    def alternatives(units):
        return "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))

    number = r"(?:≥|≤|≧|≦|>|<|不少于|不低于|不超过|不高于|近|约)?\d+(?:\.\d+)?\s*"
    return re.compile(rf"{number}(?:{alternatives(anywhere)})(?!龄)|{number}(?:{alternatives(at_end)})$")


@lru_cache(maxsize=1)
def _unit_starts() -> frozenset[str]:
    return frozenset(spelling[0] for spelling in unit_catalogue())


def _after_numbers(text: str):
    """The character after each run of digits of `text` and the spaces after it
    (a decimal part is a run of its own)."""
    end, size = 0, len(text)
    while end < size:
        if not text[end].isdecimal():
            end += 1
            continue
        while end < size and text[end].isdecimal():
            end += 1
        while end < size and text[end].isspace():
            end += 1
        if end < size:
            yield text[end]


def target_in_name(name: str) -> re.Match | None:
    """The target written into a name. Building the pattern (every unit spelling)
    costs 1–2 ms: it is built only for a name where a number is followed by the
    first character of a unit spelling (no spelling starts with a digit, a space or .)."""
    starts = _unit_starts()
    if not any(c in starts for c in _after_numbers(name)):
        return None
    return _target_pattern().search(name)
