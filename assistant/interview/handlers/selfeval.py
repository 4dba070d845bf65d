"""项目支出绩效自评表: the interview kinds, the record skeleton (from a stored
declaration or from nothing), and `start_self_evaluation`.

Listed in `handlers/registry.py`: its KINDS, skeleton and prefilled.

From a declaration (`source`): the project, the annual goals (as 预期目标)
and the annual indicators (value → target) are carried over and marked
answered; 年初预算数 is the declared annual funds; weights are proposed from
the scoring profile. The interview then asks the funds, the 实际完成情况 of
each goal, and for each indicator its actual value (or achievement band and
score), with 偏差原因 only where points were lost. `source` may carry `_id`,
the declaration's store id, kept as `declaration_id`.
"""

from __future__ import annotations

from typing import Any

from assistant.interview.commands import CHANGE_WEIGHTS_WORDS, CONTINUE_WORDS
from assistant.interview.handlers.base import Handler, ask
from assistant.interview.handlers.selfeval_common import (
    FUND_ROWS,
    carried_indicators,
    default_profile,
    profile_summary,
    profiles_for,
    propose_weights,
    rescore,
    score_bars,
    skeleton_head,
    status_line,
)
from assistant.interview.handlers.selfeval_funds import COLUMNS, SelfEvalFundsHandler
from assistant.interview.handlers.selfeval_goals import SelfEvalGoalsHandler
from assistant.interview.handlers.selfeval_indicators import (
    WEIGHTS,
    SelfEvalIndicatorsHandler,
)
from assistant.interview.model import Reply
from assistant.rules.scoring import summary
from assistant.values import to_decimal
from assistant.values.user_numbers import choice_number

FORM = "self-evaluation"


# ------------------------------------------------------------------ skeleton
def skeleton(source: dict | None, kb) -> dict[str, Any]:
    source = source if isinstance(source, dict) else {}
    framework = source.get("framework")
    record = skeleton_head(FORM, source, kb)
    project: dict[str, Any] = source["project"] if isinstance(source.get("project"), dict) else {}
    record["project"] = {
        key: project.get(key, "" if key in ("name", "department", "unit") else None)
        for key in ("name", "code", "department", "unit", "attribute", "period")
    }
    record["profile"] = default_profile(kb, framework)
    record["funds"] = {row: {c: None for c in COLUMNS} for row in FUND_ROWS}
    annual = ((source.get("funds") or {}).get("annual") or {}) if isinstance(source.get("funds"), dict) else {}
    if annual:
        for row, key in (("total", "total"), ("fiscal", "fiscal"), ("other", "other")):
            record["funds"][row]["initial"] = to_decimal(annual.get(key))
        record["funds"]["carryover"]["initial"] = to_decimal(0)
    record["execution"] = {"weight": None, "score": None, "deviation": ""}
    goals = (source.get("goals") or {}).get("annual") if isinstance(source.get("goals"), dict) else None
    record["goals"] = [{"expected": g, "actual": ""} for g in goals or [] if isinstance(g, str) and g.strip()]
    rows = (source.get("indicators") or {}).get("annual") if isinstance(source.get("indicators"), dict) else None
    record["indicators"] = carried_indicators(rows)
    record["total_score"], record["grade"] = None, None
    propose_weights(record, kb)
    return record


def prefilled(source: dict | None) -> list[str]:
    """What a declaration already answers."""
    source = source if isinstance(source, dict) else {}
    project: dict[str, Any] = source["project"] if isinstance(source.get("project"), dict) else {}
    keys = ["year"] if isinstance(source.get("year"), int) else []
    keys += [f"project.{k}" for k in ("name", "department", "unit") if project.get(k)]
    if project.get("name"):
        keys.append("project.code")
    if ((source.get("goals") or {}).get("annual")) if isinstance(source.get("goals"), dict) else None:
        keys.append("goals")
    if ((source.get("indicators") or {}).get("annual")) if isinstance(source.get("indicators"), dict) else None:
        keys.append("indicators")
    return keys


# ------------------------------------------------------------------ handlers
class ProfileHandler(Handler):
    """Which scoring profile (评分方案): asked only when the framework allows several."""

    def next_question(self, iv, entry):
        if entry.field in iv.state.answered or len(profiles_for(iv.kb, iv.record.get("framework"))) < 2:
            return None
        return self._question(iv, entry)

    def question_for(self, iv, entry, key):
        return self._question(iv, entry) if key == entry.field else None

    def _question(self, iv, entry):
        ids = profiles_for(iv.kb, iv.record.get("framework"))
        profiles = iv.kb.scoring["profiles"]
        # The user sees and picks names; the internal ids (central, exec20) are never shown.
        names = tuple(profiles[pid]["name"] for pid in ids)
        options = "  ".join(f"{i} {name}" for i, name in enumerate(names, 1))
        current = profiles.get(iv.record.get("profile"), {}).get("name")
        return ask(
            entry, entry.field, default=current, choices=names, prompt=f"{entry.prompt}{options}（回车 = {current}）"
        )

    def resolve(self, iv, entry, question, text):
        ids = profiles_for(iv.kb, iv.record.get("framework"))
        if choice_number(text, len(ids)):
            return ids[choice_number(text, len(ids)) - 1]
        return text

    def apply(self, iv, entry, question, text):
        ids = profiles_for(iv.kb, iv.record.get("framework"))
        profiles = iv.kb.scoring["profiles"]
        chosen = next((pid for pid in ids if text in (pid, profiles[pid]["name"])), None)
        if chosen is None:
            names = "、".join(f"{i} {profiles[pid]['name']}" for i, pid in enumerate(ids, 1))
            return Reply.error(f"请从 {names} 中选一个。")
        if chosen != iv.record.get("profile") or iv.record["execution"].get("weight") is None:
            iv.record["profile"] = chosen
            propose_weights(iv.record, iv.kb)
            iv.state.closed.discard(WEIGHTS)
            rescore(iv.record, iv.kb)
        iv.state.answered.add(entry.field)
        iv.remember(entry.field, text)
        return Reply(True, message=f"评分方案：{profile_summary(profiles[chosen])}。")


class SummaryHandler(Handler):
    """The score summary at a glance (bars per 一级) before the review."""

    def next_question(self, iv, entry):
        return None if entry.id in iv.state.answered else self._question(iv, entry)

    def question_for(self, iv, entry, key):
        return self._question(iv, entry) if key == entry.id else None

    def _question(self, iv, entry):
        record = iv.final_record()
        bars = score_bars(summary(record, iv.kb), grade=record.get("grade"))
        return ask(entry, entry.id, note=bars, default="继续")

    def apply(self, iv, entry, question, text):
        if text.lower() in CHANGE_WEIGHTS_WORDS:
            iv.state.closed.discard(WEIGHTS)
            iv.remember(entry.id, text)
            return Reply(True, message="好的，重新分配分值。")
        if text.lower() not in CONTINUE_WORDS:
            return Reply.error("回车继续；要调整分值输入“修改分值”。")
        iv.state.answered.add(entry.id)
        iv.remember(entry.id, text)
        return Reply(True, message=status_line(iv.record, iv.kb))


KINDS = {
    "se_profile": ProfileHandler(),
    "se_funds": SelfEvalFundsHandler(),
    "se_goals": SelfEvalGoalsHandler(),
    "se_indicators": SelfEvalIndicatorsHandler(),
    "se_summary": SummaryHandler(),
}


__all__ = ["FORM", "KINDS", "prefilled", "score_bars", "skeleton"]
