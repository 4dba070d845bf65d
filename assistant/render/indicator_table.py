"""The indicator table of a form, driven by its template's columns: one
`Column` per template key (its widths, how a row's cell is made, whether
equal cells merge), the grid widths, and the table itself (中期 and 年度
column sets side by side when the template has a mid-term set and the
record fills it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from .grid import (
    LONG,
    Cell,
    TableBuilder,
    blank,
    get,
    head,
    label,
    lead_width,
    number,
    numeric_text,
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
