"""XLSX in the official layout, printable on A4 landscape, written directly
as SpreadsheetML (no spreadsheet library: styles are registered once per
workbook, merges written as one list).

The grid, the merges and the cell values come from the form builders; this
module maps them onto sheet columns, styles them (CJK font, borders,
wrapping, number formats for 万元, scores and percentages), sets every row
height from its text, and paginates: print titles (the indicator headings)
on every page after them, fit to width, footer 第 N 页 共 M 页, page breaks
computed from the row heights with merged cells cut and labelled again
there. Text is always a string cell, never a formula.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..fileio import write_atomic
from ..forms import kind_of
from .grid import MONEY, NUMBER, PERCENT, PRINT_UNITS, SCORE, Cell, Form, Placed, Table, decimal_places, display
from .ooxml import XML_HEAD, app_xml, content_types, core_xml, esc, fixed_datetime, package_rels, rels_xml, zipped
from .paging import MIN_ROW_PT, PAGE_HEIGHT_PT, fit_scale, heading_rows, page_starts, row_heights, split_at
from .xlsx_styles import Styles

# A4 landscape is 297 mm wide; with 0.5" side margins about 146 columns of
# Excel's character unit remain at 7 px a unit; CJK fonts draw wider units
# (8 px), so aim below that: the sheet then prints at 100 % in every program
# and the computed page breaks hold.
PAGE_CHARS = PRINT_UNITS
# Forms up to this many estimated pages are shrunk onto one page; longer
# ones print at full width over as many pages as they need.
ONE_PAGE_LIMIT = 1.45
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def write_xlsx(record: dict, path: str | Path, template: str | None = None) -> None:
    write_atomic(path, xlsx_bytes(record, template))


def xlsx_bytes(record: dict, template: str | None = None) -> bytes:
    from .forms import build_form

    return form_xlsx(build_form(record, template))


class _Sheet:
    """Cells at sheet positions (0-based rows, 1-based columns)."""

    def __init__(self, widths: list[float]):
        self.widths = widths
        self.ncols = len(widths)
        self.items: list[tuple[Placed, int, int, str]] = []  # placed (sheet rows), first col, last col, style
        self.heights: list[float] = []
        self.keep: list[bool] = []
        self.titles: tuple[int, int] | None = None

    def banner(
        self, value: str, style: str, height: float, first: int = 1, last: int | None = None, new_row: bool = True
    ) -> None:
        if new_row:
            self.heights.append(height)
            self.keep.append(True)
        row = len(self.heights) - 1
        self.items.append((Placed(row, 0, Cell(value, role=style)), first, last or self.ncols, style))

    def table(self, table: Table, columns: list[tuple[int, int]]) -> None:
        top = len(self.heights)
        if table.caption:
            self.banner(table.caption, "caption", 22, last=columns[-1][1])
            top += 1
        for placed in table.cells:
            moved = Placed(top + placed.row, placed.col, placed.cell)
            self.items.append((moved, columns[placed.col][0], columns[placed.last_col][1], "cell"))
        self.heights += row_heights(table, columns, self.widths)
        keep = heading_rows(table)
        if top > 2:  # a later, short table (the score summary) stays on one page
            keep = [True] * (table.nrows - 1) + [False]
        self.keep += keep
        if table.repeat and self.titles is None:
            self.titles = (top + table.repeat[0], top + table.repeat[1])


def form_xlsx(form: Form) -> bytes:
    main = form.tables[0]
    scale = PAGE_CHARS / sum(main.widths)
    widths = [round(width * scale, 1) for width in main.widths]
    sheet = _Sheet(widths)
    sheet.banner(form.title, "title", 30)
    sheet.banner(form.subtitle, "subtitle", 20)
    for left, right in form.lines:
        cut = max(1, sheet.ncols // 2)
        sheet.banner(left, "line_left", 20, 1, cut)
        sheet.banner(right, "line_right", 20, cut + 1, sheet.ncols, new_row=False)
    for number, table in enumerate(form.tables):
        if number:
            sheet.heights.append(MIN_ROW_PT)  # a blank line between tables
            sheet.keep.append(True)
        sheet.table(table, _column_map(table, widths, scale))
    factor = fit_scale(widths)
    one_page = sum(sheet.heights) * factor <= PAGE_HEIGHT_PT * ONE_PAGE_LIMIT
    starts = [] if one_page else page_starts(sheet.heights, sheet.keep, sheet.titles, factor)
    styles = Styles(form.font)
    strings: dict[str, int] = {}
    kind = kind_of(form.kind)
    name = kind.sheet if kind else "表"
    sheet_xml = _sheet_xml(sheet, starts, one_page, styles, strings, form.font)
    when = fixed_datetime(form.year)
    parts = [
        (
            "[Content_Types].xml",
            content_types(
                [
                    ("/xl/workbook.xml", f"{_SHEET_TYPE}.sheet.main+xml"),
                    ("/xl/worksheets/sheet1.xml", f"{_SHEET_TYPE}.worksheet+xml"),
                    ("/xl/styles.xml", f"{_SHEET_TYPE}.styles+xml"),
                    ("/xl/sharedStrings.xml", f"{_SHEET_TYPE}.sharedStrings+xml"),
                ]
            ),
        ),
        ("_rels/.rels", package_rels("xl/workbook.xml")),
        ("docProps/app.xml", app_xml("jixiao")),
        ("docProps/core.xml", core_xml(form.title, when)),
        ("xl/workbook.xml", _workbook_xml(name, sheet, len(sheet.heights))),
        (
            "xl/_rels/workbook.xml.rels",
            rels_xml(
                [
                    ("rId1", "worksheet", "worksheets/sheet1.xml"),
                    ("rId2", "styles", "styles.xml"),
                    ("rId3", "sharedStrings", "sharedStrings.xml"),
                ]
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml),
        ("xl/styles.xml", styles.xml()),
        ("xl/sharedStrings.xml", _strings_xml(strings)),
    ]
    return zipped(parts, when)


def _column_map(table: Table, sheet_widths: list[float], scale: float) -> list[tuple[int, int]]:
    """Sheet columns (1-based, inclusive) for each table column. The main
    table maps one to one; a narrower table (the score summary) gets runs of
    sheet columns whose total widths best match its own."""
    if table.ncols == len(sheet_widths):
        return [(i, i) for i in range(1, table.ncols + 1)]
    cumulative = [sum(sheet_widths[: i + 1]) for i in range(len(sheet_widths))]
    target, start, result = 0.0, 0, []
    for index, width in enumerate(table.widths):
        target += width * scale
        last = len(sheet_widths) - (table.ncols - index)  # leave one per later column
        end = min(range(start, last + 1), key=lambda i: abs(cumulative[i] - target))
        result.append((start + 1, end + 1))
        start = end + 1
    return result


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_xml(
    sheet: _Sheet, starts: list[int], one_page: bool, styles: Styles, strings: dict[str, int], font: str
) -> str:
    rows: dict[int, list[tuple[int, str]]] = {}
    merges: list[str] = []
    pieces = [
        (piece, first, last, style)
        for placed, first, last, style in sheet.items
        for piece in split_at([placed], starts)
    ]
    for placed, first, last, style in pieces:
        top, bottom = placed.row + 1, placed.last_row + 1
        boxed = style == "cell"
        for r in range(top, bottom + 1):
            for c in range(first, last + 1):
                if (r, c) == (top, first):
                    rows.setdefault(r, []).append((c, _cell_xml(r, c, placed.cell, style, styles, strings)))
                elif boxed:
                    rows.setdefault(r, []).append((c, f'<c r="{column_letter(c)}{r}" s="{styles.border_only()}"/>'))
        if (top, first) != (bottom, last):
            merges.append(f"{column_letter(first)}{top}:{column_letter(last)}{bottom}")
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths, 1))
    body = []
    for index, height in enumerate(sheet.heights, 1):
        cells = "".join(xml for _, xml in sorted(rows.get(index, [])))
        body.append(f'<row r="{index}" ht="{height}" customHeight="1">{cells}</row>')
    last_ref = f"{column_letter(sheet.ncols)}{len(sheet.heights)}"
    parts = [
        XML_HEAD,
        f'<worksheet xmlns="{_MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
        f'<dimension ref="A1:{last_ref}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>',
        f'<sheetFormatPr defaultRowHeight="{MIN_ROW_PT}"/><cols>{cols}</cols>',
        "<sheetData>",
        "".join(body),
        "</sheetData>",
    ]
    if merges:
        parts.append(
            f'<mergeCells count="{len(merges)}">'
            + "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
            + "</mergeCells>"
        )
    parts += [
        '<printOptions horizontalCentered="1"/>',
        '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>',
        f'<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="{1 if one_page else 0}"/>',
        f'<headerFooter><oddFooter>&amp;C&amp;"{esc(font)},常规"&amp;9第 &amp;P 页 共 &amp;N 页'
        "</oddFooter></headerFooter>",
    ]
    if starts:
        parts.append(
            f'<rowBreaks count="{len(starts)}" manualBreakCount="{len(starts)}">'
            + "".join(f'<brk id="{start}" max="16383" man="1"/>' for start in starts)
            + "</rowBreaks>"
        )
    parts.append("</worksheet>")
    return "".join(parts)


def _cell_xml(r: int, c: int, cell: Cell, style: str, styles: Styles, strings: dict[str, int]) -> str:
    ref = f"{column_letter(c)}{r}"
    value = cell.value
    if style != "cell":
        index = styles.banner(style)
        if not value:
            return f'<c r="{ref}" s="{index}"/>'
        return f'<c r="{ref}" s="{index}" t="s"><v>{_string(strings, str(value))}</v></c>'
    role = cell.role
    if value is None or value == "":
        return f'<c r="{ref}" s="{styles.cell(role)}"/>'
    if isinstance(value, Decimal) and cell.kind in (MONEY, NUMBER, SCORE, PERCENT):
        if cell.kind == PERCENT:
            fmt, shown = "0.00%", format((value / 100).normalize(), "f")
        elif cell.kind == SCORE:
            fmt, shown = "0.00", format(value, "f")
        else:
            places = decimal_places(value)
            fmt, shown = ("0" if not places else "0." + "0" * places), format(value, "f")
        return f'<c r="{ref}" s="{styles.cell(role, fmt)}"><v>{shown}</v></c>'
    shown = display(cell)
    quote = shown.startswith(_FORMULA_LEAD)
    return f'<c r="{ref}" s="{styles.cell(role, quote=quote)}" t="s"><v>{_string(strings, shown)}</v></c>'


def _string(strings: dict[str, int], value: str) -> int:
    index = strings.get(value)
    if index is None:
        index = strings[value] = len(strings)
    return index


def _strings_xml(strings: dict[str, int]) -> str:
    items = "".join(f'<si><t xml:space="preserve">{esc(value)}</t></si>' for value in strings)
    return XML_HEAD + f'<sst xmlns="{_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">' + items + "</sst>"


def _workbook_xml(name: str, sheet: _Sheet, nrows: int) -> str:
    quoted = "'" + name.replace("'", "''") + "'"
    names = [
        f'<definedName name="_xlnm.Print_Area" localSheetId="0">{esc(quoted)}!$A$1:'
        f"${column_letter(sheet.ncols)}${nrows}</definedName>"
    ]
    if sheet.titles:
        first, last = sheet.titles
        names.append(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="0">{esc(quoted)}!'
            f"${first + 1}:${last + 1}</definedName>"
        )
    return (
        XML_HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><bookViews><workbookView/></bookViews>'
        f'<sheets><sheet name="{esc(name)}" sheetId="1" r:id="rId1"/></sheets>'
        f"<definedNames>{''.join(names)}</definedNames></workbook>"
    )
