"""Load and search the knowledge base. No UI.

Names are loaded on first use (PEP 562): importing a light submodule such as
`assistant.knowledge.errors` does not load jsonschema and rapidfuzz.
"""

from functools import cache
from importlib import import_module

_EXPORTS = {
    "Framework": "base",
    "Indicator": "base",
    "KnowledgeBase": "base",
    "Level2": "base",
    "ProjectType": "base",
    "load": "base",
    "load_from": "base",
    "KnowledgeError": "errors",
    "Hit": "search",
    "IndicatorSearch": "search",
    "Candidate": "recognize",
    "Recognition": "recognize",
    "Recognizer": "recognize",
}
__all__ = sorted([*_EXPORTS, "searcher"])


@cache
def searcher():
    """The search index over the installed knowledge base (built once)."""
    from assistant.knowledge.base import load
    from assistant.knowledge.search import IndicatorSearch

    return IndicatorSearch(load())


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(f"assistant.knowledge.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'assistant.knowledge' has no attribute {name!r}")
