"""Blocks shared by the form builders, each driven by the form's template:
the header fields, the funds, the spending plan, the goals and the
indicator table (中期 and 年度 side by side when the template has a mid-term
column set and the record fills it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import zip_longest
from typing import Any

from .grid import (
    BODY,
    LONG,
    Cell,
    TableBuilder,
    as_list,
    blank,
    exact,
    get,
    goal_lines,
    head,
    label,
    lead_width,
    money,
    number,
    numeric_text,
    percent,
    runs,
    score,
    spanned,
    text,
)

# Relative widths (half-width characters) of the indicator columns by row key.
_WIDTHS = {
    "level1": 11,
    "level2": 13,
    "name": 26,
    "value": 14,
    "description": 22,
    "basis": 12,
    "nature": 8,
    "unit": 8,
    "weight": 10,
    "target": 14,
    "actual": 13,
    "score": 10,
    "deviation": 20,
    "adjusted": 12,
}
_EXTRA_WIDTH = 12
_LONG_KEYS = {"name", "description", "deviation"}
_NUMERIC_TEXT_KEYS = {"value", "target", "actual", "adjusted"}
# Header fields printed on a row of their own (their values are long).
_WIDE_FIELDS = {"project.name", "project.unit", "project.department", "department"}
GRADE_BOXES = "优□ 良□ 中□ 差□"


@dataclass(frozen=True)
class Column:
    """One column of an indicator table; it may span several grid columns."""

    key: str
    heading: str
    widths: tuple[int, ...]
    make: Callable[[Any], Cell]  # indicator row -> cell (colspan set by the table)
    merge: bool = False  # merge equal consecutive cells vertically (一级, 二级)


def printed_level(row: Any, level: str) -> Any:
    """The label as printed (`label1`/`label2`), else the framework's level."""
    return get(row, "label" + level[-1]) or get(row, level)


def column_for(
    key: str, heading: str, level1: Callable[[Any], Cell] | None = None, level1_width: int | None = None
) -> Column:
    """The column of template key `key` (see the templates contract)."""
    if key.startswith("extra:"):
        name = key[len("extra:") :]
        return Column(key, heading, (_EXTRA_WIDTH,), lambda row: text(get(row, "extra", name)))
    width = (_WIDTHS.get(key, _EXTRA_WIDTH),)
    if key == "level1" and level1_width:
        width = (level1_width,)
    if key in ("level1", "level2"):
        make = level1 if key == "level1" and level1 else (lambda row: text(printed_level(row, key)))
        return Column(key, heading, width, make, merge=True)
    if key in _LONG_KEYS:
        return Column(key, heading, width, lambda row: text(get(row, key), LONG))
    if key in _NUMERIC_TEXT_KEYS:
        return Column(key, heading, width, lambda row: numeric_text(get(row, key)))
    if key == "weight":
        return Column(key, heading, width, lambda row: number(get(row, key)))
    if key == "score":
        return Column(key, heading, width, lambda row: score(get(row, key)))
    return Column(key, heading, width, lambda row: text(get(row, key)))


def template_columns(
    template: dict, level1: Callable[[Any], Cell] | None = None, level1_width: int | None = None
) -> list[Column]:
    return [column_for(key, heading, level1, level1_width) for key, heading in template.get("columns") or []]


def grid_widths(labels: Sequence[str], columns: Sequence[Column], side_by_side: bool = False) -> list[int]:
    """Grid columns: the block label (wide enough for the longest of
    `labels`), then the indicator columns; side by side, the shared 一级
    column and the other columns twice (中期, 年度)."""
    if side_by_side:
        shared = [column for column in columns if column.key == "level1"]
        period = [column for column in columns if column.key != "level1"]
        columns = [*shared, *period, *period]
    widths = [width for column in columns for width in column.widths]
    return [lead_width(labels, sum(widths)), *widths]


# --------------------------------------------------------------------------
# Header fields, funds, spending plan, goals
# --------------------------------------------------------------------------


def header_block(b: TableBuilder, record: dict, fields: Sequence[tuple[str, str]], label_span: int = 1) -> None:
    """The template's header fields: a long field (名称, 单位) on a row of
    its own unless it pairs with a long neighbour; short ones two a row."""
    fields = [(field[0], field[1]) for field in fields]
    n = b.ncols - label_span
    pairs_fit = n >= 3
    i = 0
    while i < len(fields):
        path, shown = fields[i]
        nxt = fields[i + 1] if i + 1 < len(fields) else None
        wide = path in _WIDE_FIELDS
        pair = (
            pairs_fit
            and nxt is not None
            and (
                (wide and nxt[0] in _WIDE_FIELDS and path != "project.name")
                or (not wide and (nxt[0] not in _WIDE_FIELDS or nxt[0] == "project.name"))
            )
        )
        value = _field_text(record, path)
        if pair and nxt is not None:
            left, right = _pair_spans(b.widths[label_span:])
            b.row(
                label(shown, colspan=label_span),
                text(value, colspan=left),
                label(nxt[1]),
                text(_field_text(record, nxt[0]), LONG if nxt[0] in _WIDE_FIELDS else BODY, colspan=right),
            )
            i += 2
        else:
            b.row(label(shown, colspan=label_span), text(value, LONG if wide else BODY, colspan=n))
            i += 1


def _pair_spans(widths: Sequence[int]) -> tuple[int, int]:
    """Column counts of the two values of a header pair (the second label
    takes one column between them): values about equally wide, the label
    column narrow."""

    def cost(k: int) -> float:
        return abs(sum(widths[:k]) - sum(widths[k + 1 :])) + widths[k]

    k = min(range(1, len(widths) - 1), key=cost)
    return k, len(widths) - k - 1


def _field_text(record: dict, path: str) -> Any:
    if path.startswith("project.extra."):
        return get(record, "project", "extra", path[len("project.extra.") :])
    return get(record, *path.split("."))


def shown_header_fields(template: dict, skip: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Header fields printed in the table: the year is the subtitle."""
    return [(path, shown) for path, shown in template.get("header_fields") or [] if path != "year" and path not in skip]


def money_unit(template: dict) -> str:
    return template.get("money_unit") or "万元"


def amount(value: Any, unit: str, colspan: int = 1) -> Cell:
    """Money as the form prints it: records hold 万元; a 元 form shows ×10000."""
    number_ = exact(value)
    if unit == "元" and number_ is not None:
        return money(number_ * 10000, colspan)
    return money(value, colspan)


def funds_block(
    b: TableBuilder, record: dict, rows: Sequence[tuple[str, str]], unit: str, with_mid: bool, mid_set: bool
) -> None:
    """The funds rows of the template. With 中期 shown, 中期 rows fill the
    left half and 年度 rows the right half, in equal widths. A template with
    a 中期 set (`mid_set`) drops its 中期 rows when the record has none; one
    without prints every row in one column (项目总预算, 本年度申请资金)."""
    mid = [row for row in rows if row[0].startswith("funds.mid_term.")]
    annual = [row for row in rows if not row[0].startswith("funds.mid_term.")]
    if not with_mid:
        mid, annual = [], (annual if mid_set else list(rows))
    columns = [part for part in (mid, annual) if part]
    if not columns:
        return
    halves = b.spans(1, len(columns))
    height = max(len(part) for part in columns)
    lead: list[Cell] = [label(f"项目资金（{unit}）", rowspan=height)]
    for line in zip_longest(*columns):
        cells: list[Cell] = []
        start = 1
        for entry, half in zip(line, halves):
            name_span, value_span = b.spans(start, 2, start + half - 1)
            start += half
            if entry is None:
                cells += [blank(name_span), blank(value_span)]
            else:
                cells += [
                    text(entry[1], colspan=name_span),
                    amount(get(record, *entry[0].split(".")), unit, colspan=value_span),
                ]
        b.row(*lead, *cells)
        lead = []


def spending_plan(b: TableBuilder, plan: Any) -> None:
    """资金支出计划（%）: month headings over cumulative percentages, wrapped
    into as many row pairs as the table width needs."""
    entries = [entry for entry in as_list(plan) if isinstance(entry, dict)]
    if not entries:
        return
    n = b.ncols - 1
    chunks = [entries[i : i + n] for i in range(0, len(entries), n)]
    lead: list[Cell] = [label("资金支出计划（%）", rowspan=2 * len(chunks))]
    for chunk in chunks:
        spans = b.spans(1, len(chunk))
        b.row(*lead, *(head(_month(entry.get("month")), colspan=span) for entry, span in zip(chunk, spans)))
        lead = []
        b.row(*(percent(exact(entry.get("percent")), colspan=span) for entry, span in zip(chunk, spans)))


def _month(month: Any) -> str:
    return f"{month}月底" if month is not None else ""


def goals_block(b: TableBuilder, goals: dict, with_mid: bool, year: Any, caption: str = "年度总体目标") -> None:
    """One row per goal, so that a long list spreads over rows (and pages)."""
    n = b.ncols - 1
    annual = row_pieces(goal_lines(as_list(goals.get("annual")))) or [""]
    if not with_mid:
        lead: list[Cell] = [label(caption, rowspan=len(annual))]
        for line in annual:
            b.row(*lead, text(line, LONG, colspan=n))
            lead = []
        return
    mid = row_pieces(goal_lines(as_list(goals.get("mid_term")))) or [""]
    left, right = b.spans(1, 2)
    lines = list(zip_longest(mid, annual, fillvalue=""))
    b.row(
        label("总体目标", rowspan=1 + len(lines)),
        head(f"中期目标{mid_term_span(year)}", colspan=left),
        head("年度目标", colspan=right),
    )
    for mid_line, annual_line in lines:
        b.row(text(mid_line, LONG, colspan=left), text(annual_line, LONG, colspan=right))


# A goal longer than this goes on several rows (cut after a sentence), so
# that no row needs more than Excel's 409 pt even in a half-width cell.
ROW_CHARS = 600
_SENTENCE_END = "。；;！？!?"


def row_pieces(lines: list[str], limit: int = ROW_CHARS) -> list[str]:
    """The lines, each very long one cut into pieces of at most `limit`
    characters, after a sentence end where there is one."""
    pieces: list[str] = []
    for line in lines:
        while len(line) > limit:
            cut = max(line.rfind(mark, 0, limit) for mark in _SENTENCE_END) + 1 or limit
            pieces.append(line[:cut])
            line = line[cut:]
        pieces.append(line)
    return pieces


def grade_line(b: TableBuilder) -> None:
    b.row(label("综合评定等级"), text(GRADE_BOXES, colspan=b.ncols - 1))


def mid_term_span(year: Any) -> str:
    """中期 is the three-year rolling plan starting with the budget year."""
    return f"（{year}年—{year + 2}年）" if isinstance(year, int) else ""


# --------------------------------------------------------------------------
# Indicator table
# --------------------------------------------------------------------------


def indicator_table(
    b: TableBuilder, block_label: str, columns: Sequence[Column], rows: list, mid: tuple[str, list, str] | None = None
) -> None:
    """Headings (repeated on every page), then the rows, with equal
    consecutive 一级 and 二级 merged. With `mid` = (中期 caption, 中期 rows,
    年度 caption) the shared 一级 column is followed by the 中期 column set
    and the 年度 set, rows paired within each 一级/二级 group."""
    first = b.next_row
    if mid is None:
        height = 1 + len(rows)
        b.row(
            label(block_label, rowspan=height),
            *(head(column.heading, colspan=len(column.widths)) for column in columns),
        )
        b.repeat_rows(first, first)
        _plain_rows(b, columns, rows)
        return
    mid_caption, mid_rows, annual_caption = mid
    shared = [column for column in columns if column.key == "level1"]
    period = [column for column in columns if column.key != "level1"]
    groups = _paired_groups(mid_rows, rows)
    height = 2 + sum(len(pairs) for _, pairs in groups)
    width = sum(len(column.widths) for column in period)
    b.row(
        label(block_label, rowspan=height),
        *(head(column.heading, rowspan=2, colspan=len(column.widths)) for column in shared),
        head(mid_caption, colspan=width),
        head(annual_caption, colspan=width),
    )
    b.row(*(head(column.heading, colspan=len(column.widths)) for column in period * 2))
    b.repeat_rows(first, first + 1)
    for level1_row, level_groups in _by_level1(groups):
        count = sum(len(pairs) for pairs in level_groups)
        lead = [spanned(column.make(level1_row), count, len(column.widths)) for column in shared]
        cells_by_row: list[list[Cell]] = []
        for pairs in level_groups:
            rows_cells: list[list[Cell]] = [[] for _ in pairs]
            for side in (0, 1):
                for index, cells in enumerate(_half_cells(period, [pair[side] for pair in pairs])):
                    rows_cells[index] += cells
            cells_by_row += rows_cells
        for cells in cells_by_row:
            b.row(*lead, *cells)
            lead = []


def _plain_rows(b: TableBuilder, columns: Sequence[Column], rows: list) -> None:
    """Rows with equal consecutive 一级 merged, and equal 二级 merged within
    one 一级 run (keys are prefixed by the cells of the merged columns left
    of them, so a 二级 run never crosses a 一级 boundary)."""
    for cells in _merged_cells(columns, rows):
        b.row(*cells)


def _merged_cells(columns: Sequence[Column], rows: list) -> list[list[Cell]]:
    spans: dict[int, list[int]] = {}
    prefix: list[tuple] = [() for _ in rows]
    made = [[column.make(row) for column in columns] for row in rows]
    for index, column in enumerate(columns):
        if column.merge:
            keys = [(*prefix[i], made[i][index].value) for i in range(len(rows))]
            spans[index] = runs(keys)
            prefix = keys
    result = []
    for i, _row in enumerate(rows):
        cells: list[Cell] = []
        for index, column in enumerate(columns):
            rowspan = spans[index][i] if index in spans else 1
            if rowspan:
                cells.append(spanned(made[i][index], rowspan, len(column.widths)))
        result.append(cells)
    return result


def _group_key(row: Any) -> tuple:
    return (printed_level(row, "level1") or "", printed_level(row, "level2") or "")


def _paired_groups(mid_rows: list, annual_rows: list) -> list[tuple[tuple, list[tuple]]]:
    """(一级, 二级) groups in order of first appearance, 中期 and 年度 rows of
    a group paired by position (None where one side has fewer)."""
    order: dict[tuple, tuple[list, list]] = {}
    for side, rows in enumerate((mid_rows, annual_rows)):
        for row in rows:
            order.setdefault(_group_key(row), ([], []))[side].append(row)
    return [(key, list(zip_longest(mid, annual))) for key, (mid, annual) in order.items()]


def _by_level1(groups: list[tuple[tuple, list[tuple]]]) -> list[tuple[Any, list[list[tuple]]]]:
    """Consecutive groups of one 一级: a row to make the 一级 cell from, and
    the pairs of each of its 二级 groups."""
    result: list[tuple[Any, list[list[tuple]]]] = []
    last = object()
    for (level1, _), pairs in groups:
        if level1 != last:
            sample = next(row for pair in pairs for row in pair if row is not None)
            result.append((sample, []))
            last = level1
        result[-1][1].append(pairs)
    return result


def _half_cells(columns: Sequence[Column], rows: list) -> list[list[Cell]]:
    """Cells of one side (中期 or 年度) of one 二级 group: its 二级 cell spans
    the group, absent rows are blank."""
    present = next((row for row in rows if row is not None), None)
    result = []
    for i, row in enumerate(rows):
        cells: list[Cell] = []
        for column in columns:
            width = len(column.widths)
            if column.key == "level2":
                if i == 0:
                    cells.append(
                        spanned(column.make(present), len(rows), width)
                        if present is not None
                        else blank(width, len(rows))
                    )
            elif row is None:
                cells.append(blank(width))
            else:
                cells.append(spanned(column.make(row), 1, width))
        result.append(cells)
    return result


def total_of(values: Sequence[Any]) -> Decimal | None:
    numbers = [n for n in (exact(v) for v in values) if n is not None]
    return exact(sum(numbers)) if numbers else None
