"""Fixes in words, from any question: `把 参保群众满意度 改成 ≥95%`,
`修改 中期 水质达标率 为 ≥96%`, `把 保障工作顺利进行 改成 为9名窗口人员…`.

The name may be a goal (its text, or a good part of it) or an indicator
(typos allowed). A project with mid-term rows has two sets: `中期`/`年度`
before the name chooses one; a name found in both, without it, is asked about.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from assistant import forms
from assistant.interview.model import FIX, Reply

SET_WORDS = {"中期": forms.MID_TERM, "年度": forms.ANNUAL, "今年": forms.ANNUAL}  # a set named by its period
_SET_PREFIX = re.compile(r"^(?P<set>中期|年度|今年)\s*(?:的\s*)?(?:绩效)?(?:指标|目标)?\s*[:：]?\s*(?P<rest>.+)$")
_GOAL_CUTOFF = 85


def split_set(name: str) -> tuple[str | None, str]:
    """`中期 水质达标率` → (MID_TERM, "水质达标率"); no set word → (None, name)."""
    match = _SET_PREFIX.match(name.strip())
    if not match:
        return None, name.strip()
    return SET_WORDS[match.group("set")], match.group("rest").strip()


def _in_set(spec: forms.IndicatorSetSpec | forms.GoalSetSpec, wanted: str | None) -> bool:
    return wanted is None or spec.period == wanted


def _goal_matches(goal: str, name: str) -> bool:
    if not isinstance(goal, str) or len(name) < 4:
        return False
    return name == goal or name in goal or fuzz.ratio(name, goal) >= _GOAL_CUTOFF


def goal_sets(iv) -> list[forms.GoalSetSpec]:
    """The form's goal sets whose goals are texts (a self-evaluation's goals
    are {expected, actual} rows, changed through their own questions)."""
    kind = forms.kind_of(iv.form)
    return [spec for spec in kind.goal_sets if spec.text_key is None] if kind else []


def _indicator_sets(iv) -> dict[str, forms.IndicatorSetSpec]:
    kind = forms.kind_of(iv.form)
    return {spec.path: spec for spec in kind.indicator_sets} if kind else {}


def fix_goal(iv, name: str, value: str) -> Reply | None:
    """Change the goal `name` names; None when no goal fits."""
    from assistant.interview.handlers.item_list import item_key, items_at
    from assistant.interview.handlers.registry import handler

    wanted, bare = split_set(name)
    found = []
    for spec in goal_sets(iv):
        for index, goal in enumerate(items_at(iv.record, spec.path)):
            if _goal_matches(goal, name) or (wanted and _in_set(spec, wanted) and _goal_matches(goal, bare)):
                found.append((spec, index, goal))
    if not found:
        return None
    sets = {s for s, _, _ in found}
    if len(sets) > 1:
        return Reply.error(
            f"“{bare}”在年度目标和中期目标里都有。请说“把 年度 {bare} 改成 …”或“把 中期 {bare} 改成 …”。"
        )
    spec, index, before = found[0]
    set_path = spec.path
    entry = iv.entry_for(set_path)
    key = item_key(set_path, index)
    goals = handler(entry.kind)
    question = goals.question_for(iv, entry, key)
    if question is None:
        return Reply.error(f"第 {index + 1} 条目标现在不能修改。")
    reply = goals.apply(iv, entry, question, value)
    if reply.accepted:
        label = f"{spec.label}目标" if spec.period == forms.MID_TERM else "目标"
        reply.kind = FIX
        reply.message = f"已修改第 {index + 1} 条{label}：“{_short(before)}” → “{_short(value)}”"
    return reply


def fix_indicator(iv, name: str, value: str) -> Reply | None:
    """Change one indicator's value; None when there are no indicators yet."""
    from assistant.interview.handlers.item_list import item_key
    from assistant.interview.handlers.record_parts import rows_of
    from assistant.interview.handlers.registry import handler

    sets = _indicator_sets(iv)
    candidates = [
        (s, i, row.get("name", "")) for s in sets for i, row in enumerate(rows_of(iv, s)) if not row.get("_todo")
    ]
    if not candidates:
        return None
    wanted, bare = split_set(name)
    if wanted and any(c[2] == name for c in candidates):  # a name that itself starts with 年度…
        wanted, bare = None, name
    pool = [c for c in candidates if _in_set(sets[c[0]], wanted)] or candidates
    names = [c[2] for c in pool]
    match = process.extractOne(bare, names, scorer=fuzz.WRatio, score_cutoff=70)
    if match is None:
        return Reply.error(f"没有找到名称接近“{bare}”的指标。已有：{'、'.join(dict.fromkeys(names))}")
    set_path, index, found = pool[match[2]]
    both = {c[0] for c in candidates if c[2] == found}
    if wanted is None and len(both) > 1:
        values = "；".join(f"{sets[s].label} {_value(iv, sets[s], found)}" for s in sorted(both))
        return Reply.error(
            f"“{found}”年度指标和中期指标里都有（{values}）。要改哪一个？"
            f"请说“修改 年度 {found} 为 {value}”或“修改 中期 {found} 为 {value}”。"
        )
    entry = iv.entry_for(set_path)
    key = item_key(set_path, index, "value")
    kind = handler(entry.kind)
    question = kind.question_for(iv, entry, key)
    if question is None:
        return Reply.error(f"指标“{rows_of(iv, set_path)[index].get('name')}”现在不能修改。")
    value = kind.resolve(iv, entry, question, value)
    row = rows_of(iv, set_path)[index]
    before = row.get(sets[set_path].value_key)
    reply = kind.apply(iv, entry, question, value)
    if reply.accepted:
        spec = sets[set_path]
        where = f"{spec.label}指标" if spec.period == forms.MID_TERM and len(sets) > 1 else ""
        reply.kind = FIX
        reply.message = f"已修改{where}“{found}”：{before} → {value}"
        twin = next((s for s in both if s != set_path), None)
        if twin:  # the same indicator in the other set keeps its value: say so
            label = sets[twin].label
            reply.message += f"。{label}指标里的“{found}”仍是 {_value(iv, sets[twin], found)}，要一起改请说“修改 {label} {found} 为 …”。"
    return reply


def fix_in_words(iv, name: str, value: str) -> Reply | None:
    """A goal first (its text is long and specific), then an indicator."""
    from assistant.interview import checks

    reply = fix_goal(iv, name, value)
    if reply is None:
        reply = fix_indicator(iv, name, value)
    if reply is not None and reply.accepted:
        checks.flag_errors(iv, None, reply, key=_fixed_key(iv))
    return reply


def _fixed_key(iv) -> str:
    history = iv.state.history
    return history[-1][0] if history else ""


def _value(iv, spec: forms.IndicatorSetSpec, name: str) -> str:
    from assistant.interview.handlers.record_parts import rows_of

    return next((r.get(spec.value_key, "") for r in rows_of(iv, spec.path) if r.get("name") == name), "")


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


__all__ = ["fix_goal", "fix_in_words", "fix_indicator", "split_set"]
