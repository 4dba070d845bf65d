"""The money blocks of a form: funds (declaration: 中期 | 年度 pairs of label
and amount; self-evaluation: 年初预算数/全年预算数/全年执行数 under their
headings), 资金支出计划 and the department form's 年度主要任务. Mixed into
`build.FormReader`, whose state they fill."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from assistant.forms import SELF_EVALUATIONS
from assistant.intake import fields as F
from assistant.intake.grid import Cell, Row, squash

_FUNDS_LEAD = re.compile(r"^(项目资金|资金情况|预算规模|资金来源|项目总投资|预算情况)")


class MoneyBlocks:
    # The reader state these blocks read and fill; `build.FormReader.__init__`
    # sets it (`execution` only once a self-evaluation 合计 row is read).
    kind: str
    mode: str | None
    problems: list[tuple[str, str]]
    money: F.Money
    extra: dict[str, str]
    funds: dict[str, dict[str, Any] | None]  # None: a self-evaluation row printed but left blank
    fund_order: list[str]
    fund_labels: list[str]
    purpose_next: bool
    self_heads: list[tuple[str, int, int]]
    execution: dict[str, Any]
    plan: list[dict[str, Any]] | None
    months: list[tuple[int, Cell]]
    tasks: list[dict[str, Any]]
    task_heads: list[tuple[str, int, int]]
    total: dict[str, Any] | None

    def _unplaced(self, row: Row, cells: list[Cell] | None = None) -> None:
        raise NotImplementedError  # FormReader's

    def _slot(self, key: str) -> dict[str, Any]:
        """The funds entry for `key`, started empty if absent or left blank before."""
        slot = self.funds.get(key)
        if slot is None:
            slot = self.funds[key] = {}
        return slot

    # -- funds ---------------------------------------------------------------

    def _funds_row(self, row: Row) -> bool:
        lead = _FUNDS_LEAD.match(squash(row.cells[0].text))
        cells = [c for c in row.cells if not _FUNDS_LEAD.match(squash(c.text))]
        if lead and "用途" in row.cells[0].text:
            self.purpose_next = True
        elif not lead and len(cells) != 1:
            self.purpose_next = False
        if self.kind in SELF_EVALUATIONS:
            return self._self_eval_funds(row, cells)
        found = False
        index = 0
        i = 0
        while i < len(cells):
            key = F.fund_key(cells[i].text)
            if key is None:
                if not found and len(cells) == 1 and self.purpose_next:
                    self.extra["资金用途"] = cells[0].text  # the second line of 预算规模及资金用途
                    self.purpose_next = False
                    return True
                i += 1
                continue
            self.fund_labels.append(squash(cells[i].text).rstrip(":："))
            period = F.fund_period(cells[i].text)
            if period is None:
                period = self.fund_order[index] if index < len(self.fund_order) else "annual"
            if key == "total" and period not in self.fund_order:
                self.fund_order.append(period)
            value = cells[i + 1] if i + 1 < len(cells) and F.fund_key(cells[i + 1].text) is None else None
            amount = self.money.read(value)
            slot = self._slot(period)
            if key == "source":
                slot.setdefault("sources", {})[F.source_name(cells[i].text)] = amount
            elif value is None:
                slot[key] = 0 if key == "other" else None  # printed blank: 0 other funds (fixtures' reading)
            else:
                slot[key] = amount
            found = True
            index += 1
            i += 2 if value is not None else 1
        if found:
            self.mode = "funds"
        return found

    def _self_eval_funds(self, row: Row, cells: list[Cell]) -> bool:
        heads = [(head, c.col, c.last) for c in cells if (head := F.self_eval_head(c.text))]
        if len(heads) >= 3:
            self.self_heads = heads
            self.mode = "funds"
            return True
        if not cells or not self.self_heads:
            return False
        key = F.fund_key(cells[0].text)
        if key is None:
            return False
        values = cells[1:]
        placed = F.by_column(values, self.self_heads)
        if placed is None:
            numeric = [c for c in values if squash(c.text) not in ("—", "-")]
            placed = {h[0]: c for h, c in zip(self.self_heads, numeric)}
        amounts = {name: self.money.read(placed.get(name)) for name in ("initial", "adjusted", "executed")}
        if key != "total" and all(v is None for v in amounts.values()):
            self.funds[key] = None  # a row printed but left blank: not stated
            return True
        slot = self._slot(key)
        for name, amount in amounts.items():
            # a blank cell beside filled ones is 0 (the seed fixtures' reading)
            slot[name] = amount if amount is not None else (0 if key != "total" else None)
        if key == "total":
            self.execution = {
                "weight": F.number_of(placed.get("weight")),
                "score": F.number_of(placed.get("score")),
                "deviation": "",
                "rate": F.percent_of(placed["rate"]) if placed.get("rate") else None,
            }
        return True

    # -- spending plan ---------------------------------------------------------

    def _plan_heads(self, row: Row) -> None:
        self.mode = "plan"
        self.months = [(m, c) for c in row.cells if (m := F.month_of(c.text))]
        self.plan = []

    def _plan_values(self, row: Row) -> None:
        cells = row.cells
        placed = F.by_column(cells, [(str(m), c.col, c.last) for m, c in self.months])
        if placed is None and len(cells) == len(self.months):
            placed = {str(m): cell for (m, _), cell in zip(self.months, cells)}
        if placed is None:
            self._unplaced(row)
            return
        # mode "plan" (the only way here) is set by _plan_heads, which starts the plan
        assert self.plan is not None
        for month, _ in self.months:
            cell = placed.get(str(month))
            value = F.percent_of(cell) if cell else None
            if cell is not None and value is None:
                self.problems.append((cell.where, f"资金支出计划“{cell.text}”不是百分比，没有读入。"))
            if value is not None:
                self.plan.append({"month": month, "percent": value})
        self.mode = None

    # -- department tasks ----------------------------------------------------------

    def _task_row(self, row: Row) -> bool:
        cells = [c for c in row.cells if not squash(c.text).startswith("年度主要任务")]
        heads = [(k, c.col, c.last) for c in cells if (k := _task_head(c.text))]
        unit = next((F.money_unit(c.text) for c in cells if F.money_unit(c.text)), None)
        if unit:
            self.money.unit = unit  # 预算金额（元）
        if heads or unit:
            self.mode = "tasks"
            self.task_heads = [h for h in self.task_heads if h[0] not in {k for k, *_ in heads}] + heads
            return True
        if not cells:
            return True
        name_cell, amounts = cells[0], cells[1:]
        if F.money_unit(name_cell.text) is None and F.number_of(name_cell) is not None:
            return False
        money_heads = [h for h in self.task_heads if h[0] in ("total", "fiscal", "other")]
        placed = F.by_column(amounts, money_heads) if money_heads else None
        if placed is None:
            placed = dict(zip(("total", "fiscal", "other"), amounts))
        values: dict[str, Decimal | int | None] = {
            k: self.money.read(placed.get(k)) for k in ("total", "fiscal", "other")
        }
        for key in ("fiscal", "other"):
            if values[key] is None and values["total"] is not None:
                values[key] = 0
        if squash(name_cell.text).startswith(("金额合计", "合计")):
            self.total = values
            self.mode = None
        else:
            from assistant.intake.numbering import split_number

            expected = len(self.tasks) + 1
            _, name = split_number(name_cell.text, expected)
            self.tasks.append({"name": name, **values})
        return True


def _task_head(text: str) -> str | None:
    key = squash(text)
    if key.startswith("任务名称"):
        return "name"
    if key in ("总额", "合计", "金额"):
        return "total"
    if key in ("财政拨款", "财政资金"):
        return "fiscal"
    if key in ("其他资金", "其它资金"):
        return "other"
    return None
