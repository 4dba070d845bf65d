"""一级/二级 labels as printed, mapped onto the framework (classic by default)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from assistant.intake.labels import LEVEL1_ALIASES, normalise_label, split_levels


@dataclass(frozen=True)
class Level:
    kind: str  # "level1" | "level2"
    name: str  # framework name
    printed: str


@cache
def _vocabulary() -> tuple[dict[str, str], dict[str, str]]:
    """(level1 spelling -> level1, level2 spelling -> its level1) over the
    frameworks in knowledge/, classic first."""
    from assistant.knowledge import load

    kb = load()
    level1: dict[str, str] = dict(LEVEL1_ALIASES)
    level2: dict[str, str] = {}
    for framework_id in ("classic", "mof-2021"):
        framework = kb.framework(framework_id)
        for name in framework.level1_names:
            level1.setdefault(name, name)
            for child in framework.children(name):
                level2.setdefault(child.name, name)
                short = child.name.removesuffix("指标")
                level2.setdefault(short, name)
    return level1, level2


def parent(level2: str) -> str | None:
    return _vocabulary()[1].get(level2)


def children(level1: str) -> list[str]:
    return [name for name, parent_name in _vocabulary()[1].items()
            if parent_name == level1 and name.endswith("指标")]


def level2_name(spelling: str) -> str | None:
    """The framework 二级 name a spelling stands for."""
    level2 = _vocabulary()[1]
    if spelling in level2:
        return spelling if spelling.endswith("指标") else spelling + "指标"
    return None


def classify(text: str, *, fuzzy: bool = True) -> list[Level]:
    """The levels a cell prints: [] if it is no level label, one or two
    (`【产出指标-数量指标】`)."""
    out: list[Level] = []
    for part in split_levels(text):
        level = _one(part, fuzzy)
        if level is None:
            return []
        out.append(Level(level[0], level[1], text))
    return out


def _one(key: str, fuzzy: bool) -> tuple[str, str] | None:
    level1, level2 = _vocabulary()
    if key in level2:  # 成本指标: a classic 二级 first (a mof-2021 一级 by position)
        return "level2", level2_name(key)
    if key in level1:
        return "level1", level1[key]
    if not fuzzy or len(key) < 4 or len(key) > 14 or "指标" not in key:
        return None  # values such as 持续影响 are close to labels; labels say 指标
    found = process.extractOne(key, list(level2) + list(level1), scorer=fuzz.ratio, score_cutoff=88)
    if not found:
        return None
    if found[0] in level2:
        return "level2", level2_name(found[0])
    return "level1", level1[found[0]]


def is_label(text: str) -> bool:
    return bool(classify(text))


__all__ = ["Level", "children", "classify", "is_label", "level2_name", "normalise_label", "parent"]
