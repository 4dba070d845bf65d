"""What every reader produces: rows of non-empty cells, each with its place.

A reader turns a file (text table, workbook, document, PDF) into blocks of
rows. A row lists its non-empty cells left to right; each cell knows the grid
columns it covers (`col` … `last`, so a merged heading covers its span) and
where it was found, in Chinese (工作表“Sheet1”C5, 第3页第12行 …), so that
whatever the form reader cannot place is reported at its place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    text: str
    col: int
    last: int
    where: str

    @property
    def key(self) -> str:
        return squash(self.text)


@dataclass
class Row:
    cells: list[Cell]
    where: str

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]

    def __bool__(self) -> bool:
        return bool(self.cells)


@dataclass
class Block:
    """One sheet, one document or one page run: rows in reading order."""

    name: str
    rows: list[Row] = field(default_factory=list)
    #: text exported from a PDF or a web page: repair its line-break artefacts
    #: (`达成预期 指标`); an Office cell holds what was typed and is kept as is
    repair: bool = False


_SPACES = re.compile(r"\s+")


def clean(text: object) -> str:
    """Cell text as printed: no surrounding blanks, Windows line ends folded,
    HTML paragraph marks of web exports turned into line breaks."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    value = re.sub(r"</p>\s*<p>|<br\s*/?>", "\n", value)
    value = re.sub(r"</?p>", "", value)
    return value.strip()


def squash(text: str) -> str:
    """A label as compared: width-folded (NFKC), without any blank."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or ""))


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
