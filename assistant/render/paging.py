"""Row heights and page breaks of a printed sheet.

Neither Excel nor LibreOffice auto-fits rows of merged cells, so the XLSX
writer sets every row height from the text it holds, and breaks pages
itself: rows go onto A4 landscape pages (heights scaled by the fit-to-width
factor), heading rows keep with the row below them, pages after the
indicator headings carry them as print titles. A merged cell that a break
would cut is split there and labelled again on the next page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from .grid import HEAD, LABEL, Placed, Table, display, text_width

LINE_PT = 13.5
PAD_PT = 4.5
MIN_ROW_PT = 18.0
MAX_ROW_PT = 409.0  # Excel's limit
# A4 landscape, 0.6" top and bottom margins (the footer sits in the bottom
# one), and 3% kept free for rounding in the spreadsheet programs.
PAGE_HEIGHT_PT = (8.27 - 1.2) * 72 * 0.97
PAGE_WIDTH_PT = (11.69 - 1.0) * 72


def line_count(text: str, available: float) -> int:
    usable = max(available - 1.5, 2.0)  # cell padding
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in text.split("\n"))


def row_heights(
    table: Table,
    columns: Sequence[tuple[int, int]],
    widths: Sequence[float],
    pad: float = PAD_PT,
    minimum: float = MIN_ROW_PT,
    line: float = LINE_PT,
) -> list[float]:
    """Points per row so that every cell's text shows (`pad` = cell margins
    and borders), capped at MAX_ROW_PT."""
    heights = [minimum] * table.nrows
    spanning = []
    for placed in table.cells:
        available = sum(widths[c - 1] for c in range(columns[placed.col][0], columns[placed.last_col][1] + 1))
        needed = line_count(display(placed.cell), available) * line + pad
        if placed.cell.rowspan == 1:
            heights[placed.row] = max(heights[placed.row], needed)
        else:
            spanning.append((placed, needed))
    for placed, needed in spanning:  # grow the rows a tall merged cell covers
        rows = range(placed.row, placed.last_row + 1)
        shortfall = needed - sum(heights[r] for r in rows)
        if shortfall > 0:
            for r in rows:
                heights[r] += shortfall / len(rows)
    return [round(min(height, MAX_ROW_PT), 1) for height in heights]


def heading_rows(table: Table) -> list[bool]:
    """Rows whose cells starting there are all headings or labels: they
    keep with the row below (a heading is never last on a page)."""
    starts: dict[int, list[Placed]] = {}
    for placed in table.cells:
        starts.setdefault(placed.row, []).append(placed)
    return [bool(starts.get(r)) and all(p.cell.role in (HEAD, LABEL) for p in starts[r]) for r in range(table.nrows)]


def fit_scale(sheet_widths: Sequence[float]) -> float:
    """The fit-to-width factor: Excel's column width w is about 7w + 5 pixels."""
    width = sum(7 * w + 5 for w in sheet_widths) * 0.75
    return min(1.0, PAGE_WIDTH_PT / width) if width else 1.0


def page_starts(
    heights: Sequence[float],
    keep: Sequence[bool],
    titles: tuple[int, int] | None,
    scale: float,
    page_height: float = PAGE_HEIGHT_PT,
) -> list[int]:
    """Indices of the rows that start a new page (the first page not
    included). `titles` = (first, last) row indices printed again at the
    top of every page that starts below them."""
    title_height = sum(heights[titles[0] : titles[1] + 1]) if titles else 0.0
    starts: list[int] = []
    top, used = 0, 0.0
    for index, height in enumerate(heights):
        if used + height * scale > page_height and index > top:
            start = index
            while start - 1 > top and keep[start - 1]:
                start -= 1
            if start == top + 1 and keep[top]:
                start = index  # nothing but headings above: break where it overflows
            starts.append(start)
            top = start
            used = title_height * scale if titles and start > titles[1] else 0.0
            used += sum(heights[start:index]) * scale
        used += height * scale
    return starts


def split_at(cells: Sequence[Placed], starts: Sequence[int]) -> list[Placed]:
    """Cells with every vertical merge cut where a page starts; the part on
    the next page shows the same label again."""
    result: list[Placed] = []
    for placed in cells:
        cuts = sorted(start for start in starts if placed.row < start <= placed.last_row)
        if not cuts:
            result.append(placed)
            continue
        edges = [placed.row, *cuts, placed.last_row + 1]
        for first, end in zip(edges, edges[1:]):
            result.append(Placed(first, placed.col, replace(placed.cell, rowspan=end - first)))
    return sorted(result, key=lambda p: (p.row, p.col))
