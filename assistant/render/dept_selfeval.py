"""部门整体支出绩效自评表 (department-wide self-evaluation) in its template.

The project self-evaluation's blocks (funds with 执行率 and its score, goals,
indicators, 总分 and grade) plus what a department form has of its own: the
funds by spending type (基本支出 / 项目支出) where the template prints them and
the record states them, 年度主要任务 with 预算数 and 执行数, and a 年初绩效目标
column when the record keeps goals that were adjusted during the year. Flat
local layouts (Chongqing's indicator list) print their own columns from the
template and no per-一级 summary.
"""

from __future__ import annotations

from .blocks import grid_widths, header_block, indicator_table, shown_header_fields, template_columns
from .forms import (_fund_layout, _form, _level1_caption, _score_summary, _self_eval_funds, _totals,
                    level1_totals, widened)
from .grid import Form, TableBuilder, as_list, get, head, label, money, text


def department_self_evaluation(record: dict, template: dict) -> Form:
    rows = as_list(record.get("indicators"))
    execution: dict = record["execution"] if isinstance(record.get("execution"), dict) else {}
    weights = level1_totals(rows, "weight")
    columns = widened(template_columns(template, level1=lambda row: text(_level1_caption(row, weights)),
                                       level1_width=14), 8)
    b = TableBuilder(grid_widths(["部门资金", "年度主要任务", "年度总体目标"], columns))
    header_block(b, record, shown_header_fields(template), label_span=2)
    fund_rows, headings = _fund_layout(record, template)
    stated = [(path, caption) for index, (path, caption) in enumerate(fund_rows)
              if index == 0 or get(record, *path.split(".")) is not None]
    _self_eval_funds(b, record, stated, headings, execution)
    _tasks(b, [task for task in as_list(record.get("tasks")) if isinstance(task, dict)])
    _goals(b, [goal for goal in as_list(record.get("goals")) if isinstance(goal, dict)])
    indicator_table(b, "年度绩效指标", columns, rows)
    _totals(b, record, columns, rows, execution, bool(template.get("grade_line")))
    leveled = any(get(row, "level1") for row in rows)
    return _form(record, template, (b.build(), _score_summary(rows, execution)) if leveled else (b.build(),))


def _tasks(b: TableBuilder, tasks: list[dict]) -> None:
    if not tasks:
        return
    name, content, budget, executed = b.spans(1, 4)
    b.row(label("年度主要任务", rowspan=1 + len(tasks)), head("任务名称", colspan=name),
          head("主要内容", colspan=content), head("预算数（万元）", colspan=budget),
          head("执行数（万元）", colspan=executed))
    for task in tasks:
        b.row(text(task.get("name"), "long", colspan=name), text(task.get("content"), "long", colspan=content),
              money(task.get("budget"), colspan=budget), money(task.get("executed"), colspan=executed))


def _goals(b: TableBuilder, goals: list[dict]) -> None:
    goals = goals or [{}]
    keys = (("initial",) if any(str(goal.get("initial") or "").strip() for goal in goals) else ()) + \
        ("expected", "actual")
    headings = {"initial": "年初绩效目标", "expected": "全年（调整）绩效目标" if "initial" in keys else "预期目标",
                "actual": "实际完成情况"}
    spans = b.spans(1, len(keys))
    b.row(label("年度总体目标", rowspan=1 + len(goals)), *(head(headings[k], colspan=s) for k, s in zip(keys, spans)))
    for goal in goals:
        b.row(*(text(goal.get(key), "long", colspan=s) for key, s in zip(keys, spans)))
