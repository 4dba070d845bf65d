"""A target written into an indicator's name (村组干部230人, 建设公路32.1公里):
an operator, a number and the spelling of a unit after it. Counts, percentages,
money, rates and lengths or areas are targets wherever they sit; times and Latin
units only at the end, since 孕产妇7天访视数 and 5G基站 name what is measured.

Read in plain code: as one pattern of every unit spelling it took 0.6–2 ms to
build and compile in each check of a name holding a number.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.lazy_regex import number_end
from assistant.values import unit_catalogue

_OPERATORS = ("≥", "≤", "≧", "≦", ">", "<", "不少于", "不低于", "不超过", "不高于", "近", "约")
_OPERATOR_STARTS = frozenset(op[0] for op in _OPERATORS)
_ANYWHERE = ("count", "percent", "money", "rate", "measure")
_AT_END = ("time", "score")


def _by_first(spellings: list[str]) -> dict[str, list[str]]:
    """The spellings by their first character, the longest first (one that is the
    start of another is tried after it)."""
    found: dict[str, list[str]] = {}
    for spelling in sorted(spellings, key=len, reverse=True):
        found.setdefault(spelling[0], []).append(spelling)
    return found


@lru_cache(maxsize=1)
def _units() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The unit spellings a target may end with anywhere in a name, and those
    only at its end."""
    anywhere, at_end = [], []
    for spelling, unit in unit_catalogue().items():
        if unit.category in _AT_END or (spelling.isascii() and spelling.isalpha()):
            at_end.append(spelling)
        elif unit.category in _ANYWHERE:
            anywhere.append(spelling)
    return _by_first(anywhere), _by_first(at_end)


def _target_at(text: str, start: int, units: dict[str, list[str]], at_end: bool) -> str | None:
    # the number follows the operator (no operator starts with a digit)
    operator = next((op for op in _OPERATORS if text.startswith(op, start)), "")
    end = number_end(text, start + len(operator))
    if end is None:
        return None
    for spelling in units.get(text[end : end + 1], ()):
        if not text.startswith(spelling, end):
            continue
        after = text[end + len(spelling) :]
        if (after in ("", "\n")) if at_end else not after.startswith("龄"):  # $ allows a final newline
            return text[start : end + len(spelling)]
    return None


def target_in_name(name: str) -> str | None:
    """The first target written into `name` (`≥25000份`, `32.1公里`), or None."""
    anywhere, at_end = _units()
    for start, c in enumerate(name):
        if not (c.isdecimal() and (start == 0 or not name[start - 1].isdecimal())) and c not in _OPERATOR_STARTS:
            continue  # a target starts with an operator or the first digit of a number
        found = _target_at(name, start, anywhere, False) or _target_at(name, start, at_end, True)
        if found:
            return found
    return None
