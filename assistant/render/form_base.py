"""What every form builder shares: the Form with its title and year from the
template, and the widening of indicator columns so the blocks above fit."""

from __future__ import annotations

from typing import Any

from assistant import record_path
from assistant.forms import KINDS

from .grid import Form, Table, as_list
from .indicator_table import Column


def make_form(record: dict, template: dict, tables: tuple[Table, ...], lines: tuple[tuple[str, str], ...] = ()) -> Form:
    year = record.get("year")
    kind = record["form"]
    return Form(
        kind,
        template.get("title") or KINDS[kind].label,
        subtitle(year),
        year_of(year),
        tables,
        lines,
        template.get("font") or "宋体",
        template.get("id"),
    )


def listed(record: dict, path: str | None) -> list:
    """The list at `path` (a form's indicator set, goals, tasks); [] where there is none."""
    return as_list(record_path.get(record, path)) if path else []


def subtitle(year: Any) -> str:
    return f"（{year}年度）" if year is not None else ""


def year_of(year: Any) -> int | None:
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def widened(columns: list[Column], grid_columns: int) -> list[Column]:
    """Give the 三级指标 (or the widest) column more grid columns until the
    grid has `grid_columns` right of the block label, so that the blocks
    above the indicator table fit."""
    count = sum(len(column.widths) for column in columns)
    if count >= grid_columns or not columns:
        return columns
    index = next(
        (i for i, c in enumerate(columns) if c.key == "name"),
        max(range(len(columns)), key=lambda i: sum(columns[i].widths)),
    )
    column = columns[index]
    parts = len(column.widths) + grid_columns - count
    total = sum(column.widths)
    widths = tuple(max(1, round(total / parts)) for _ in range(parts))
    result = list(columns)
    result[index] = Column(column.key, column.heading, widths, column.make, column.merge)
    return result
