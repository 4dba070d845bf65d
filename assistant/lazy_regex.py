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
    `re.sub(r"[\\s<chars>]+", "", text)` returns."""
    return "".join(c for c in text if not (c.isspace() or c in chars))


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
