"""Where one form ends and the next begins, and which form it is.

A form starts at its printed title (…申报表, …自评表, …绩效目标表), or — in a
paste without titles — at a second 项目名称 once a form has its indicators,
or at a new sheet. Its kind comes from the title, else from its labels
(年初预算数/实际完成值 → self-evaluation, 年度主要任务 → department).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from assistant.forms import FORM_KINDS, kind_by
from assistant.intake.grid import Block, Row, squash
from assistant.intake.labels import header_field

_TITLE_END = re.compile(r"(申报表|自评表|目标表|绩效目标申报|评价表)$")
_YEAR = re.compile(r"(20\d\d)\s*年度?")
# Titles are matched self-evaluations first: a title as close to both (…绩效评价表) names an evaluation.
_BY_STAGE = sorted(FORM_KINDS, key=lambda kind: not kind.self_evaluation)


@dataclass
class Segment:
    title: str | None = None
    kind: str | None = None
    year: int | None = None
    rows: list[Row] = field(default_factory=list)
    where: str = ""
    block: str = ""
    repair: bool = False


def title_kind(text: str) -> str | None:
    """The form kind a title row names, or None if the row is no title."""
    from assistant.intake import vocab

    key = re.sub(r"^\[bookmark:[^\]]*\]", "", squash(text))
    key = re.sub(r"[（(]?\s*20\d\d\s*年度?\s*[)）]?", "", key)
    for title, form in vocab.titles():  # a local template's own title (项目绩效目标和指标 …)
        if len(title) >= 6 and title in key and len(key) <= len(title) + 40 and not _TITLE_END.search(key):
            return form
    if len(key) > 60 or not _TITLE_END.search(key):
        return None
    # 自评 names the stage, 整体 (with 部门 on a declaration) the breadth
    if "自评" in key or ("整体" in key and "部门" in key):
        named = kind_by(department_wide="整体" in key, self_evaluation="自评" in key)
        if named is not None:
            return named.id
    best, score = None, 0.0
    for kind in _BY_STAGE:
        for title in kind.printed_titles:
            # a printed title containing a known one (the longest wins), else the closest
            value = 100 + len(title) if title in key else fuzz.ratio(title, key)
            if value > score:
                best, score = kind.id, value
    return best if score >= 80 else "project-declaration"


def year_of(text: str) -> int | None:
    match = _YEAR.search(squash(text))
    return int(match.group(1)) if match else None


def _is_year_line(row: Row) -> bool:
    return (
        len(row.cells) == 1 and re.fullmatch(r"[（(]?\s*20\d\d\s*年度?\s*[)）]?", squash(row.cells[0].text)) is not None
    )


def _starts_form(row: Row) -> bool:
    first = row.cells[0].text
    return header_field(first) in ("name", "dept_name")


def segments(blocks: list[Block]) -> list[Segment]:
    out: list[Segment] = [Segment()]
    for block in blocks:
        if out[-1].rows:
            out.append(Segment(block=block.name))
        out[-1].block = out[-1].block or block.name
        out[-1].repair = block.repair
        for row in block.rows:
            if not row.cells:
                continue
            current = out[-1]
            kind = title_kind(row.cells[0].text) if len(row.cells) <= 2 else None
            if kind:
                if current.rows or current.title:
                    current = Segment(block=block.name, repair=block.repair)
                    out.append(current)
                current.title, current.kind = row.cells[0].text, kind
                current.year = year_of(row.cells[0].text) or current.year
                current.where = row.where
                continue
            if _is_year_line(row) and (current.year is None or not current.rows):
                current.year = year_of(row.cells[0].text)
                continue
            if _starts_form(row) and any(_starts_form(r) for r in current.rows):
                current = Segment(
                    block=block.name, year=current.year if not current.title else None, repair=block.repair
                )
                out.append(current)
            if not current.where:
                current.where = row.where
            current.rows.append(row)
    return [s for s in out if s.rows or s.title]
