"""Rules about whether an indicator's target fits its 二级 category: its unit
(indicator.unit_category) and whether a 数量 or 满意度 target is a number at all
(indicator.not_quantified)."""

from assistant.rules.common import rows as _rows
from assistant.rules.context import Context, is_not_applicable
from assistant.rules.findings import WARNING
from assistant.rules.registry import rule
from assistant.values import IndicatorValue

_EXPECTED = {
    "quantity": ({"count", "measure"}, "数量指标应该用个、次、人次、条等计数单位"),
    "timeliness": ({"time", "percent", "date"}, "时效指标应该用时间（天、小时、年底前）或及时率（%）"),
    "quality": ({"percent", "count", "time", "measure", "score"}, "质量指标一般是合格率、准确率等百分比"),
    "satisfaction": ({"percent"}, "满意度应写成百分比，例如 ≥90%"),
}


@rule("indicator.unit_category", WARNING, "单位与二级指标类别不符")
def unit_category(ctx: Context):
    for _, row in _rows(ctx):
        value = ctx.quantitative(row)
        if value is None or not value.unit or row.role not in _EXPECTED:
            continue
        allowed, advice = _EXPECTED[row.role]
        category = value.unit_category
        if category is None and row.role in ("quantity", "quality", "timeliness"):
            continue  # an unusual unit word; nothing certain to say
        if category not in allowed:
            shown = value.unit if category != "percent" else "百分比"
            yield (
                row.value_path,
                (
                    f"指标“{row.name}”属于{row.level2.name}，却用“{shown}”作单位。{advice}。"
                    + _unit_fix(row.role, value)
                ),
            )


def _unit_fix(role: str, value: IndicatorValue) -> str:
    if role == "quantity" and value.unit_category == "percent":
        return "比例请放到质量指标，数量指标写实际个数。"
    if role == "quantity" and value.unit_category in ("money", "rate"):
        return "金额请放到成本指标。"
    return ""


# What a 数量 or 满意度 target in words should say instead (indicator.not_quantified).
_COUNTED = {
    "quantity": "数量指标写要完成多少，例如 ≥12场、=136个",
    "satisfaction": "满意度指标写调查得到的满意率，例如 ≥90%；并在指标解释里写明怎样调查（问卷、电话回访）",
}


@rule("indicator.not_quantified", WARNING, "数量或满意度指标没有写数")
def not_quantified(ctx: Context):
    """A 数量 or 满意度 target in words (覆盖全区所有人员, 满意) or a time (年底前完成):
    those targets are a number. (Unreadable or vague words are indicator.value_unparsed's.)"""
    for _, row in _rows(ctx):
        if row.role not in _COUNTED or not row.value or is_not_applicable(row):
            continue
        parsed = ctx.parsed(row)
        if not isinstance(parsed, IndicatorValue) or parsed.is_quantitative or parsed.vague:
            continue
        advice = _COUNTED[row.role]
        if row.role == "quantity":
            advice += (
                "；时间请放到时效指标"
                if parsed.kind == "deadline"
                else "；说明做到什么程度的，请放到质量指标或效益指标"
            )
        yield row.value_path, f"指标“{row.name}”属于{row.level2.name}，指标值“{row.value}”却没有写数。{advice}。"
