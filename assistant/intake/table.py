"""The indicator table: its heading row, then rows of 一级/二级 labels and
values, in one column set or several side by side (中期 | 年度).

Cells are placed by the heading's columns when they line up with it, and by
their order when an export has shifted them (text copied out of a PDF drops
the empty cells of merged columns): the labels (一级/二级) are recognised by
their words, and a 二级 label in the middle of a row starts the next set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.intake import levels
from assistant.intake.grid import Cell, Row
from assistant.intake.labels import column_key, normalise_label
from assistant.intake.numbering import repair, split_number

BLOCK_LABELS = ("绩效指标", "年度绩效指标", "中期绩效指标", "绩效目标指标", "绩效目标", "年度绩效目标", "指标")
LEVEL_KEYS = ("level1", "level2")
LAYOUT_KEYS = ("seq",)


@dataclass
class ColumnSet:
    columns: list[tuple[str, int, int, str]] = field(default_factory=list)  # key, col, last, printed

    @property
    def values(self) -> list[tuple[str, int, int, str]]:
        return [c for c in self.columns if c[0] not in LEVEL_KEYS and c[0] not in LAYOUT_KEYS]

    @property
    def first(self) -> int:
        return self.columns[0][1]

    @property
    def last(self) -> int:
        return self.columns[-1][2]

    def keys(self) -> set[str]:
        return {c[0] for c in self.columns}


@dataclass
class Entry:
    cells: dict[str, str]
    label2: str | None  # 二级 printed on this row
    label1: str | None
    number: int | None
    where: str


def is_block_label(text: str) -> bool:
    key = normalise_label(text)
    key = key.split("（")[0].split("(")[0]
    return key in BLOCK_LABELS


def heading(row: Row) -> list[ColumnSet] | None:
    """The column sets of an indicator heading row, or None if the row is
    not one (it needs 三级指标 and a value or 二级 column)."""
    found: list[tuple[str, int, int, str]] = []
    for cell in row.cells:
        key = column_key(cell.text)
        if key is None and is_block_label(cell.text) and not found:
            continue
        if key is None and is_block_label(cell.text) and "name" not in {k for k, *_ in found}:
            key = "name"  # 一级指标 | 二级指标 | 绩效指标 | 指标值: the indicator names
        found.append((key or f"extra:{cell.text}", cell.col, cell.last, cell.text))
    keys = [k for k, *_ in found]
    if not (
        "name" in keys and {"value", "level2", "actual"} & set(keys) or {"level2", "value"} <= set(keys)
    ):  # some forms print no 三级 column
        return None
    if sum(1 for k in keys if k.startswith("extra:")) > len(keys) // 2:
        return None
    sets: list[ColumnSet] = [ColumnSet()]
    for column in found:
        current = sets[-1]
        if column[0] in current.keys() and not column[0].startswith("extra:"):
            sets.append(ColumnSet())
            current = sets[-1]
        current.columns.append(column)
    return sets


def group_heading(row: Row) -> tuple[list[tuple[str, int, int, str]], list[tuple[str, int, int]]] | None:
    """The upper row of a two-row heading: `一级指标 | 中期指标（…） | 年度指标`,
    the period captions spanning the columns of their set. (level columns,
    [(period, first col, last col)]) or None."""
    levels_found: list[tuple[str, int, int, str]] = []
    periods: list[tuple[str, int, int]] = []
    for cell in row.cells:
        key = normalise_label(cell.text)
        if is_block_label(cell.text) and not levels_found and not periods:
            continue
        column = column_key(cell.text)
        if column in LEVEL_KEYS and not periods:
            levels_found.append((column, cell.col, cell.last, cell.text))
        elif key.startswith(("中期", "年度", "本年")) and "指标" in key and len(key) <= 24:
            periods.append(("mid_term" if key.startswith("中期") else "annual", cell.col, cell.last))
        else:
            return None
    return (levels_found, periods) if periods else None


class TableReader:
    """Reads the data rows under one heading."""

    def __init__(self, sets: list[ColumnSet], problems: list, group=None, strict: bool = True):
        self.strict = strict
        self._label_column: dict[int, str] = {}  # id(cell) -> level column it was placed under
        self.periods: list[str] | None = None
        if group is not None:
            upper, spans = group
            if upper and not any(c[0] in LEVEL_KEYS for c in sets[0].columns[:1] if c[0] == upper[0][0]):
                sets[0].columns[:0] = [c for c in upper if c[0] not in sets[0].keys()]
            self.periods = [
                next((period for period, first, last in spans if first <= s.columns[-1][1] <= last), "annual")
                for s in sets
            ]
        self.sets = sets
        self.entries: list[list[Entry]] = [[] for _ in sets]
        self.problems = problems

    def add(self, row: Row) -> None:
        cells = [c for c in row.cells if not (c is row.cells[0] and is_block_label(c.text))]
        if not cells:
            return
        self._label_column.clear()
        placed = self._by_position(cells) or self._by_content(cells)
        if placed is None:
            self.problems.append(
                (
                    row.where,
                    "这一行的格子对不上指标表的列（" + "｜".join(c.text for c in cells) + "），没有读入，请核对。",
                )
            )
            return
        for index, (labels, values) in enumerate(placed):
            if index >= len(self.sets):
                lost = "｜".join(cell.text for _, cell in values)
                if lost:
                    self.problems.append(
                        (row.where, f"指标表右边多出的一组列（{lost}）不属于中期或年度指标，没有读入。")
                    )
                continue
            self._entry(index, labels, values, row.where)

    # -- placement ---------------------------------------------------------

    def _by_position(self, cells: list[Cell]):
        """Each cell under the heading column that covers it, if every cell
        lands under a distinct column and labels sit under 一级/二级."""
        placed: list[tuple[list[Cell], list[tuple[str, Cell]]]] = [([], []) for _ in self.sets]
        taken: set[tuple[int, str]] = set()
        under: dict[tuple[int, str], Cell] = {}
        for cell in cells:
            hit = None
            for index, column_set in enumerate(self.sets):
                for key, col, last, _ in column_set.columns:
                    if col <= cell.col <= last:
                        hit = (index, key)
                        break
                if hit:
                    break
            if hit is None or hit in taken:
                return None
            taken.add(hit)
            index, key = hit
            if (
                key == "name"
                and "level2" not in self.sets[index].keys()
                and any(level.kind == "level2" for level in levels.classify(cell.text))
            ):
                key = "level2"  # 指标类型 | 指标名称 | 指标值: the names are the 二级 labels here
            under[(index, key)] = cell
            if key in LAYOUT_KEYS:
                continue
            if key in LEVEL_KEYS:
                # In a workbook or document the columns are exact: whatever stands under
                # 一级/二级 is the printed label (an OCR typo such as 顼目产出 included).
                # In text copied out of a PDF, cells shift: only a known label counts.
                if not levels.classify(cell.text) and (self.strict or not _label_like(cell.text)):
                    return None
                placed[index][0].append(cell)
                self._label_column[id(cell)] = key
            else:
                placed[index][1].append((key, cell))
        for (index, key), cell in under.items():
            if key == "name" and levels.classify(cell.text, fuzzy=False):
                # a label under 三级指标: the row is shifted right, unless a
                # proper 二级 label stands under 二级指标
                level2 = under.get((index, "level2"))
                found = levels.classify(level2.text) if level2 else []
                if not found or found[-1].kind != "level2":
                    return None
        return [(labels, values) for labels, values in placed]

    def _by_content(self, cells: list[Cell]):
        """Leading cells that are labels belong to the first set; a 二级 label
        further right starts the next set; the rest fill each set's value
        columns in order."""
        groups: list[tuple[list[Cell], list[Cell]]] = [([], [])]
        for cell in cells:
            is_label = bool(levels.classify(cell.text, fuzzy=not groups[-1][1]))
            labels, values = groups[-1]
            if is_label and not values and len(labels) < 2:
                labels.append(cell)
            elif is_label and values and len(groups) < 3 and len(self.sets) > 1:
                groups.append(([cell], []))
            else:
                values.append(cell)
        if len(groups) == 1 and len(self.sets) > 1:
            groups = self._split_even(groups[0])
            if groups is None:
                return None
        out = []
        for index, (labels, values) in enumerate(groups):
            columns = self.sets[index].values if index < len(self.sets) else []
            if index < len(self.sets) and len(values) > len(columns):
                return None
            keyed = [(columns[i][0] if i < len(columns) else "extra", cell) for i, cell in enumerate(values)]
            out.append((labels, keyed))
        return out

    def _split_even(self, group):
        labels, values = group
        sizes = [len(s.values) for s in self.sets]
        # 中期 and 年度 usually repeat the indicator name: the second copy starts the next set
        again = next((k for k in range(1, min(len(values), sizes[0] + 1)) if values[k].text == values[0].text), None)
        if again is not None and len(values) - again <= sizes[1]:
            return [(labels, values[:again]), ([], values[again:])]
        if len(values) <= sizes[0]:
            return [(labels, values)]
        for count in range(len(sizes), 1, -1):
            if len(values) == sum(sizes[:count]):
                out, start = [], 0
                for i, size in enumerate(sizes[:count]):
                    out.append((labels if i == 0 else [], values[start : start + size]))
                    start += size
                return out
        return None

    # -- entries -----------------------------------------------------------

    def _entry(self, index: int, labels: list[Cell], values: list[tuple[str, Cell]], where: str) -> None:
        label1 = label2 = None
        for cell in labels:
            column = self._label_column.get(id(cell))
            if column == "level1" and not levels.classify(cell.text):
                label1 = cell.text  # an unknown label under 一级指标, kept as printed
                continue
            if column == "level2" and not levels.classify(cell.text):
                label2 = cell.text
                continue
            for level in levels.classify(cell.text):
                if level.kind == "level2" and label2 is None and (len(labels) == 1 or cell is labels[-1]):
                    label2 = cell.text
                elif label1 is None:
                    label1 = cell.text
                else:
                    label2 = cell.text
        texts = {key: cell.text for key, cell in values}
        if not texts:
            if label2 or label1:
                self.entries[index].append(Entry({}, label2, label1, None, where))
            return
        number, name = split_number(texts.get("name", ""), self._expected(index))
        if "name" in texts:
            texts["name"] = name
        self.entries[index].append(Entry(texts, label2, label1, number, where))

    def _expected(self, index: int) -> int | None:
        for entry in reversed(self.entries[index]):
            if entry.cells:
                return entry.number + 1 if entry.number is not None else None
        return 1


def _label_like(text: str) -> bool:
    key = normalise_label(text)
    return 2 <= len(key) <= 30 and not re.fullmatch(r"[\d.%％≥≤<>=＝~～—\-]+.*", key)


def resolve_labels(entries: list[Entry]) -> list[tuple[str | None, str | None, Entry]]:
    """(二级 label, 一级 label, entry) per data entry.

    An export sometimes prints a 二级 label one or more rows off. When the
    label sits on a row whose number continues the running numbering
    (`11、` after `10、`), the category really starts where the numbering
    restarts (the numbering going on after the label shows it is mid-run):
    back at its `1` if that is after the previous label, else at
    the next row numbered `1` or unnumbered, before the next label.
    """
    marks = [i for i, e in enumerate(entries) if e.label2]
    moved: dict[int, int] = {}
    previous = -1
    for n, i in enumerate(marks):
        entry = entries[i]
        target = i
        following = next((e for e in entries[i + 1 :] if e.cells), None)
        if (
            entry.number is not None
            and entry.number > 1
            and i > 0
            and entries[i - 1].number == entry.number - 1
            and following is not None
            and following.number == entry.number + 1
        ):
            start = i - 1
            while start > 0:
                before, number = entries[start - 1].number, entries[start].number
                if before is None or number is None or before != number - 1:
                    break
                start -= 1
            upper = marks[n + 1] if n + 1 < len(marks) else len(entries)
            if entries[start].number == 1 and start > previous:
                target = start
            else:
                for k in range(i + 1, upper):
                    if entries[k].cells and (
                        entries[k].number == 1 or (entries[k].number is None and entries[k - 1].number is not None)
                    ):
                        target = k
                        break
        moved[target] = i
        previous = target
    out = []
    current2 = current1 = None
    for i, entry in enumerate(entries):
        if i in moved:
            source = entries[moved[i]]
            current2 = source.label2
            if source.label1:
                current1 = source.label1
        elif entry.label1 and not entry.label2:
            current1, current2 = entry.label1, None
        if entry.cells:
            out.append((current2, current1, entry))
    return out


def clean_value(text: str) -> str:
    return repair(text)
