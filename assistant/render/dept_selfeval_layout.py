"""部门整体支出绩效自评表 (department-wide self-evaluation) as a format-neutral form.

After the central template: 部门（单位）名称; the funds block 年初预算数 /
全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 by source and, where stated, by
spending type (基本支出 / 项目支出); 年度主要任务 with 预算数 and 执行数;
年度总体目标 预期 vs 实际; 年度绩效指标 with 分值 / 得分 / 偏差原因; 总分 and
自评等级. A record whose indicators carry no levels (the flat local layouts,
e.g. Chongqing's) prints its flat columns instead: 指标名称, 计量单位, 指标性质,
年初/调整指标值, 全年完成值, 得分系数, 权重, 得分, 是否核心指标.
"""

from __future__ import annotations

from typing import Any

from .layout import (
    LONG,
    Column,
    Form,
    TableBuilder,
    _field,
    _get,
    _grid_widths,
    _indicator_sections,
    _level1_totals,
    _list,
    _numeric_field,
    _score_summary,
    _self_eval_columns,
    _subtitle,
    _sum,
    _year,
    blank,
    head,
    label,
    money,
    number,
    percent,
    percent_of,
    split,
    text,
)
from .layout import to_decimal as _to_decimal

TITLE = "部门整体支出绩效自评表"
_FUND_ROWS = (("total", "年度资金总额"), ("fiscal", "其中：本年财政拨款"), ("carryover", "上年结转资金"),
              ("other", "其他资金"), ("basic", "按支出性质分：基本支出"), ("project", "项目支出"))


def _flat_columns() -> list[Column]:
    return [
        Column("指标名称", (14, 12), _field("name", LONG)),
        Column("计量单位", (8,), _field("unit")),
        Column("指标性质", (8,), _field("nature")),
        Column("年初指标值", (11,), _field("target")),
        Column("调整指标值", (11,), _field("adjusted")),
        Column("全年完成值", (11,), _field("actual")),
        Column("得分系数", (9,), lambda row: text(_get(row, "extra", "得分系数(%)"))),
        Column("指标权重（分）", (9,), _numeric_field("weight")),
        Column("指标得分（分）", (9,), _numeric_field("score")),
        Column("是否核心指标", (8,), _core),
        Column("偏差原因", (14,), _field("deviation", LONG)),
    ]


def _core(row: Any):
    flag = _get(row, "core")
    return text({True: "是", False: "否"}.get(flag) if isinstance(flag, bool) else _get(row, "extra", "是否核心指标"))


def _is_flat(rows: list) -> bool:
    return bool(rows) and not any(_get(row, "level1") or _get(row, "level2") for row in rows)


def department_self_evaluation(record: dict) -> Form:
    year = record.get("year")
    rows = _list(record.get("indicators"))
    execution = record.get("execution") if isinstance(record.get("execution"), dict) else {}
    flat = _is_flat(rows)
    columns = _flat_columns() if flat else _self_eval_columns(_level1_totals(rows, "weight"))
    b = TableBuilder(_grid_widths(12, columns))
    n = b.ncols - 1
    b.row(label("部门（单位）名称"), text(record.get("department"), LONG, colspan=n))
    _funds(b, record.get("funds") if isinstance(record.get("funds"), dict) else {}, execution)
    _tasks(b, [t for t in _list(record.get("tasks")) if isinstance(t, dict)])
    _goals(b, [g for g in _list(record.get("goals")) if isinstance(g, dict)])
    _indicator_sections(b, "年度绩效指标", columns, [(None, rows)])
    weight_total = _sum([execution.get("weight"), *(_get(row, "weight") for row in rows)])
    lead = n - 3
    b.row(label("总分", colspan=1 + lead), number(weight_total), number(record.get("total_score")), blank())
    b.row(label("自评等级", colspan=1 + lead), text(record.get("grade"), colspan=3))
    tables = [b.build()]
    if not flat:
        tables.append(_score_summary(rows, execution))
    return Form("department-self-evaluation", TITLE, _subtitle(year), _year(year), tuple(tables))


def _funds(b: TableBuilder, funds: dict, execution: dict) -> None:
    """年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, spread over the
    grid's value columns; rows the record does not state (null) are left out."""
    shown = [(key, caption) for key, caption in _FUND_ROWS if key == "total" or isinstance(funds.get(key), dict)]
    spans = split(b.ncols - 2, 6)
    b.row(label("部门资金（万元）", rowspan=1 + len(shown)), blank(),
          *(head(h, colspan=s) for h, s in zip(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                                               spans)))
    for key, caption in shown:
        amounts = [money(_get(funds, key, field), colspan=s)
                   for field, s in zip(("initial", "adjusted", "executed"), spans)]
        if key == "total":
            rate = percent_of(_get(funds, "total", "executed"), _get(funds, "total", "adjusted"))
            if rate is None and _to_decimal(execution.get("rate")) is not None:
                rate = _to_decimal(execution.get("rate"))
            tail = [number(execution.get("weight"), colspan=spans[3]), percent(rate, colspan=spans[4]),
                    number(execution.get("score"), colspan=spans[5])]
        else:
            tail = [text("—", colspan=spans[3]), blank(spans[4]), blank(spans[5])]
        b.row(text(caption), *amounts, *tail)


def _tasks(b: TableBuilder, tasks: list) -> None:
    if not tasks:
        return
    name_span, content_span, budget_span, executed_span = split(b.ncols - 1, 4)
    b.row(label("年度主要任务", rowspan=1 + len(tasks)), head("任务名称", colspan=name_span),
          head("主要内容", colspan=content_span), head("预算数（万元）", colspan=budget_span),
          head("执行数（万元）", colspan=executed_span))
    for task in tasks:
        b.row(text(task.get("name"), LONG, colspan=name_span), text(task.get("content"), LONG, colspan=content_span),
              money(task.get("budget"), colspan=budget_span), money(task.get("executed"), colspan=executed_span))


def _goals(b: TableBuilder, goals: list[dict[str, Any]]) -> None:
    goals = goals or [{}]
    initial = any(str(goal.get("initial") or "").strip() for goal in goals)
    parts = split(b.ncols - 1, 3 if initial else 2)
    headings = (("年初绩效目标",) if initial else ()) + ("预期目标（全年）" if initial else "预期目标", "实际完成情况")
    b.row(label("年度总体目标", rowspan=1 + len(goals)), *(head(h, colspan=s) for h, s in zip(headings, parts)))
    for goal in goals:
        keys = (("initial",) if initial else ()) + ("expected", "actual")
        b.row(*(text(goal.get(key), LONG, colspan=s) for key, s in zip(keys, parts)))
