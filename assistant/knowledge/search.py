"""Fuzzy search of the standard indicators (rapidfuzz).

Chinese has no spaces, so matching is on characters: `partial_ratio` finds an
indicator name inside a longer query (a project name or a goal sentence) and
tolerates a wrong character or two. Indicators of the project types that the
query points to (网络专线 → network_leasing) rank first. A query in latin
letters is pinyin or initials (szdbl → 水质达标率).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from assistant.knowledge.base import Indicator, KnowledgeBase, ProjectType
from assistant.knowledge.fuzzy import best_ratio, extract, length_buckets
from assistant.knowledge.pinyin import PinyinIndex, is_pinyin

# A project type must match this well before it reorders results.
_TYPE_THRESHOLD = 60.0
_TYPE_BOOST = 40.0
# A sector the query names (its project name) lifts its indicators and lowers other sectors'.
_SECTOR_BOOST = 20.0


class Hit(NamedTuple):
    """A standard indicator found by a search, with its score and the string that matched."""

    indicator: Indicator
    score: float
    matched: str  # the string that matched best (name, alias or keyword)


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
    def _choices_by_level2(self) -> dict[str, tuple[list[str], list[int]]]:
        """The choices of each 二级 category, in the same order as `_choices`."""
        parts: dict[str, tuple[list[str], list[int]]] = {}
        for text, owner in zip(*self._choices):
            strings, owners = parts.setdefault(self.kb.indicators[owner].level2, ([], []))
            strings.append(text)
            owners.append(owner)
        return parts

    def _buckets(self, level2: str | None) -> dict[int, tuple[list[str], list[int]]]:
        """The choices of `_choices_for(level2)` by length (see `fuzzy.extract`), built once."""
        cache = self.__dict__.setdefault("_bucket_cache", {})
        if level2 not in cache:
            cache[level2] = length_buckets(self._choices_for(level2)[0])
        return cache[level2]

    def _choices_for(self, level2: str | None) -> tuple[list[str], list[int]]:
        if level2 is None:
            return self._choices
        return self._choices_by_level2.get(level2, ([], []))

    @cached_property
    def _pinyin(self) -> PinyinIndex:
        return PinyinIndex(self._choices[0], self.kb.directory)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {ind.id: index for index, ind in enumerate(self.kb.indicators)}

    @cached_property
    def _keyword_owners(self) -> dict[str, list[int]]:
        owners: dict[str, list[int]] = {}
        for index, ind in enumerate(self.kb.indicators):
            for word in ind.keywords:
                owners.setdefault(word, []).append(index)
        return owners

    @cached_property
    def _keyword_rank(self) -> dict[str, int]:
        return {word: rank for rank, word in enumerate(self._keyword_owners)}

    @cached_property
    def _keyword_lengths(self) -> list[int]:
        return sorted({len(word) for word in self._keyword_owners if len(word) >= 2})

    def _keywords_in(self, query: str) -> list[str]:
        """The keywords (2+ characters) found in `query`, in `_keyword_owners` order:
        the query's substrings looked up, not every keyword searched for."""
        rank = self._keyword_rank
        found = {query[i : i + n] for n in self._keyword_lengths for i in range(len(query) - n + 1)}
        return sorted((word for word in found if word in rank), key=rank.__getitem__)

    def project_types(self, text: str) -> list[tuple[ProjectType, float]]:
        """Project types the text belongs to, best first, with a 0–100 strength."""
        text = text.strip()
        if not text:
            return []
        return _memo(self, "_type_cache", (text,), lambda: self._project_types(text))

    @cached_property
    def _type_strings(self) -> tuple[list[str], list[tuple[int, bool]], dict[int, tuple[list[str], list[int]]]]:
        """Every project type's name and keywords (2+ characters), with (type, is its
        name), and their length buckets (see `fuzzy.extract`)."""
        strings: list[str] = []
        owners: list[tuple[int, bool]] = []
        for index, ptype in enumerate(self.kb.project_types.values()):
            for text, is_name in ((ptype.name, True), *((w, False) for w in ptype.keywords if len(w) >= 2)):
                strings.append(text)
                owners.append((index, is_name))
        return strings, owners, length_buckets(strings)

    def _project_types(self, text: str) -> list[tuple[ProjectType, float]]:
        # A type's fuzzy strength is max(partial_ratio(name), 0.9 · best keyword's) and
        # counts only from 75: so one pass over every name and keyword, cut off at 75
        # and prefiltered by `fuzzy.extract`, finds every score that can count
        # (partial_ratio is symmetric).
        strings, owners, buckets = self._type_strings
        by_name: dict[int, float] = {}
        by_keyword: dict[int, float] = {}
        for _, score, pos in extract(text, strings, cutoff=75, buckets=buckets, scorer=fuzz.partial_ratio):
            index, is_name = owners[pos]
            best = by_name if is_name else by_keyword
            best[index] = max(best.get(index, 0.0), score)
        ranked = []
        for index, ptype in enumerate(self.kb.project_types.values()):
            hits = sum(1 for w in ptype.keywords if w in text)
            exact = 100.0 * min(1.0, hits / 2) if hits else 0.0
            fuzzy = max(by_name.get(index, 0.0), by_keyword.get(index, 0.0) * 0.9)
            strength = max(exact, fuzzy if fuzzy >= 75 else 0.0)
            if strength >= _TYPE_THRESHOLD:
                ranked.append((ptype, strength))
        ranked.sort(key=lambda pair: -pair[1])
        return ranked

    def search(self, query: str, *, level2: str | None = None, context: str = "", limit: int = 10) -> list[Hit]:
        """Indicators for `query` (words, a name, a goal). `context` (project name and
        goals) only decides which project types to prefer."""
        query = query.strip()
        if not query and not context:
            return []
        strings, owners = self._choices_for(level2)
        best: dict[int, Hit] = {}
        if is_pinyin(query):
            for pos, score in self._pinyin.matches(query):
                owner = self._choices[1][pos]
                ind = self.kb.indicators[owner]
                if (level2 is None or ind.level2 == level2) and (owner not in best or score > best[owner].score):
                    best[owner] = Hit(ind, score, self._choices[0][pos])
        elif query:
            for text, score, pos in extract(query, strings, cutoff=45, buckets=self._buckets(level2)):
                owner = owners[pos]
                if owner not in best or score > best[owner].score:
                    best[owner] = Hit(self.kb.indicators[owner], float(score), text)
            for word in self._keywords_in(query):
                for owner in self._keyword_owners[word]:
                    score = 55.0 + min(len(word), 6) * 3
                    if owner not in best or score > best[owner].score:
                        best[owner] = Hit(self.kb.indicators[owner], score, word)
        types = self.project_types(f"{query} {context}")
        if types:
            strength = {ptype.id: s for ptype, s in types}
            for ptype, _ in types:
                for rank, ind_id in enumerate(ptype.indicators):
                    owner = self._positions[ind_id]
                    boost = _TYPE_BOOST * strength[ptype.id] / 100 - rank * 0.5
                    base = best[owner].score if owner in best else 40.0
                    matched = best[owner].matched if owner in best else ptype.name
                    best[owner] = Hit(self.kb.indicators[owner], base + boost, matched)
        hits = [h for h in best.values() if level2 is None or h.indicator.level2 == level2]
        sectors = {g.sector for g in self.recognize(query or context).sure_sectors if g.from_name}
        if sectors:  # 就业补助资金: employment indicators before another sector's 补助经费
            hits = [
                Hit(
                    h.indicator,
                    h.score
                    + (
                        _SECTOR_BOOST
                        if h.indicator.sector in sectors
                        else -_SECTOR_BOOST
                        if h.indicator.sector
                        else 0.0
                    ),
                    h.matched,
                )
                for h in hits
            ]
        hits.sort(key=lambda h: (-h.score, h.indicator.id))
        return hits[:limit]

    @cached_property
    def recognizer(self):
        from assistant.knowledge.recognize import Recognizer

        return Recognizer(self.kb)

    def recognize(self, name: str = "", goals: str = "", department: str = ""):
        """The project's sector and spending types, ranked, with confidence (see recognize.py).
        Kept per (name, goals, department): every indicator question asks it again."""
        return _memo(
            self, "_recognized", (name, goals, department), lambda: self.recognizer.recognize(name, goals, department)
        )

    def suggest(
        self,
        context: str,
        level2: str,
        limit: int = 5,
        department: str = "",
        goals: str = "",
        sector: str | None = None,
    ) -> list[Indicator]:
        """Standard indicators of one 二级 category for a project — `context` is its
        name (or name and goals), `goals` and `department` add weaker signals, `sector`
        is the user's own choice if asked: its own sector's first, then its spending
        types', then cross-cutting ones; never another sector's (see suggest.py)."""
        from assistant.knowledge.suggest import suggest

        # Every redraw of an indicator question asks again with the same project.
        key = (context, level2, limit, department, goals, sector)
        found = _memo(self, "_suggested", key, lambda: suggest(self, context, level2, limit, department, goals, sector))
        return list(found)

    def suggest_by_search(self, context: str, level2: str, limit: int = 5) -> list[Indicator]:
        """Suggestions when no sector is known: the project types the text points to,
        in template order, then the best matches, then generic indicators."""
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
            seen = {i.id for i in chosen}
            generic = (i for i in self.kb.indicators if i.level2 == level2 and not i.project_types)
            for ind in generic:
                if len(chosen) >= limit:
                    break
                if ind.id not in seen:
                    chosen.append(ind)
        return chosen[:limit]

    @cached_property
    def by_name(self) -> dict[str, Indicator]:
        """Each standard name's indicator (the first, if two share a name)."""
        names: dict[str, Indicator] = {}
        for ind in self.kb.indicators:
            names.setdefault(ind.name, ind)
        return names

    def example_value(self, ind: Indicator) -> str | None:
        """A value to show as the example for `ind`: its typical value, else the
        typical value of an indicator with the same unit and operator (of its own
        sector first) — a real value written the same way. None if there is none."""
        if ind.typical:
            return ind.typical
        if ind.operator == "定性":  # a described value: another indicator's says nothing about this one
            return None
        values = self.__dict__.setdefault("_example_values", {})
        key = (ind.sector, ind.unit, ind.operator)
        if key not in values:
            same = [i for i in self.kb.indicators if i.typical and i.unit == ind.unit and i.operator == ind.operator]
            same.sort(key=lambda i: i.sector != ind.sector)
            values[key] = same[0].typical if same else None
        return values[key]

    @cached_property
    def level2s(self) -> frozenset[str]:
        """The 二级 categories that have standard indicators."""
        return frozenset(ind.level2 for ind in self.kb.indicators)

    @cached_property
    def by_sector_level2(self) -> dict[tuple[str, str], list[Indicator]]:
        index: dict[tuple[str, str], list[Indicator]] = {}
        for ind in self.kb.indicators:
            index.setdefault((ind.sector, ind.level2), []).append(ind)
        return index

    def closest(self, name: str, *, level2: str | None = None, cutoff: float = 70, loose: bool = False) -> Hit | None:
        """The standard indicator whose name (or alias) is nearest to `name`.
        `loose` also accepts a typed name found inside a longer standard one
        (村卫生事专线 → 村卫生室专线数量), as the interview wants. Kept per
        question: the rules ask it for every row at every check."""
        key = (name.strip(), level2, cutoff, loose)
        return _memo(self, "_closest_hits", key, lambda: self._closest(*key))

    def _closest(self, name: str, level2: str | None, cutoff: float, loose: bool) -> Hit | None:
        strings, owners = self._choices_for(level2)
        if loose:
            found = extract(name, strings, cutoff=cutoff, limit=1, buckets=self._buckets(level2))
        else:
            found = best_ratio(name, self._buckets(level2), cutoff)
        for text, score, pos in found:
            return Hit(self.kb.indicators[owners[pos]], float(score), text)
        return None


def _memo(search: IndicatorSearch, name: str, key: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()` kept in the search's cache `name` under `key`; a long session
    sees many texts, so a full cache starts again (at 2,048)."""
    cache = search.__dict__.setdefault(name, {})
    if key not in cache:
        if len(cache) >= 2048:
            cache.clear()
        cache[key] = compute()
    return cache[key]
