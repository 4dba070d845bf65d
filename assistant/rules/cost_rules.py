"""Rules about the cost indicators and the money they name (indicator.cost_*):
an amount of money, a ceiling, and within the funds of the period."""

from __future__ import annotations

from decimal import Decimal

from assistant.rules.common import rows as _rows
from assistant.rules.context import Context, IndicatorSet, Row, is_not_applicable
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
        yield row.value_path, (f"成本指标“{row.name}”的指标值“{row.value}”是{shown}，不是金额。"
                               "成本指标应写花多少钱的上限，例如 ≤48万元 或 ≤15000元/条·年。")


@rule("indicator.cost_operator", WARNING, "成本指标用了≥")
def cost_operator(ctx: Context):
    for _, row in _rows(ctx):
        value = ctx.quantitative(row)
        if row.role == "cost" and value and value.operator in ("≥", ">") and _is_money(value):
            yield row.value_path, (f"成本指标“{row.name}”写成“{row.value}”：成本是上限，应该用 ≤，"
                                   f"例如 ≤{format_wan(value.number)}{value.unit}。")


def _yearly_money(value: IndicatorValue) -> tuple[Decimal, bool] | None:
    """Amount in 万元 of a cost value, and whether it is per year (每年, /年)."""
    if value.unit_category == "money":
        return value.money_wan(), value.per_year
    if value.unit in ("万元/年", "元/年"):
        factor = Decimal(1) if value.unit.startswith("万") else Decimal("0.0001")
        return value.number * factor, True
    return None


_UNIT_PRICE_WORDS = ("每", "单价", "标准", "人均", "单位", "/")
_PERIODS_PER_YEAR = {"年": 1, "月": 12}


def _is_unit_price(row: Row, value: IndicatorValue) -> bool:
    """A price per line, per person, per item: meaningful only times a count."""
    if value.unit_category == "rate" and value.is_money and _objects(value):
        return True
    return value.unit_category == "money" and any(w in row.name for w in _UNIT_PRICE_WORDS)


def _objects(value: IndicatorValue) -> tuple[str, ...]:
    """What a per-unit price is per, without the time: 元/处·年 → (处,)."""
    return tuple(d for d in value.per if d not in _PERIODS_PER_YEAR)


def _common_run(a: str, b: str) -> int:
    """Length of the longest run of characters the two names share."""
    best = 0
    lengths = [0] * (len(b) + 1)
    for ch in a:
        previous = 0
        for j, other in enumerate(b, 1):
            current = lengths[j]
            lengths[j] = previous + 1 if ch == other else 0
            best = max(best, lengths[j])
            previous = current
    return best


def _count_for(price_row: Row, counts: list[tuple[Row, IndicatorValue]]) -> tuple[Row, IndicatorValue] | None:
    """The 数量 row a unit price applies to: the one whose name shares the longest
    run of characters (村卫生室每条网络专线收费标准 ↔ 村卫生室数量), at least two."""
    scored = sorted(((_common_run(price_row.name, row.name), row, value) for row, value in counts),
                    key=lambda item: -item[0])
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1], scored[0][2]


def _cost_amounts(ctx: Context, ind_set: IndicatorSet) -> tuple[list, list]:
    """(totals, items): money of 项目总成本-like rows, and of the other cost rows,
    as (row, 万元, how) — unit prices multiplied by their matching count."""
    total_words = ctx.params["cost_total_words"]
    counts = [(r, v) for r in ind_set.rows if r.role == "quantity"
              for v in [ctx.quantitative(r)] if v and v.unit_category == "count" and v.number is not None]
    totals, items = [], []
    for row in ind_set.rows:
        value = ctx.quantitative(row)
        if not _is_cost(row) or value is None or value.number is None:
            continue
        if _is_unit_price(row, value):
            item = _price_times_count(row, value, counts, ind_set)
            if item is not None:
                items.append(item)
            continue
        amount = _yearly_money(value)
        if amount is None or amount[0] is None:
            continue
        wan = amount[0] * (ind_set.years if amount[1] else 1)
        target = totals if any(w in row.name for w in total_words) else items
        target.append((row, wan, value.text.strip()))
    return totals, items


def _price_times_count(row: Row, value: IndicatorValue, counts: list, ind_set: IndicatorSet):
    """(row, 万元, how) of a unit price times the count it is a price of, or None.
    A price per 处 multiplies a count of 处, never a count of 次 or 人: when the
    price names what it is per, the count must be counted in that unit."""
    objects = _objects(value)
    if objects:
        if len(objects) > 1 or any(d not in _PERIODS_PER_YEAR for d in value.per if d not in objects):
            return None  # 元/人·天: per person per day has no yearly total without the days
        counts = [(r, v) for r, v in counts if v.unit == objects[0]]
        match = counts[0] if len(counts) == 1 else _count_for(row, counts)
    else:
        match = _count_for(row, counts)
    if match is None:
        return None
    count_row, count = match
    price = value.money_wan() if value.unit_category == "money" else value.unit_price_wan()
    if price is None:
        return None
    periods = next((_PERIODS_PER_YEAR[d] for d in value.per if d in _PERIODS_PER_YEAR), None)
    per_year = periods is not None or "每年" in row.name or count.per_year
    wan = price * count.number * (periods or 1) * (ind_set.years if per_year else 1)
    return row, wan, f"{count.number}{count.unit} × {value.text.strip()}"


@rule("indicator.cost_exceeds_budget", ERROR, "成本指标金额超过该期资金")
def cost_exceeds_budget(ctx: Context):
    for ind_set in ctx.indicator_sets:
        if ind_set.budget is None:
            continue
        totals, items = _whole_budget_as_total(ind_set, *_cost_amounts(ctx, ind_set))
        if totals:
            row, wan, _ = max(totals, key=lambda item: item[1])
            if wan > ind_set.budget:
                yield row.value_path, (
                    f"{ind_set.label}成本指标“{row.name}”为 {format_wan(wan)} 万元，超过{ind_set.label}资金总额 "
                    f"{format_wan(ind_set.budget)} 万元。成本不能超过预算，请核对金额。")
        spent = sum((wan for _, wan, _ in items), Decimal(0))
        if items and spent > ind_set.budget:
            detail = "、".join(f"{row.name} {format_wan(wan)}万元（{how}）" for row, wan, how in items)
            yield items[0][0].value_path, (
                f"{ind_set.label}各项成本合计 {format_wan(spent)} 万元，超过{ind_set.label}资金总额 "
                f"{format_wan(ind_set.budget)} 万元，多出 {format_wan(spent - ind_set.budget)} 万元：{detail}。"
                "请核对各项金额或数量，使合计不超过预算。")


def _is_cost(row: Row) -> bool:
    """A cost row: under 成本指标, or, on a form that prints no levels (corpus 025), a row
    whose name says it is a cost (项目成本概算)."""
    if row.role == "cost":
        return True
    unlabelled = row.level2 is None and not row.data.get("level2") and not row.data.get("label2")
    return unlabelled and "成本" in row.name


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
        totals, items = _cost_amounts(ctx, ind_set)
        amounts = [item for item in totals + items if not _is_product(item)]
        whole = [item for item in amounts if item[1] == ind_set.budget]
        others = [item for item in amounts if item[1] != ind_set.budget]
        if whole and others:
            row = whole[0][0]
            listed = "、".join(f"{r.name} {format_wan(w)}万元" for r, w, _ in others)
            yield row.value_path, (
                f"成本指标“{row.name}”等于{ind_set.label}全部资金 {format_wan(ind_set.budget)} 万元，"
                f"同时又列了 {listed}。全部资金不是一项成本：要么只写总成本，要么删去这一行、"
                "分项列出主要成本，使各项合计不超过预算。")


@rule("indicator.scale_implausible", WARNING, "单价×数量与预算相差悬殊")
def scale_implausible(ctx: Context):
    ratio = Decimal(str(ctx.params["scale_ratio"]))
    for ind_set in ctx.indicator_sets:
        if not ind_set.budget or ind_set.budget <= 0:
            continue
        totals, items = _cost_amounts(ctx, ind_set)
        products = [item for item in items if _is_product(item)]
        if not products or len(products) != len(totals) + len(items):
            continue  # other cost rows take their share of the budget
        spent = sum((wan for _, wan, _ in products), Decimal(0))
        if spent * ratio < ind_set.budget:
            detail = "、".join(f"{row.name}（{how} = {format_wan(wan)}万元）" for row, wan, how in products)
            yield products[0][0].value_path, (
                f"{ind_set.label}单价乘数量只有 {format_wan(spent)} 万元：{detail}，"
                f"不到{ind_set.label}资金 {format_wan(ind_set.budget)} 万元的 1/{format_wan(ratio)}。"
                "预算远大于测算，说明单价、数量或预算有一项写错了，或者还有主要成本没有列出，请核对。"
                "（远高于预算的情况由 indicator.cost_exceeds_budget 报告。）")
