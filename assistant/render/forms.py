"""The forms, each laid out by its template (knowledge/templates/*.json):
title, header fields, funds rows, goals, indicator columns, unit line and
grade line come from the template; the record fills them.

* project declaration (项目支出绩效目标申报表 and its local variants): header
  fields, funds (中期 left and 年度 right in equal halves when the template
  has a mid-term set and the record fills it), 资金支出计划, goals, the
  indicator table (中期 and 年度 column sets side by side), grade line;
* department declaration (部门（单位）整体支出绩效目标申报表): name, 年度主要任务
  with 金额合计, numbered 年度总体目标, 年度绩效指标 with 绩效标准;
* the two self-evaluations: assistant/render/selfeval_forms.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant import record_path
from assistant.forms import ANNUAL, KINDS, MID_TERM

from .blocks import (
    amount,
    funds_block,
    goals_block,
    grade_line,
    header_block,
    mid_term_span,
    money_unit,
    shown_header_fields,
    spending_plan,
)
from .form_base import listed, make_form, widened
from .grid import Cell, Form, TableBuilder, get, head, label, text
from .indicator_table import grid_widths, indicator_table, template_columns
from .selfeval_forms import department_self_evaluation, self_evaluation

_PROJECT = KINDS["project-declaration"]
# The funds rows a template without its own list prints: 中期 before 年度.
_PROJECT_FUNDS = tuple(
    line
    for row in reversed(_PROJECT.funds_rows)
    for line in (
        (f"{row.path}.total", f"{row.label}资金总额："),
        (f"{row.path}.fiscal", "其中：财政拨款"),
        (f"{row.path}.other", "其他资金"),
    )
)

# --------------------------------------------------------------------------
# Project declaration
# --------------------------------------------------------------------------


def _rows(record: dict, spec: Any) -> list:
    return listed(record, spec.path if spec else None)


def has_mid_term(record: dict) -> bool:
    """Does the record fill any mid-term part of the form: funds, goals, indicators?"""
    funds = [row for row in _PROJECT.funds_rows if row.period == MID_TERM]
    return any(record_path.get(record, row.path) for row in funds) or bool(
        _rows(record, _PROJECT.goal_set(MID_TERM)) or _rows(record, _PROJECT.indicator_set(MID_TERM))
    )


def project_declaration(record: dict, template: dict) -> Form:
    year = record.get("year")
    mid_rows = _rows(record, _PROJECT.indicator_set(MID_TERM))
    annual_rows = _rows(record, _PROJECT.indicator_set(ANNUAL))
    with_mid = bool(template.get("mid_term")) and has_mid_term(record)
    unit = money_unit(template)
    columns = template_columns(template)
    columns = widened(columns, 4 if with_mid else 3)
    b = TableBuilder(grid_widths([f"项目资金（{unit}）", "资金支出计划（%）"], columns, with_mid))
    unit_line = bool(template.get("unit_line"))
    header_block(b, record, shown_header_fields(template, ("project.unit",) if unit_line else ()))
    mid_funds = next(f"{row.path}." for row in _PROJECT.funds_rows if row.period == MID_TERM)
    rows = template.get("funds_rows") or _PROJECT_FUNDS
    funds_block(b, record, rows, unit, with_mid, bool(template.get("mid_term")), mid_funds)
    spending_plan(b, record.get("spending_plan"))
    goals = _rows(record, _PROJECT.goal_set(ANNUAL)), _rows(record, _PROJECT.goal_set(MID_TERM))
    goals_block(b, *goals, with_mid, year, template.get("goals_label") or "年度总体目标")
    mid = (f"中期指标{mid_term_span(year)}", mid_rows, "年度指标") if with_mid else None
    indicator_table(b, "绩效指标", columns, annual_rows, mid)
    if template.get("grade_line"):
        grade_line(b)
    lines: tuple[tuple[str, str], ...] = ()
    if unit_line:
        unit_name = get(record, "project", "unit") or get(record, "project", "department") or ""
        lines = ((str(unit_name), f"单位：{unit}"),)
    return make_form(record, template, (b.build(),), lines)


# --------------------------------------------------------------------------
# Department declaration
# --------------------------------------------------------------------------


_DEPARTMENT = KINDS["department-declaration"]


def department_declaration(record: dict, template: dict) -> Form:
    rows = [row for spec in _DEPARTMENT.indicator_sets for row in _rows(record, spec)]
    unit = money_unit(template)
    # 年度主要任务 needs a task name and three amounts right of the label.
    columns = widened(template_columns(template), 5)
    b = TableBuilder(grid_widths(["部门（单位）名称", "年度主要任务"], columns))
    header_block(b, record, shown_header_fields(template) or (("department", "部门（单位）名称"),))
    totals = {record_path.labelled(path)[-1]: shown for path, shown in template.get("funds_rows") or []}
    total = _DEPARTMENT.funds_rows[0]
    tasks = listed(record, _DEPARTMENT.tasks)
    _tasks(b, tasks, record_path.get(record, total.path), unit, totals.get("total", total.label))
    goals_block(
        b, [goal for spec in _DEPARTMENT.goal_sets for goal in _rows(record, spec)], [], False, record.get("year")
    )
    indicator_table(b, "年度绩效指标", columns, rows)
    return make_form(record, template, (b.build(),))


def _tasks(b: TableBuilder, tasks: list, total: Any, unit: str, total_label: str) -> None:
    """年度主要任务: 任务名称 | 总额 | 财政拨款 | 其他资金, then 金额合计."""
    name_span = b.ncols - 1 - 3
    b.row(
        label("年度主要任务", rowspan=2 + len(tasks) + 1),
        head("任务名称", rowspan=2, colspan=name_span),
        head(f"预算金额（{unit}）", colspan=3),
    )
    b.row(head("总额"), head("财政拨款"), head("其他资金"))
    for task in tasks:
        b.row(text(get(task, "name"), "long", colspan=name_span), *_amounts(task, unit))
    b.row(head(total_label, colspan=name_span), *_amounts(total, unit))


def _amounts(row: Any, unit: str) -> list[Cell]:
    return [amount(get(row, key), unit) for key in ("total", "fiscal", "other")]


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[dict, dict], Form]] = {
    "project-declaration": project_declaration,
    "department-declaration": department_declaration,
    "self-evaluation": self_evaluation,
    "department-self-evaluation": department_self_evaluation,
}


def build_form(record: dict, template: str | None = None) -> Form:
    """The form of a record in its template (`template` overrides the record's)."""
    kind = record.get("form") if isinstance(record, dict) else None
    builder = BUILDERS.get(kind) if isinstance(kind, str) else None
    if builder is None:
        raise ValueError(f"无法生成表格：未知的表单类型 {kind!r}")
    return builder(record, _template(record, template))


def _template(record: dict, template_id: str | None) -> dict:
    from assistant.knowledge.templates import record_template, template

    if template_id:
        found = template(template_id)
        if found.get("form") != record.get("form"):
            raise ValueError(f"表样 {template_id} 用于{found.get('label') or found.get('form')}，与记录的表单类型不符")
        return found
    return record_template(record)
