"""DOCX: the same tables in a Word document, A4 landscape, 宋体 五号.

Grid, merges and texts come from `layout`; this module only lays them out
as Word tables with fixed column widths so the document prints as it shows.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell

from ..fileio import write_atomic
from .layout import HEAD, LABEL, LONG, Form, Table, build_form, display, fixed_datetime, fixed_zip

FONT_NAME = "宋体"
FONT_SIZE = Pt(10.5)  # 五号
PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
MARGIN = Mm(15)
CELL_PADDING_TWIPS = 30  # 1.5 pt


def write_docx(record: dict, path: str | Path) -> None:
    write_atomic(path, docx_bytes(record))


def docx_bytes(record: dict) -> bytes:
    return form_docx(build_form(record))


def form_docx(form: Form) -> bytes:
    document = Document()
    _page_setup(document)
    _base_font(document)
    _paragraph(document, form.title, size=Pt(16), bold=True)
    if form.subtitle:
        _paragraph(document, form.subtitle, size=Pt(12))
    # The main table fills the text width; later (narrower) tables keep its scale.
    scale = (PAGE_WIDTH - 2 * MARGIN) / sum(form.tables[0].widths)
    for number, table in enumerate(form.tables):
        if table.caption:
            _paragraph(document, table.caption, size=Pt(12), bold=True, centred=False)
        word = _write_table(document, table, [int(width * scale) for width in table.widths])
        if number:  # a short trailing table (the score summary) stays on one page
            _keep_together(word)
    _properties(document, form)
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), fixed_datetime(form))


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _base_font(document) -> None:
    """宋体 for Latin and East-Asian text alike (w:eastAsia), no paragraph gaps."""
    style = document.styles["Normal"]
    style.font.name = FONT_NAME
    style.font.size = FONT_SIZE
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT_NAME)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)


def _paragraph(document, text: str, size: Pt, bold: bool = False, centred: bool = True) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.keep_with_next = True  # a caption stays with its table
    run = paragraph.add_run(text)
    run.font.size = size
    if bold:
        run.font.bold = True


def _write_table(document, table: Table, widths: list[int]) -> WordTable:
    word = document.add_table(rows=table.nrows, cols=table.ncols)
    word.style = "Table Grid"
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    word.autofit = False
    _cell_margins(word)
    # The <w:tc> elements of the still unmerged grid. Table.cell() rebuilds
    # the whole grid on every call (quadratic); merged ranges never overlap,
    # so these references stay valid for every corner we use.
    grid = [list(tr.tc_lst) for tr in word._tbl.tr_lst]
    for index, width in enumerate(widths):
        word.columns[index].width = width
        for row in grid:
            row[index].width = width
    for tr in word._tbl.tr_lst:  # a row never breaks across pages
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for placed in table.cells:  # merge, then fill each (merged) cell once
        tc = grid[placed.row][placed.col]
        if placed.merged:
            tc = tc.merge(grid[placed.last_row][placed.last_col])
        _fill(_Cell(tc, word), placed.cell)
    return word


def _cell_margins(word: WordTable) -> None:
    """A little air above and below the text of every cell."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "bottom"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(CELL_PADDING_TWIPS))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    word._tbl.tblPr.append(margins)


def _keep_together(word: WordTable) -> None:
    for row in word.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _fill(cell, source) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    lines = display(source).split("\n")
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if source.role == LONG else WD_ALIGN_PARAGRAPH.CENTER
        if line:
            run = paragraph.add_run(line)
            if source.role in (LABEL, HEAD):
                run.font.bold = True


def _properties(document, form: Form) -> None:
    when = fixed_datetime(form)
    core = document.core_properties
    core.author = "jixiao"
    core.last_modified_by = "jixiao"
    core.title = form.title
    core.subject = ""
    core.keywords = ""
    core.comments = ""
    core.category = ""
    core.revision = 1
    core.created = when
    core.modified = when
    core.last_printed = when
