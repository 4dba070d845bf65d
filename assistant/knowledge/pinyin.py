"""Search by pinyin: `shuizhi` (full pinyin) or `szdbl` (initials) finds 水质达标率.

Clerks often type that way. The pinyin of the bundled names is precomputed in
knowledge/pinyin.json, so a search does not load pypinyin; a name missing there
(a locality's own indicator) is converted with pypinyin on first use.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.lazy_regex import lazy_regex

_LATIN = lazy_regex(r"^[a-zA-Z][a-zA-Z\s']*$")


def is_pinyin(query: str) -> bool:
    return bool(_LATIN.match(query.strip())) and len(_squash(query)) >= 2


def _squash(text: str) -> str:
    return re.sub(r"[\s']", "", text).lower()


def _convert(text: str) -> tuple[str, str]:
    from pypinyin import lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(text, errors="ignore") if s]
    return "".join(syllables), "".join(s[0] for s in syllables)


class PinyinIndex:
    def __init__(self, strings: list[str], directory: Path | None):
        known: dict[str, list[str]] = {}
        path = directory / "pinyin.json" if directory else None
        if path and path.exists():
            try:
                known = json.loads(path.read_text(encoding="utf-8")).get("names", {})
            except (OSError, ValueError, AttributeError):
                known = {}
        self.keys: list[tuple[str, str]] = []
        for text in strings:
            pair = known.get(text)
            self.keys.append((pair[0], pair[1]) if isinstance(pair, list) and len(pair) == 2 else _convert(text))

    def matches(self, query: str) -> list[tuple[int, float]]:
        """(position in `strings`, score 0–100), best first."""
        q = _squash(query)
        found = []
        for pos, (full, initials) in enumerate(self.keys):
            if q in (full, initials):
                score = 100.0
            elif full.startswith(q) or (len(q) >= 2 and initials.startswith(q)):
                score = 90.0 - max(0, len(initials) - len(q)) * 0.5
            elif (len(q) >= 4 and q in full) or (len(q) >= 3 and q in initials):
                score = 75.0
            else:
                continue
            found.append((pos, score))
        found.sort(key=lambda item: (-item[1], item[0]))
        return found
