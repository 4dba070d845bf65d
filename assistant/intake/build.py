"""One segment of rows → one record, in the schema of its form.

The reader walks the rows once. A row's first label says what it is
(header fields, funds, plan, goals, the indicator heading); rows under the
indicator heading are indicator rows until a closing row (总分, 评定等级).
Whatever fits nowhere is reported at its place, in Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assistant.forms import SELF_EVALUATIONS, kind_of
from assistant.intake import fields as F
from assistant.intake.grid import Cell, Row, squash
from assistant.intake.labels import header_field
from assistant.intake.money_blocks import _FUNDS_LEAD, MoneyBlocks
from assistant.intake.segment import Segment
from assistant.intake.table import TableReader, group_heading, heading, is_block_label

_CLOSING = re.compile(r"^(总分|合计得分|综合评定等级|自评等级|评定等级|评价等级|自评结论|总得分)")
_GRADE_MARK = re.compile(r"([优良中差])\s*[☑√■✔✓☒]|[☑√■✔✓☒]\s*([优良中差])")
_SUMMARY = re.compile(r"^(分项)?得分汇总|^分项得分")
_PERIOD_CAPTION = re.compile(r"^(中期|年度)(绩效)?指标")
_LAYOUT = re.compile(
    r"^(附件|附表)\s*[\d一二三四五六七八九十\-－.]*\s*[:：]?$|^第\s*\d+\s*页(共\s*\d+\s*页)?$|^-\s*\d+\s*-$"
)


@dataclass
class Parsed:
    record: dict[str, Any]
    problems: list[tuple[str, str]] = field(default_factory=list)
    where: str = ""


class FormReader(MoneyBlocks):
    def __init__(self, segment: Segment):
        self.segment = segment
        self.kind = segment.kind or self._guess_kind()
        kind = kind_of(self.kind)
        # a declaration's 年度主要任务 (总额 | 财政拨款 | 其他资金); a self-evaluation's are not read
        self.declared_tasks = kind is not None and kind.tasks is not None and not kind.self_evaluation
        self.problems: list[tuple[str, str]] = []
        self.money = F.Money(self.problems)
        self.project: dict[str, Any] = {}
        self.extra: dict[str, str] = {}
        self.funds: dict[str, dict[str, Any] | None] = {}
        self.fund_order: list[str] = []
        self.self_heads: list[tuple[str, int, int]] = []
        self.plan: list[dict[str, Any]] | None = None
        self.months: list[tuple[int, Cell]] = []
        self.goals: dict[str, list] = {"mid_term": [], "annual": []}
        self.goal_heads: list[tuple[str, int]] = []
        self.tables: list[tuple[str | None, TableReader]] = []
        self.tasks: list[dict[str, Any]] = []
        self.task_heads: list[tuple[str, int, int]] = []
        self.total: dict[str, Any] | None = None
        self.lone: list[Cell] = []
        self.total_score: Decimal | None = None
        self.grade: str | None = None
        self.mode: str | None = None
        self.caption_period: str | None = None
        self.header_labels: list[str] = []
        self.unit_line = False
        self.grade_line = False
        self.fund_labels: list[str] = []
        self.purpose_next = False
        self.group: tuple[list[tuple[str, int, int, str]], list[tuple[str, int, int]]] | None = None
        self.header_below: list[tuple[str, int, int]] | None = None

    def _guess_kind(self) -> str:
        words = "".join(squash(c.text) for r in self.segment.rows for c in r.cells[:4])
        if "年初预算" in words or "实际完成值" in words or "全年执行数" in words:
            return "self-evaluation"
        if "年度主要任务" in words or "部门（单位）名称" in words or "部门(单位)名称" in words:
            return "department-declaration"
        return "project-declaration"

    # -- walking -----------------------------------------------------------

    def read(self) -> Parsed:
        for row in self.segment.rows:
            self._row(row)
        record = self._record()
        return Parsed(record, self.problems, self.segment.where)

    def _row(self, row: Row) -> None:
        first = row.cells[0]
        key = squash(first.text)
        if len(row.cells) == 1 and _LAYOUT.match(key):
            return  # 附件12-2:, page numbers: layout, not content
        if _SUMMARY.match(key):
            self.mode = "summary"
            return
        if self.mode == "summary":
            return  # 分项得分汇总: sums of the indicator rows, derived, nothing to keep
        units = [c for c in row.cells if F.unit_line(c.text)]
        unit = F.unit_line(units[0].text) if units else None
        if unit is not None and self.mode != "indicators":
            self.money.unit = unit
            self.unit_line = True
            self.lone += [c for c in row.cells if c not in units]
            return
        if _FUNDS_LEAD.match(key) and (unit := F.money_unit(first.text)):
            self.money.unit = unit
        if self.mode == "indicators" and not _CLOSING.match(key):
            if self._caption(row) or self._new_heading(row):
                return
            if not any(header_field(c.text) for c in row.cells[:1]) and not F.GOAL_LABELS.match(key):
                self.tables[-1][1].add(row)
                return
        if _CLOSING.match(key):
            self.mode = "closing"
            self._closing(row)
            return
        if self._caption(row) or self._new_heading(row):
            return
        if header_field(first.text):
            self._header(row)
            return
        if self.header_below:
            below, self.header_below = self.header_below, None
            placed = F.by_column(row.cells, below)
            if placed is not None:
                self._header(
                    Row(
                        [
                            c
                            for name, col, last in below
                            if name in placed
                            for c in (_label_cell(name, col), placed[name])
                        ],
                        row.where,
                    )
                )
                return
        if F.PLAN_LABEL.search(key):
            self._plan_heads(row)
            return
        if F.GOAL_LABELS.match(F.squash(first.text).rstrip(":：")) or (
            self.mode == "goals" and is_block_label(first.text)
        ):
            self._goal_heads(row)
            return
        if self.mode == "plan" and self.months:
            self._plan_values(row)
            return
        if self.declared_tasks and (key.startswith("年度主要任务") or self.mode == "tasks"):
            if self._task_row(row):
                return
        if (
            _FUNDS_LEAD.match(key)
            or F.fund_key(first.text)
            or self.mode == "funds"
            or any(F.self_eval_head(c.text) == "initial" for c in row.cells)
        ):
            if self._funds_row(row):
                return
        if self.mode == "goals":
            self._goal_values(row)
            return
        if len(row.cells) == 1 and not self.project and not self.tables:
            self.lone.append(first)
            return
        if self._extra_field(row):
            return
        self._unplaced(row)

    def _extra_field(self, row: Row) -> bool:
        """`项目负责人 | 张三` above the indicator table: a header field with no
        fixed meaning, kept under its printed label (project.extra)."""
        first = row.cells[0]
        label = squash(first.text).rstrip(":：")
        if self.tables or len(row.cells) < 2 or not (2 <= len(label) <= 12) or re.search(r"[\d%。，,；;]", label):
            return False
        # `项目来源 | 本级申报项目 | 项目期 | 1年`: a known field further right is read as such
        known = next((i for i, c in enumerate(row.cells[1:], 1) if header_field(c.text)), len(row.cells))
        self.extra[first.text.strip().rstrip(":：")] = "\n".join(c.text for c in row.cells[1:known])
        if known < len(row.cells):
            self._header(Row(row.cells[known:], row.where))
        return True

    def _unplaced(self, row: Row, cells: list[Cell] | None = None) -> None:
        text = "｜".join(c.text for c in (cells or row.cells))
        self.problems.append((row.where, f"没有读入“{text[:80]}”：不是这张表认识的栏目，请核对是否漏填到别处。"))

    # -- header fields -------------------------------------------------------

    def _header(self, row: Row) -> None:
        self.mode = "header"
        current: tuple[str, Cell] | None = None
        values: list[Cell] = []
        pairs: list[tuple[tuple[str, Cell], list[Cell]]] = []
        for cell in row.cells:
            name = header_field(cell.text) if len(squash(cell.text)) <= 12 else None
            if name:
                self.header_labels.append(cell.text)
                if current is not None:
                    pairs.append((current, values))
                current, values = (name, cell), []
            else:
                values.append(cell)
        if current is None:
            # no cell short enough to be a label (a long first cell matched): nothing to put the values under
            self._unplaced(row)
            return
        pairs.append((current, values))
        if len(pairs) > 1 and not any(cells for _, cells in pairs):
            # a row of labels with their values in the row below
            self.header_below = [(name, label.col, label.last) for (name, label), _ in pairs]
            return
        for (name, _label), cells in pairs:
            text = "\n".join(c.text for c in cells).strip() or None
            if name == "year":
                year = re.search(r"20\d\d", text or "")
                if year and self.segment.year is None:
                    self.segment.year = int(year.group())
                continue
            if name == "dept_name":
                self.project["department_name"] = text
            else:
                self.project[name] = text

    # -- goals -----------------------------------------------------------------

    def _goal_heads(self, row: Row) -> None:
        self.mode = "goals"
        first = squash(row.cells[0].text)
        heads, texts = [], []
        for cell in row.cells[1:]:
            key = squash(cell.text)
            if self.kind in SELF_EVALUATIONS and re.match(r"^(预期|年度)?目标$|^预期目标", key):
                heads.append(("expected", cell.col))
            elif self.kind in SELF_EVALUATIONS and key.startswith("实际完成"):
                heads.append(("actual", cell.col))
            elif re.match(r"^中期目标", key) and len(key) < 30:
                heads.append(("mid_term", cell.col))
            elif re.match(r"^年度(绩效)?目标$", key):
                heads.append(("annual", cell.col))
            else:
                texts.append(cell)
        if heads:
            self.goal_heads = heads
        elif not self.goal_heads:
            self.goal_heads = [("mid_term" if first.startswith("中期") else "annual", row.cells[0].col)]
        if texts:
            self._goal_values(Row(texts, row.where))

    def _goal_values(self, row: Row) -> None:
        heads = self.goal_heads or [("annual", 0)]
        if self.kind in SELF_EVALUATIONS:
            goal = {"expected": "", "actual": ""}
            for cell in row.cells:
                goal[F.nearest_head(cell, heads) if heads[0][0] in ("expected", "actual") else "expected"] = cell.text
            self.goals.setdefault("list", []).append(goal)
            return
        from assistant.intake.numbering import split_goals

        for cell in row.cells:
            self.goals[F.nearest_head(cell, heads)] += split_goals(cell.text)

    # -- indicator tables --------------------------------------------------------

    def _caption(self, row: Row) -> bool:
        cells = [c for c in row.cells if not (c is row.cells[0] and is_block_label(c.text) and len(row.cells) > 1)]
        if len(cells) != 1:
            return False
        key = squash(cells[0].text)
        match = _PERIOD_CAPTION.match(key)
        if not match or len(key) > 30:
            return False
        self.caption_period = "mid_term" if match.group(1) == "中期" else "annual"
        return True

    def _new_heading(self, row: Row) -> bool:
        group = group_heading(row)
        if group is not None:
            self.group = group  # the lower heading row follows
            return True
        sets = heading(row)
        if sets is None:
            return False
        self.mode = "indicators"
        self.tables.append(
            (self.caption_period, TableReader(sets, self.problems, self.group, strict=self.segment.repair))
        )
        self.caption_period = None
        self.group = None
        return True

    def _closing(self, row: Row) -> None:
        key = squash(row.cells[0].text)
        if key.startswith(("总分", "合计得分", "总得分")):
            cells = [c for c in row.cells[1:] if F.number_of(c) is not None]
            heads = (
                [(k, col, last) for k, col, last, _ in self.tables[-1][1].sets[0].columns if k in ("weight", "score")]
                if self.tables
                else []
            )
            placed = F.by_column(cells, heads) if heads else None
            if placed is not None:  # 总分 under 分值 is the weights' sum, under 得分 the total
                self.total_score = F.number_of(placed.get("score"))
            else:
                self.total_score = F.number_of(cells[-1]) if cells else None
            return
        text = " ".join(c.text for c in row.cells[1:])
        self.grade_line = True
        mark = _GRADE_MARK.search(text)
        if mark:
            self.grade = mark.group(1) or mark.group(2)
        elif squash(text) in ("优", "良", "中", "差"):
            self.grade = squash(text)

    # -- assembling ------------------------------------------------------------------

    def _record(self) -> dict[str, Any]:
        from assistant.intake.assemble import assemble

        return assemble(self)


def _label_cell(field: str, col: int) -> Cell:
    """A label cell standing for a header field (for a value printed below its label)."""
    from assistant.intake.labels import header_labels

    return Cell(header_labels()[field][0], col, col, "")
