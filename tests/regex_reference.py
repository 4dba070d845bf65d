"""What the regex equivalence tests compare on: every string of the record and
corpus fixtures (values, names, goals, headers), and the helpers that draw
texts from the pieces a pattern is about."""

import json
from functools import cache

from conftest import FIXTURES
from hypothesis import strategies as st


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


@cache
def fixture_strings() -> tuple[str, ...]:
    """Every distinct string of tests/fixtures/records, tests/fixtures/corpus (the
    JSON forms and values.txt) and tests/fixtures/good, in a stable order."""
    found: dict[str, None] = {}
    for folder in ("records", "corpus", "good"):
        for path in sorted((FIXTURES / folder).glob("*.json")):
            for text in _strings(json.loads(path.read_text(encoding="utf-8"))):
                found[text] = None
    for text in (FIXTURES / "corpus" / "values.txt").read_text(encoding="utf-8").splitlines():
        found[text] = None
    return tuple(found)


def texts_of(pieces: list[str], max_size: int = 8) -> st.SearchStrategy[str]:
    """Texts joined from `pieces` (words and characters a pattern is about) and a
    few characters it is not."""
    filler = ["a", "1", " ", "\n", "的", "。", "%", "、"]
    return st.lists(st.sampled_from(pieces + filler), min_size=0, max_size=max_size).map("".join)


def outcome(function, text: str):
    """What `function(text)` returns, or the type of what it raises: the same
    failure is the same behaviour."""
    try:
        return function(text)
    except Exception as exc:  # noqa: BLE001
        return type(exc)


# The date grammar as it was written in regular expressions (assistant/values/dates.py
# reads it with the parsers of values/grammar.py): the reference those are tested on.
class OldDates:
    YEAR = r"(?:19|20)\d{2}"
    MONTH = r"(?:1[0-2]|0?[1-9])"
    DAY = r"(?:3[01]|[12]\d|0?[1-9])"
    DATE = (
        rf"(?:{YEAR}年(?:度)?(?:{MONTH}月(?:份)?(?:{DAY}[日号])?)?"
        rf"|{MONTH}月(?:份)?(?:{DAY}[日号])?"
        rf"|{YEAR}[./-]{MONTH}(?:[./-]{DAY})?)"
    )
    PHASE = r"(?:底|末|初|中|上旬|中旬|下旬)"
    POINT = (
        r"(?:年底|年末|年初|年中|年内|年度内|年度|当年|本年度?|全年度?|上半年|下半年|年前"
        r"|第?[1-4一二三四]季度(?:末|底)?|季度末|季末|月底|月末|当月|当季|次年|本月)"
    )
    BEFORE = r"(?:之前|以前|前|之内|以内|内)"
    EVERY = r"(?:每年度?|每季度|每半年|每月|每周|当年|次年|本年度?|今年|明年|翌年|年度内)"
    SPAN = r"(?:(?:[1-9]\d?|[一二两三四五六七八九十]+)(?:个)?(?:年|月|季度|周|个工作日|工作日|天|日)|半年|半个月)"
    TIME = rf"(?:{DATE}{PHASE}?{POINT}?|{POINT}|{SPAN}(?={BEFORE}))"
    PERCENT = r"(?:[≥=]?\d+(?:\.\d+)?%)"
    ACTION = r"(?:[\u4e00-\u9fff]{1,8})"
    HEAD = rf"^{EVERY}?{TIME}{BEFORE}?"
    NUMERIC_DATE = rf"{YEAR}[./-]"
