"""DOCX: the same tables in a Word document, A4 landscape, 宋体 五号 (or the
template's font), written directly as WordprocessingML.

Grid, merges and texts come from the form builders. Lines have an exact
height and every row a height computed from its text, so this module knows
where pages end and breaks them itself, as the XLSX writer does: a merged
cell that a break would cut is split there and labelled again, and the
indicator headings start every page the indicator rows continue on (and
are marked w:tblHeader, so Word repeats them should a page overflow
anyway). No row splits across pages (w:cantSplit); headings and captions
keep with what follows; the footer numbers the pages; east-Asian text is
zh-CN.
"""

from __future__ import annotations

from pathlib import Path

from ..fileio import write_atomic
from .docx_parts import FONT_HALF_POINTS, FOOTER, SETTINGS, W_NS, run, styles_xml
from .grid import HEAD, LABEL, LONG, MONEY, NUMBER, PERCENT, SCORE, Form, Placed, Table, blank, display
from .ooxml import XML_HEAD, app_xml, content_types, core_xml, fixed_datetime, package_rels, rels_xml, zipped
from .paging import LINE_PT, heading_rows, page_starts, row_heights, split_at

PAGE_WIDTH, PAGE_HEIGHT = 16838, 11906  # A4 landscape, twips
MARGIN = 850  # 15 mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
PAGE_PT = (PAGE_HEIGHT - 2 * MARGIN) / 20 * 0.97  # 3% kept free for rounding
# A row is its lines plus the cell margins (2 × 1.5 pt) and a border.
ROW_PAD_PT = 3.5
# Forms up to this many pages print on one page in a smaller size (not below 8.5 pt).
ONE_PAGE_LIMIT = 1.45
SMALLEST_HALF_POINTS = 17
_WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_NUMERIC = (MONEY, NUMBER, PERCENT, SCORE)
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
# Two parts of a table are kept apart by a hairline paragraph (Word joins
# adjacent tables); the same paragraph with a page break starts a page.
_HAIRLINE = (
    '<w:p><w:pPr>{}<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
)
_SPACER = _HAIRLINE.format("<w:keepNext/>")
_PAGE_BREAK = _HAIRLINE.format("<w:pageBreakBefore/>")


def write_docx(record: dict, path: str | Path, template: str | None = None) -> None:
    write_atomic(path, docx_bytes(record, template))


def docx_bytes(record: dict, template: str | None = None) -> bytes:
    from .forms import build_form

    return form_docx(build_form(record, template))


class _Flow:
    """Everything printed, in order, with its height: paragraphs (xml) and
    table rows ((table index, row)), plus which keep with the next."""

    def __init__(self):
        self.entries: list[str | tuple[int, int]] = []
        self.heights: list[float] = []
        self.keep: list[bool] = []
        self.titles: tuple[int, int] | None = None

    def add(self, entry: str | tuple[int, int], height: float, keep: bool) -> None:
        self.entries.append(entry)
        self.heights.append(height)
        self.keep.append(keep)


class _Type:
    """The body text size: 五号 (10.5 pt, 21 half-points) or, to keep a form
    that is a little over one page on one page (as the XLSX shrinks it),
    down to 8.5 pt. Lines are exact, so heights follow from the size."""

    def __init__(self, half_points: int = FONT_HALF_POINTS):
        self.half_points = half_points
        self.line = LINE_PT * half_points / FONT_HALF_POINTS
        self.unit = half_points / 2 / 1.85  # a CJK character is 1.85 units
        self.spacing = f'w:line="{round(self.line * 20)}" w:lineRule="exact"'


def form_docx(form: Form) -> bytes:
    scale = TEXT_WIDTH / sum(form.tables[0].widths)
    widths = [[int(width * scale) for width in table.widths] for table in form.tables]
    kind = _Type()
    flow = _layout(form, widths, kind)
    if PAGE_PT < sum(flow.heights) <= PAGE_PT * ONE_PAGE_LIMIT:
        for half_points in range(FONT_HALF_POINTS - 1, SMALLEST_HALF_POINTS - 1, -1):
            smaller = _Type(half_points)
            candidate = _layout(form, widths, smaller)
            if sum(candidate.heights) <= PAGE_PT:
                kind, flow = smaller, candidate
                break
    starts = page_starts(flow.heights, flow.keep, flow.titles, 1.0, PAGE_PT)
    body = "".join(_emit(form, flow, set(starts), widths, kind.spacing))
    section = (
        f'<w:sectPr><w:footerReference w:type="default" r:id="rId3"/>'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}" w:orient="landscape"/>'
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
        'w:header="425" w:footer="425" w:gutter="0"/></w:sectPr>'
    )
    document = XML_HEAD + f"<w:document {W_NS}><w:body>{body}{section}</w:body></w:document>"
    when = fixed_datetime(form.year)
    parts = [
        (
            "[Content_Types].xml",
            content_types(
                [
                    ("/word/document.xml", f"{_WORD_TYPE}.document.main+xml"),
                    ("/word/styles.xml", f"{_WORD_TYPE}.styles+xml"),
                    ("/word/settings.xml", f"{_WORD_TYPE}.settings+xml"),
                    ("/word/footer1.xml", f"{_WORD_TYPE}.footer+xml"),
                ]
            ),
        ),
        ("_rels/.rels", package_rels("word/document.xml")),
        ("docProps/app.xml", app_xml("jixiao")),
        ("docProps/core.xml", core_xml(form.title, when)),
        ("word/document.xml", document),
        (
            "word/_rels/document.xml.rels",
            rels_xml(
                [
                    ("rId1", "styles", "styles.xml"),
                    ("rId2", "settings", "settings.xml"),
                    ("rId3", "footer", "footer1.xml"),
                ]
            ),
        ),
        ("word/styles.xml", styles_xml(form.font, kind.half_points)),
        ("word/settings.xml", SETTINGS),
        ("word/footer1.xml", FOOTER),
    ]
    return zipped(parts, when)


def _layout(form: Form, widths: list[list[int]], kind: _Type) -> _Flow:
    flow = _Flow()
    flow.add(_paragraph(form.title, 32, 480, bold=True), 30, True)
    if form.subtitle:
        flow.add(_paragraph(form.subtitle, 24, 360), 24, True)
    for left, right in form.lines:
        flow.add(_unit_line(left, right, kind.spacing), kind.line + 3, True)
    for number, table in enumerate(form.tables):
        if table.caption:
            flow.add(_paragraph(table.caption, 24, 360, bold=True, centred=False, before=120), 30, True)
        units = [width / 20 / kind.unit for width in widths[number]]
        keep = heading_rows(table)
        if number:  # a short trailing table (the score summary) stays on one page
            keep = [True] * (table.nrows - 1) + [False]
        top = len(flow.entries)
        heights = row_heights(
            table, [(i, i) for i in range(1, table.ncols + 1)], units, ROW_PAD_PT, kind.line + ROW_PAD_PT, kind.line
        )
        for row, height in enumerate(heights):
            flow.add((number, row), height, keep[row])
        if table.repeat and flow.titles is None:
            flow.titles = (top + table.repeat[0], top + table.repeat[1])
    return flow


def _emit(form: Form, flow: _Flow, starts: set[int], widths: list[list[int]], spacing: str):
    """The body XML: paragraphs and tables, a new table (and page) at each
    page start, the indicator headings again on each continued page."""
    cuts: dict[int, list[int]] = {}
    for index in starts:
        entry = flow.entries[index]
        if isinstance(entry, tuple):
            cuts.setdefault(entry[0], []).append(entry[1])
    owners = [_owners(split_at(table.cells, cuts.get(number, []))) for number, table in enumerate(form.tables)]
    rows: list[str] = []
    current: int | None = None
    joined = False  # the table continues the one above it on the page

    def close():
        nonlocal rows, current, joined
        if rows:
            yield _table_xml(widths[current], rows, joined)
        rows, current, joined = [], None, False

    for index, entry in enumerate(flow.entries):
        broken = index in starts
        if broken:
            yield from close()
            yield _PAGE_BREAK
        if isinstance(entry, str):
            yield from close()
            yield entry
            continue
        number, row = entry
        table = form.tables[number]
        repeat = table.repeat
        if current != number or (repeat and row == repeat[0]):
            if rows:
                yield from close()
                yield _SPACER
                joined = True
            current = number
            titles = flow.titles
            if broken and repeat and titles and row > repeat[1]:
                rows += _heading_copy(table, widths[number], flow.heights[titles[0] : titles[1] + 1], spacing)
        header = repeat is not None and repeat[0] <= row <= repeat[1]
        rows.append(
            _row_xml(
                table,
                owners[number],
                row,
                widths[number],
                flow.heights[index],
                flow.keep[index] or header,
                header,
                spacing,
            )
        )
    yield from close()


def _owners(cells: list[Placed]) -> dict[tuple[int, int], Placed]:
    owners: dict[tuple[int, int], Placed] = {}
    for placed in cells:
        for r in range(placed.row, placed.last_row + 1):
            owners[(r, placed.col)] = placed
    return owners


def _heading_copy(table: Table, widths: list[int], heights: list[float], spacing: str) -> list[str]:
    """The heading rows again at the top of a continued page. A cell that
    runs on below the headings (the block label) is blank in the copy."""
    assert table.repeat is not None, "only tables with heading rows are continued"
    first, last = table.repeat
    copies: list[Placed] = []
    for placed in table.cells:
        if first <= placed.row <= last:
            if placed.last_row > last:
                placed = Placed(placed.row, placed.col, blank(placed.cell.colspan, last - placed.row + 1))
            copies.append(placed)
    owners = _owners(copies)
    return [
        _row_xml(table, owners, row, widths, height, True, True, spacing)
        for row, height in zip(range(first, last + 1), heights)
    ]


def _table_xml(widths: list[int], rows: list[str], joined: bool = False) -> str:
    """A table; one that continues the table above it has no top border
    (the bottom border above is the line between them)."""
    borders = _BORDERS.replace('<w:top w:val="single" w:sz="4"', '<w:top w:val="nil" w:sz="0"') if joined else _BORDERS
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/>'
        '<w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _row_xml(
    table: Table,
    owners: dict[tuple[int, int], Placed],
    r: int,
    widths: list[int],
    height: float | None,
    keep: bool,
    header: bool,
    spacing: str,
) -> str:
    size = f'<w:trHeight w:val="{round(height * 20)}" w:hRule="atLeast"/>' if height else ""
    out = [f"<w:tr><w:trPr><w:cantSplit/>{size}{'<w:tblHeader/>' if header else ''}</w:trPr>"]
    col = 0
    while col < table.ncols:
        placed = owners[(r, col)]
        out.append(_cell(placed, r, sum(widths[placed.col : placed.last_col + 1]), keep, spacing))
        col = placed.last_col + 1
    out.append("</w:tr>")
    return "".join(out)


def _cell(placed: Placed, r: int, width: int, keep: bool, spacing: str) -> str:
    cell = placed.cell
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.colspan > 1:
        props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
    if cell.rowspan > 1:
        props.append('<w:vMerge w:val="restart"/>' if r == placed.row else "<w:vMerge/>")
    if cell.kind in _NUMERIC:
        props.append("<w:noWrap/>")
    props.append('<w:vAlign w:val="center"/>')
    ppr = (
        ("<w:keepNext/>" if keep else "")
        + f"<w:spacing {spacing}/>"
        + f'<w:jc w:val="{"left" if cell.role == LONG else "center"}"/>'
    )
    if r != placed.row:
        return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr></w:p></w:tc>"
    bold = cell.role in (LABEL, HEAD)
    paragraphs = "".join(
        f"<w:p><w:pPr>{ppr}</w:pPr>{run(line, bold=bold) if line else ''}</w:p>" for line in display(cell).split("\n")
    )
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{paragraphs}</w:tc>"


def _paragraph(value: str, size: int, line: int, bold: bool = False, centred: bool = True, before: int = 0) -> str:
    props = (
        f'<w:keepNext/><w:spacing w:before="{before}" w:after="120" w:line="{line}" '
        f'w:lineRule="exact"/><w:jc w:val="{"center" if centred else "left"}"/>'
    )
    return f"<w:p><w:pPr>{props}</w:pPr>{run(value, size, bold)}</w:p>"


def _unit_line(left: str, right: str, spacing: str) -> str:
    """The unit (left) and `单位：万元` (right-aligned at the text edge)."""
    return (
        f'<w:p><w:pPr><w:keepNext/><w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        f'<w:spacing w:before="0" w:after="60" {spacing}/></w:pPr>'
        f"{run(left)}<w:r><w:tab/></w:r>{run(right)}</w:p>"
    )
