"""Which kind of project is this? Sector (水利、教育…) and spending type (会议、
设备购置…) from the project name, its goals and the department's name.

Each project type carries its own signals (knowledge/project_types.json):
`keywords` found in the name or goals (河道、水库 → 水利; 雪亮工程 → 公安) and
`departments` words found in the department name (水利局 → 水利). A project
may be of a sector *and* a spending type (a school's 设备购置): both are kept.
Confidence is 0–1: a long keyword in the project name is near-certain, a
two-character one is a hint, words in the goals count half.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from assistant.knowledge.base import KnowledgeBase, ProjectType

# A sector this sure is the project's; below it, it only shows among the choices.
SURE = 0.5
# The question "这个项目属于哪一类？" is worth asking below this, or when two sectors are this close.
CLEAR = 0.75
CLOSE = 0.1
_PLACE_WEIGHT = {"name": 1.0, "goals": 0.5}
_DEPARTMENT_WEIGHT = 0.8
OTHER = "其他"


def _keyword_weight(word: str) -> float:
    return {1: 0.3, 2: 0.7, 3: 0.85}.get(len(word), 0.95)


@dataclass(frozen=True)
class Candidate:
    ptype: ProjectType
    confidence: float
    signals: tuple[str, ...]  # the words that matched
    from_name: bool  # matched by the project name (not only its goals or department)


@dataclass(frozen=True)
class SectorGuess:
    sector: str
    name: str
    confidence: float
    from_name: bool


@dataclass(frozen=True)
class Recognition:
    candidates: tuple[Candidate, ...]  # best first
    sector_names: dict[str, str]

    @cached_property
    def sectors(self) -> tuple[SectorGuess, ...]:
        """The sectors, best first (one entry per sector: its best project type)."""
        best: dict[str, SectorGuess] = {}
        for cand in self.candidates:
            sector = cand.ptype.sector
            if cand.ptype.kind != "sector" or not sector:
                continue
            old = best.get(sector)
            if old is None or cand.confidence > old.confidence:
                best[sector] = SectorGuess(
                    sector,
                    self.sector_names.get(sector, cand.ptype.name),
                    cand.confidence,
                    cand.from_name or bool(old and old.from_name),
                )
            elif cand.from_name and not old.from_name:
                best[sector] = SectorGuess(sector, old.name, old.confidence, True)
        return tuple(sorted(best.values(), key=lambda g: -g.confidence))

    @property
    def spending(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.ptype.kind == "spending" and c.confidence >= SURE)

    @property
    def sure_sectors(self) -> tuple[SectorGuess, ...]:
        return tuple(g for g in self.sectors if g.confidence >= SURE)

    @property
    def unsure(self) -> bool:
        """Worth asking "这个项目属于哪一类？": no clear sector, or two close ones."""
        ranked = self.sectors
        if not ranked or ranked[0].confidence < CLEAR:
            return True
        return len(ranked) > 1 and ranked[1].confidence > ranked[0].confidence - CLOSE

    @property
    def example_goal(self) -> str | None:
        """A goal written for the sector the project's name points to (its surest
        project type of that sector), or None when the name points to none."""
        named = [g.sector for g in self.sure_sectors if g.from_name]
        if not named:
            return None
        return next(
            c.ptype.example_goal for c in self.candidates if c.ptype.kind == "sector" and c.ptype.sector == named[0]
        )

    def choices(self, count: int = 3) -> list[str]:
        """The question's options: the top sectors by name, then 其他."""
        return [g.name for g in self.sectors[:count]] + [OTHER]

    def sector_of_choice(self, answer: str) -> str | None:
        """The sector id for an answer to `choices` (its number or its name); None for 其他."""
        options = self.choices()
        text = answer.strip()
        if text.isdecimal() and 1 <= int(text) <= len(options):
            text = options[int(text) - 1]
        for guess in self.sectors:
            if text == guess.name:
                return guess.sector
        return next((sid for sid, name in self.sector_names.items() if name == text), None)


class Recognizer:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._cache: dict[tuple[str, str, str], Recognition] = {}

    def recognize(self, name: str = "", goals: str = "", department: str = "") -> Recognition:
        key = (name.strip(), goals.strip(), department.strip())
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 512:  # a long session sees many texts; keep the newest
                self._cache.clear()
            found = self._cache[key] = self._recognize(*key)
        return found

    def _recognize(self, name: str, goals: str, department: str) -> Recognition:
        places = {"name": name, "goals": goals}
        candidates = []
        for ptype in self.kb.project_types.values():
            weights: list[float] = []
            signals: list[str] = []
            from_name = False
            for place, text in places.items():
                for word in _longest(w for w in ptype.keywords if w and w in text):
                    weights.append(_keyword_weight(word) * _PLACE_WEIGHT[place])
                    signals.append(word)
                    from_name = from_name or place == "name"
            if department:
                hits = _longest(w for w in ptype.departments if w in department)
                if hits:
                    weights.append(_DEPARTMENT_WEIGHT)
                    signals.extend(hits)
            if not weights and name and _fuzzy_name(ptype.name, name):
                weights.append(0.6)
                signals.append(ptype.name)
                from_name = True
            if weights:
                remaining = 1.0
                for weight in weights:
                    remaining *= 1.0 - weight
                candidates.append(Candidate(ptype, round(1.0 - remaining, 4), tuple(signals), from_name))
        # at equal confidence: sectors before spending types, a sector's specific
        # project types (养老服务) before the sector as a whole (民政)
        candidates.sort(
            key=lambda c: (-c.confidence, c.ptype.kind != "sector", c.ptype.id == c.ptype.sector, c.ptype.id)
        )
        return Recognition(tuple(candidates), self.kb.sectors)


def _longest(words) -> list[str]:
    """Matched words without those inside another matched word (基本公共卫生 ⊃ 公共卫生)."""
    found = sorted(set(words), key=len, reverse=True)
    kept: list[str] = []
    for word in found:
        if not any(word in longer for longer in kept):
            kept.append(word)
    return kept


def _fuzzy_name(type_name: str, text: str) -> bool:
    """The type's own name, nearly, in the project name (typo-tolerant)."""
    if len(type_name) < 3:
        return False
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(type_name, text) >= 85
