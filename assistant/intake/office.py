"""Workbooks (openpyxl) and Word documents (python-docx's XML, read directly:
its Table.cell() rebuilds the whole grid per call, too slow for 50 pages).

Merged cells give their text once, at their top-left corner, and cover
their span (`Cell.col … Cell.last`), so a heading spanning two columns
still heads both."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from assistant.intake.grid import Block, Cell, Row, clean, column_letter

# -- XLSX ---------------------------------------------------------------------


def read_xlsx(path: str | Path) -> list[Block]:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    blocks = []
    for sheet in book.worksheets:
        spans: dict[tuple[int, int], int] = {}
        covered: set[tuple[int, int]] = set()
        for merged in sheet.merged_cells.ranges:
            spans[(merged.min_row, merged.min_col)] = merged.max_col
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if (r, c) != (merged.min_row, merged.min_col):
                        covered.add((r, c))
        block = Block(f"工作表“{sheet.title}”")
        for cells in sheet.iter_rows():
            row_cells = []
            for cell in cells:
                key = (cell.row, cell.column)
                if key in covered or cell.value is None:
                    continue
                text = clean(_cell_text(cell))
                if text:
                    last = spans.get(key, cell.column)
                    row_cells.append(
                        Cell(
                            text,
                            cell.column - 1,
                            last - 1,
                            f"工作表“{sheet.title}”{column_letter(cell.column - 1)}{cell.row}",
                        )
                    )
            if row_cells:
                block.rows.append(Row(row_cells, f"工作表“{sheet.title}”第{cells[0].row}行"))
        blocks.append(block)
    return blocks


def _cell_text(cell) -> str:
    value = cell.value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if "%" in (cell.number_format or ""):
            number *= 100
            return _plain(number) + "%"
        return _plain(number)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


# -- DOCX ---------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: str | Path) -> list[Block]:
    import docx

    document = docx.Document(str(path))
    block = Block("文档")
    paragraph_no = table_no = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            paragraph_no += 1
            # tab stops lay a line out in columns (unit name … 单位：万元): one cell each
            parts = [clean(part) for part in _text(element, tab="\t").split("\t")]
            cells = [Cell(text, col, col, f"第{paragraph_no}段") for col, text in enumerate(parts) if text]
            if cells:
                block.rows.append(Row(cells, f"第{paragraph_no}段"))
        elif element.tag == f"{_W}tbl":
            table_no += 1
            block.rows += _table_rows(element, table_no)
    return [block]


def _table_rows(table, number: int) -> list[Row]:
    rows: list[Row] = []
    above: dict[int, bool] = {}
    for r, tr in enumerate(table.iterchildren(f"{_W}tr"), 1):
        col = 0
        cells = []
        starts: dict[int, bool] = {}
        for tc in tr.iterchildren(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span, merge = 1, None
            if props is not None:
                grid_span = props.find(f"{_W}gridSpan")
                if grid_span is not None:
                    span = int(grid_span.get(f"{_W}val", "1"))
                v_merge = props.find(f"{_W}vMerge")
                if v_merge is not None:
                    merge = v_merge.get(f"{_W}val", "continue")
            continuing = merge == "continue"
            starts[col] = continuing
            text = "" if continuing else clean("\n".join(_text(p) for p in tc.iter(f"{_W}p")))
            if text:
                cells.append(Cell(text, col, col + span - 1, f"第{number}个表格第{r}行第{col + 1}列"))
            col += span
        above = starts
        rows.append(Row(cells, f"第{number}个表格第{r}行"))
    del above
    return [row for row in rows if row.cells]


def _text(element, tab: str = " ") -> str:
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(tab)
        else:
            parts.append("\n")
    return "".join(parts)
