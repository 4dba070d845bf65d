"""Rules of the department-wide self-evaluation (dse.*): the funds split by
spending type and the yearly tasks' money. Scores, 执行率, grade, deviations
and actual values are the self-evaluation rules (selfeval.*), which apply to
both self-evaluation forms."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.rules.context import Context, number
from assistant.rules.findings import ERROR, WARNING
from assistant.rules.registry import rule
from assistant.values import format_wan

DEPT_SELF_EVAL = ("department-self-evaluation",)
COLUMNS = (("initial", "年初预算数"), ("adjusted", "全年预算数"), ("executed", "全年执行数"))


def _funds(ctx: Context) -> dict[str, Any]:
    funds = ctx.record.get("funds")
    return funds if isinstance(funds, dict) else {}


def _cell(funds: dict[str, Any], row: str, column: str) -> Decimal | None:
    values = funds.get(row)
    return number(values.get(column)) if isinstance(values, dict) else None


def _tasks(ctx: Context) -> list[tuple[int, dict[str, Any]]]:
    tasks = ctx.record.get("tasks")
    return [(i, t) for i, t in enumerate(tasks) if isinstance(t, dict)] if isinstance(tasks, list) else []


@rule("dse.spending_split", ERROR, "基本支出+项目支出不等于年度资金总额", DEPT_SELF_EVAL)
def spending_split(ctx: Context):
    funds = _funds(ctx)
    for column, label in COLUMNS:
        total, basic, project = (_cell(funds, row, column) for row in ("total", "basic", "project"))
        if total is None or basic is None or project is None:
            continue
        if basic + project != total:
            yield (
                f"funds.total.{column}",
                (
                    f"{label}：年度资金总额 {format_wan(total)} 万元 ≠ 基本支出 {format_wan(basic)} + 项目支出 "
                    f"{format_wan(project)} = {format_wan(basic + project)} 万元。按支出性质分的两项之和应等于总额，"
                    "请对照部门决算核对。"
                ),
            )


@rule("dse.tasks_exceed_funds", ERROR, "年度主要任务的预算数或执行数合计超过部门资金总额", DEPT_SELF_EVAL)
def tasks_exceed_funds(ctx: Context):
    funds = _funds(ctx)
    tasks = _tasks(ctx)
    for key, column, label in (("budget", "adjusted", "预算数"), ("executed", "executed", "执行数")):
        amounts = [number(task.get(key)) for _, task in tasks]
        stated = [a for a in amounts if a is not None]
        total = _cell(funds, "total", column)
        if not stated or total is None:
            continue
        task_sum = sum(stated, Decimal(0))
        if task_sum > total:
            yield (
                "tasks",
                (
                    f"年度主要任务的{label}合计 {format_wan(task_sum)} 万元，超过部门{dict(COLUMNS)[column]} "
                    f"{format_wan(total)} 万元。任务是部门资金的组成部分，合计不能超过总额；请核对各任务金额。"
                ),
            )


@rule("dse.task_overspent", WARNING, "任务执行数超过预算数", DEPT_SELF_EVAL)
def task_overspent(ctx: Context):
    for index, task in _tasks(ctx):
        budget, executed = number(task.get("budget")), number(task.get("executed"))
        if budget is not None and executed is not None and executed > budget:
            yield (
                f"tasks[{index}].executed",
                (
                    f"任务“{task.get('name')}”执行数 {format_wan(executed)} 万元高于预算数 {format_wan(budget)} 万元。"
                    "超预算支出要有调整预算的依据；如果是填写错误请改正，否则在偏差原因中说明。"
                ),
            )


@rule("dse.task_money_missing", WARNING, "年度主要任务没有预算数或执行数", DEPT_SELF_EVAL)
def task_money_missing(ctx: Context):
    for index, task in _tasks(ctx):
        for key, label in (("budget", "预算数"), ("executed", "执行数")):
            if number(task.get(key)) is None:
                yield (
                    f"tasks[{index}].{key}",
                    (
                        f"任务“{task.get('name') or index + 1}”没有填写{label}。请按部门预算和决算填写该任务的"
                        f"{label}（万元），财政部门据此核对资金与任务是否对应。"
                    ),
                )
                break
