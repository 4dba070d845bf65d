"""DOCX: the same tables in a Word document, A4 landscape, 宋体 五号 (or the
template's font), written directly as WordprocessingML.

Grid, merges and texts come from the form builders. The indicator table is
a table of its own whose heading rows repeat on every page (w:tblHeader);
no row splits across pages (w:cantSplit); headings and captions keep with
what follows; the footer numbers the pages (第 N 页 共 M 页); east-Asian
text is marked zh-CN.
"""

from __future__ import annotations

from pathlib import Path

from ..fileio import write_atomic
from .grid import HEAD, LABEL, LONG, MONEY, NUMBER, PERCENT, SCORE, Form, Placed, Table, display
from .ooxml import XML_HEAD, app_xml, content_types, core_xml, esc, fixed_datetime, package_rels, rels_xml, zipped
from .paging import heading_rows

PAGE_WIDTH, PAGE_HEIGHT = 16838, 11906  # A4 landscape, twips
MARGIN = 850  # 15 mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FONT_HALF_POINTS = 21  # 五号 10.5 pt
_W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_NUMERIC = (MONEY, NUMBER, PERCENT, SCORE)
_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def write_docx(record: dict, path: str | Path, template: str | None = None) -> None:
    write_atomic(path, docx_bytes(record, template))


def docx_bytes(record: dict, template: str | None = None) -> bytes:
    from .forms import build_form

    return form_docx(build_form(record, template))


def form_docx(form: Form) -> bytes:
    body = [_paragraph(form.title, 32, bold=True, keep=True)]
    if form.subtitle:
        body.append(_paragraph(form.subtitle, 24, keep=True))
    for left, right in form.lines:
        body.append(_unit_line(left, right))
    scale = TEXT_WIDTH / sum(form.tables[0].widths)
    for number, table in enumerate(form.tables):
        widths = [int(width * scale) for width in table.widths]
        if table.caption:
            body.append(_paragraph(table.caption, 24, bold=True, centred=False, keep=True, before=120))
        keep = heading_rows(table)
        if number:  # a short trailing table (the score summary) stays on one page
            keep = [True] * (table.nrows - 1) + [False]
        if table.repeat:
            first = table.repeat[0]
            if first:
                body.append(_table(table, widths, range(0, first), keep, None))
                body.append(_SPACER)
            body.append(_table(table, widths, range(first, table.nrows), keep, table.repeat))
        else:
            body.append(_table(table, widths, range(table.nrows), keep, None))
    body.append(f'<w:sectPr><w:footerReference w:type="default" r:id="rId3"/>'
                f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}" w:orient="landscape"/>'
                f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
                'w:header="425" w:footer="425" w:gutter="0"/></w:sectPr>')
    document = XML_HEAD + f'<w:document {_W}><w:body>{"".join(body)}</w:body></w:document>'
    when = fixed_datetime(form.year)
    parts = [
        ("[Content_Types].xml", content_types([
            ("/word/document.xml", f"{_WORD_TYPE}.document.main+xml"),
            ("/word/styles.xml", f"{_WORD_TYPE}.styles+xml"),
            ("/word/settings.xml", f"{_WORD_TYPE}.settings+xml"),
            ("/word/footer1.xml", f"{_WORD_TYPE}.footer+xml")])),
        ("_rels/.rels", package_rels("word/document.xml")),
        ("docProps/app.xml", app_xml("jixiao")),
        ("docProps/core.xml", core_xml(form.title, when)),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", rels_xml([
            ("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml"),
            ("rId3", "footer", "footer1.xml")])),
        ("word/styles.xml", _styles(form.font)),
        ("word/settings.xml", _SETTINGS),
        ("word/footer1.xml", _FOOTER),
    ]
    return zipped(parts, when)


# The two parts of a split table are kept apart by a hairline paragraph:
# adjacent tables would otherwise be joined into one by Word.
_SPACER = ('<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="20" '
           'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')


def _run(value: str, size: int | None = None, bold: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "")
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{esc(value)}</w:t></w:r>'


def _paragraph(value: str, size: int, bold: bool = False, centred: bool = True, keep: bool = False,
               before: int = 0) -> str:
    props = (("<w:keepNext/>" if keep else "") + f'<w:spacing w:before="{before}" w:after="120"/>'
             + f'<w:jc w:val="{"center" if centred else "left"}"/>')
    return f"<w:p><w:pPr>{props}</w:pPr>{_run(value, size, bold)}</w:p>"


def _unit_line(left: str, right: str) -> str:
    """The unit (left) and `单位：万元` (right-aligned at the text edge)."""
    return (f'<w:p><w:pPr><w:keepNext/><w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:before="0" w:after="60"/></w:pPr>'
            f'{_run(left)}<w:r><w:tab/></w:r>{_run(right)}</w:p>')


def _table(table: Table, widths: list[int], rows: range, keep: list[bool],
           repeat: tuple[int, int] | None) -> str:
    owners: dict[tuple[int, int], Placed] = {}
    for placed in table.cells:
        if placed.row in rows or placed.last_row in rows:
            for r in range(placed.row, placed.last_row + 1):
                owners[(r, placed.col)] = placed
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           '<w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/>'
           '<w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>'
           f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for r in rows:
        header = repeat is not None and repeat[0] <= r <= repeat[1]
        out.append(f'<w:tr><w:trPr><w:cantSplit/>{"<w:tblHeader/>" if header else ""}</w:trPr>')
        col = 0
        while col < table.ncols:
            placed = owners[(r, col)]
            width = sum(widths[placed.col:placed.last_col + 1])
            out.append(_cell(placed, r, width, keep[r] or header))
            col = placed.last_col + 1
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell(placed: Placed, r: int, width: int, keep: bool) -> str:
    cell = placed.cell
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.colspan > 1:
        props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
    if cell.rowspan > 1:
        props.append('<w:vMerge w:val="restart"/>' if r == placed.row else "<w:vMerge/>")
    if cell.kind in _NUMERIC:
        props.append("<w:noWrap/>")
    props.append('<w:vAlign w:val="center"/>')
    ppr = ("<w:keepNext/>" if keep else "") + f'<w:jc w:val="{"left" if cell.role == LONG else "center"}"/>'
    if r != placed.row:
        return f'<w:tc><w:tcPr>{"".join(props)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr></w:p></w:tc>'
    bold = cell.role in (LABEL, HEAD)
    paragraphs = "".join(f"<w:p><w:pPr>{ppr}</w:pPr>{_run(line, bold=bold) if line else ''}</w:p>"
                         for line in display(cell).split("\n"))
    return f'<w:tc><w:tcPr>{"".join(props)}</w:tcPr>{paragraphs}</w:tc>'


def _styles(font: str) -> str:
    name = esc(font)
    fonts = f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'
    lang = '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    size = f'<w:sz w:val="{FONT_HALF_POINTS}"/><w:szCs w:val="{FONT_HALF_POINTS}"/>'
    return (XML_HEAD + f'<w:styles {_W}><w:docDefaults><w:rPrDefault><w:rPr>{fonts}{size}{lang}'
            '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0"/>'
            '</w:pPr></w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            f'<w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:rPr>{fonts}{size}{lang}'
            '</w:rPr></w:style>'
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
            '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/>'
            '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
            '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr>'
            '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style></w:styles>')


_SETTINGS = (XML_HEAD + f'<w:settings {_W}><w:defaultTabStop w:val="420"/>'
             '<w:characterSpacingControl w:val="compressPunctuation"/>'
             '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>')


def _field(instruction: str) -> str:
    return (f'<w:fldSimple w:instr=" {instruction} "><w:r><w:t>1</w:t></w:r></w:fldSimple>')


_FOOTER = (XML_HEAD + f'<w:ftr {_W}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
           f'{_run("第 ")}{_field("PAGE")}{_run(" 页 共 ")}{_field("NUMPAGES")}{_run(" 页")}</w:p></w:ftr>')
