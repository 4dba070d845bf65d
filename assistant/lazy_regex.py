"""Regular expressions compiled when first used instead of at import.

Python compiles a pattern in Python code, and one with a CJK range such as
[\\u4e00-\\u9fff] takes 1–2.5 ms. A module's patterns serve some commands
only (`check` never reads a date range, the interview never reads a pasted
table), so each is compiled the first time it matches; after that its methods
are plain attributes and a call costs what a compiled pattern's does. Outside
the layers: any module may use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

_ATTRIBUTES = (
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class _LazyPattern:
    def __init__(self, pattern: str, flags: int):
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # Called only while an attribute is missing: the first use compiles and
        # keeps the compiled pattern's methods on the instance.
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            self.__dict__[attribute] = getattr(compiled, attribute)
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_regex({self._source[0]!r})"


def lazy_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, done on first use. Use its methods
    (match, search, sub…), not `re.sub(pattern, …)`."""
    return cast(re.Pattern[str], _LazyPattern(pattern, flags))


# Plain-code forms of the few character-class patterns every check runs. A class
# of three or more scattered CJK characters or full-width signs ([。，、；]) costs
# 0.1–0.25 ms to compile (a 64K-entry table), a pattern with many alternatives more.


def without(text: str, chars: str) -> str:
    """`text` less every whitespace character and every one of `chars`: what
    `re.sub(r"[\\s<chars>]+", "", text)` returns. (str.split() splits at what
    str.isspace() calls whitespace, the characters \\s matches.)"""
    return "".join(text.translate(_deletion(chars)).split())


@lru_cache(maxsize=64)
def _deletion(chars: str) -> dict[int, None]:
    return dict.fromkeys(map(ord, chars))


def run_end(text: str, start: int, accepts: Callable[[str], bool]) -> int:
    """Where the run of characters `accepts` takes, from `start`, ends (`start` for
    none): where `[<class>]*` matching from `start` stops."""
    end = start
    while end < len(text) and accepts(text[end]):
        end += 1
    return end


def number_end(text: str, start: int) -> int | None:
    """Where a number from `start` ends, the spaces after it taken in: what
    `\\d+(?:\\.\\d+)?\\s*` matches there. None when no digit is at `start`."""
    end = run_end(text, start, str.isdecimal)
    if end == start:
        return None
    if text.startswith(".", end) and text[end + 1 : end + 2].isdecimal():
        end = run_end(text, end + 1, str.isdecimal)
    return run_end(text, end, str.isspace)


def rstrip_space_and(text: str, chars: str) -> str:
    """`text` less its trailing run of whitespace and `chars`: what
    `re.sub(r"[\\s<chars>]+$", "", text)` returns (the run takes a final newline in)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return text[:end]


def ends_with(text: str, words: tuple[str, ...]) -> bool:
    """`text` ends with one of `words`, or does before one final newline: where
    `re.search("(?:word|word…)$", text)` finds one."""
    return text.endswith(words) or (text.endswith("\n") and text[:-1].endswith(words))


# A gate for patterns read from knowledge/ (word families a locality may edit):
# the words one of which every match holds, read off the pattern itself, so a text
# without any of them is not searched and the pattern not compiled. Only the plain
# part of the syntax is read (literals, escapes of signs, classes of single
# characters, groups, alternatives, quantifiers, anchors); anything else gives no
# gate, and the pattern is then searched as always.


class _Unsupported(Exception):
    pass


_QUANTIFIER_START = "?*+{"


def _quantifier(pattern: str, at: int) -> tuple[int, int]:
    """(the least count, where the item's quantifier ends) for the item ending at `at`."""
    if at >= len(pattern) or pattern[at] not in _QUANTIFIER_START:
        return 1, at
    sign = pattern[at]
    if sign == "{":
        close = pattern.find("}", at)
        low = pattern[at + 1 : close].split(",")[0] if close > 0 else ""
        if not low.isascii() or not low.isdigit():
            raise _Unsupported(pattern)
        least, at = int(low), close + 1
    else:
        least, at = (0 if sign in "?*" else 1), at + 1
    return least, at + 1 if at < len(pattern) and pattern[at] in "?+" else at


def _item(pattern: str, at: int) -> tuple[frozenset[str] | str | None, int]:
    """One item from `at`: a literal character (str), the words one of which it
    matches (frozenset), None for an item that needs no word (\\S, ., ^); and its end."""
    c = pattern[at]
    if c == "\\":
        escaped = pattern[at + 1 : at + 2]
        if escaped and escaped in "dDsSwWbBAZ":
            return None, at + 2
        if not escaped or escaped.isalnum() or escaped == "_":
            raise _Unsupported(pattern)
        return escaped, at + 2
    if c == "[":
        close = pattern.find("]", at + 2)  # a ] first in the class is one of its characters
        members = pattern[at + 1 : close]
        if close < 0 or members == "^" or "\\" in members or "[" in members:
            raise _Unsupported(pattern)
        if members.startswith("^") or "-" in members:
            return None, close + 1  # a negated class or a range: some character, no word
        return frozenset(members), close + 1
    if c == "(":
        if pattern.startswith("(?", at) and not pattern.startswith("(?:", at):
            raise _Unsupported(pattern)
        words, end = _alternation(pattern, at + (3 if pattern.startswith("(?:", at) else 1))
        if end >= len(pattern) or pattern[end] != ")":
            raise _Unsupported(pattern)
        return words, end + 1
    if c in ".^$":
        return None, at + 1
    if c in ")]{}|?*+":
        raise _Unsupported(pattern)
    return c, at + 1


def _sequence(pattern: str, at: int) -> tuple[frozenset[str] | None, int]:
    """The words one of which a match of the sequence from `at` holds (None: no
    such words), and where it ends (at a | or ) or the end)."""
    needs: list[frozenset[str]] = []
    run = ""
    while at < len(pattern) and pattern[at] not in "|)":
        item, after = _item(pattern, at)
        least, at = _quantifier(pattern, after)
        if isinstance(item, str) and least >= 1:
            run += item
            if at != after:  # a repeated character: the run goes on in a new word
                needs.append(frozenset([run]))
                run = ""
            continue
        if run:
            needs.append(frozenset([run]))
            run = ""
        if isinstance(item, frozenset) and least >= 1:
            needs.append(item)
    if run:
        needs.append(frozenset([run]))
    return (max(needs, key=lambda words: min(map(len, words))) if needs else None), at


def _alternation(pattern: str, at: int) -> tuple[frozenset[str] | None, int]:
    words: set[str] = set()
    gated = True
    while True:
        needs, at = _sequence(pattern, at)
        if needs is None:
            gated = False
        else:
            words |= needs
        if at >= len(pattern) or pattern[at] != "|":
            return (frozenset(words) if gated else None), at
        at += 1


def required_words(pattern: str) -> frozenset[str] | None:
    """Words one of which every match of `pattern` holds (`(资金|经费)\\S{0,6}?到位`
    → {资金, 经费}), or None when the pattern has no such words or is written
    with syntax this reading leaves alone."""
    try:
        words, end = _alternation(pattern, 0)
    except _Unsupported:
        return None
    return words if end == len(pattern) and words and "" not in words else None


class _GatedSearch:
    """A pattern's search that compiles it only for a text holding one of its required
    words; once compiled, it searches every text (then a search costs less than the test)."""

    __slots__ = ("_pattern", "_words", "_search")

    def __init__(self, pattern: str, words: frozenset[str]):
        self._pattern, self._words = pattern, words
        self._search: Callable[[str], re.Match[str] | None] | None = None

    def __call__(self, text: str) -> re.Match[str] | None:
        if self._search is None:
            if not any(word in text for word in self._words):
                return None  # it cannot match
            self._search = re.compile(self._pattern).search
        return self._search(text)


def gated_search(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """`re.compile(pattern).search`, compiled on first use, and only once a text holds
    one of the pattern's required words (a text without one cannot match)."""
    words = required_words(pattern)
    if words is None:
        compiled = lazy_regex(pattern)
        return lambda text: compiled.search(text)
    return _GatedSearch(pattern, words)
