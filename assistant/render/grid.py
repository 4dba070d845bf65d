"""The format-neutral grid every writer consumes: cells, tables, forms.

A form is a title, a subtitle (the year), optional lines above the table
(the unit line) and one or more tables. A table is a grid of cells placed
like an HTML table: each row lists its cells left to right, skipping
columns still covered by a row-span from above, and every row must cover
the full width. The Markdown, XLSX and DOCX writers only decide how a cell
*looks* and where pages break; what is in which cell, and which cells are
merged, is decided once by the form builders.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assistant.values import to_decimal as _json_decimal

TEXT, MONEY, NUMBER, PERCENT, SCORE = "text", "money", "number", "percent", "score"
# The printed width of a form in Excel character units (A4 landscape at
# 100 %, see xlsx.PAGE_CHARS); relative widths are scaled onto it.
PRINT_UNITS = 120
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
    # (first, last) rows of the indicator headings: printed again at the top
    # of every page the rows below them continue on. No merge crosses `first`.
    repeat: tuple[int, int] | None = None

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
    # Lines printed between the subtitle and the table: (left, right) text,
    # e.g. ("450001…(本级)", "单位：万元").
    lines: tuple[tuple[str, str], ...] = field(default=())
    font: str = "宋体"
    template: str | None = None


class LayoutError(ValueError):
    """A layout function built a row that does not fill the table (a bug)."""


class TableBuilder:
    def __init__(self, widths: Sequence[int], caption: str | None = None):
        self._widths = tuple(widths)
        self._caption = caption
        self._cells: list[Placed] = []
        self._taken: set[tuple[int, int]] = set()
        self._row = 0
        self._repeat: tuple[int, int] | None = None

    @property
    def ncols(self) -> int:
        return len(self._widths)

    @property
    def widths(self) -> tuple[int, ...]:
        return self._widths

    def spans(self, first: int, parts: int, last: int | None = None) -> list[int]:
        """Columns first..last (default: to the right edge) in `parts` runs of equal width."""
        return balanced(self._widths[first : (last + 1) if last is not None else None], parts)

    @property
    def next_row(self) -> int:
        return self._row

    def repeat_rows(self, first: int, last: int) -> None:
        """Mark rows first..last as the headings to repeat on every page."""
        self._repeat = (first, last)

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
        if self._repeat is not None:
            first = self._repeat[0]
            if any(p.row < first <= p.last_row for p in self._cells):
                raise LayoutError("a merged cell crosses the repeated headings")
        return Table(self._widths, tuple(self._cells), self._row, self._caption, self._repeat)


# --------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------

# XML 1.0 (hence OOXML) forbids most control characters; keep \t and \n.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Goals already numbered by the preparer ("目标1：", "1.", "（一）") keep theirs.
_NUMBERED = re.compile(
    r"^\s*(目标\s*\d+|\d+\s*[.．、:：)）]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)"
)
# A cell text that is a plain number (实际完成值 "12", a cost "417.29").
_PLAIN_NUMBER = re.compile(r"-?\d{1,12}(\.\d{1,6})?")


def clean_text(value: Any) -> str | None:
    if value is None:
        return None
    return _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")


def exact(value: Any) -> Decimal | None:
    """A JSON number as an exact Decimal without exponent (48, 42.3, 6.999), or None."""
    number = _json_decimal(value)
    if number is None or not number.is_finite():
        return None
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return Decimal(format(number.normalize(), "f"))


def text_width(text: str) -> float:
    """Width in Excel character units of 10.5 pt text: a CJK character is
    1.75 units in 宋体 at 8 px a unit (LibreOffice draws units wider); a
    little is added so that wrapped text is never clipped."""
    return sum(1.85 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def lead_width(labels: Iterable[str], rest: int, minimum: int = 10) -> int:
    """Relative width of the block-label column so that the longest of
    `labels` prints on one line beside columns of total width `rest`."""
    need = max(text_width(value) for value in labels) + 2.5
    return max(minimum, math.ceil(need * rest / (PRINT_UNITS - need)))


def decimal_places(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def percent_of(part: Any, whole: Any) -> Decimal | None:
    """part ÷ whole as a percentage rounded to two decimals; None if undefined."""
    numerator, denominator = exact(part), exact(whole)
    if numerator is None or denominator is None or denominator == 0:
        return None
    return (numerator * 100 / denominator).quantize(Decimal("0.01"), ROUND_HALF_UP)


def display(cell: Cell) -> str:
    """The text a reader sees in a cell (Markdown, DOCX; XLSX via formats)."""
    if cell.value is None:
        return ""
    if cell.kind == TEXT or not isinstance(cell.value, Decimal):
        return str(cell.value)
    if cell.kind == PERCENT:
        return f"{cell.value.quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
    if cell.kind == SCORE:
        return f"{cell.value.quantize(Decimal('0.01'), ROUND_HALF_UP)}"
    return format(cell.value, "f")


def text(value: Any, role: str = BODY, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(clean_text(value), TEXT, role, rowspan, colspan)


def label(value: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(value, TEXT, LABEL, rowspan, colspan)


def head(value: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(value, TEXT, HEAD, rowspan, colspan)


def money(value: Any, colspan: int = 1) -> Cell:
    number = exact(value)
    if number is None:  # a stray string stays visible as text
        return text(value, colspan=colspan)
    return Cell(number, MONEY, BODY, 1, colspan)


def number(value: Any, colspan: int = 1) -> Cell:
    cell = money(value, colspan)
    return Cell(cell.value, NUMBER, BODY, 1, colspan) if cell.kind == MONEY else cell


def score(value: Any, colspan: int = 1) -> Cell:
    """A score as the self-evaluation prints it: two decimals (10.00)."""
    cell = money(value, colspan)
    return Cell(cell.value, SCORE, BODY, 1, colspan) if cell.kind == MONEY else cell


def numeric_text(value: Any, role: str = BODY) -> Cell:
    """A text column that may hold a plain number (实际完成值 12, a cost
    value 417.29): stored as a number so a reviewer's SUM counts it."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return number(value)
    cleaned = clean_text(value)
    if cleaned is not None and _PLAIN_NUMBER.fullmatch(cleaned.strip()):
        return number(Decimal(cleaned.strip()))
    return Cell(cleaned, TEXT, role)


def percent(value: Decimal | None, colspan: int = 1) -> Cell:
    return Cell(value, PERCENT, BODY, 1, colspan) if value is not None else text("—", colspan=colspan)


def blank(colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(None, TEXT, BODY, rowspan, colspan)


def spanned(cell: Cell, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(cell.value, cell.kind, cell.role, rowspan, colspan)


def goal_lines(items: Iterable[Any]) -> list[str]:
    """Goals as numbered lines, unless the preparer numbered them already."""
    lines = [clean_text(item) or "" for item in items]
    lines = [line.strip() for line in lines if line and line.strip()]
    if any(_NUMBERED.match(line) for line in lines):
        return lines
    return [f"{i}. {line}" for i, line in enumerate(lines, 1)]


def numbered(items: Iterable[Any]) -> str:
    """Goals as one numbered list, unless the preparer numbered them already."""
    return "\n".join(goal_lines(items))


def split(total: int, parts: int) -> list[int]:
    """Split `total` columns into `parts` spans, wider ones first."""
    if parts < 1 or total < parts:
        raise LayoutError(f"cannot split {total} columns into {parts}")
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def balanced(widths: Sequence[int], parts: int) -> list[int]:
    """Split consecutive columns of these widths into `parts` runs (column
    counts) whose total widths are as equal as the column edges allow."""
    count = len(widths)
    if parts < 1 or count < parts:
        raise LayoutError(f"cannot split {count} columns into {parts}")
    total = sum(widths)
    edges, acc, cumulative = [0], 0, []
    for width in widths:
        acc += width
        cumulative.append(acc)
    for k in range(1, parts):
        low, high = edges[-1] + 1, count - (parts - k)
        edge = min(range(low, high + 1), key=lambda e: abs(cumulative[e - 1] - total * k / parts))
        edges.append(edge)
    edges.append(count)
    return [b - a for a, b in zip(edges, edges[1:])]


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


def get(mapping: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []
