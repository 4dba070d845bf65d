"""Blocks shared by the form builders, each driven by the form's template:
the header fields, the funds, the spending plan and the goals (the
indicator table is in `indicator_table`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import zip_longest
from typing import Any

from assistant import record_path

from .grid import (
    BODY,
    LONG,
    Cell,
    TableBuilder,
    as_list,
    blank,
    exact,
    goal_lines,
    head,
    label,
    money,
    percent,
    text,
)

# Header fields printed on a row of their own (their values are long).
_WIDE_FIELDS = {"project.name", "project.unit", "project.department", "department"}
GRADE_BOXES = "优□ 良□ 中□ 差□"


def header_block(b: TableBuilder, record: dict, fields: Sequence[tuple[str, str]], label_span: int = 1) -> None:
    """The template's header fields: a long field (名称, 单位) on a row of
    its own unless it pairs with a long neighbour; short ones two a row."""
    fields = [(field[0], field[1]) for field in fields]
    n = b.ncols - label_span
    pairs_fit = n >= 3
    i = 0
    while i < len(fields):
        path, shown = fields[i]
        nxt = fields[i + 1] if i + 1 < len(fields) else None
        wide = path in _WIDE_FIELDS
        pair = (
            pairs_fit
            and nxt is not None
            and (
                (wide and nxt[0] in _WIDE_FIELDS and path != "project.name")
                or (not wide and (nxt[0] not in _WIDE_FIELDS or nxt[0] == "project.name"))
            )
        )
        value = _field_text(record, path)
        if pair and nxt is not None:
            left, right = _pair_spans(b.widths[label_span:])
            b.row(
                label(shown, colspan=label_span),
                text(value, colspan=left),
                label(nxt[1]),
                text(_field_text(record, nxt[0]), LONG if nxt[0] in _WIDE_FIELDS else BODY, colspan=right),
            )
            i += 2
        else:
            b.row(label(shown, colspan=label_span), text(value, LONG if wide else BODY, colspan=n))
            i += 1


def _pair_spans(widths: Sequence[int]) -> tuple[int, int]:
    """Column counts of the two values of a header pair (the second label
    takes one column between them): values about equally wide, the label
    column narrow."""

    def cost(k: int) -> float:
        return abs(sum(widths[:k]) - sum(widths[k + 1 :])) + widths[k]

    k = min(range(1, len(widths) - 1), key=cost)
    return k, len(widths) - k - 1


def _field_text(record: dict, path: str) -> Any:
    return record_path.get(record, record_path.labelled(path))


def shown_header_fields(template: dict, skip: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Header fields printed in the table: the year is the subtitle."""
    return [(path, shown) for path, shown in template.get("header_fields") or [] if path != "year" and path not in skip]


def money_unit(template: dict) -> str:
    return template.get("money_unit") or "万元"


def amount(value: Any, unit: str, colspan: int = 1) -> Cell:
    """Money as the form prints it: records hold 万元; a 元 form shows ×10000."""
    number_ = exact(value)
    if unit == "元" and number_ is not None:
        return money(number_ * 10000, colspan)
    return money(value, colspan)


def funds_block(
    b: TableBuilder,
    record: dict,
    rows: Sequence[tuple[str, str]],
    unit: str,
    with_mid: bool,
    mid_set: bool,
    mid_funds: str,
) -> None:
    """The funds rows of the template. With 中期 shown, 中期 rows (those under
    `mid_funds`, `funds.mid_term.`) fill the left half and 年度 rows the right
    half, in equal widths. A template with a 中期 set (`mid_set`) drops its 中期
    rows when the record has none; one without prints every row in one column
    (项目总预算, 本年度申请资金)."""
    mid = [row for row in rows if row[0].startswith(mid_funds)]
    annual = [row for row in rows if not row[0].startswith(mid_funds)]
    if not with_mid:
        mid, annual = [], (annual if mid_set else list(rows))
    columns = [part for part in (mid, annual) if part]
    if not columns:
        return
    halves = b.spans(1, len(columns))
    height = max(len(part) for part in columns)
    lead: list[Cell] = [label(f"项目资金（{unit}）", rowspan=height)]
    for line in zip_longest(*columns):
        cells: list[Cell] = []
        start = 1
        for entry, half in zip(line, halves):
            name_span, value_span = b.spans(start, 2, start + half - 1)
            start += half
            if entry is None:
                cells += [blank(name_span), blank(value_span)]
            else:
                cells += [
                    text(entry[1], colspan=name_span),
                    amount(record_path.get(record, record_path.labelled(entry[0])), unit, colspan=value_span),
                ]
        b.row(*lead, *cells)
        lead = []


def spending_plan(b: TableBuilder, plan: Any) -> None:
    """资金支出计划（%）: month headings over cumulative percentages, wrapped
    into as many row pairs as the table width needs."""
    entries = [entry for entry in as_list(plan) if isinstance(entry, dict)]
    if not entries:
        return
    n = b.ncols - 1
    chunks = [entries[i : i + n] for i in range(0, len(entries), n)]
    lead: list[Cell] = [label("资金支出计划（%）", rowspan=2 * len(chunks))]
    for chunk in chunks:
        spans = b.spans(1, len(chunk))
        b.row(*lead, *(head(_month(entry.get("month")), colspan=span) for entry, span in zip(chunk, spans)))
        lead = []
        b.row(*(percent(exact(entry.get("percent")), colspan=span) for entry, span in zip(chunk, spans)))


def _month(month: Any) -> str:
    return f"{month}月底" if month is not None else ""


def goals_block(
    b: TableBuilder, annual_goals: list, mid_goals: list, with_mid: bool, year: Any, caption: str = "年度总体目标"
) -> None:
    """One row per goal, so that a long list spreads over rows (and pages)."""
    n = b.ncols - 1
    annual = row_pieces(goal_lines(annual_goals)) or [""]
    if not with_mid:
        lead: list[Cell] = [label(caption, rowspan=len(annual))]
        for line in annual:
            b.row(*lead, text(line, LONG, colspan=n))
            lead = []
        return
    mid = row_pieces(goal_lines(mid_goals)) or [""]
    left, right = b.spans(1, 2)
    lines = list(zip_longest(mid, annual, fillvalue=""))
    b.row(
        label("总体目标", rowspan=1 + len(lines)),
        head(f"中期目标{mid_term_span(year)}", colspan=left),
        head("年度目标", colspan=right),
    )
    for mid_line, annual_line in lines:
        b.row(text(mid_line, LONG, colspan=left), text(annual_line, LONG, colspan=right))


# A goal longer than this goes on several rows (cut after a sentence), so
# that no row needs more than Excel's 409 pt even in a half-width cell.
ROW_CHARS = 600
_SENTENCE_END = "。；;！？!?"


def row_pieces(lines: list[str], limit: int = ROW_CHARS) -> list[str]:
    """The lines, each very long one cut into pieces of at most `limit`
    characters, after a sentence end where there is one."""
    pieces: list[str] = []
    for line in lines:
        while len(line) > limit:
            cut = max(line.rfind(mark, 0, limit) for mark in _SENTENCE_END) + 1 or limit
            pieces.append(line[:cut])
            line = line[cut:]
        pieces.append(line)
    return pieces


def grade_line(b: TableBuilder) -> None:
    b.row(label("综合评定等级"), text(GRADE_BOXES, colspan=b.ncols - 1))


def mid_term_span(year: Any) -> str:
    """中期 is the three-year rolling plan starting with the budget year."""
    return f"（{year}年—{year + 2}年）" if isinstance(year, int) else ""


def total_of(values: Sequence[Any]) -> Decimal | None:
    numbers = [n for n in (exact(v) for v in values) if n is not None]
    return exact(sum(numbers)) if numbers else None
