"""Text PDFs (pdfplumber): each page's ruled tables as rows of cells, and the
lines of text outside them (titles, 单位 lines) as one-cell rows, in reading
order. A scanned PDF has no text: it is reported, not guessed at."""

from __future__ import annotations

from pathlib import Path

from assistant.intake.grid import Block, Cell, Row, clean


def read_pdf(path: str | Path) -> list[Block]:
    import pdfplumber

    from assistant.intake.errors import IntakeError

    block = Block("PDF", repair=True)
    with pdfplumber.open(str(path)) as pdf:
        chars = 0
        for number, page in enumerate(pdf.pages, 1):
            chars += len(page.chars)
            block.rows += _page_rows(page, number)
    if chars == 0:
        raise IntakeError(
            f"{path}：这个 PDF 里没有文字（可能是扫描件），无法读取。请提供 Word/Excel 原件或文字版 PDF。"
        )
    return [block]


def _page_rows(page, number: int) -> list[Row]:
    items: list[tuple[float, list[Row]]] = []
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    for t, table in enumerate(tables, 1):
        rows = []
        for r, cells in enumerate(table.extract(), 1):
            placed = []
            for c, text in enumerate(cells):
                if text is None:
                    continue
                last = c
                while last + 1 < len(cells) and cells[last + 1] is None:
                    last += 1
                value = clean(text)
                if value:
                    placed.append(Cell(value, c, last, f"第{number}页表格{t}第{r}行第{c + 1}列"))
            if placed:
                rows.append(Row(placed, f"第{number}页表格{t}第{r}行"))
        items.append((table.bbox[1], rows))
    for n, line in enumerate(page.extract_text_lines(), 1):
        top = line["top"]
        if any(x0 - 1 <= line["x0"] and line["x1"] <= x1 + 1 and y0 - 1 <= top <= y1 + 1 for x0, y0, x1, y1 in boxes):
            continue
        text = clean(line["text"])
        if text:
            where = f"第{number}页第{n}行"
            items.append((top, [Row([Cell(text, 0, 0, where)], where)]))
    items.sort(key=lambda item: item[0])
    return [row for _, rows in items for row in rows]
