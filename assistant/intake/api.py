"""Files and pasted text → records, with what could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.forms import title_of
from assistant.intake.build import FormReader
from assistant.intake.errors import IntakeError  # noqa: F401  (re-exported)
from assistant.intake.grid import Block, squash
from assistant.intake.segment import segments

TEXT_SUFFIXES = (".txt", ".tsv", ".csv", ".md")
#: binary Office formats: recognised, so that they are reported with what to do, not skipped
OLD_OFFICE = {
    ".xls": "Excel/WPS 表格另存为 .xlsx",
    ".et": "WPS 表格另存为 .xlsx",
    ".doc": "Word/WPS 文字另存为 .docx",
    ".wps": "WPS 文字另存为 .docx",
}
SUFFIXES = (".xlsx", ".xlsm", ".docx", ".pdf", ".json") + TEXT_SUFFIXES + tuple(OLD_OFFICE)


@dataclass
class Form:
    record: dict[str, Any]
    name: str
    where: str
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Intake:
    source: str
    forms: list[Form] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # outside any form

    def all_problems(self) -> list[tuple[str, str]]:
        return self.problems + [p for form in self.forms for p in form.problems]


def read_blocks(blocks: list[Block], source: str) -> Intake:
    intake = Intake(source)
    for segment in segments(blocks):
        if not _has_form(segment):
            if segment.rows:
                first = segment.where if segment.title else segment.rows[0].where
                last = segment.rows[-1].where
                count = len(segment.rows) + (1 if segment.title else 0)
                span = first if first == last else f"{first}—{last}"
                intake.problems.append(
                    (first, f"{span}的 {count} 行不是表单（没有项目名称、部门名称或指标表），没有读入。")
                )
            continue
        parsed = FormReader(segment).read()
        record = parsed.record
        name = _name(record)
        intake.forms.append(Form(record, name, parsed.where, parsed.problems))
    return intake


def _has_form(segment) -> bool:
    from assistant.intake.labels import header_field
    from assistant.intake.table import heading

    return any(header_field(r.cells[0].text) in ("name", "dept_name", "code") for r in segment.rows) or any(
        heading(r) for r in segment.rows
    )


def _name(record: dict) -> str:
    return title_of(record) or "（无名称）"


def read_path(path: str | Path) -> Intake:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in OLD_OFFICE:
        raise IntakeError(f"{path}：这是旧版 Office 格式（{suffix}），无法直接读取。请用{OLD_OFFICE[suffix]}后再读入。")
    try:
        if suffix in TEXT_SUFFIXES:
            from assistant.intake.text_reader import read_csv, read_text

            text = _decode(path.read_bytes(), path)
            reader = read_csv if suffix == ".csv" else read_text
            return read_blocks([reader(text, path.name)], str(path))
        if suffix in (".xlsx", ".xlsm"):
            from assistant.intake.office import read_xlsx

            return read_blocks(read_xlsx(path), str(path))
        if suffix == ".docx":
            from assistant.intake.office import read_docx

            return read_blocks(read_docx(path), str(path))
        if suffix == ".pdf":
            from assistant.intake.pdf_reader import read_pdf

            return read_blocks(read_pdf(path), str(path))
    except FileNotFoundError:
        raise IntakeError(f"{path}：找不到这个文件。") from None
    except IsADirectoryError:
        raise IntakeError(f"{path}：这是一个目录。") from None
    except IntakeError:
        raise
    except OSError as exc:
        raise IntakeError(f"{path}：无法读取（{exc.strerror}）。") from None
    except Exception as exc:  # a damaged workbook/document: the libraries raise anything
        raise IntakeError(f"{path}：文件已损坏或不是它的扩展名所说的格式（{type(exc).__name__}），无法读取。") from None
    raise IntakeError(f"{path}：不认识的文件类型“{suffix or '无扩展名'}”。可以读取 {'、'.join(SUFFIXES)}。")


def read_pasted(text: str) -> Intake:
    from assistant.intake.text_reader import read_text

    return read_blocks([read_text(text, "粘贴的内容")], "粘贴的内容")


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IntakeError(f"{path}：既不是 UTF-8 也不是 GBK 编码的文本，无法读取。")


__all__ = ["Form", "Intake", "IntakeError", "SUFFIXES", "read_blocks", "read_pasted", "read_path", "squash"]
