"""Rules of the self-evaluation (selfeval.*): weights, scores, 执行率, total,
grade, deviations and actual values."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assistant.forms import SELF_EVALUATIONS as SELF_EVAL
from assistant.rules.context import Context, number
from assistant.rules.findings import ERROR, WARNING
from assistant.rules.registry import rule
from assistant.rules.scoring import (
    TWO_PLACES,
    execution_rate,
    execution_score,
    grade_for,
    indicator_expected,
    parse_or_none,
    record_execution_rate,
    scored_rows,
)
from assistant.values import IndicatorValue, format_wan

SCORE_TOLERANCE = Decimal("0.5")
SUM_TOLERANCE = Decimal("0.05")


def _indicators(ctx: Context) -> list[tuple[str, dict[str, Any]]]:
    """(path, row) of each row of the form's scored indicator set."""
    path, rows = scored_rows(ctx.record)
    return [(f"{path}[{i}]", r) for i, r in rows]


def _execution(ctx: Context) -> dict[str, Any]:
    execution = ctx.record.get("execution")
    return execution if isinstance(execution, dict) else {}


def profile(ctx: Context) -> dict[str, Any]:
    scoring = ctx.kb.scoring
    return scoring["profiles"].get(
        ctx.record.get("profile") or scoring["default"], scoring["profiles"][scoring["default"]]
    )


def _weighted(ctx: Context) -> bool:
    """Weights are checked on layouts that print a 分值 column and score by a profile;
    区域/转移支付 forms and others with no 分值 (or section scores only) are not."""
    return ctx.prints("weight") and ctx.template.get("scoring") is not None


def _fmt(value: Decimal) -> str:
    return format_wan(value.quantize(TWO_PLACES, ROUND_HALF_UP))


@rule("selfeval.weights_total", ERROR, "分值合计不等于100", SELF_EVAL)
def weights_total(ctx: Context):
    if not _weighted(ctx):
        return
    weights = [number(r.get("weight")) for _, r in _indicators(ctx)]
    exec_weight = number(_execution(ctx).get("weight"))
    total = sum((w for w in weights if w is not None), Decimal(0)) + (exec_weight or 0)
    if total != 100:
        yield (
            scored_rows(ctx.record)[0],
            (
                f"各指标分值加预算执行率分值合计为 {format_wan(total)} 分，应为 100 分。"
                "请调整分值（默认：产出 50、效益 30、满意度 10、预算执行率 10）。"
            ),
        )


@rule("selfeval.weights_split", WARNING, "一级指标分值与评分方案不一致", SELF_EVAL)
def weights_split(ctx: Context):
    if not _weighted(ctx):
        return
    plan = profile(ctx)
    sums: dict[str, Decimal] = {}
    for _, row in _indicators(ctx):
        weight = number(row.get("weight"))
        if weight is not None:
            sums[row.get("level1", "")] = sums.get(row.get("level1", ""), Decimal(0)) + weight
    for level1, expected in plan["level1_weights"].items():
        actual = sums.get(level1, Decimal(0))
        if actual != Decimal(str(expected)):
            yield (
                scored_rows(ctx.record)[0],
                (
                    f"{level1}的分值合计为 {format_wan(actual)} 分，评分方案“{plan['name']}”"
                    f"规定为 {format_wan(Decimal(str(expected)))} 分。请按方案分配分值，"
                    "或在记录中选用对应的评分方案。"
                ),
            )
    exec_weight = number(_execution(ctx).get("weight"))
    if exec_weight is not None and exec_weight != Decimal(str(plan["execution_weight"])):
        yield (
            "execution.weight",
            (f"预算执行率分值为 {format_wan(exec_weight)} 分，评分方案规定为 {plan['execution_weight']} 分。"),
        )


@rule("selfeval.score_over_weight", ERROR, "得分高于分值", SELF_EVAL)
def score_over_weight(ctx: Context):
    for at, row in _indicators(ctx):
        weight, score = number(row.get("weight")), number(row.get("score"))
        if weight is not None and score is not None and score > weight:
            yield (
                f"{at}.score",
                (
                    f"指标“{row.get('name')}”得分 {format_wan(score)} 高于其分值 "
                    f"{format_wan(weight)}。得分最多等于分值。"
                ),
            )
    execution = _execution(ctx)
    weight, score = number(execution.get("weight")), number(execution.get("score"))
    if weight is not None and score is not None and score > weight:
        yield "execution.score", f"预算执行率得分 {format_wan(score)} 高于其分值 {format_wan(weight)}。"


def _money_context(ctx: Context, row: dict[str, Any]) -> bool:
    return row.get("level2") in ("成本指标", "经济成本指标") or any(
        w in str(row.get("name", "")) for w in ctx.params["money_name_words"]
    )


@rule("selfeval.score_mismatch", WARNING, "填写的得分与按规则计算的不符", SELF_EVAL)
def score_mismatch(ctx: Context):
    bands = ctx.kb.scoring["qualitative_bands"]
    for at, row in _indicators(ctx):
        stated = number(row.get("score"))
        expected = indicator_expected(row, bands, money_context=_money_context(ctx, row))
        if stated is None or expected is None or expected.contains(stated, SCORE_TOLERANCE):
            continue
        how = "按完成程度所在档次" if not expected.exact else "按实际完成值与目标值之比"
        yield (
            f"{at}.score",
            (
                f"指标“{row.get('name')}”填写得分 {format_wan(stated)}，{how}计算应为 {expected.text()}"
                f"（目标 {row.get('target')}，实际 {row.get('actual')}，分值 {format_wan(number(row.get('weight')) or 0)}）。"
                "请核对得分或实际完成值。"
            ),
        )


@rule("selfeval.execution_rate", ERROR, "预算执行率得分与执行数不符", SELF_EVAL)
def execution_rate_rule(ctx: Context):
    execution = _execution(ctx)
    weight, stated = number(execution.get("weight")), number(execution.get("score"))
    if weight is None or stated is None:
        return
    rate = record_execution_rate(ctx.record)
    if rate is None:
        funds = ctx.record.get("funds") or {}
        adjusted = number(((funds.get("total") or {}) if isinstance(funds, dict) else {}).get("adjusted"))
        if adjusted == 0:
            yield "funds.total.adjusted", ("全年预算数为 0，无法计算预算执行率。请填写调整后的全年预算数。")
        return
    expected = execution_score(rate, weight)
    if expected is not None and abs(expected - stated) > SCORE_TOLERANCE:
        yield (
            "execution.score",
            (
                f"执行率为 {_fmt(rate * 100)}%（全年执行数 ÷ 全年预算数），得分应为 min(执行率,1) × "
                f"{format_wan(weight)} = {_fmt(expected)}，填写的是 {format_wan(stated)}。"
            ),
        )


def stated_sum(ctx: Context) -> Decimal:
    scores = [number(r.get("score")) for _, r in _indicators(ctx)]
    return sum((s for s in scores if s is not None), Decimal(0)) + (number(_execution(ctx).get("score")) or 0)


@rule("selfeval.total_mismatch", ERROR, "总分不等于各项得分之和", SELF_EVAL)
def total_mismatch(ctx: Context):
    stated = number(ctx.record.get("total_score"))
    if stated is None or ctx.template.get("scoring") is None:
        return  # an unscored layout: a stated 自评得分 is not a sum of printed scores
    computed = stated_sum(ctx)
    if abs(computed - stated) > SUM_TOLERANCE:
        yield (
            "total_score",
            (
                f"总分填写 {format_wan(stated)}，但各指标得分加预算执行率得分合计为 "
                f"{_fmt(computed)}。请改为 {_fmt(computed)}。"
            ),
        )


@rule("selfeval.grade_mismatch", ERROR, "评价等级与总分不符", SELF_EVAL)
def grade_mismatch(ctx: Context):
    stated_total = number(ctx.record.get("total_score"))
    if stated_total is None:
        return
    expected = grade_for(stated_total, ctx.kb.scoring["grades"])
    grade = ctx.record.get("grade")
    if not grade:
        if ctx.template["grade_line"]:  # a layout with no 等级 line is not asked for one
            yield "grade", f"没有填写评价等级。总分 {format_wan(stated_total)} 对应“{expected}”。"
    elif grade != expected:
        yield (
            "grade",
            (
                f"总分 {format_wan(stated_total)} 对应的等级是“{expected}”，填写的是“{grade}”。"
                "等级：优 ≥90，良 80–90，中 60–80，差 <60。"
            ),
        )


@rule("selfeval.deviation_missing", ERROR, "扣分或执行率不足90%却没有偏差原因", SELF_EVAL)
def deviation_missing(ctx: Context):
    for at, row in _indicators(ctx) if ctx.prints("deviation") else ():
        weight, score = number(row.get("weight")), number(row.get("score"))
        if weight is not None and score is not None and score < weight and not str(row.get("deviation") or "").strip():
            yield (
                f"{at}.deviation",
                (
                    f"指标“{row.get('name')}”得分 {format_wan(score)} 低于分值 {format_wan(weight)}，"
                    "必须填写偏差原因分析及改进措施：为什么没达到目标、下一步怎么改。"
                ),
            )
    rate = execution_rate(ctx.record.get("funds") or {})
    floor = Decimal(str(ctx.kb.scoring["deviation_rate_floor"])) / 100
    if rate is not None and rate < floor and not str(_execution(ctx).get("deviation") or "").strip():
        yield (
            "execution.deviation",
            (
                f"预算执行率只有 {_fmt(rate * 100)}%，低于 {_fmt(floor * 100)}%，"
                "必须说明资金没有按计划支出的原因和改进措施。"
            ),
        )


@rule("selfeval.actual_missing", ERROR, "实际完成值为空", SELF_EVAL)
def actual_missing(ctx: Context):
    for at, row in _indicators(ctx):
        if not str(row.get("actual") or "").strip():
            yield (
                f"{at}.actual",
                (f"指标“{row.get('name')}”没有填写实际完成值。请填写年底实际达到的数值，例如 12次、98.5%。"),
            )


_TARGET_SIGNS = ("≥", "≤", "≧", "≦", ">", "<", "不少于", "不低于", "不超过", "不高于", "以上", "以内")


@rule("selfeval.actual_is_target", WARNING, "实际完成值照抄了目标表达式", SELF_EVAL)
def actual_is_target(ctx: Context):
    for at, row in _indicators(ctx):
        actual = str(row.get("actual") or "").replace(" ", "")
        target = str(row.get("target") or "").replace(" ", "")
        if actual and (any(sign in actual for sign in _TARGET_SIGNS) or (actual == target and _has_operator(target))):
            yield (
                f"{at}.actual",
                (
                    f"指标“{row.get('name')}”的实际完成值“{row.get('actual')}”写的是目标表达式。"
                    "实际完成值要写实际测得的数，例如目标 ≥266米、实际 270米。"
                ),
            )


def _has_operator(text: str) -> bool:
    return any(sign in text for sign in _TARGET_SIGNS + ("=",))


@rule("selfeval.actual_vague", WARNING, "定量目标的实际完成值写成“达成预期”", SELF_EVAL)
def actual_vague(ctx: Context):
    phrases = ctx.params["actual_vague_phrases"]
    for at, row in _indicators(ctx):
        actual = str(row.get("actual") or "").replace(" ", "")
        if not actual or actual not in phrases:
            continue
        target = _target(ctx, row)
        if target is not None and target.is_quantitative:
            yield (
                f"{at}.actual",
                (
                    f"指标“{row.get('name')}”的目标是定量的（{row.get('target')}），实际完成值却写“{row.get('actual')}”。"
                    "请填写实际数值，才能计算得分。"
                ),
            )


def _target(ctx: Context, row: dict[str, Any]) -> IndicatorValue | None:
    return parse_or_none(row.get("target"), _money_context(ctx, row))
