"""Text tables: tab-separated lines as copied out of Excel/WPS, Markdown pipe
tables, and the one-cell-per-line export of Word tables (each cell on its own
line after a tab, a blank line closing the row, a cell's further lines
without a tab)."""

from __future__ import annotations

import csv
import io
import re

from assistant.intake.grid import Block, Cell, Row, clean

_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read_text(text: str, name: str = "文本") -> Block:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").split("\n")
    block = Block(name, repair=True)
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_cell_line(line):
            i = _cell_per_line(lines, i, block)
        elif not line.strip():
            i += 1
        elif line.lstrip().startswith("|"):
            if not _MD_RULE.match(line.strip()):
                block.rows.append(_row(_markdown_cells(line), i + 1))
            i += 1
        else:
            i = _tab_line(lines, i, block)
    return block


def read_csv(text: str, name: str = "文本") -> Block:
    """Comma-separated values as saved by Excel/WPS (quoted cells may hold line breaks)."""
    block = Block(name, repair=False)
    lines = text.replace("\ufeff", "").splitlines(keepends=True)
    reader = csv.reader(lines)
    for fields in reader:
        row = _row(fields, reader.line_num)
        if row.cells:
            block.rows.append(row)
    return block


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1


def _cell_per_line(lines: list[str], start: int, block: Block) -> int:
    """A row of cells, one per line, up to the next blank line."""
    cells: list[str] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if _is_cell_line(line):
            cells.append(line[1:])
        elif line.strip() and "\t" not in line:
            cells[-1] += "\n" + line  # the cell goes on on this line
        else:
            break
        i += 1
    block.rows.append(_row(cells, start + 1))
    return i


def _tab_line(lines: list[str], start: int, block: Block) -> int:
    line, i = lines[start], start + 1
    # A cell copied from Excel with line breaks in it comes quoted.
    while line.count('"') % 2 and re.search(r'(^|\t)"', line) and i < len(lines):
        line += "\n" + lines[i]
        i += 1
    fields = line.split("\t")
    if '"' in line and re.search(r'(^|\t)"', line):
        try:  # read as a file, so a quoted cell keeps its line breaks
            fields = next(csv.reader(io.StringIO(line, newline=""), delimiter="\t"), fields)
        except csv.Error:
            pass  # quotes that do not pair up: the cells as the tabs cut them
    block.rows.append(_row(fields, start + 1))
    return i


def _markdown_cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return body.split("|")


def _row(fields: list[str], line_no: int) -> Row:
    cells = [
        Cell(clean(text), col, col, f"第{line_no}行第{col + 1}格") for col, text in enumerate(fields) if clean(text)
    ]
    return Row(cells, f"第{line_no}行")
