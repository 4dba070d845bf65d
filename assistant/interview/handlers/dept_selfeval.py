"""部门整体支出绩效自评表 (department-wide self-evaluation): its skeleton (from a
stored 部门整体支出绩效目标申报表 or from nothing) and its two own kinds.

- `dse_spending`: 按支出性质分 — the 基本支出 triple (年初 全年 执行); 项目支出 is
  what remains of the total, so the split always adds up. Optional: many
  local forms print only the total.
- `dse_tasks`: 年度主要任务 with 预算数 and 执行数. From a declaration the tasks
  and their budgets are carried over and only the 执行数 of each is asked;
  from nothing, one task per answer (`名称，预算 执行`), `完成` to finish.

Funds by source, goals, indicators, the scoring profile and the summary are
the project self-evaluation's kinds: the scoring is the same.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from assistant.forms import KINDS as FORM_KINDS
from assistant.interview.commands import NO_BREAKDOWN_WORDS, word_of
from assistant.interview.handlers.base import Handler, ask
from assistant.interview.handlers.item_list import ListHandler, item_key
from assistant.interview.handlers.selfeval_common import (
    FUND_ROWS,
    carried_indicators,
    default_profile,
    propose_weights,
    skeleton_head,
)
from assistant.interview.handlers.selfeval_funds import (
    AMOUNT_PATTERN,
    COLUMNS,
    parse_amount,
    parse_triple,
    triple_text,
)
from assistant.interview.model import Reply
from assistant.rules import ERROR, check
from assistant.values import ValueParseError, format_wan, to_decimal

FORM = "department-self-evaluation"
DECLARATION = FORM_KINDS[FORM].source_form  # the department declaration it starts from

_AMOUNT = AMOUNT_PATTERN
# `名称，预算 417.29 执行 410` / `名称 417.29 410`: a name, then two amounts.
_TASK = re.compile(
    rf"^(?P<name>.+?)[，,；;：:\s]+(?:预算数?\s*[:：为]?\s*)?(?P<budget>{_AMOUNT})"
    rf"(?:[，,；;/、\s]+(?:执行数?\s*[:：为]?\s*)?|执行数?\s*[:：为]?\s*)(?P<executed>{_AMOUNT})\s*$"
)
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[、.．)）])\s*")


def parse_task(text: str) -> dict[str, Any]:
    """`全面加强党的建设，417.29 410` → {"name", "budget", "executed"}; ValueError
    with a Chinese message otherwise."""
    match = _TASK.match(" ".join(text.split()))
    if not match:
        raise ValueError(
            "请写任务名称，再写预算数和执行数（万元），用逗号或空格隔开，例如：全面加强党的建设，417.29 410。"
        )
    name = _NUMBERING.sub("", match.group("name")).strip(" ，,；;：:、")
    if len(name) < 2:
        raise ValueError("任务名称太短了。请写这项任务的名称，例如：医保基金监管。")
    if len(name) > 200:
        raise ValueError("任务名称太长了（超过 200 字），请写任务的简短名称。")
    try:
        return {
            "name": name,
            "budget": parse_amount(match.group("budget")),
            "executed": parse_amount(match.group("executed")),
        }
    except ValueParseError as exc:
        raise ValueError(str(exc)) from None


# ------------------------------------------------------------------ skeleton
def skeleton(source: dict | None, kb) -> dict[str, Any]:
    source = source if isinstance(source, dict) and source.get("form") == DECLARATION else {}
    record = skeleton_head(FORM, source, kb)
    record["department"] = source.get("department") or ""
    record["profile"] = default_profile(kb, source.get("framework"))
    record["funds"] = {row: {c: None for c in COLUMNS} for row in FUND_ROWS}
    record["funds"].update({"basic": None, "project": None})
    stated: dict[str, Any] = source["total"] if isinstance(source.get("total"), dict) else {}
    for row, key in (("total", "total"), ("fiscal", "fiscal"), ("other", "other")):
        if stated.get(key) is not None:
            record["funds"][row]["initial"] = to_decimal(stated.get(key))
    if stated:
        record["funds"]["carryover"]["initial"] = Decimal(0)
    record["execution"] = {"weight": None, "score": None, "deviation": ""}
    record["tasks"] = [
        {"name": t.get("name", ""), "budget": to_decimal(t.get("total")), "executed": None}
        for t in source.get("tasks") or []
        if isinstance(t, dict)
    ]
    record["goals"] = [
        {"expected": g, "actual": ""} for g in source.get("goals") or [] if isinstance(g, str) and g.strip()
    ]
    record["indicators"] = carried_indicators(source.get("indicators"))
    record["total_score"], record["grade"] = None, None
    propose_weights(record, kb)
    return record


def prefilled(source: dict | None) -> list[str]:
    """What a department declaration already answers."""
    if not isinstance(source, dict) or source.get("form") != DECLARATION:
        return []
    keys = ["year"] if isinstance(source.get("year"), int) else []
    if source.get("department"):
        keys.append("department")
    if source.get("tasks"):
        keys.append("tasks")  # the list is fixed; only each 执行数 is asked
    if source.get("goals"):
        keys.append("goals")
    if source.get("indicators"):
        keys.append("indicators")
    return keys


# ------------------------------------------------------------------ handlers
class SpendingHandler(Handler):
    """按支出性质分: 基本支出; 项目支出 = 总额 − 基本支出."""

    def next_question(self, iv, entry):
        return None if entry.field in iv.state.answered else self._question(iv, entry)

    def question_for(self, iv, entry, key):
        return self._question(iv, entry, revisit=True) if key == entry.field else None

    def _question(self, iv, entry, revisit: bool = False):
        basic = iv.record["funds"].get("basic")
        return ask(
            entry,
            entry.field,
            default=triple_text(basic) if revisit else None,
            note=f"年度资金总额（年初 全年 执行）：{triple_text(iv.record['funds']['total']) or '未填'} 万元。",
        )

    def skip(self, iv, entry, question):
        iv.record["funds"]["basic"] = iv.record["funds"]["project"] = None
        iv.state.answered.add(entry.field)
        iv.remember(entry.field, word_of("skip"))
        return Reply(True, message="好的，不按支出性质分列。")

    def apply(self, iv, entry, question, text):
        if text in NO_BREAKDOWN_WORDS:
            return self.skip(iv, entry, question)
        funds = iv.record["funds"]
        try:
            basic = parse_triple(text, None)
        except ValueParseError as exc:
            return Reply.error(str(exc))
        total = funds["total"]
        over = [
            label
            for column, label in zip(COLUMNS, ("年初预算数", "全年预算数", "全年执行数"))
            if to_decimal(total.get(column)) is not None and basic[column] > to_decimal(total[column])
        ]
        if over:
            return Reply.error(
                f"基本支出的{'、'.join(over)}超过了年度资金总额。请核对（三个数依次是 年初 全年 执行）。"
            )
        funds["basic"] = basic
        funds["project"] = {c: (to_decimal(total.get(c)) or Decimal(0)) - basic[c] for c in COLUMNS}
        iv.state.answered.add(entry.field)
        iv.remember(entry.field, text)
        return Reply(
            True,
            message=(
                f"已记录。基本支出 {triple_text(basic)}，项目支出 "
                f"{triple_text(funds['project'])}（年初 全年 执行，万元）。"
            ),
        )


class TasksHandler(ListHandler):
    """年度主要任务: a list with 预算数 and 执行数 per task."""

    counter = "项"
    noun = "任务"
    fields = ("executed",)
    done_in = "answered"

    def pending(self, iv, entry):
        return self.first_missing(iv, entry, "executed", lambda task: task.get("executed") is None)

    def add_question(self, iv, entry, default=None):
        tasks = self.items(iv, entry)
        if not tasks:
            return ask(entry, entry.field, default=default)
        total = sum((to_decimal(t.get("budget")) or Decimal(0) for t in tasks), Decimal(0))
        listed = "；".join(f"{i}. {t['name'][:20]} {format_wan(t.get('budget'))}" for i, t in enumerate(tasks, 1))
        return ask(
            entry,
            entry.field,
            default=default,
            note=f"已写 {len(tasks)} 项任务，预算数合计 {format_wan(total)} 万元：{listed}",
            prompt="继续写下一项任务（名称，预算数 执行数），或输入“完成”。",
        )

    def edit_question(self, iv, entry, index, key):
        task = self.items(iv, entry)[index]
        return ask(
            entry,
            key,
            prompt=f"修改第 {index + 1} 项任务（名称，预算数 执行数；输入“删除”可删掉）：",
            default=f"{task['name']}，{format_wan(task.get('budget'))} {format_wan(task.get('executed'))}",
        )

    def field_question(self, iv, entry, index, field, key, revisit: bool = True):
        task = self.items(iv, entry)[index]
        return ask(
            entry,
            key,
            format="一个数（万元）",
            example=format_wan(task.get("budget")) or "410",
            default=format_wan(task["executed"]) if revisit and task.get("executed") is not None else None,
            prompt=f"任务{index + 1}“{task['name']}”预算 {format_wan(task.get('budget'))} 万元，全年实际执行了多少万元？",
        )

    def empty_problem(self, iv, entry):
        return "至少要写一项年度主要任务。例如：" + entry.example

    def finished_message(self, iv, entry):
        return self._totals(iv, entry)

    def add(self, iv, entry, text):
        return self._store(iv, entry, self.next_key(iv, entry), text, None)

    def edit(self, iv, entry, key, index, text):
        return self._store(iv, entry, key, text, index)

    def _store(self, iv, entry, key: str, text: str, index: int | None) -> Reply:
        try:
            task = parse_task(text)
        except ValueError as exc:
            return Reply.error(str(exc))
        tasks = self.items(iv, entry)
        position = len(tasks) if index is None else index
        before = tasks[position] if index is not None else None
        tasks[position : position + 1] = [task]
        errors, notices = _task_findings(iv, entry, position)
        if errors:
            tasks[position : position + 1] = [before] if before is not None else []
            return Reply.error(errors[0].message)
        iv.remember(key, text)
        return Reply(
            True,
            message=f"记下了任务{position + 1}：{task['name']}，预算 {format_wan(task['budget'])}，"
            f"执行 {format_wan(task['executed'])} 万元。",
            notices=notices,
        )

    def apply_field(self, iv, entry, question, index, field, text):
        try:
            executed = parse_amount(text)
        except ValueParseError as exc:
            return Reply.error(f"{exc} 请写一个金额（万元），例如 410。")
        task = self.items(iv, entry)[index]
        before, task["executed"] = task.get("executed"), executed
        errors, notices = _task_findings(iv, entry, index)
        if errors:
            task["executed"] = before
            return Reply.error(errors[0].message)
        iv.remember(question.key, text)
        done = all(t.get("executed") is not None for t in self.items(iv, entry))
        return Reply(
            True,
            message=f"已记录执行数 {format_wan(executed)} 万元。" + (self._totals(iv, entry) if done else ""),
            notices=notices,
        )

    def _totals(self, iv, entry) -> str:
        tasks = self.items(iv, entry)
        budget = sum((to_decimal(t.get("budget")) or Decimal(0) for t in tasks), Decimal(0))
        executed = sum((to_decimal(t.get("executed")) or Decimal(0) for t in tasks), Decimal(0))
        return f"任务共 {len(tasks)} 项，预算数合计 {format_wan(budget)} 万元，执行数合计 {format_wan(executed)} 万元。"

    def mark_complete(self, iv, entry):
        iv.state.answered.add(entry.field)


def _task_findings(iv, entry, index: int) -> tuple[list, list]:
    """(errors, other findings) of the task rules about task `index` and the
    task totals, on the record as it now stands."""
    paths = (entry.field, item_key(entry.field, index, "executed"), item_key(entry.field, index, "budget"))
    found = [f for f in check(iv.final_record(), kb=iv.kb, search=iv.search, rules=TASK_RULES) if f.path in paths]
    return [f for f in found if f.severity == ERROR], [f for f in found if f.severity != ERROR]


TASK_RULES = ["dse.tasks_exceed_funds", "dse.task_overspent"]

KINDS = {"dse_spending": SpendingHandler(), "dse_tasks": TasksHandler()}
