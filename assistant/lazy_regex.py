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
