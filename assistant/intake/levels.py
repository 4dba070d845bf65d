"""一级/二级 labels as printed, mapped onto the framework (classic by default)."""

from __future__ import annotations

import os
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
def _vocabulary() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(level1 spelling -> level1, level2 spelling -> level2, level2 -> its level1)
    over the frameworks in knowledge/ (classic first) and the level labels the
    local templates print (数量指标(或建筑规模指标), 项目完成指标 …)."""
    from assistant.knowledge import load

    kb = load()
    level1: dict[str, str] = dict(LEVEL1_ALIASES)
    level2: dict[str, str] = {}
    parents: dict[str, str] = {}
    for framework_id in ("classic", "mof-2021"):
        framework = kb.framework(framework_id)
        for name in framework.level1_names:
            level1.setdefault(name, name)
            for child in framework.children(name):
                parents.setdefault(child.name, name)
                level2.setdefault(child.name, child.name)
                level2.setdefault(child.name.removesuffix("指标"), child.name)
    for printed, (name1, name2) in _template_labels():
        if name2:
            level2.setdefault(printed, name2)
        elif name1:
            level1.setdefault(printed, name1)
    return level1, level2, parents


def _template_labels() -> list[tuple[str, tuple[str | None, str | None]]]:
    try:
        from assistant.knowledge.templates import template, template_ids

        return [
            (normalise_label(printed), tuple(target))
            for template_id in template_ids()
            for printed, target in template(template_id).get("level_labels", {}).items()
        ]
    except Exception:  # noqa: BLE001 - no templates installed
        return []


def parent(level2: str) -> str | None:
    return _vocabulary()[2].get(level2)


def children(level1: str) -> list[str]:
    return [name for name, parent_name in _vocabulary()[2].items() if parent_name == level1]


def level2_name(spelling: str) -> str | None:
    """The framework 二级 name a spelling stands for."""
    return _vocabulary()[1].get(spelling)


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
    level1, level2, _ = _vocabulary()
    if key in level2:  # 成本指标: a classic 二级 first (a mof-2021 一级 by position)
        return "level2", level2[key]
    if key in level1:
        return "level1", level1[key]
    if not fuzzy or len(key) < 4 or len(key) > 16 or "指标" not in key:
        return None  # values such as 持续影响 are close to labels; labels say 指标
    found = process.extractOne(key, list(level2) + list(level1), scorer=fuzz.ratio, score_cutoff=88)
    if found:
        return ("level2", level2[found[0]]) if found[0] in level2 else ("level1", level1[found[0]])
    return _shortened(key, level1, level2)


def shortened(text: str) -> list[Level]:
    """A printed label that is a shortened framework name (可持续性, 成本控制指标), for
    a cell known to be a label by its column."""
    level1, level2, _ = _vocabulary()
    found = _shortened(normalise_label(text), level1, level2)
    return [Level(found[0], found[1], text)] if found else []


def _shortened(key: str, level1: dict[str, str], level2: dict[str, str]) -> tuple[str, str] | None:
    """A label ending in 指标 that shares a head of two or more characters with
    exactly one framework name (服务对象或受益者满意度指标, 可持续性发展影响指标)."""
    stem = key.removesuffix("指标")
    names = [("level2", n) for n in set(level2.values())] + [("level1", n) for n in set(level1.values())]
    scored = sorted(((len(os.path.commonprefix([stem, name])), kind, name) for kind, name in names), reverse=True)
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1], scored[0][2]


def is_label(text: str) -> bool:
    return bool(classify(text))


__all__ = ["Level", "children", "classify", "is_label", "level2_name", "normalise_label", "parent"]
