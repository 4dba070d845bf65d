"""Fuzzy search of the standard indicators (rapidfuzz).

Chinese has no spaces, so matching is on characters: `partial_ratio` finds an
indicator name inside a longer query (a project name or a goal sentence) and
tolerates a wrong character or two. Indicators of the project types that the
query points to (网络专线 → network_leasing) rank first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from assistant.knowledge.base import Indicator, KnowledgeBase, ProjectType

# A project type must match this well before it reorders results.
_TYPE_THRESHOLD = 60.0
_TYPE_BOOST = 40.0


@dataclass(frozen=True)
class Hit:
    indicator: Indicator
    score: float
    matched: str   # the string that matched best (name, alias or keyword)


class IndicatorSearch:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    @cached_property
    def _choices(self) -> tuple[list[str], list[int]]:
        strings: list[str] = []
        owners: list[int] = []
        for index, ind in enumerate(self.kb.indicators):
            for text in (ind.name, *ind.aliases):
                strings.append(text)
                owners.append(index)
        return strings, owners

    @cached_property
    def _keyword_owners(self) -> dict[str, list[int]]:
        owners: dict[str, list[int]] = {}
        for index, ind in enumerate(self.kb.indicators):
            for word in ind.keywords:
                owners.setdefault(word, []).append(index)
        return owners

    def project_types(self, text: str) -> list[tuple[ProjectType, float]]:
        """Project types the text belongs to, best first, with a 0–100 strength."""
        text = text.strip()
        if not text:
            return []
        ranked = []
        for ptype in self.kb.project_types.values():
            hits = [w for w in ptype.keywords if w in text]
            exact = 100.0 * min(1.0, len(hits) / 2) if hits else 0.0
            fuzzy = max(fuzz.partial_ratio(ptype.name, text),
                        max((fuzz.partial_ratio(w, text) for w in ptype.keywords if len(w) >= 2),
                            default=0.0) * 0.9)
            strength = max(exact, fuzzy if fuzzy >= 75 else 0.0)
            if strength >= _TYPE_THRESHOLD:
                ranked.append((ptype, strength))
        ranked.sort(key=lambda pair: -pair[1])
        return ranked

    def search(self, query: str, *, level2: str | None = None, context: str = "",
               limit: int = 10) -> list[Hit]:
        """Indicators for `query` (words, a name, a goal). `context` (project name and
        goals) only decides which project types to prefer."""
        query = query.strip()
        if not query and not context:
            return []
        strings, owners = self._choices
        best: dict[int, Hit] = {}
        if query:
            for text, score, pos in process.extract(query, strings, scorer=_score, limit=None,
                                                   score_cutoff=45):
                owner = owners[pos]
                if owner not in best or score > best[owner].score:
                    best[owner] = Hit(self.kb.indicators[owner], float(score), text)
            for word, idxs in self._keyword_owners.items():
                if len(word) >= 2 and word in query:
                    for owner in idxs:
                        score = 55.0 + min(len(word), 6) * 3
                        if owner not in best or score > best[owner].score:
                            best[owner] = Hit(self.kb.indicators[owner], score, word)
        types = self.project_types(f"{query} {context}")
        if types:
            strength = {ptype.id: s for ptype, s in types}
            for ptype, _ in types:
                for rank, ind_id in enumerate(ptype.indicators):
                    owner = self.kb.indicators.index(self.kb.by_id[ind_id])
                    boost = _TYPE_BOOST * strength[ptype.id] / 100 - rank * 0.5
                    base = best[owner].score if owner in best else 40.0
                    matched = best[owner].matched if owner in best else ptype.name
                    best[owner] = Hit(self.kb.indicators[owner], base + boost, matched)
        hits = [h for h in best.values() if level2 is None or h.indicator.level2 == level2]
        hits.sort(key=lambda h: (-h.score, h.indicator.id))
        return hits[:limit]

    def suggest(self, context: str, level2: str, limit: int = 5) -> list[Indicator]:
        """Standard indicators of one 二级 category for a project (its name and goals):
        first those its project types list, in template order, then the best matches."""
        chosen: list[Indicator] = []
        for ptype, _ in self.project_types(context):
            for ind_id in ptype.indicators:
                ind = self.kb.by_id[ind_id]
                if ind.level2 == level2 and ind not in chosen:
                    chosen.append(ind)
        for hit in self.search(context, level2=level2, limit=limit * 2):
            if hit.indicator not in chosen:
                chosen.append(hit.indicator)
        if len(chosen) < limit:
            generic = [i for i in self.kb.indicators if i.level2 == level2 and not i.project_types]
            chosen.extend(i for i in generic if i not in chosen)
        return chosen[:limit]

    def closest(self, name: str, *, level2: str | None = None, cutoff: float = 70,
                loose: bool = False) -> Hit | None:
        """The standard indicator whose name (or alias) is nearest to `name`.
        `loose` also accepts a typed name found inside a longer standard one
        (村卫生事专线 → 村卫生室专线数量), as the interview wants."""
        strings, owners = self._choices
        scorer = _score if loose else fuzz.ratio
        for text, score, pos in process.extract(name.strip(), strings, scorer=scorer,
                                                score_cutoff=cutoff, limit=20):
            indicator = self.kb.indicators[owners[pos]]
            if level2 is None or indicator.level2 == level2:
                return Hit(indicator, float(score), text)
        return None


def _score(query: str, choice: str, **kwargs) -> float:
    """Whole-string similarity, or the query found inside the name (or the name
    inside a long query), whichever is higher; a short query inside a long name
    is discounted so `率` alone does not match everything."""
    full = fuzz.ratio(query, choice, **kwargs)
    partial = fuzz.partial_ratio(query, choice, **kwargs)
    shorter = min(len(query), len(choice))
    if shorter < 2:
        return full
    return max(full, partial * (0.75 + 0.25 * min(shorter, 6) / 6))
