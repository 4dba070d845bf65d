"""Rules about the cost indicators and the money they name (indicator.cost_*):
an amount of money, a ceiling, and within the funds of the period."""

from __future__ import annotations

from decimal import Decimal

from assistant.rules.common import rows as _rows
from assistant.rules.context import Context, IndicatorSet, is_not_applicable
from assistant.rules.costs import cost_amounts
from assistant.rules.findings import ERROR, WARNING
from assistant.rules.registry import rule
from assistant.values import IndicatorValue, format_wan


def _is_money(value: IndicatorValue) -> bool:
    """An amount, or money per unit (元/人·天, 万元/处): both are money."""
    return value.is_money


@rule("indicator.cost_not_money", WARNING, "成本指标不是金额")
def cost_not_money(ctx: Context):
    for _, row in _rows(ctx):
        if row.role != "cost" or not row.value or is_not_applicable(row):
            continue
        parsed = ctx.parsed(row)
        if not isinstance(parsed, IndicatorValue):
            continue
        if parsed.is_quantitative and (_is_money(parsed) or not parsed.unit):
            continue
        shown = "定性描述" if not parsed.is_quantitative else f"“{parsed.unit}”"
        yield (
            row.value_path,
            (
                f"成本指标“{row.name}”的指标值“{row.value}”是{shown}，不是金额。"
                "成本指标应写花多少钱的上限，例如 ≤48万元 或 ≤15000元/条·年。"
            ),
        )


@rule("indicator.cost_operator", WARNING, "成本指标用了≥")
def cost_operator(ctx: Context):
    for _, row in _rows(ctx):
        value = ctx.quantitative(row)
        if row.role == "cost" and value and value.operator in ("≥", ">") and _is_money(value):
            yield (
                row.value_path,
                (
                    f"成本指标“{row.name}”写成“{row.value}”：成本是上限，应该用 ≤，"
                    f"例如 ≤{format_wan(value.number)}{value.unit}。"
                ),
            )


@rule("indicator.cost_exceeds_budget", ERROR, "成本指标金额超过该期资金")
def cost_exceeds_budget(ctx: Context):
    for ind_set in ctx.indicator_sets:
        if ind_set.budget is None:
            continue
        totals, items = _whole_budget_as_total(ind_set, *cost_amounts(ctx, ind_set))
        if totals:
            row, wan, _ = max(totals, key=lambda item: item[1])
            if wan > ind_set.budget:
                yield (
                    row.value_path,
                    (
                        f"{ind_set.label}成本指标“{row.name}”为 {format_wan(wan)} 万元，超过{ind_set.label}资金总额 "
                        f"{format_wan(ind_set.budget)} 万元。成本不能超过预算，请核对金额。"
                    ),
                )
        spent = sum((wan for _, wan, _ in items), Decimal(0))
        if items and spent > ind_set.budget:
            detail = "、".join(f"{row.name} {format_wan(wan)}万元（{how}）" for row, wan, how in items)
            yield (
                items[0][0].value_path,
                (
                    f"{ind_set.label}各项成本合计 {format_wan(spent)} 万元，超过{ind_set.label}资金总额 "
                    f"{format_wan(ind_set.budget)} 万元，多出 {format_wan(spent - ind_set.budget)} 万元：{detail}。"
                    "请核对各项金额或数量，使合计不超过预算。"
                ),
            )


def _whole_budget_as_total(ind_set: IndicatorSet, totals: list, items: list) -> tuple[list, list]:
    """A row whose money is the whole budget (项目金额 5万元) beside itemised rows is
    a total, whatever its name: its items are not added to it."""
    whole = [item for item in items if item[1] == ind_set.budget and not _is_product(item)]
    if not whole or len(items) == len(whole):
        return totals, items
    return totals + whole, [item for item in items if item not in whole]


def _is_product(item: tuple) -> bool:
    """An item computed as unit price × count."""
    return " × " in item[2]


@rule("indicator.cost_is_budget", WARNING, "一项成本等于全部预算，同时又列了其他成本")
def cost_is_budget(ctx: Context):
    for ind_set in ctx.indicator_sets:
        if ind_set.budget is None:
            continue
        totals, items = cost_amounts(ctx, ind_set)
        amounts = [item for item in totals + items if not _is_product(item)]
        whole = [item for item in amounts if item[1] == ind_set.budget]
        others = [item for item in amounts if item[1] != ind_set.budget]
        if whole and others:
            row = whole[0][0]
            listed = "、".join(f"{r.name} {format_wan(w)}万元" for r, w, _ in others)
            yield (
                row.value_path,
                (
                    f"成本指标“{row.name}”等于{ind_set.label}全部资金 {format_wan(ind_set.budget)} 万元，"
                    f"同时又列了 {listed}。全部资金不是一项成本：要么只写总成本，要么删去这一行、"
                    "分项列出主要成本，使各项合计不超过预算。"
                ),
            )


@rule("indicator.scale_implausible", WARNING, "单价×数量与预算相差悬殊")
def scale_implausible(ctx: Context):
    ratio = Decimal(str(ctx.params["scale_ratio"]))
    for ind_set in ctx.indicator_sets:
        if not ind_set.budget or ind_set.budget <= 0:
            continue
        totals, items = cost_amounts(ctx, ind_set)
        products = [item for item in items if _is_product(item)]
        if not products or len(products) != len(totals) + len(items):
            continue  # other cost rows take their share of the budget
        spent = sum((wan for _, wan, _ in products), Decimal(0))
        if spent * ratio < ind_set.budget:
            detail = "、".join(f"{row.name}（{how} = {format_wan(wan)}万元）" for row, wan, how in products)
            yield (
                products[0][0].value_path,
                (
                    f"{ind_set.label}单价乘数量只有 {format_wan(spent)} 万元：{detail}，"
                    f"不到{ind_set.label}资金 {format_wan(ind_set.budget)} 万元的 1/{format_wan(ratio)}。"
                    "预算远大于测算，说明单价、数量或预算有一项写错了，或者还有主要成本没有列出，请核对。"
                    "（远高于预算的情况由 indicator.cost_exceeds_budget 报告。）"
                ),
            )
