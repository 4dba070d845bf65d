"""Self-evaluation rules about what was actually spent and achieved, beyond the
scoring arithmetic of selfeval_rules: execution over the budget, and an actual
value over a ceiling that the indicator's own name states, yet full marks."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from assistant.forms import SELF_EVALUATIONS as SELF_EVAL
from assistant.lazy_regex import ends_with, lazy_regex
from assistant.rules.context import Context, number
from assistant.rules.findings import WARNING
from assistant.rules.registry import rule
from assistant.rules.scoring import parse_or_none, scored_rows
from assistant.values import IndicatorValue, format_wan

_COLUMNS = (("adjusted", "全年预算数"), ("executed", "全年执行数"))


@rule("selfeval.execution_over_budget", WARNING, "全年执行数大于全年预算数（执行率超过100%）", SELF_EVAL)
def execution_over_budget(ctx: Context):
    funds = ctx.record.get("funds")
    if not isinstance(funds, dict):
        return
    for key, label in (
        ("total", "年度资金总额"),
        ("fiscal", "财政拨款"),
        ("carryover", "上年结转"),
        ("other", "其他资金"),
    ):
        row = funds.get(key)
        if not isinstance(row, dict):
            continue
        adjusted, executed = number(row.get("adjusted")), number(row.get("executed"))
        if adjusted is None or executed is None or executed <= adjusted:
            continue
        rate = f"，执行率 {format_wan((executed / adjusted * 100).quantize(Decimal('0.01')))}%" if adjusted else ""
        yield (
            f"funds.{key}.executed",
            (
                f"{label}的全年执行数 {format_wan(executed)} 万元大于全年预算数 {format_wan(adjusted)} 万元{rate}。"
                "花出去的钱不能多于预算：请核对执行数，或把预算调整后的数填入全年预算数。"
                "执行率得分最多按 100% 计。"
            ),
        )
        if key == "total":
            return  # the parts say the same thing again


# A ceiling stated in a name: 不超过500元, ≤30天, 控制在2万元以内, 5%以下.
_CEILING_WORDS = ("不超过", "不高于", "不大于", "低于", "小于", "少于", "控制在", "≤", "≦", "<", "＜")
_WITHIN = ("以内", "以下", "之内")
_AMOUNT = r"(\d+(?:\.\d+)?\s*[^\d\s，,。；;（）()]{0,6}?)"
_CEILING = lazy_regex(
    rf"(?:{'|'.join(_CEILING_WORDS)})\s*{_AMOUNT}(?:{'|'.join(_WITHIN)}|内)?$|{_AMOUNT}(?:{'|'.join(_WITHIN)})$"
)


def _ceiling_match(text: str) -> re.Match | None:
    """The amount of a ceiling `text` states; the pattern is compiled only for a
    text with a digit and a ceiling word, or ending with 以内/以下/之内."""
    if not any(c.isdecimal() for c in text):
        return None
    if not any(word in text for word in _CEILING_WORDS) and not ends_with(text, _WITHIN):
        return None
    return _CEILING.search(text)


def _ceiling(name: str, money: bool) -> IndicatorValue | None:
    match = _ceiling_match(name.strip().rstrip("。，,;；"))
    if not match:
        return None
    return parse_or_none(match.group(1) or match.group(2), money)


def _comparable(ceiling: IndicatorValue, actual: IndicatorValue) -> tuple[Decimal, Decimal] | None:
    if ceiling.number is None or actual.number is None:
        return None
    if ceiling.unit_category == "money" and actual.unit_category == "money":
        return ceiling.money_wan(), actual.money_wan()
    if ceiling.unit == actual.unit or not actual.unit:
        return ceiling.number, actual.number
    return None


def _money_name(ctx: Context, row: dict[str, Any]) -> bool:
    return row.get("level2") in ("成本指标", "经济成本指标") or any(
        w in str(row.get("name", "")) for w in ctx.params["money_name_words"]
    )


@rule("selfeval.actual_over_ceiling", WARNING, "实际值超过指标名称中的上限却得满分", SELF_EVAL)
def actual_over_ceiling(ctx: Context):
    path, rows = scored_rows(ctx.record)
    for index, row in rows:
        weight, score = number(row.get("weight")), number(row.get("score"))
        if weight is None or score is None or score < weight:
            continue
        money = _money_name(ctx, row)
        ceiling = _ceiling(str(row.get("name") or ""), money)
        actual = parse_or_none(row.get("actual"), money)
        if ceiling is None or actual is None or not actual.is_quantitative:
            continue
        target = parse_or_none(row.get("target"), money)
        if target is not None and target.is_quantitative and target.operator in ("≤", "<"):
            continue  # the target is the ceiling: selfeval.score_mismatch scores it
        pair = _comparable(ceiling, actual)
        if pair and pair[1] > pair[0]:
            yield (
                f"{path}[{index}].score",
                (
                    f"指标“{row.get('name')}”的名称规定上限为 {ceiling.text.strip()}，实际完成值 {row.get('actual')} "
                    f"超过了上限，却得了满分 {format_wan(score)}。超出上限应按比例扣分并写明偏差原因，"
                    "或核对实际完成值。"
                ),
            )
