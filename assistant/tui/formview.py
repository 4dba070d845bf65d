"""The live form beside the chat: the record laid out like the printed table,
each field marked (answered, derived, to be fixed), the current one
highlighted. Rich renderables only, no Textual: cheap to build and to test.

What a field's state is comes from the caller (`state(path)`), who knows the
interview; this module only knows where each field sits on the form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from assistant import record_path
from assistant.forms import KINDS, FormKind, shown
from assistant.interview.field_states import ANSWERED, DERIVED, EMPTY, FIX, SKIPPED, Category  # noqa: F401

MARK = {ANSWERED: "✓", DERIVED: "~", FIX: "!", SKIPPED: "-", EMPTY: " "}
MARK_STYLE = {ANSWERED: "green", DERIVED: "cyan", FIX: "bold yellow", SKIPPED: "dim", EMPTY: "dim"}
# Marks avoid East-Asian "ambiguous"-width symbols, which some Chinese terminals draw double-wide.
LEGEND = "✓ 已填  ~ 自动得出  ! 待修改  - 不填  ▸ 正在填"
CURRENT_STYLE = "reverse"

State = Callable[[str], str]


@dataclass
class Row:
    label: str
    path: str
    text: str = ""
    header: bool = False  # a category line of the indicator table


@dataclass
class Block:
    id: str
    title: str
    rows: list[Row] = field(default_factory=list)
    columns: tuple[str, ...] = ()  # headings of an indicator table; empty = label/value rows


# ------------------------------------------------------------------ helpers
def _get(record: Any, path: str) -> Any:
    return record_path.get(record, path)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return str(value)


def _money(value: Any) -> str:
    text = _text(value)
    return f"{text} 万元" if text else ""


def _plan(plan: Any) -> str:
    if not isinstance(plan, list):
        return ""
    return "  ".join(f"{p.get('month')}月 {_text(p.get('percent'))}%" for p in plan if isinstance(p, dict))


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _items(record: dict, path: str | None) -> list:
    """The list at `path` (a form's tasks, goals, indicators); [] where there is none."""
    return _list(_get(record, path)) if path else []


# ------------------------------------------------------------------ layouts
def project_blocks(record: dict, categories: list[Category], multi_year: bool) -> list[Block]:
    kind = KINDS["project-declaration"]
    year = record.get("year")
    basic = Block(
        "basic",
        _title(kind, year),
        [
            Row("预算年度", "year", _text(year)),
            Row("项目名称", "project.name", _text(_get(record, "project.name"))),
            Row("项目编码", "project.code", _text(_get(record, "project.code"))),
            Row("主管部门", "project.department", _text(_get(record, "project.department"))),
            Row("实施单位", "project.unit", _text(_get(record, "project.unit"))),
            Row("项目属性", "project.attribute", _text(_get(record, "project.attribute"))),
            Row("项目期", "project.period", _text(_get(record, "project.period"))),
        ],
    )
    funds = Block("funds", "项目资金（万元）")
    for spec in reversed(shown(kind.funds_rows, multi_year)):  # 中期 before 年度, as printed
        row = _get(record, spec.path) or {}
        funds.rows += [
            Row(f"{spec.label}资金总额", spec.path, _money(row.get("total"))),
            Row("　其中：财政拨款", f"{spec.path}.fiscal", _money(row.get("fiscal"))),
            Row("　　　　其他资金", f"{spec.path}.other", _money(row.get("other"))),
        ]
    funds.rows.append(Row("资金支出计划", "spending_plan", _plan(record.get("spending_plan"))))
    goals = Block("goals", "绩效目标")
    for goal_set in reversed(shown(kind.goal_sets, multi_year)):
        goals.rows += _goal_rows(goal_set.path, f"{goal_set.label}目标", _items(record, goal_set.path))
    return [basic, funds, goals, *_indicator_blocks(record, kind, categories, multi_year)]


def _indicator_blocks(record: dict, kind: FormKind, categories: list[Category], multi_year: bool) -> list[Block]:
    return [
        indicator_block(spec.path, f"{spec.label}绩效指标", _items(record, spec.path), categories)
        for spec in shown(kind.indicator_sets, multi_year)
    ]


def department_blocks(record: dict, categories: list[Category], multi_year: bool = False) -> list[Block]:
    kind = KINDS["department-declaration"]
    year = record.get("year")
    basic = Block(
        "basic",
        _title(kind, year),
        [Row("预算年度", "year", _text(year)), Row("部门名称", "department", _text(record.get("department")))],
    )
    tasks = Block("tasks", "年度主要任务（万元）")
    for i, task in enumerate(_items(record, kind.tasks)):
        if isinstance(task, dict):
            tasks.rows.append(Row(_text(task.get("name")), f"{kind.tasks}[{i}]", _money(task.get("total"))))
    for spec in kind.funds_rows:
        total = _get(record, spec.path)
        tasks.rows.append(Row(spec.label, spec.path, _money(total.get("total") if isinstance(total, dict) else None)))
    goals = Block("goals", "年度总体目标")
    for goal_set in kind.goal_sets:
        goals.rows += _goal_rows(goal_set.path, f"{goal_set.label}目标", _items(record, goal_set.path))
    return [basic, tasks, goals, *_indicator_blocks(record, kind, categories, multi_year)]


def self_evaluation_blocks(record: dict, categories: list[Category], multi_year: bool = False) -> list[Block]:
    year = record.get("year")
    kind = KINDS.get(record.get("form"), KINDS["self-evaluation"])
    department_wide = kind.department_wide
    title = _title(kind, year)
    if department_wide:
        basic = Block(
            "basic",
            title,
            [Row("评价年度", "year", _text(year)), Row("部门名称", "department", _text(record.get("department")))],
        )
    else:
        basic = Block(
            "basic",
            title,
            [
                Row("预算年度", "year", _text(year)),
                Row("项目名称", "project.name", _text(_get(record, "project.name"))),
                Row("项目编码", "project.code", _text(_get(record, "project.code"))),
                Row("主管部门", "project.department", _text(_get(record, "project.department"))),
                Row("实施单位", "project.unit", _text(_get(record, "project.unit"))),
            ],
        )
    funds = Block("funds", ("部门" if department_wide else "项目") + "资金（万元）：年初预算 / 全年预算 / 全年执行")
    fund_rows = [("total", "年度资金总额"), ("fiscal", "财政拨款"), ("carryover", "上年结转"), ("other", "其他资金")]
    if department_wide:
        fund_rows += [("basic", "基本支出"), ("project", "项目支出")]
    for key, name in fund_rows:
        row = _get(record, f"funds.{key}")
        if isinstance(row, dict):
            funds.rows.append(
                Row(
                    name,
                    f"funds.{key}",
                    " / ".join(_text(row.get(k)) or "-" for k in ("initial", "adjusted", "executed")),
                )
            )
    goals = Block("goals", "年度总体目标（预期／实际）")
    goal_set = kind.goal_sets[0]
    for i, goal in enumerate(_items(record, goal_set.path)):
        if isinstance(goal, dict):
            goals.rows.append(
                Row(
                    "预期" if i == 0 else "",
                    f"{goal_set.path}[{i}]",
                    f"{i + 1}. {_text(goal.get(goal_set.text_key or 'expected'))} ＞ {_text(goal.get('actual')) or '?'}",
                )
            )
    goals.rows.append(Row("" if goals.rows else "预期", f"{goal_set.path}[+]", ""))
    spec = kind.indicator_sets[0]
    indicators = indicator_block(
        spec.path,
        "绩效指标（年度指标值 / 实际完成值）",
        _items(record, spec.path),
        categories,
        value=lambda r: f"{_text(r.get(spec.value_key))} / {_text(r.get('actual')) or '?'}",
    )
    blocks = [basic, funds, goals, indicators]
    if kind.tasks:
        tasks = Block("tasks", "年度主要任务（万元）：预算数 / 执行数")
        for i, task in enumerate(_items(record, kind.tasks)):
            if isinstance(task, dict):
                tasks.rows.append(
                    Row(
                        _text(task.get("name")),
                        f"{kind.tasks}[{i}]",
                        f"{_money(task.get('budget')) or '-'} / {_money(task.get('executed')) or '?'}",
                    )
                )
        blocks.insert(2, tasks)
    return blocks


def _title(kind: FormKind, year: Any) -> str:
    return kind.label + (f"（{year}年度）" if year else "")


def _goal_rows(path: str, label: str, goals: list) -> list[Row]:
    rows = [Row(label if i == 0 else "", f"{path}[{i}]", f"{i + 1}. {_text(goal)}") for i, goal in enumerate(goals)]
    rows.append(Row(label if not goals else "", f"{path}[+]", ""))  # where the next goal goes
    return rows


def indicator_block(
    path: str, title: str, rows: list, categories: list[Category], value: Callable[[dict], str] | None = None
) -> Block:
    value = value or (lambda r: _text(r.get("value")))
    block = Block(path, title, columns=("指标", "指标值"))
    known = {c.level2 for c in categories}
    extra = [
        Category(r.get("level1", ""), r.get("level2", ""))
        for r in rows
        if isinstance(r, dict) and r.get("level2") not in known
    ]
    for category in list(categories) + list(dict.fromkeys(extra)):
        block.rows.append(
            Row(f"{category.level1} › {category.level2}", f"{path}:{category.level2}", category.label, header=True)
        )
        for i, row in enumerate(rows):
            if isinstance(row, dict) and row.get("level2") == category.level2:
                block.rows.append(Row(_text(row.get("name")) or "（未命名）", f"{path}[{i}]", value(row)))
    return block


# Each form's layout; a record of another form is shown as a project declaration.
LAYOUTS: dict[str, Callable[[dict, list[Category], bool], list[Block]]] = {
    "project-declaration": project_blocks,
    "department-declaration": department_blocks,
    "self-evaluation": self_evaluation_blocks,
    "department-self-evaluation": self_evaluation_blocks,
}


def blocks_for(record: dict, categories: list[Category], multi_year: bool = False) -> list[Block]:
    return LAYOUTS.get(record.get("form"), project_blocks)(record, categories, multi_year)


# ---------------------------------------------------------------- rendering
def focus_path(key: str | None) -> str | None:
    """The form row a question key is about."""
    if not key or key in ("review", "form"):
        return None
    if ":" in key:
        set_path, rest = key.split(":", 1)
        return set_path if rest == "derive" else f"{set_path}:{rest.split(':')[0]}"
    ref = record_path.row(key)
    if ref is not None and ref.field is not None:
        return ref.item
    if key.startswith("goals") and not key.endswith("]"):
        return f"{key}[+]"
    return key


def render_block(block: Block, state: State, current: str | None) -> Table:
    table = Table(
        box=box.SQUARE,
        show_header=bool(block.columns),
        expand=True,
        padding=(0, 1),
        title=Text(block.title, style="bold"),
        title_justify="left",
        show_edge=True,
    )
    if block.columns:
        table.add_column(block.columns[0], ratio=3, overflow="fold")
        table.add_column(block.columns[1], ratio=2, overflow="fold")
    else:
        table.add_column(no_wrap=True, style="bold", min_width=8, max_width=16)
        table.add_column(ratio=1, overflow="fold")
    table.add_column(width=1, no_wrap=True)
    for number, row in enumerate(block.rows):
        status = state(row.path)
        here = current is not None and (row.path == current or (row.header and current == block.id))
        mark = Text(MARK[status], style=MARK_STYLE[status])
        label = ("▸ " if here else "") + row.label
        if row.header:
            if number:
                table.add_section()
            table.add_row(
                Text(label, style="bold"), Text(row.text, style="dim"), mark, style=CURRENT_STYLE if here else None
            )
            continue
        shown = row.text if status != EMPTY or row.path.endswith("[+]") else ""
        if row.path.endswith("[+]"):
            shown = "（下一条）" if here else ""
            if not here and not row.label:
                continue
        if status == SKIPPED and not shown:
            shown = "（无）"
        if block.columns:
            label = ("▸ " if here else "　") + row.label
        table.add_row(label, Text(shown), mark, style=CURRENT_STYLE if here else None)
    return table


def render_form(blocks: Iterable[Block], state: State, current: str | None) -> Group:
    return Group(*(render_block(b, state, current) for b in blocks), Text(LEGEND, style="dim"))


__all__ = [
    "ANSWERED",
    "DERIVED",
    "EMPTY",
    "FIX",
    "LEGEND",
    "MARK",
    "SKIPPED",
    "Block",
    "Category",
    "Row",
    "blocks_for",
    "focus_path",
    "render_block",
    "render_form",
]
