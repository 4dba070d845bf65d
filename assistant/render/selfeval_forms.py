"""The two self-evaluations, each in its template.

* 项目支出绩效自评表: header, the 年初预算数/全年预算数/全年执行数/分值/执行率/得分
  block, goals (预期 vs 实际), indicators with 分值/得分/偏差原因, total and
  grade, plus a per-一级 score summary;
* 部门整体支出绩效自评表: the same blocks, plus the funds by spending type
  (基本支出 / 项目支出) where the template prints them and the record states
  them, 年度主要任务 with 预算数 and 执行数, and a 年初绩效目标 column when the
  record keeps goals adjusted during the year. Flat local layouts (Chongqing's
  indicator list) print their own columns and no per-一级 summary.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant import record_path
from assistant.forms import KINDS

from .blocks import header_block, shown_header_fields, total_of
from .form_base import listed, make_form, widened
from .grid import (
    Cell,
    Form,
    Table,
    TableBuilder,
    blank,
    get,
    head,
    label,
    money,
    number,
    percent,
    percent_of,
    score,
    text,
)
from .indicator_table import Column, grid_widths, indicator_table, printed_level, template_columns

_SELF_EVAL_FUNDS = (
    ("funds.total", "年度资金总额："),
    ("funds.fiscal", "其中：本年财政拨款"),
    ("funds.carryover", "上年结转资金"),
    ("funds.other", "其他资金"),
)

# --------------------------------------------------------------------------
# Self-evaluation
# --------------------------------------------------------------------------


def self_evaluation(record: dict, template: dict) -> Form:
    kind = KINDS["self-evaluation"]
    rows = listed(record, kind.indicator_sets[0].path)
    execution = record.get("execution") or {}
    weights = level1_totals(rows, "weight")
    columns = template_columns(template, level1=lambda row: text(_level1_caption(row, weights)), level1_width=14)
    # The funds block has eight cells right of the label.
    columns = widened(columns, 8)
    b = TableBuilder(grid_widths(["项目资金", "年度总体目标"], columns))  # 项目资金（万元） wraps at the bracket
    header_block(b, record, shown_header_fields(template), label_span=2)
    fund_rows, fund_headings = _fund_layout(record, template)
    _self_eval_funds(b, record, fund_rows, fund_headings, execution)
    _self_eval_goals(b, listed(record, kind.goal_sets[0].path))
    indicator_table(b, "绩效指标", columns, rows)
    _totals(b, record, columns, rows, execution, bool(template.get("grade_line")))
    return make_form(record, template, (b.build(), _score_summary(rows, execution)))


# Headings of the funds block by record key (execution.weight → 分值, .score → 得分).
_HEADINGS = {
    "initial": "年初预算数",
    "adjusted": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "score": "得分",
}


def _fund_layout(record: dict, template: dict) -> tuple[list, list[str]]:
    """(rows, headings) of the funds block. A template whose funds rows name
    the amounts of the total (funds.total.initial …, execution.weight, the
    department form) gives the headings; its rows are then the total,
    财政拨款 and each fund source."""
    rows = [tuple(entry) for entry in template.get("funds_rows") or []]
    named = {
        record_path.labelled(path)[-1]: shown for path, shown in rows if path.startswith(("funds.total.", "execution."))
    }
    if not named:
        return rows or list(_SELF_EVAL_FUNDS), list(_HEADINGS.values())
    sources = get(record, "funds", "sources") or {}
    fund_rows = [
        ("funds.total", "年度资金总额："),
        ("funds.fiscal", "其中：财政拨款"),
        *((f"funds.sources.{name}", name) for name in sources),
    ]
    return fund_rows, [named.get(key, default) for key, default in _HEADINGS.items()]


def _self_eval_funds(b: TableBuilder, record: dict, rows: list, headings: list[str], execution: dict) -> None:
    """年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分; 执行率 is
    全年执行数 ÷ 全年预算数 of the total row ("—" when the budget is 0)."""
    rest = b.ncols - 1 - 7
    initial, adjusted, executed, weight, score_heading = headings
    b.row(
        label("项目资金（万元）", rowspan=1 + len(rows)),
        blank(),
        head(initial),
        head(adjusted),
        head(executed),
        head(weight),
        head("执行率"),
        head(score_heading, colspan=1 + rest),
    )
    for index, (path, caption) in enumerate(rows):
        part = record_path.get(record, record_path.labelled(path))
        amounts = [money(get(part, field)) for field in ("initial", "adjusted", "executed")]
        if index == 0:
            rate = percent_of(get(part, "executed"), get(part, "adjusted"))
            tail = [number(execution.get("weight")), percent(rate), score(execution.get("score"), colspan=1 + rest)]
        else:
            tail = [text("—"), blank(), blank(colspan=1 + rest)]
        b.row(text(caption), *amounts, *tail)


def _self_eval_goals(b: TableBuilder, goals: list) -> None:
    goals = goals or [{}]
    left, right = b.spans(1, 2)
    b.row(
        label("年度总体目标", rowspan=1 + len(goals)),
        head("预期目标", colspan=left),
        head("实际完成情况", colspan=right),
    )
    for goal in goals:
        b.row(text(get(goal, "expected"), "long", colspan=left), text(get(goal, "actual"), "long", colspan=right))


def _totals(b: TableBuilder, record: dict, columns: list[Column], rows: list, execution: dict, grade: bool) -> None:
    """总分 under the 分值 and 得分 columns, then 自评等级 when the form prints a grade."""
    keys = [column.key for column in columns]
    numeric = [i for i, key in enumerate(keys) if key in ("weight", "score")]
    lead = 1 + sum(len(column.widths) for column in columns[: numeric[0]]) if numeric else b.ncols - 1
    if numeric:
        cells: list[Cell] = []
        for column in columns[numeric[0] :]:
            width = len(column.widths)
            if column.key == "weight":
                cells.append(number(total_of([execution.get("weight"), *(get(row, "weight") for row in rows)]), width))
            elif column.key == "score":
                cells.append(score(record.get("total_score"), width))
            else:
                cells.append(blank(width))
        b.row(label("总分", colspan=lead), *cells)
    if grade:
        b.row(label("自评等级", colspan=lead), text(record.get("grade"), colspan=b.ncols - lead))


def _level1_caption(row: Any, weights: dict[str, Decimal | None]) -> str:
    """ "产出指标（50分）" as on the official form, the 分值 summed per 一级."""
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
    b.row(
        label("合计"),
        number(total_of([*weights.values(), execution.get("weight")])),
        score(total_of([*scores.values(), execution.get("score")])),
    )
    return b.build()


# --------------------------------------------------------------------------
# Department self-evaluation
# --------------------------------------------------------------------------


def department_self_evaluation(record: dict, template: dict) -> Form:
    kind = KINDS["department-self-evaluation"]
    rows = listed(record, kind.indicator_sets[0].path)
    execution: dict = record["execution"] if isinstance(record.get("execution"), dict) else {}
    weights = level1_totals(rows, "weight")
    columns = widened(
        template_columns(template, level1=lambda row: text(_level1_caption(row, weights)), level1_width=14), 8
    )
    b = TableBuilder(grid_widths(["部门资金", "年度主要任务", "年度总体目标"], columns))
    header_block(b, record, shown_header_fields(template), label_span=2)
    fund_rows, headings = _fund_layout(record, template)
    stated = [
        (path, caption)
        for index, (path, caption) in enumerate(fund_rows)
        if index == 0 or record_path.get(record, record_path.labelled(path)) is not None
    ]
    _self_eval_funds(b, record, stated, headings, execution)
    _tasks(b, [task for task in listed(record, kind.tasks) if isinstance(task, dict)])
    _goals(b, [goal for goal in listed(record, kind.goal_sets[0].path) if isinstance(goal, dict)])
    indicator_table(b, "年度绩效指标", columns, rows)
    _totals(b, record, columns, rows, execution, bool(template.get("grade_line")))
    leveled = any(get(row, "level1") for row in rows)
    return make_form(record, template, (b.build(), _score_summary(rows, execution)) if leveled else (b.build(),))


def _tasks(b: TableBuilder, tasks: list[dict]) -> None:
    if not tasks:
        return
    name, content, budget, executed = b.spans(1, 4)
    b.row(
        label("年度主要任务", rowspan=1 + len(tasks)),
        head("任务名称", colspan=name),
        head("主要内容", colspan=content),
        head("预算数（万元）", colspan=budget),
        head("执行数（万元）", colspan=executed),
    )
    for task in tasks:
        b.row(
            text(task.get("name"), "long", colspan=name),
            text(task.get("content"), "long", colspan=content),
            money(task.get("budget"), colspan=budget),
            money(task.get("executed"), colspan=executed),
        )


def _goals(b: TableBuilder, goals: list[dict]) -> None:
    goals = goals or [{}]
    keys = (("initial",) if any(str(goal.get("initial") or "").strip() for goal in goals) else ()) + (
        "expected",
        "actual",
    )
    headings = {
        "initial": "年初绩效目标",
        "expected": "全年（调整）绩效目标" if "initial" in keys else "预期目标",
        "actual": "实际完成情况",
    }
    spans = b.spans(1, len(keys))
    b.row(label("年度总体目标", rowspan=1 + len(goals)), *(head(headings[k], colspan=s) for k, s in zip(keys, spans)))
    for goal in goals:
        b.row(*(text(goal.get(key), "long", colspan=s) for key, s in zip(keys, spans)))
