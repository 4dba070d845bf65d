"""The money in a set's cost indicators (for indicator.cost_exceeds_budget):
amounts, yearly amounts, and unit prices times the count they are a price of."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.rules.context import Context, IndicatorSet, Row
from assistant.values import IndicatorValue


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
    scored = sorted(
        ((_common_run(price_row.name, row.name), row, value) for row, value in counts), key=lambda item: -item[0]
    )
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1], scored[0][2]


def cost_amounts(ctx: Context, ind_set: IndicatorSet) -> tuple[list, list]:
    """(totals, items): money of 项目总成本-like rows, and of the other cost rows,
    as (row, 万元, how) — unit prices multiplied by their matching count."""
    total_words = ctx.params["cost_total_words"]
    counts = [
        (r, v)
        for r in ind_set.rows
        if r.role == "quantity"
        for v in [ctx.quantitative(r)]
        if v and v.unit_category == "count" and v.number is not None
    ]
    totals: list[Any] = []
    items: list[Any] = []
    for row in ind_set.rows:
        value = ctx.quantitative(row)
        if row.role != "cost" or value is None or value.number is None:
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
