"""Suggestions that fit the project: for one 二级 category, in this order —

1. its own sector (recognized from the project name; the surest first when it
   is several): the sector's indicators in the templates of its project
   types, then its other indicators, those sharing words with the project first;
2. its spending types (会议、培训、设备购置…) clearly recognized: their templates;
3. a sector known only from the goals or the department's name (a 医保局's
   社保专线网络租赁费 is first a network project): that sector's indicators,
   then the templates of spending types only hinted at;
4. cross-cutting indicators: those of the sector templates, the generic ones,
   then other spending types' that share words with the project.

Another sector's indicators are never offered while a sector is known (a water
project never sees 参保人数); they stay findable by typing a name. With no
sector at all, the search-based order of earlier versions applies.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.knowledge.base import Indicator
from assistant.knowledge.recognize import CLEAR, SURE, SectorGuess

if TYPE_CHECKING:
    from assistant.knowledge.search import IndicatorSearch


def suggest(
    search: IndicatorSearch,
    name: str,
    level2: str,
    limit: int,
    department: str = "",
    goals: str = "",
    sector: str | None = None,
) -> list[Indicator]:
    """`sector`: the user's answer to 这个项目属于哪一类？ (a sector id; "" = 其他,
    none of those offered) — it replaces what was recognized."""
    recognition = search.recognize(name, goals, department)
    context = f"{name} {goals}".strip()
    sure = recognition.sure_sectors
    if sector is not None:
        sure = (SectorGuess(sector, search.kb.sectors.get(sector, sector), 1.0, True),) if sector else ()
    if not sure:
        return search.suggest_by_search(context, level2, limit)
    own = {g.sector for g in sure if g.from_name}
    by_department = {g.sector for g in sure} - own
    known = own | by_department
    candidates = [
        c
        for c in recognition.candidates
        if c.confidence >= SURE and (c.ptype.kind == "spending" or c.ptype.sector in known)
    ]
    chosen: list[Indicator] = []
    seen: set[str] = set()

    def put(indicators) -> bool:
        """Add the fitting ones; True once the list is full."""
        for ind in indicators:
            if ind.id in seen or ind.level2 != level2 or (ind.sector and ind.sector not in known):
                continue
            seen.add(ind.id)
            chosen.append(ind)
            if len(chosen) >= limit:
                return True
        return False

    def templates(kind: str, sectors: set[str] | None, strong: bool | None = None):
        for cand in candidates:
            if strong is not None and (cand.confidence >= CLEAR) != strong:
                continue
            if cand.ptype.kind == kind and (sectors is None or cand.ptype.sector in sectors):
                yield from (search.kb.by_id[i] for i in cand.ptype.indicators)

    def sector_first(sectors: set[str]):
        """Each sector, surest first: the sector's indicators in the templates of its
        project types (surest type first), then its other indicators; within each,
        those sharing words with the project first."""
        for guess in (g for g in sure if g.sector in sectors):
            for cand in candidates:
                if cand.ptype.kind == "sector" and cand.ptype.sector == guess.sector:
                    listed = (search.kb.by_id[i] for i in cand.ptype.indicators)
                    yield from _by_overlap(
                        [i for i in listed if i.level2 == level2 and i.sector == guess.sector], context
                    )
            yield from _by_overlap(search.by_sector_level2.get((guess.sector, level2), ()), context)

    steps = (
        lambda: sector_first(own),
        lambda: templates("spending", None, strong=True),
        lambda: sector_first(by_department),
        lambda: templates("spending", None, strong=False),
        lambda: templates("sector", known),
        lambda: (i for i in search.by_sector_level2.get(("", level2), ()) if not i.project_types),
        lambda: _by_overlap(search.by_sector_level2.get(("", level2), ()), context, shared_only=True),
    )
    for step in steps:
        if put(step()):
            break
    return chosen


# Words every project name has: they say nothing about which indicators fit.
_COMMON_PAIRS = {"项目", "资金", "经费", "工作", "专项", "财政", "年度", "中央", "省级", "市级", "县级", "补助"}


@lru_cache(maxsize=256)
def _pairs(context: str) -> frozenset[str]:
    """The context's two-character words, the common ones left out."""
    return frozenset(context[i : i + 2] for i in range(len(context) - 1)) - _COMMON_PAIRS


def _by_overlap(indicators, context: str, shared_only: bool = False) -> list[Indicator]:
    """Indicators sharing two-character words with the context first (stable);
    with `shared_only`, only those."""
    pairs = _pairs(context)

    def shared(ind: Indicator) -> int:
        return sum(ind.name[i : i + 2] in pairs for i in range(len(ind.name) - 1))

    scored = [(shared(ind), ind) for ind in indicators]
    return [ind for score, ind in sorted(scored, key=lambda pair: -pair[0]) if score or not shared_only]
