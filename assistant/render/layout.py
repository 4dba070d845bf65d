"""One format-neutral description of each form, consumed by all three writers.

A form is a title, a subtitle (the year) and one or more tables. A table is a
grid of cells placed like an HTML table: each row lists its cells left to
right, skipping columns still covered by a row-span from above, and every
row must cover the full width. The Markdown, XLSX and DOCX writers only
decide how a cell *looks*; what is in which cell, and which cells are merged,
is decided here once.

The layouts follow the official forms in the seeds:

* project declaration (项目支出绩效目标申报表): header block, funds (中期 left,
  年度 right when a mid-term plan exists), 资金支出计划, goals (中期 and 年度
  side by side), indicator table with merged 一级/二级 spans;
* department declaration (部门（单位）整体支出绩效目标申报表): name, 年度主要任务
  with 金额合计, numbered 年度总体目标, 年度绩效指标 with 绩效标准;
* self-evaluation (项目支出绩效自评表): header, the 年初预算数/全年预算数/
  全年执行数/分值/执行率/得分 block, goals (预期 vs 实际), indicators with
  分值/得分/偏差原因, total and grade, plus a per-一级 score summary.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable, Iterable, Sequence

# --------------------------------------------------------------------------
# Cells, tables, forms
# --------------------------------------------------------------------------

TEXT, MONEY, NUMBER, PERCENT = "text", "money", "number", "percent"
# Roles: "label" = block label (left column), "head" = column heading,
# "body" = short value (centred), "long" = prose (left-aligned, wrapped).
LABEL, HEAD, BODY, LONG = "label", "head", "body", "long"


@dataclass(frozen=True)
class Cell:
    value: str | Decimal | None = None
    kind: str = TEXT
    role: str = BODY
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Placed:
    row: int
    col: int
    cell: Cell

    @property
    def last_row(self) -> int:
        return self.row + self.cell.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.cell.colspan - 1

    @property
    def merged(self) -> bool:
        return self.cell.rowspan > 1 or self.cell.colspan > 1


@dataclass(frozen=True)
class Table:
    widths: tuple[int, ...]  # relative column widths, in half-width characters
    cells: tuple[Placed, ...]  # in row-major order of their top-left corner
    nrows: int
    caption: str | None = None

    @property
    def ncols(self) -> int:
        return len(self.widths)

    def matrix(self) -> list[list[Placed | None]]:
        """Grid of the table: the placed cell at its top-left corner, None
        where a cell is covered by a merge."""
        grid: list[list[Placed | None]] = [[None] * self.ncols for _ in range(self.nrows)]
        for placed in self.cells:
            grid[placed.row][placed.col] = placed
        return grid


@dataclass(frozen=True)
class Form:
    kind: str
    title: str
    subtitle: str
    year: int | None
    tables: tuple[Table, ...]


class LayoutError(ValueError):
    """A layout function built a row that does not fill the table (a bug)."""


class TableBuilder:
    def __init__(self, widths: Sequence[int], caption: str | None = None):
        self._widths = tuple(widths)
        self._caption = caption
        self._cells: list[Placed] = []
        self._taken: set[tuple[int, int]] = set()
        self._row = 0

    @property
    def ncols(self) -> int:
        return len(self._widths)

    def row(self, *cells: Cell) -> None:
        r, c = self._row, 0
        for cell in cells:
            while (r, c) in self._taken:
                c += 1
            self._place(r, c, cell)
            c += cell.colspan
        missing = [col for col in range(self.ncols) if (r, col) not in self._taken]
        if missing:
            raise LayoutError(f"row {r} leaves columns {missing} empty")
        self._row += 1

    def _place(self, r: int, c: int, cell: Cell) -> None:
        if cell.rowspan < 1 or cell.colspan < 1 or c + cell.colspan > self.ncols:
            raise LayoutError(f"cell {cell.value!r} at ({r},{c}) does not fit")
        span = {(r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan)}
        if span & self._taken:
            raise LayoutError(f"cell {cell.value!r} at ({r},{c}) overlaps another")
        self._taken |= span
        self._cells.append(Placed(r, c, cell))

    def build(self) -> Table:
        if any(r >= self._row for r, _ in self._taken):
            raise LayoutError("a row-span reaches below the last row")
        return Table(self._widths, tuple(self._cells), self._row, self._caption)


# --------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------

# XML 1.0 (hence OOXML) forbids most control characters; keep \t and \n.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Goals already numbered by the preparer ("目标1：", "1.", "（一）") keep theirs.
_NUMBERED = re.compile(r"^\s*(目标\s*\d+|\d+\s*[.．、:：)）]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")


def clean_text(value: Any) -> str | None:
    if value is None:
        return None
    text = _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text


def to_decimal(value: Any) -> Decimal | None:
    """An exact Decimal without exponent (48, 42.3, 6.999), or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return Decimal(format(number.normalize(), "f"))


def decimal_places(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def percent_of(part: Any, whole: Any) -> Decimal | None:
    """part ÷ whole as a percentage rounded to two decimals; None if undefined."""
    numerator, denominator = to_decimal(part), to_decimal(whole)
    if numerator is None or denominator is None or denominator == 0:
        return None
    return (numerator * 100 / denominator).quantize(Decimal("0.01"), ROUND_HALF_UP)


def display(cell: Cell) -> str:
    """The text a reader sees in a cell (Markdown, DOCX; XLSX via formats)."""
    if cell.value is None:
        return ""
    if cell.kind == TEXT:
        return str(cell.value)
    number = to_decimal(cell.value)
    if number is None:
        return str(cell.value)
    if cell.kind == PERCENT:
        return f"{number.quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
    return format(number, "f")


def text(value: Any, role: str = BODY, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(clean_text(value), TEXT, role, rowspan, colspan)


def label(value: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(value, TEXT, LABEL, rowspan, colspan)


def head(value: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(value, TEXT, HEAD, rowspan, colspan)


def money(value: Any, colspan: int = 1) -> Cell:
    number = to_decimal(value)
    if number is None:  # a stray string stays visible as text
        return text(value, colspan=colspan)
    return Cell(number, MONEY, BODY, 1, colspan)


def number(value: Any, colspan: int = 1) -> Cell:
    cell = money(value, colspan)
    return Cell(cell.value, NUMBER, BODY, 1, colspan) if cell.kind == MONEY else cell


def percent(value: Decimal | None, colspan: int = 1) -> Cell:
    return Cell(value, PERCENT, BODY, 1, colspan) if value is not None else text("—", colspan=colspan)


def blank(colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(None, TEXT, BODY, rowspan, colspan)


def numbered(items: Iterable[Any]) -> str:
    """Goals as one numbered list, unless the preparer numbered them already."""
    lines = [clean_text(item) or "" for item in items]
    lines = [line.strip() for line in lines if line and line.strip()]
    if any(_NUMBERED.match(line) for line in lines):
        return "\n".join(lines)
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def split(total: int, parts: int) -> list[int]:
    """Split `total` columns into `parts` spans, wider ones first."""
    if parts < 1 or total < parts:
        raise LayoutError(f"cannot split {total} columns into {parts}")
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def runs(keys: Sequence[Any]) -> list[int]:
    """Row-span of each row when equal consecutive keys are merged: the run
    length at the first row of a run, 0 on the rows it covers."""
    spans = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            spans[start] = i - start
            start = i
    return spans


def _get(mapping: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def _list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


def mid_term_span(year: Any) -> str:
    """中期 is the three-year rolling plan starting with the budget year."""
    return f"（{year}年—{year + 2}年）" if isinstance(year, int) else ""


# --------------------------------------------------------------------------
# Shared blocks
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One column of an indicator table; it may span several grid columns."""
    heading: str
    widths: tuple[int, ...]
    make: Callable[[Any], Cell]  # indicator row -> cell (colspan set by the table)
    merge: bool = False  # merge equal consecutive cells vertically (一级, 二级)


def _field(key: str, role: str = BODY) -> Callable[[Any], Cell]:
    return lambda row: text(_get(row, key), role)


def _numeric_field(key: str) -> Callable[[Any], Cell]:
    return lambda row: number(_get(row, key))


def _spanned(cell: Cell, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(cell.value, cell.kind, cell.role, rowspan, colspan)


def _grid_widths(lead: int, columns: Sequence[Column]) -> list[int]:
    return [lead] + [width for column in columns for width in column.widths]


def _header_block(b: TableBuilder, project: dict, label_span: int) -> None:
    """项目名称 / 项目编码 / 主管部门及代码 + 实施单位 / 项目属性 + 项目期."""
    n = b.ncols - label_span
    b.row(label("项目名称", colspan=label_span), text(project.get("name"), LONG, colspan=n))
    if project.get("code"):
        b.row(label("项目编码", colspan=label_span), text(project.get("code"), colspan=n))
    left, right = split(n - 1, 2)
    b.row(label("主管部门及代码", colspan=label_span), text(project.get("department"), colspan=left),
          label("实施单位"), text(project.get("unit"), colspan=right))
    b.row(label("项目属性", colspan=label_span), text(project.get("attribute"), colspan=left),
          label("项目期"), text(project.get("period"), colspan=right))


def _indicator_sections(b: TableBuilder, block_label: str, columns: Sequence[Column],
                        sections: Sequence[tuple[str | None, list]]) -> None:
    """The indicator table: the block label on the left spans every row; each
    section has an optional caption row, the column headings, then its rows."""
    height = sum(1 + (caption is not None) + len(rows) for caption, rows in sections)
    lead: list[Cell] = [label(block_label, rowspan=height)]
    width = sum(len(column.widths) for column in columns)
    for caption, rows in sections:
        if caption is not None:
            b.row(*lead, head(caption, colspan=width))
            lead = []
        b.row(*lead, *(head(column.heading, colspan=len(column.widths)) for column in columns))
        lead = []
        _indicator_rows(b, columns, rows)


def _indicator_rows(b: TableBuilder, columns: Sequence[Column], rows: list) -> None:
    """Rows with equal consecutive 一级 merged, and equal 二级 merged within
    one 一级 run (keys are prefixed by the cells of the merged columns left
    of them, so a 二级 run never crosses a 一级 boundary)."""
    spans: dict[int, list[int]] = {}
    prefix: list[tuple] = [() for _ in rows]
    for index, column in enumerate(columns):
        if column.merge:
            keys = [(*prefix[i], _cell_key(column, row)) for i, row in enumerate(rows)]
            spans[index] = runs(keys)
            prefix = keys
    for i, row in enumerate(rows):
        cells: list[Cell] = []
        for index, column in enumerate(columns):
            rowspan = spans[index][i] if index in spans else 1
            if rowspan:
                cells.append(_spanned(column.make(row), rowspan, len(column.widths)))
        b.row(*cells)


def _cell_key(column: Column, row: Any) -> Any:
    return column.make(row).value


# --------------------------------------------------------------------------
# Project declaration (项目支出绩效目标申报表)
# --------------------------------------------------------------------------

def _declaration_columns(rows: list, basis_heading: str, always_basis: bool) -> list[Column]:
    """一级 | 二级 | 三级 | [绩效指标描述] | 指标值 | [依据]; the optional columns
    appear when any row fills them."""
    has_description = any(_get(row, "description") for row in rows)
    has_basis = always_basis or any(_get(row, "basis") for row in rows)
    columns = [
        Column("一级指标", (11,), _field("level1"), merge=True),
        Column("二级指标", (13,), _field("level2"), merge=True),
        Column("三级指标", (28,) if has_description else (34,), _field("name", LONG)),
    ]
    if has_description:
        columns.append(Column("绩效指标描述", (26,), _field("description", LONG)))
    columns.append(Column("指标值", (16,), _field("value")))
    if has_basis:
        columns.append(Column(basis_heading, (12,), _field("basis")))
    return columns


def project_declaration(record: dict) -> Form:
    year = record.get("year")
    project = record.get("project") or {}
    mid_rows = _list(_get(record, "indicators", "mid_term"))
    annual_rows = _list(_get(record, "indicators", "annual"))
    columns = _declaration_columns(mid_rows + annual_rows, "指标值确定依据", always_basis=False)
    b = TableBuilder(_grid_widths(14, columns))
    has_mid = bool(_get(record, "funds", "mid_term") or _list(_get(record, "goals", "mid_term"))
                   or mid_rows)
    _header_block(b, project, label_span=1)
    _declaration_funds(b, record.get("funds") or {}, has_mid)
    _spending_plan(b, record.get("spending_plan"))
    _declaration_goals(b, record.get("goals") or {}, has_mid, year)
    # Mid-term and annual indicators are two consecutive sections rather than
    # the side-by-side layout of seed 000: the two lists rarely pair up row by
    # row (different counts per 二级), so side by side needs padding rows and
    # misaligned merges, and with 绩效指标描述 and 指标值确定依据 it would be far
    # too wide for an A4 landscape page. Funds and goals stay side by side.
    sections: list[tuple[str | None, list]] = [(None, annual_rows)]
    if mid_rows:
        sections = [(f"中期绩效指标{mid_term_span(year)}", mid_rows), ("年度绩效指标", annual_rows)]
    _indicator_sections(b, "绩效指标", columns, sections)
    return Form("project-declaration", "项目支出绩效目标申报表", _subtitle(year), _year(year),
                (b.build(),))


_DECLARATION_FUND_ROWS = (("total", "资金总额："), ("fiscal", "其中：财政拨款"), ("other", "其他资金"))


def _declaration_funds(b: TableBuilder, funds: dict, has_mid: bool) -> None:
    """Annual funds; with a mid-term plan, 中期 on the left and 年度 on the right."""
    periods = (("mid_term", "中期"), ("annual", "年度")) if has_mid else (("annual", "年度"),)
    halves = split(b.ncols - 1, len(periods))
    lead: list[Cell] = [label("项目资金（万元）", rowspan=len(_DECLARATION_FUND_ROWS))]
    for key, caption in _DECLARATION_FUND_ROWS:
        cells: list[Cell] = []
        for (period, period_caption), half in zip(periods, halves):
            name_span, value_span = split(half, 2)
            shown = (period_caption if key == "total" else "") + caption
            cells += [text(shown, colspan=name_span),
                      money(_get(funds, period, key), colspan=value_span)]
        b.row(*lead, *cells)
        lead = []


def _spending_plan(b: TableBuilder, plan: Any) -> None:
    """资金支出计划（%）: month headings over cumulative percentages, wrapped
    into as many row pairs as the table width needs."""
    entries = [entry for entry in _list(plan) if isinstance(entry, dict)]
    if not entries:
        return
    n = b.ncols - 1
    chunks = [entries[i:i + n] for i in range(0, len(entries), n)]
    lead: list[Cell] = [label("资金支出计划（%）", rowspan=2 * len(chunks))]
    for chunk in chunks:
        spans = split(n, len(chunk))
        b.row(*lead, *(head(_month(entry.get("month")), colspan=span)
                       for entry, span in zip(chunk, spans)))
        lead = []
        b.row(*(percent(to_decimal(entry.get("percent")), colspan=span)
                for entry, span in zip(chunk, spans)))


def _month(month: Any) -> str:
    return f"{month}月底" if month is not None else ""


def _declaration_goals(b: TableBuilder, goals: dict, has_mid: bool, year: Any) -> None:
    n = b.ncols - 1
    annual = numbered(_list(goals.get("annual")))
    if not has_mid:
        b.row(label("年度总体目标"), text(annual, LONG, colspan=n))
        return
    left, right = split(n, 2)
    b.row(label("总体目标", rowspan=2), head(f"中期目标{mid_term_span(year)}", colspan=left),
          head("年度目标", colspan=right))
    b.row(text(numbered(_list(goals.get("mid_term"))), LONG, colspan=left),
          text(annual, LONG, colspan=right))


def _subtitle(year: Any) -> str:
    return f"（{year}年度）" if year is not None else ""


def _year(year: Any) -> int | None:
    return year if isinstance(year, int) and not isinstance(year, bool) else None


# --------------------------------------------------------------------------
# Department declaration (部门（单位）整体支出绩效目标申报表)
# --------------------------------------------------------------------------

def department_declaration(record: dict) -> Form:
    year = record.get("year")
    rows = _list(record.get("indicators"))
    columns = _declaration_columns(rows, "绩效标准", always_basis=True)
    if len(columns) == 5:
        # Without 绩效指标描述 there are only two grid columns right of a
        # task name spanning 一级..三级, too few for the three amounts: give
        # 三级指标 two grid columns so 总额 can sit under its right half.
        columns[2] = Column("三级指标", (20, 14), _field("name", LONG))
    b = TableBuilder(_grid_widths(14, columns))
    n = b.ncols - 1
    b.row(label("部门（单位）名称"), text(record.get("department"), LONG, colspan=n))
    _tasks(b, _list(record.get("tasks")), record.get("total"))
    b.row(label("年度总体目标"), text(numbered(_list(record.get("goals"))), LONG, colspan=n))
    _indicator_sections(b, "年度绩效指标", columns, [(None, rows)])
    return Form("department-declaration", "部门（单位）整体支出绩效目标申报表", _subtitle(year),
                _year(year), (b.build(),))


def _tasks(b: TableBuilder, tasks: list, total: Any) -> None:
    """年度主要任务: 任务名称 | 总额 | 财政拨款 | 其他资金, then 金额合计."""
    name_span = b.ncols - 1 - 3
    b.row(label("年度主要任务", rowspan=2 + len(tasks) + 1),
          head("任务名称", rowspan=2, colspan=name_span), head("预算金额（万元）", colspan=3))
    b.row(head("总额"), head("财政拨款"), head("其他资金"))
    for task in tasks:
        b.row(text(_get(task, "name"), LONG, colspan=name_span), *_amounts(task))
    b.row(head("金额合计", colspan=name_span), *_amounts(total))


def _amounts(row: Any) -> list[Cell]:
    return [money(_get(row, key)) for key in ("total", "fiscal", "other")]


# --------------------------------------------------------------------------
# Self-evaluation (项目支出绩效自评表)
# --------------------------------------------------------------------------

_SELF_EVAL_FUND_ROWS = (("total", "年度资金总额："), ("fiscal", "其中：本年财政拨款"),
                        ("carryover", "上年结转资金"), ("other", "其他资金"))


def _self_eval_columns(weights: dict[str, Decimal | None]) -> list[Column]:
    return [
        Column("一级指标", (14,), lambda row: text(_level1_caption(row, weights)), merge=True),
        Column("二级指标", (13,), _field("level2"), merge=True),
        Column("三级指标", (24,), _field("name", LONG)),
        Column("年度指标值", (13,), _field("target")),
        Column("实际完成值", (13,), _field("actual")),
        Column("分值", (9,), _numeric_field("weight")),
        Column("得分", (9,), _numeric_field("score")),
        Column("偏差原因分析及改进措施", (20,), _field("deviation", LONG)),
    ]


def self_evaluation(record: dict) -> Form:
    year = record.get("year")
    rows = _list(record.get("indicators"))
    execution = record.get("execution") or {}
    columns = _self_eval_columns(_level1_totals(rows, "weight"))
    b = TableBuilder(_grid_widths(12, columns))
    _header_block(b, record.get("project") or {}, label_span=2)
    _self_eval_funds(b, record.get("funds") or {}, execution)
    _self_eval_goals(b, _list(record.get("goals")))
    _indicator_sections(b, "绩效指标", columns, [(None, rows)])
    weight_total = _sum([execution.get("weight"), *(_get(row, "weight") for row in rows)])
    b.row(label("总分", colspan=6), number(weight_total), number(record.get("total_score")), blank())
    b.row(label("自评等级", colspan=6), text(record.get("grade"), colspan=3))
    return Form("self-evaluation", "项目支出绩效自评表", _subtitle(year), _year(year),
                (b.build(), _score_summary(rows, execution)))


def _self_eval_funds(b: TableBuilder, funds: dict, execution: dict) -> None:
    """年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分; 执行率 is
    全年执行数 ÷ 全年预算数 of the total row ("—" when the budget is 0)."""
    b.row(label("项目资金（万元）", rowspan=1 + len(_SELF_EVAL_FUND_ROWS)), blank(),
          head("年初预算数"), head("全年预算数"), head("全年执行数"),
          head("分值"), head("执行率"), head("得分", colspan=2))
    for key, caption in _SELF_EVAL_FUND_ROWS:
        amounts = [money(_get(funds, key, field)) for field in ("initial", "adjusted", "executed")]
        if key == "total":
            rate = percent_of(_get(funds, "total", "executed"), _get(funds, "total", "adjusted"))
            tail = [number(execution.get("weight")), percent(rate),
                    number(execution.get("score"), colspan=2)]
        else:
            tail = [text("—"), blank(), blank(colspan=2)]
        b.row(text(caption), *amounts, *tail)


def _self_eval_goals(b: TableBuilder, goals: list) -> None:
    goals = goals or [{}]
    left, right = split(b.ncols - 1, 2)
    b.row(label("年度总体目标", rowspan=1 + len(goals)), head("预期目标", colspan=left),
          head("实际完成情况", colspan=right))
    for goal in goals:
        b.row(text(_get(goal, "expected"), LONG, colspan=left),
              text(_get(goal, "actual"), LONG, colspan=right))


def _level1_caption(row: Any, weights: dict[str, Decimal | None]) -> str:
    """"产出指标（50分）" as on the official form, the 分值 summed per 一级."""
    name = _get(row, "level1") or ""
    weight = weights.get(name)
    return f"{name}（{format(weight, 'f')}分）" if name and weight is not None else name


def _level1_totals(rows: list, key: str) -> dict[str, Decimal | None]:
    """Sum of `key` per 一级, in order of first appearance."""
    totals: dict[str, list] = {}
    for row in rows:
        totals.setdefault(_get(row, "level1") or "", []).append(_get(row, key))
    return {name: _sum(values) for name, values in totals.items()}


def _sum(values: Iterable[Any]) -> Decimal | None:
    numbers = [n for n in (to_decimal(v) for v in values) if n is not None]
    return to_decimal(sum(numbers)) if numbers else None


def _score_summary(rows: list, execution: dict) -> Table:
    """分项得分汇总: 分值 and 得分 per 一级, 预算执行率 and 合计."""
    weights = _level1_totals(rows, "weight")
    scores = _level1_totals(rows, "score")
    b = TableBuilder((24, 12, 12), caption="分项得分汇总")
    b.row(head("指标类别"), head("分值"), head("得分"))
    for name in weights:
        b.row(text(name or "（未填一级指标）"), number(weights[name]), number(scores[name]))
    b.row(text("预算执行率"), number(execution.get("weight")), number(execution.get("score")))
    b.row(label("合计"), number(_sum([*weights.values(), execution.get("weight")])),
          number(_sum([*scores.values(), execution.get("score")])))
    return b.build()


# --------------------------------------------------------------------------
# Entry point and shared packaging helpers
# --------------------------------------------------------------------------

def _department_self_evaluation(record: dict) -> Form:
    from .dept_selfeval_layout import department_self_evaluation  # it builds on this module
    return department_self_evaluation(record)


_BUILDERS: dict[str, Callable[[dict], Form]] = {
    "project-declaration": project_declaration,
    "department-declaration": department_declaration,
    "self-evaluation": self_evaluation,
    "department-self-evaluation": _department_self_evaluation,
}


def build_form(record: dict) -> Form:
    kind = record.get("form") if isinstance(record, dict) else None
    builder = _BUILDERS.get(kind) if isinstance(kind, str) else None
    if builder is None:
        raise ValueError(f"无法生成表格：未知的表单类型 {kind!r}")
    return builder(record)


def fixed_datetime(form: Form) -> _dt.datetime:
    """Document timestamps are 1 January of the form's year, so the same
    record always gives the same file."""
    year = form.year if form.year and 1980 <= form.year <= 9999 else 2000
    return _dt.datetime(year, 1, 1, 0, 0, 0)


def fixed_zip(data: bytes, when: _dt.datetime) -> bytes:
    """Re-pack an OOXML zip with fixed member timestamps (the libraries stamp
    the current time), keeping member order, so output is byte-stable."""
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            member.create_system = 3
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
