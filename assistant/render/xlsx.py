"""XLSX in the official layout, printable on A4 landscape.

The grid, the merges and the cell values come from `layout`; this module
only maps them onto sheet columns and styles them: CJK font, borders,
wrapping, number formats for 万元 and percentages, estimated row heights
(neither Excel nor LibreOffice auto-fits rows of merged cells) and the page
setup. Text is always stored as a string cell, never as a formula.
"""

from __future__ import annotations

import io
import math
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..fileio import write_atomic
from .layout import (BODY, HEAD, LABEL, LONG, MONEY, NUMBER, PERCENT, Cell, Form, Placed, Table,
                     build_form, decimal_places, display, fixed_datetime, fixed_zip)

FONT_NAME = "宋体"
FONT_SIZE = 10.5
# A4 landscape is 297 mm wide; with 0.5" side margins about 146 columns of
# Excel's character unit (≈1.85 mm) remain. Aim a little below that.
PAGE_CHARS = 138
PAGE_HEIGHT_PT = (8.27 - 0.6 - 0.6) * 72
LINE_PT = 13.5
PAD_PT = 4.5
MIN_ROW_PT = 18.0
# Forms up to this many estimated pages are shrunk onto one page; longer
# ones print at full width over as many pages as they need.
ONE_PAGE_LIMIT = 1.45

SHEET_TITLES = {
    "project-declaration": "项目申报表",
    "department-declaration": "部门申报表",
    "self-evaluation": "项目自评表",
    "department-self-evaluation": "部门自评表",
}

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONTS = {
    "title": Font(name=FONT_NAME, size=16, bold=True),
    "subtitle": Font(name=FONT_NAME, size=12),
    "caption": Font(name=FONT_NAME, size=12, bold=True),
    LABEL: Font(name=FONT_NAME, size=FONT_SIZE, bold=True),
    HEAD: Font(name=FONT_NAME, size=FONT_SIZE, bold=True),
    BODY: Font(name=FONT_NAME, size=FONT_SIZE),
    LONG: Font(name=FONT_NAME, size=FONT_SIZE),
}
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)
# The workbook's default font sets Excel's column-width unit; make it the
# CJK font (as in Chinese Excel) so widths mean the same everywhere.
_DEFAULT_FONT = Font(name=FONT_NAME, size=11, family=3, charset=134)
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def write_xlsx(record: dict, path: str | Path) -> None:
    write_atomic(path, xlsx_bytes(record))


def xlsx_bytes(record: dict) -> bytes:
    return form_xlsx(build_form(record))


def form_xlsx(form: Form) -> bytes:
    workbook = _workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLES.get(form.kind, "表")
    widths, scale = _sheet_widths(form.tables[0]), _scale(form.tables[0])
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row = _title_rows(sheet, form, len(widths))
    starts = []
    for number, table in enumerate(form.tables):
        if number:
            row += 1  # a blank line between tables
            starts.append(row)
        row = _write_table(sheet, table, _column_map(table, widths, scale), widths, row)
    one_page = _page_setup(sheet, len(widths), row - 1)
    if not one_page:  # a form over several pages: each further table starts a page
        for start in starts:
            sheet.row_breaks.append(Break(id=start - 1))
    _properties(workbook, form)
    return _save(workbook, form)


def _workbook() -> Workbook:
    workbook = Workbook()
    # No public API sets the default font: font 0 and the Normal style's font.
    workbook._fonts = IndexedList([_DEFAULT_FONT])
    workbook._named_styles["Normal"].font = _DEFAULT_FONT
    return workbook


# -- columns -----------------------------------------------------------------

def _scale(table: Table) -> float:
    """Sheet character units per layout width unit (main table fills the page)."""
    return PAGE_CHARS / sum(table.widths)


def _sheet_widths(table: Table) -> list[float]:
    scale = _scale(table)
    return [round(width * scale, 1) for width in table.widths]


def _column_map(table: Table, sheet_widths: list[float], scale: float) -> list[tuple[int, int]]:
    """Sheet columns (1-based, inclusive) for each table column. The main
    table maps one to one; a narrower table (the score summary) gets runs of
    sheet columns whose total widths best match its own."""
    if table.ncols == len(sheet_widths):
        return [(i, i) for i in range(1, table.ncols + 1)]
    cumulative = [sum(sheet_widths[:i + 1]) for i in range(len(sheet_widths))]
    target, start, result = 0.0, 0, []
    for index, width in enumerate(table.widths):
        target += width * scale
        last = len(sheet_widths) - (table.ncols - index)  # leave one per later column
        end = min(range(start, last + 1), key=lambda i: abs(cumulative[i] - target))
        result.append((start + 1, end + 1))
        start = end + 1
    return result


# -- cells ---------------------------------------------------------------------

def _title_rows(sheet: Worksheet, form: Form, ncols: int) -> int:
    _banner(sheet, 1, ncols, form.title, _FONTS["title"], 30)
    _banner(sheet, 2, ncols, form.subtitle, _FONTS["subtitle"], 20)
    return 3


def _banner(sheet: Worksheet, row: int, ncols: int, value: str, font: Font, height: float,
            alignment: Alignment = _CENTRE) -> None:
    cell = sheet.cell(row=row, column=1)
    _set_text(cell, value)
    cell.font, cell.alignment = font, alignment
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    sheet.row_dimensions[row].height = height


def _write_table(sheet: Worksheet, table: Table, columns: list[tuple[int, int]],
                 widths: list[float], top: int) -> int:
    if table.caption:
        last = columns[-1][1]
        _banner(sheet, top, last, table.caption, _FONTS["caption"], 22,
                Alignment(horizontal="left", vertical="center"))
        top += 1
    for placed in table.cells:
        _write_cell(sheet, placed, columns, top)
    heights = _row_heights(table, columns, widths)
    for offset, height in enumerate(heights):
        sheet.row_dimensions[top + offset].height = height
    return top + table.nrows


def _write_cell(sheet: Worksheet, placed: Placed, columns: list[tuple[int, int]], top: int) -> None:
    first_row, last_row = top + placed.row, top + placed.last_row
    first_col, last_col = columns[placed.col][0], columns[placed.last_col][1]
    for row in range(first_row, last_row + 1):  # borders on every covered cell
        for col in range(first_col, last_col + 1):
            sheet.cell(row=row, column=col).border = _BOX
    cell = sheet.cell(row=first_row, column=first_col)
    _set_value(cell, placed.cell)
    cell.font = _FONTS[placed.cell.role]
    cell.alignment = _LEFT if placed.cell.role == LONG else _CENTRE
    if (first_row, first_col) != (last_row, last_col):
        sheet.merge_cells(start_row=first_row, start_column=first_col,
                          end_row=last_row, end_column=last_col)


def _set_value(cell, source: Cell) -> None:
    if source.value is None or source.value == "":
        return  # blank, not an empty string cell
    if source.kind in (MONEY, NUMBER) and isinstance(source.value, Decimal):
        cell.value = _plain_number(source.value)
        places = decimal_places(source.value)
        cell.number_format = "0" if not places else "0." + "0" * places
    elif source.kind == PERCENT and isinstance(source.value, Decimal):
        cell.value = source.value / 100
        cell.number_format = "0.00%"
    else:
        _set_text(cell, display(source))


def _plain_number(value: Decimal) -> int | Decimal:
    return int(value) if not decimal_places(value) else value


def _set_text(cell, value: str) -> None:
    """A string cell whatever the text looks like: `=1+1` stays text, and
    the quote prefix keeps it text when the user edits the cell in Excel."""
    cell.value = value
    cell.data_type = "s"
    if value.startswith(_FORMULA_LEAD):
        cell.quotePrefix = True


# -- row heights -------------------------------------------------------------

def _row_heights(table: Table, columns: list[tuple[int, int]], widths: list[float]) -> list[float]:
    heights = [MIN_ROW_PT] * table.nrows
    spanning = []
    for placed in table.cells:
        available = sum(widths[c - 1] for c in range(columns[placed.col][0],
                                                     columns[placed.last_col][1] + 1))
        needed = _lines(display(placed.cell), available) * LINE_PT + PAD_PT
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
    return [round(height, 1) for height in heights]


def _lines(text: str, available: float) -> int:
    usable = max(available - 1.5, 2.0)  # cell padding
    return sum(max(1, math.ceil(_text_width(line) / usable)) for line in text.split("\n"))


def _text_width(text: str) -> float:
    """Width in Excel character units: CJK and full-width characters count 2."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


# -- page, properties, bytes ---------------------------------------------------

def _page_setup(sheet: Worksheet, ncols: int, last_row: int) -> bool:
    """A4 landscape, one page wide; shrink onto one page when the estimated
    height allows it. Returns whether the form is printed on one page."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    total = sum(sheet.row_dimensions[r].height or MIN_ROW_PT for r in range(1, last_row + 1))
    setup.fitToHeight = 1 if total <= PAGE_HEIGHT_PT * ONE_PAGE_LIMIT else 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6,
                                     header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.print_area = f"A1:{get_column_letter(ncols)}{last_row}"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddFooter.center.font = FONT_NAME
    sheet.oddFooter.center.size = 9
    return setup.fitToHeight == 1


def _properties(workbook: Workbook, form: Form) -> None:
    when = fixed_datetime(form)
    props = workbook.properties
    props.creator = "jixiao"
    props.lastModifiedBy = "jixiao"
    props.title = form.title
    props.created = when
    props.modified = when


def _save(workbook: Workbook, form: Form) -> bytes:
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps "modified" with now.
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()
    return fixed_zip(buffer.getvalue(), fixed_datetime(form))
