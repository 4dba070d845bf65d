"""Rules about the record as a whole: header fields, funds, spending plan and
department tasks."""

from __future__ import annotations

from decimal import Decimal

from assistant import record_path
from assistant.forms import ANNUAL, MID_TERM, MULTI_YEAR, SELF_EVALUATIONS, kind_of
from assistant.knowledge.templates import record_template
from assistant.rules.context import Context, goal_texts, number, set_rows
from assistant.rules.findings import ERROR, WARNING, Finding
from assistant.rules.registry import rule
from assistant.values import format_wan
from assistant.values.period import period_years

_PROJECT_FIELDS = [
    ("name", "项目名称"),
    ("department", "主管部门"),
    ("unit", "实施单位"),
    ("attribute", "项目属性"),
    ("period", "项目期"),
]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@rule("project.field_missing", ERROR, "表样印有的项目名称、主管部门、实施单位、项目属性、项目期或年度为空")
def field_missing(ctx: Context):
    """Only fields the record's template prints: a form with no 项目属性 row is
    not asked for one."""
    record = ctx.record
    printed = dict(map(tuple, record_template(record)["header_fields"]))
    if _blank(record.get("year")) and "year" in printed:
        yield "year", "年度为空。请填写预算年度，例如 2023。"
    kind = kind_of(ctx.form)
    if kind is not None and kind.department_wide:
        if _blank(record.get("department")) and "department" in printed:
            yield "department", "部门（单位）名称为空。请填写完整的部门名称，例如 宿州市医疗保障局。"
        return
    project = record.get("project")
    if not isinstance(project, dict):
        return
    for key, label in _PROJECT_FIELDS:
        shown = printed.get(f"project.{key}")
        if shown is not None and _blank(project.get(key)):
            yield f"project.{key}", f"{shown}为空。请按预算批复填写{label}{_EXAMPLE[key]}。"


_EXAMPLE = {
    "name": "，例如 社保专线网络租赁费",
    "department": "（主管部门及代码）",
    "unit": "（具体实施的单位）",
    "attribute": "：新增项目 或 延续项目",
    "period": "，例如 1年 或 长期",
}


def _fund_rows(ctx: Context):
    """(path, label, row) for every funds row with total/fiscal/other."""
    kind = kind_of(ctx.form)
    for spec in kind.funds_rows if kind else ():
        row = record_path.get(ctx.record, spec.path)
        if isinstance(row, dict):
            yield spec.path, spec.label, row


def _prints(ctx: Context, path: str) -> bool:
    """Does the record's template print this funds row (absent funds_rows: the standard block)?"""
    rows = ctx.template.get("funds_rows")
    return rows is None or any(p == path for p, _ in rows)


@rule("funds.sum_mismatch", ERROR, "资金总额不等于财政拨款+其他资金")
def sum_mismatch(ctx: Context):
    for path, label, row in _fund_rows(ctx):
        total, fiscal, other = (number(row.get(k)) for k in ("total", "fiscal", "other"))
        if total is None:
            continue
        if fiscal is None or other is None:
            # A blank is "not stated", not 0: ask for it unless the stated part is the whole.
            known = fiscal if fiscal is not None else other
            if known == total or not (_prints(ctx, f"{path}.fiscal") or _prints(ctx, f"{path}.other")):
                continue
            missing = "、".join(name for name, amount in (("财政拨款", fiscal), ("其他资金", other)) if amount is None)
            hint = f"按总额推算应为 {format_wan(total - known)} 万元。" if known is not None and known < total else ""
            yield Finding(
                "funds.sum_mismatch",
                WARNING,
                f"{path}.{'fiscal' if fiscal is None else 'other'}",
                (
                    f"{label}资金总额 {format_wan(total)} 万元，但{missing}没有填写，看不出资金来源。{hint}"
                    "请按预算批复填写；没有其他资金就填 0。"
                ),
            )
            continue
        parts_sum = fiscal + other
        if total != parts_sum:
            yield (
                f"{path}.total",
                (
                    f"{label}资金总额 {format_wan(total)} 万元 ≠ 财政拨款 {format_wan(fiscal)} + "
                    f"其他资金 {format_wan(other)} = {format_wan(parts_sum)} 万元。"
                    "请核对预算批复，使总额等于各来源之和。"
                ),
            )
    if ctx.form in SELF_EVALUATIONS:
        yield from _self_evaluation_sums(ctx)


def _self_evaluation_sums(ctx: Context):
    funds = ctx.record.get("funds") or {}
    total = funds.get("total") if isinstance(funds, dict) else None
    if not isinstance(total, dict):
        return
    for column, label in (("initial", "年初预算数"), ("adjusted", "全年预算数"), ("executed", "全年执行数")):
        stated = number(total.get(column))
        parts = [
            number((funds.get(k) or {}).get(column))
            for k in ("fiscal", "carryover", "other")
            if isinstance(funds.get(k), dict)
        ]
        parts_sum = sum((p for p in parts if p is not None), Decimal(0))
        if stated is None or not parts or stated == parts_sum:
            continue
        if any(p is None for p in parts) and parts_sum < stated:
            continue  # a source left blank is not stated: the blanks may hold the difference
        yield (
            f"funds.total.{column}",
            (
                f"{label}：年度资金总额 {format_wan(stated)} 万元 ≠ 本年财政拨款 + 上年结转 + 其他资金 = "
                f"{format_wan(parts_sum)} 万元。请核对各资金来源。"
            ),
        )


def _funds_row(ctx: Context, period: str) -> tuple[str, dict] | None:
    """The declared funds row of this period (its path, its amounts), if the record has it."""
    kind = kind_of(ctx.form)
    spec = kind.funds_row(period) if kind else None
    row = record_path.get(ctx.record, spec.path) if spec else None
    return (spec.path, row) if spec and isinstance(row, dict) else None


@rule("funds.annual_exceeds_mid_term", ERROR, "年度资金总额大于中期资金总额", MULTI_YEAR)
def annual_exceeds_mid_term(ctx: Context):
    annual, mid = _funds_row(ctx, ANNUAL), _funds_row(ctx, MID_TERM)
    if annual is None or mid is None:
        return
    annual_total, mid_total = number(annual[1].get("total")), number(mid[1].get("total"))
    if annual_total is not None and mid_total is not None and annual_total > mid_total:
        yield (
            f"{annual[0]}.total",
            (
                f"年度资金总额 {format_wan(annual_total)} 万元大于中期资金总额 {format_wan(mid_total)} 万元。"
                "中期资金是整个实施期（通常三年）的合计，应不小于年度资金。"
            ),
        )


@rule("funds.mid_term_missing", WARNING, "多年期项目缺少中期资金、目标或指标", MULTI_YEAR)
def mid_term_missing(ctx: Context):
    project = ctx.record.get("project") or {}
    years = period_years(project.get("period") if isinstance(project, dict) else None)
    kind = kind_of(ctx.form)
    if years is None or years <= 1 or kind is None:
        return
    missing = []
    funds = kind.funds_row(MID_TERM)
    if funds is not None and _funds_row(ctx, MID_TERM) is None:
        missing.append((funds.path, f"{funds.label}资金"))
    goals = kind.goal_set(MID_TERM)
    if goals is not None and not [text for _, text in goal_texts(ctx.record, MID_TERM) if text.strip()]:
        missing.append((goals.path, f"{goals.label}目标"))
    indicators = kind.indicator_set(MID_TERM)
    if indicators is not None and not set_rows(ctx.record, indicators.path):
        missing.append((indicators.path, f"{indicators.label}绩效指标"))
    if missing:
        yield (
            missing[0][0],
            (
                f"项目期为“{project.get('period')}”，超过一年，但缺少{'、'.join(m[1] for m in missing)}。"
                "多年期项目要同时填写中期（一般三年）和年度两套资金、目标和指标。"
            ),
        )


@rule("plan.not_cumulative", ERROR, "资金支出计划的累计比例下降", ("project-declaration",))
def plan_not_cumulative(ctx: Context):
    plan = ctx.record.get("spending_plan")
    if not isinstance(plan, list):
        return
    previous = None
    for index, point in enumerate(plan):
        if not isinstance(point, dict):
            continue
        month, percent = point.get("month"), number(point.get("percent"))
        if previous is not None and percent is not None:
            p_month, p_percent = previous
            if isinstance(month, int) and isinstance(p_month, int) and month <= p_month:
                yield (
                    f"spending_plan[{index}].month",
                    (f"资金支出计划的时间点没有按先后排列（{p_month}月底之后是{month}月底）。请按月份从早到晚填写。"),
                )
            elif p_percent is not None and percent < p_percent:
                yield (
                    f"spending_plan[{index}].percent",
                    (
                        f"资金支出计划是累计比例，{month}月底的 {percent}% 不能低于 {p_month}月底的 {p_percent}%。"
                        "请填写截至该时点累计支出占全年的比例。"
                    ),
                )
        previous = (month, percent)


@rule("plan.not_complete", ERROR, "资金支出计划最后一个时点不是100%", ("project-declaration",))
def plan_not_complete(ctx: Context):
    plan = ctx.record.get("spending_plan")
    if not isinstance(plan, list) or not plan or not isinstance(plan[-1], dict):
        return
    last = number(plan[-1].get("percent"))
    if last is not None and last != 100:
        yield (
            f"spending_plan[{len(plan) - 1}].percent",
            (
                f"资金支出计划最后一个时点（{plan[-1].get('month')}月底）累计为 {last}%，应为 100%："
                "年底前资金应全部支出。"
            ),
        )


@rule("dept.tasks_sum", ERROR, "部门年度主要任务金额与合计不符", ("department-declaration",))
def tasks_sum(ctx: Context):
    tasks = ctx.record.get("tasks")
    total = ctx.record.get("total")
    if not isinstance(tasks, list):
        return
    sums = {"total": Decimal(0), "fiscal": Decimal(0), "other": Decimal(0)}
    for index, task in enumerate(tasks):
        if not isinstance(task, dict):
            continue
        amounts = {k: number(task.get(k)) for k in sums}
        for key, amount in amounts.items():
            sums[key] += amount or 0
        parts = (amounts["fiscal"] or 0) + (amounts["other"] or 0)
        if amounts["total"] is not None and amounts["total"] != parts:
            yield (
                f"tasks[{index}].total",
                (
                    f"任务“{task.get('name', '')}”总额 {format_wan(amounts['total'])} 万元 ≠ 财政拨款 + 其他资金 "
                    f"= {format_wan(parts)} 万元。请核对该任务的资金来源。"
                ),
            )
    if not isinstance(total, dict):
        return
    labels = {"total": "总额", "fiscal": "财政拨款", "other": "其他资金"}
    for key, label in labels.items():
        stated = number(total.get(key))
        if stated is None:
            stated = Decimal(0) if key == "other" else None
        if stated is not None and stated != sums[key]:
            yield (
                f"total.{key}",
                (
                    f"各项任务的{label}合计为 {format_wan(sums[key])} 万元，但金额合计写的是 "
                    f"{format_wan(stated)} 万元，相差 {format_wan(abs(stated - sums[key]))} 万元。"
                    "请核对任务金额或合计。"
                ),
            )
