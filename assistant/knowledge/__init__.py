"""Load and search the knowledge base. No UI."""

from functools import cache

from assistant.knowledge.base import (
    Framework,
    Indicator,
    KnowledgeBase,
    KnowledgeError,
    Level2,
    ProjectType,
    load,
    load_from,
)
from assistant.knowledge.search import Hit, IndicatorSearch


@cache
def searcher() -> IndicatorSearch:
    """The search index over the installed knowledge base (built once)."""
    return IndicatorSearch(load())


__all__ = ["Framework", "Hit", "Indicator", "IndicatorSearch", "KnowledgeBase", "KnowledgeError",
           "Level2", "ProjectType", "load", "load_from", "searcher"]
