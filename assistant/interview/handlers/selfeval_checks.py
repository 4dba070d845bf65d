"""Checks of self-evaluation answers that no record rule makes: said in the
chat reply as warnings (rule ids `interview.*`, never stored in a record).

- a goal's 实际完成情况 that is only a phrase like 基本完成 / 已完成
  (`actual_vague_phrases` in knowledge/rule_params.json, as for indicators);
- the actual 项目总成本 (a cost row named like a total, `cost_total_words`)
  above the 全年执行数: the money spent cannot be more than the money paid out.
"""

from __future__ import annotations

import re

from assistant.interview.handlers.selfeval_common import money_context
from assistant.rules import Finding
from assistant.rules.scoring import parse_or_none
from assistant.values import format_wan, to_decimal

GOAL_ACTUAL_VAGUE = "interview.goal_actual_vague"
COST_ABOVE_EXECUTED = "interview.cost_above_executed"
_PUNCT = re.compile(r"[\s。，,；;！!、]")


def goal_actual_notice(kb, index: int, text: str) -> Finding | None:
    bare = _PUNCT.sub("", text)
    phrases = kb.params["actual_vague_phrases"]
    if not any(bare == p or bare in (f"已{p}", f"{p}了", f"均{p}", f"全部{p}") for p in phrases):
        return None
    return Finding(
        GOAL_ACTUAL_VAGUE,
        "warning",
        f"goals[{index}].actual",
        f"目标{index + 1}的实际完成情况只写了“{text}”，看不出做到了什么。请写清完成了哪些工作、"
        "数量多少、效果如何，没做到的也如实写，例如：全年开展市外实地调查12次，查实违规费用186万元。",
    )


def cost_actual_notice(iv, index: int, row: dict) -> Finding | None:
    if row.get("level2") not in ("成本指标", "经济成本指标"):
        return None
    if not any(word in str(row.get("name") or "") for word in iv.kb.params["cost_total_words"]):
        return None
    actual = parse_or_none(row.get("actual"), money_context(iv.kb, row))
    spent = actual.money_wan() if actual is not None and actual.is_quantitative else None
    executed = to_decimal(((iv.record.get("funds") or {}).get("total") or {}).get("executed"))
    if spent is None or executed is None or spent <= executed:
        return None
    return Finding(
        COST_ABOVE_EXECUTED,
        "warning",
        f"indicators[{index}].actual",
        f"“{row.get('name')}”实际 {format_wan(spent)} 万元，超过了全年执行数 {format_wan(executed)} 万元："
        "实际花的钱不会比实际支出还多。请核对实际成本，或核对资金表里的全年执行数。",
    )


__all__ = ["COST_ABOVE_EXECUTED", "GOAL_ACTUAL_VAGUE", "cost_actual_notice", "goal_actual_notice"]
