"""The forms, each laid out by its template (knowledge/templates/*.json):
title, header fields, funds rows, goals, indicator columns, unit line and
grade line come from the template; the record fills them.

* project declaration (项目支出绩效目标申报表 and its local variants): header
  fields, funds (中期 left and 年度 right in equal halves when the template
  has a mid-term set and the record fills it), 资金支出计划, goals, the
  indicator table (中期 and 年度 column sets side by side), grade line;
* department declaration (部门（单位）整体支出绩效目标申报表): name, 年度主要任务
  with 金额合计, numbered 年度总体目标, 年度绩效指标 with 绩效标准;
* self-evaluation (项目支出绩效自评表): header, the 年初预算数/全年预算数/
  全年执行数/分值/执行率/得分 block, goals (预期 vs 实际), indicators with
  分值/得分/偏差原因, total and grade, plus a per-一级 score summary.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from .blocks import (Column, amount, funds_block, goals_block, grade_line, grid_widths, header_block,
                     indicator_table, mid_term_span, money_unit, printed_level, shown_header_fields,
                     spending_plan, template_columns, total_of)
from .grid import (Cell, Form, Table, TableBuilder, as_list, blank, get, head, label, money, number,
                   percent, percent_of, score, text)

_PROJECT_FUNDS = (("funds.mid_term.total", "中期资金总额："), ("funds.mid_term.fiscal", "其中：财政拨款"),
                  ("funds.mid_term.other", "其他资金"), ("funds.annual.total", "年度资金总额："),
                  ("funds.annual.fiscal", "其中：财政拨款"), ("funds.annual.other", "其他资金"))
_SELF_EVAL_FUNDS = (("funds.total", "年度资金总额："), ("funds.fiscal", "其中：本年财政拨款"),
                    ("funds.carryover", "上年结转资金"), ("funds.other", "其他资金"))
_FORM_TITLES = {"project-declaration": "项目支出绩效目标申报表",
                "department-declaration": "部门（单位）整体支出绩效目标申报表",
                "self-evaluation": "项目支出绩效自评表",
                "department-self-evaluation": "部门整体支出绩效自评表"}


def _form(record: dict, template: dict, tables: tuple[Table, ...],
          lines: tuple[tuple[str, str], ...] = ()) -> Form:
    year = record.get("year")
    kind = record["form"]
    return Form(kind, template.get("title") or _FORM_TITLES[kind], _subtitle(year), _year(year),
                tables, lines, template.get("font") or "宋体", template.get("id"))


def _subtitle(year: Any) -> str:
    return f"（{year}年度）" if year is not None else ""


def _year(year: Any) -> int | None:
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def widened(columns: list[Column], grid_columns: int) -> list[Column]:
    """Give the 三级指标 (or the widest) column more grid columns until the
    grid has `grid_columns` right of the block label, so that the blocks
    above the indicator table fit."""
    count = sum(len(column.widths) for column in columns)
    if count >= grid_columns or not columns:
        return columns
    index = next((i for i, c in enumerate(columns) if c.key == "name"),
                 max(range(len(columns)), key=lambda i: sum(columns[i].widths)))
    column = columns[index]
    parts = len(column.widths) + grid_columns - count
    total = sum(column.widths)
    widths = tuple(max(1, round(total / parts)) for _ in range(parts))
    result = list(columns)
    result[index] = Column(column.key, column.heading, widths, column.make, column.merge)
    return result


# --------------------------------------------------------------------------
# Project declaration
# --------------------------------------------------------------------------

def has_mid_term(record: dict) -> bool:
    return bool(get(record, "funds", "mid_term") or as_list(get(record, "goals", "mid_term"))
                or as_list(get(record, "indicators", "mid_term")))


def project_declaration(record: dict, template: dict) -> Form:
    year = record.get("year")
    mid_rows = as_list(get(record, "indicators", "mid_term"))
    annual_rows = as_list(get(record, "indicators", "annual"))
    with_mid = bool(template.get("mid_term")) and has_mid_term(record)
    unit = money_unit(template)
    columns = template_columns(template)
    columns = widened(columns, 4 if with_mid else 3)
    b = TableBuilder(grid_widths([f"项目资金（{unit}）", "资金支出计划（%）"], columns, with_mid))
    unit_line = bool(template.get("unit_line"))
    header_block(b, record, shown_header_fields(template, ("project.unit",) if unit_line else ()))
    funds_block(b, record, template.get("funds_rows") or _PROJECT_FUNDS, unit, with_mid,
                bool(template.get("mid_term")))
    spending_plan(b, record.get("spending_plan"))
    goals_block(b, record.get("goals") or {}, with_mid, year,
                template.get("goals_label") or "年度总体目标")
    mid = (f"中期指标{mid_term_span(year)}", mid_rows, "年度指标") if with_mid else None
    indicator_table(b, "绩效指标", columns, annual_rows, mid)
    if template.get("grade_line"):
        grade_line(b)
    lines: tuple[tuple[str, str], ...] = ()
    if unit_line:
        unit_name = get(record, "project", "unit") or get(record, "project", "department") or ""
        lines = ((str(unit_name), f"单位：{unit}"),)
    return _form(record, template, (b.build(),), lines)


# --------------------------------------------------------------------------
# Department declaration
# --------------------------------------------------------------------------

def department_declaration(record: dict, template: dict) -> Form:
    rows = as_list(record.get("indicators"))
    unit = money_unit(template)
    # 年度主要任务 needs a task name and three amounts right of the label.
    columns = widened(template_columns(template), 5)
    b = TableBuilder(grid_widths(["部门（单位）名称", "年度主要任务"], columns))
    header_block(b, record, shown_header_fields(template) or (("department", "部门（单位）名称"),))
    totals = {path.rsplit(".", 1)[-1]: shown for path, shown in template.get("funds_rows") or []}
    _tasks(b, as_list(record.get("tasks")), record.get("total"), unit, totals.get("total", "金额合计"))
    goals_block(b, {"annual": as_list(record.get("goals"))}, False, record.get("year"))
    indicator_table(b, "年度绩效指标", columns, rows)
    return _form(record, template, (b.build(),))


def _tasks(b: TableBuilder, tasks: list, total: Any, unit: str, total_label: str) -> None:
    """年度主要任务: 任务名称 | 总额 | 财政拨款 | 其他资金, then 金额合计."""
    name_span = b.ncols - 1 - 3
    b.row(label("年度主要任务", rowspan=2 + len(tasks) + 1),
          head("任务名称", rowspan=2, colspan=name_span), head(f"预算金额（{unit}）", colspan=3))
    b.row(head("总额"), head("财政拨款"), head("其他资金"))
    for task in tasks:
        b.row(text(get(task, "name"), "long", colspan=name_span), *_amounts(task, unit))
    b.row(head(total_label, colspan=name_span), *_amounts(total, unit))


def _amounts(row: Any, unit: str) -> list[Cell]:
    return [amount(get(row, key), unit) for key in ("total", "fiscal", "other")]


# --------------------------------------------------------------------------
# Self-evaluation
# --------------------------------------------------------------------------

def self_evaluation(record: dict, template: dict) -> Form:
    rows = as_list(record.get("indicators"))
    execution = record.get("execution") or {}
    weights = level1_totals(rows, "weight")
    columns = template_columns(template, level1=lambda row: text(_level1_caption(row, weights)),
                               level1_width=14)
    # The funds block has eight cells right of the label.
    columns = widened(columns, 8)
    b = TableBuilder(grid_widths(["项目资金", "年度总体目标"], columns))  # 项目资金（万元） wraps at the bracket
    header_block(b, record, shown_header_fields(template), label_span=2)
    fund_rows, fund_headings = _fund_layout(record, template)
    _self_eval_funds(b, record, fund_rows, fund_headings, execution)
    _self_eval_goals(b, as_list(record.get("goals")))
    indicator_table(b, "绩效指标", columns, rows)
    _totals(b, record, columns, rows, execution, bool(template.get("grade_line")))
    return _form(record, template, (b.build(), _score_summary(rows, execution)))


# Headings of the funds block by record key (execution.weight → 分值, .score → 得分).
_HEADINGS = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数",
             "weight": "分值", "score": "得分"}


def _fund_layout(record: dict, template: dict) -> tuple[list, list[str]]:
    """(rows, headings) of the funds block. A template whose funds rows name
    the amounts of the total (funds.total.initial …, execution.weight, the
    department form) gives the headings; its rows are then the total,
    财政拨款 and each fund source."""
    rows = [tuple(entry) for entry in template.get("funds_rows") or []]
    named = {path.rsplit(".", 1)[-1]: shown for path, shown in rows
             if path.startswith(("funds.total.", "execution."))}
    if not named:
        return rows or list(_SELF_EVAL_FUNDS), list(_HEADINGS.values())
    sources = get(record, "funds", "sources") or {}
    fund_rows = [("funds.total", "年度资金总额："), ("funds.fiscal", "其中：财政拨款"),
                 *((f"funds.sources.{name}", name) for name in sources)]
    return fund_rows, [named.get(key, default) for key, default in _HEADINGS.items()]


def _self_eval_funds(b: TableBuilder, record: dict, rows: list, headings: list[str],
                     execution: dict) -> None:
    """年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分; 执行率 is
    全年执行数 ÷ 全年预算数 of the total row ("—" when the budget is 0)."""
    rest = b.ncols - 1 - 7
    initial, adjusted, executed, weight, score_heading = headings
    b.row(label("项目资金（万元）", rowspan=1 + len(rows)), blank(), head(initial), head(adjusted),
          head(executed), head(weight), head("执行率"), head(score_heading, colspan=1 + rest))
    for index, (path, caption) in enumerate(rows):
        part = get(record, "funds", "sources", path[len("funds.sources."):]) \
            if path.startswith("funds.sources.") else get(record, *path.split("."))
        amounts = [money(get(part, field)) for field in ("initial", "adjusted", "executed")]
        if index == 0:
            rate = percent_of(get(part, "executed"), get(part, "adjusted"))
            tail = [number(execution.get("weight")), percent(rate),
                    score(execution.get("score"), colspan=1 + rest)]
        else:
            tail = [text("—"), blank(), blank(colspan=1 + rest)]
        b.row(text(caption), *amounts, *tail)


def _self_eval_goals(b: TableBuilder, goals: list) -> None:
    goals = goals or [{}]
    left, right = b.spans(1, 2)
    b.row(label("年度总体目标", rowspan=1 + len(goals)), head("预期目标", colspan=left),
          head("实际完成情况", colspan=right))
    for goal in goals:
        b.row(text(get(goal, "expected"), "long", colspan=left),
              text(get(goal, "actual"), "long", colspan=right))


def _totals(b: TableBuilder, record: dict, columns: list[Column], rows: list, execution: dict,
            grade: bool) -> None:
    """总分 under the 分值 and 得分 columns, then 自评等级 when the form prints a grade."""
    keys = [column.key for column in columns]
    numeric = [i for i, key in enumerate(keys) if key in ("weight", "score")]
    lead = 1 + sum(len(column.widths) for column in columns[:numeric[0]]) if numeric else b.ncols - 1
    if numeric:
        cells: list[Cell] = []
        for column in columns[numeric[0]:]:
            width = len(column.widths)
            if column.key == "weight":
                cells.append(number(total_of([execution.get("weight"),
                                              *(get(row, "weight") for row in rows)]), width))
            elif column.key == "score":
                cells.append(score(record.get("total_score"), width))
            else:
                cells.append(blank(width))
        b.row(label("总分", colspan=lead), *cells)
    if grade:
        b.row(label("自评等级", colspan=lead), text(record.get("grade"), colspan=b.ncols - lead))


def _level1_caption(row: Any, weights: dict[str, Decimal | None]) -> str:
    """"产出指标（50分）" as on the official form, the 分值 summed per 一级."""
    name = printed_level(row, "level1") or ""
    weight = weights.get(get(row, "level1") or "")
    return f"{name}（{format(weight, 'f')}分）" if name and weight is not None else name


def level1_totals(rows: list, key: str) -> dict[str, Decimal | None]:
    """Sum of `key` per 一级, in order of first appearance."""
    totals: dict[str, list] = {}
    for row in rows:
        totals.setdefault(get(row, "level1") or "", []).append(get(row, key))
    return {name: total_of(values) for name, values in totals.items()}


def _score_summary(rows: list, execution: dict) -> Table:
    """分项得分汇总: 分值 and 得分 per 一级, 预算执行率 and 合计."""
    weights = level1_totals(rows, "weight")
    scores = level1_totals(rows, "score")
    b = TableBuilder((24, 12, 12), caption="分项得分汇总")
    b.row(head("指标类别"), head("分值"), head("得分"))
    for name in weights:
        b.row(text(name or "（未填一级指标）"), number(weights[name]), score(scores[name]))
    b.row(text("预算执行率"), number(execution.get("weight")), score(execution.get("score")))
    b.row(label("合计"), number(total_of([*weights.values(), execution.get("weight")])),
          score(total_of([*scores.values(), execution.get("score")])))
    return b.build()


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[dict, dict], Form]] = {
    "project-declaration": project_declaration,
    "department-declaration": department_declaration,
    "self-evaluation": self_evaluation,
    "department-self-evaluation": lambda record, template: _department_self_evaluation(record, template),
}


def _department_self_evaluation(record: dict, template: dict) -> Form:
    from .dept_selfeval import department_self_evaluation  # it builds on this module's blocks
    return department_self_evaluation(record, template)


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
            raise ValueError(f"表样 {template_id} 用于{found.get('label') or found.get('form')}，"
                             f"与记录的表单类型不符")
        return found
    return record_template(record)
