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
    failure is the same behaviour (十十二月 raises KeyError before and after)."""
    try:
        return function(text)
    except Exception as exc:  # noqa: BLE001
        return type(exc)
