"""The department declaration's 年度主要任务 and 金额合计.

- `tasks`: one task per answer (`全面加强党的建设…，417.29万，全部财政拨款`),
  the running total after each, `完成` to finish. Before the first task it
  offers to take the tasks from the department's stored project declarations
  of the same year (the interview's store view, see `store_candidates`).
- `tasks_total`: the stated 金额合计, defaulting to the running total and
  checked against the tasks (`dept.tasks_sum`) at once.

Accepting the store offer is resolved into a self-contained answer
(`导入项目申报表：` and one task per line), so a transcript replays to the same
tasks whatever the store holds then; the task question takes that answer too.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from assistant.interview.commands import DECLINE_WORDS, TAKE_WORDS
from assistant.interview.funds_phrasing import FUND_KEYS, amounts_text, funds_phrase, parse_funds, parse_task
from assistant.interview.handlers.base import Handler, ask
from assistant.interview.handlers.department_store import store_candidates
from assistant.interview.handlers.item_list import ListHandler, item_key, items_at
from assistant.interview.model import Reply
from assistant.rules import ERROR, check
from assistant.values import ValueParseError, format_wan, to_decimal
from assistant.values.user_numbers import user_ints

IMPORT_PREFIX = "导入项目申报表："
DECLINE = "不导入"
SUM_RULES = ["dept.tasks_sum", "funds.sum_mismatch"]


def tasks_of(iv) -> list[dict]:
    return items_at(iv.record, "tasks")


def task_sums(tasks: list[dict]) -> dict[str, Decimal]:
    return {key: sum((to_decimal(t.get(key)) or Decimal(0) for t in tasks), Decimal(0)) for key in FUND_KEYS}


def task_phrase(task: dict) -> str:
    return f"{task.get('name', '')}，{funds_phrase(task)}"


def import_answer(candidates: list[dict]) -> str:
    return IMPORT_PREFIX + "".join("\n" + task_phrase(c) for c in candidates)


def sum_problems(iv, record_changes: dict[str, Any], paths: tuple[str, ...]) -> list:
    """Errors of `dept.tasks_sum` (and the 合计 row's own sum) on the record with
    `record_changes` applied, limited to findings under `paths`."""
    probe = dict(iv.final_record(), **record_changes)
    return [
        f
        for f in check(probe, kb=iv.kb, search=iv.search, rules=SUM_RULES)
        if f.severity == ERROR and f.path.startswith(paths)
    ]


class TasksHandler(ListHandler):
    """年度主要任务: the store offer, then one task per answer, `完成` to finish."""

    counter = "项"
    noun = "任务"
    fields = ("fiscal",)
    edit_by_field = True

    def _derive_key(self, entry) -> str:
        return f"{entry.field}:derive"

    def next_question(self, iv, entry):
        question = self.first_missing(iv, entry, "fiscal", lambda task: task.get("fiscal") is None)
        if question is not None:
            return question
        tasks = self.items(iv, entry)
        if self.finished(iv, entry):
            return None
        if not tasks and self._derive_key(entry) not in iv.state.answered and store_candidates(iv):
            return self._derive_question(iv, entry)
        return self.add_question(iv, entry)

    def question_for(self, iv, entry, key):
        if key == self._derive_key(entry):
            return self._derive_question(iv, entry) if store_candidates(iv) else None
        return super().question_for(iv, entry, key)

    # ------------------------------------------------------------ questions
    def add_question(self, iv, entry, default=None):
        tasks = self.items(iv, entry)
        if not tasks:
            return ask(entry, entry.field, default=default)
        lines = [f"{i}. {t['name']}：{amounts_text(t)}" for i, t in enumerate(tasks, 1)]
        lines.append(f"累计：{amounts_text(task_sums(tasks))}")
        return ask(
            entry,
            entry.field,
            default=default,
            note="已写的任务：\n" + "\n".join(lines),
            prompt=f"已有 {len(tasks)} 项任务。继续写第 {len(tasks) + 1} 项（名称，金额），或输入“完成”。",
        )

    def edit_question(self, iv, entry, index, key):
        """Re-ask task `index`; the key stays the one asked for (`tasks[1]`, `tasks[1].value`
        from review) so the engine sees the revisit answered."""
        task = self.items(iv, entry)[index]
        return ask(
            entry,
            key,
            default=task_phrase(task),
            prompt=f"修改第 {index + 1} 项任务（名称，金额；输入“删除”删掉这一项）：",
        )

    def field_question(self, iv, entry, index, field, key, revisit=True):
        task = self.items(iv, entry)[index]
        total = format_wan(task.get("total"))
        return ask(
            entry,
            key,
            default=total,
            example=total,
            prompt=f"“{task['name']}”的 {total} 万元中，财政拨款多少万元？（全部是财政拨款就直接回车）",
            help="财政拨款是本级财政安排的钱；其余为其他资金（上级补助、事业收入等），由总额减去财政拨款算出。",
            format="金额（万元）",
        )

    def _derive_question(self, iv, entry):
        candidates = store_candidates(iv)
        lines = [f"{i}. {c['name']}：{amounts_text(c)}" for i, c in enumerate(candidates, 1)]
        lines.append(f"合计：{amounts_text(task_sums(candidates))}")
        record = iv.record
        return ask(
            entry,
            self._derive_key(entry),
            default=None,
            choices=("是", "否"),
            optional=True,
            prompt=(
                f"已保存的申报表里有{record.get('department')} {record.get('year')} 年的 "
                f"{len(candidates)} 个项目。要把它们作为年度主要任务吗？"
                "（是：全部导入，之后可以修改、删除或补充；否：逐项填写；"
                "也可以写编号只导入其中几项，如“1 3”）"
            ),
            note="项目申报表里的年度资金：\n" + "\n".join(lines),
            help="部门整体的年度主要任务通常由本部门当年的各个项目汇总而来。导入只是起点："
            "请逐项核对名称和金额，把零散的项目合并成主要任务也可以。",
            format="是 / 否 / 编号",
            example="是",
        )

    def skip(self, iv, entry, question):
        if question.key == self._derive_key(entry):
            return self.apply(iv, entry, question, DECLINE)
        return super().skip(iv, entry, question)

    # --------------------------------------------------------------- answers
    def resolve(self, iv, entry, question, text):
        """The store offer's answer made self-contained (the tasks themselves)."""
        if question.key != self._derive_key(entry):
            return text
        chosen = self._chosen(iv, text)
        if chosen is None:
            return text
        return import_answer(chosen) if chosen else DECLINE

    def _chosen(self, iv, text: str) -> list[dict] | None:
        """The candidates an answer to the offer picks ([] = none), None if it is no such answer."""
        candidates = store_candidates(iv)
        word = text.strip().lower()
        if word in TAKE_WORDS:
            return list(candidates)
        if word in DECLINE_WORDS:
            return []
        numbers = re.split(r"[\s,，、]+", word)
        chosen = user_ints(numbers, len(candidates))
        if chosen is not None:
            return [candidates[n - 1] for n in dict.fromkeys(chosen)]
        return None

    def apply(self, iv, entry, question, text):
        key = question.key
        if text.startswith(IMPORT_PREFIX):
            return self._import(iv, entry, key, text)
        if text == DECLINE:
            iv.state.answered.add(self._derive_key(entry))
            iv.remember(key, text)
            return Reply(True, message="好的，逐项填写年度主要任务。")
        if key == self._derive_key(entry):
            chosen = self._chosen(iv, text)
            if chosen is not None:
                return self.apply(iv, entry, question, import_answer(chosen) if chosen else DECLINE)
            # Anything else is taken as the first task: answering past the offer declines it.
            reply = self.add(iv, entry, text)
            if reply.accepted:
                iv.state.answered.add(self._derive_key(entry))
            return reply
        return super().apply(iv, entry, question, text)

    def empty_problem(self, iv, entry):
        return "至少要写一项年度主要任务。例如：" + entry.example

    def finished_message(self, iv, entry):
        tasks = self.items(iv, entry)
        return f"年度主要任务共 {len(tasks)} 项，合计 {amounts_text(task_sums(tasks))}。"

    def deleted(self, iv, entry, index, removed):
        tasks = self.items(iv, entry)
        return f"已删除任务“{removed['name']}”。累计 {amounts_text(task_sums(tasks))}。" + self._total_stale(iv)

    def add(self, iv, entry, text):
        tasks = self.items(iv, entry)
        try:
            task = parse_task(text)
        except ValueError as exc:
            return Reply.error(str(exc))
        problem = self._task_problem(iv, task, len(tasks))
        if problem:
            return Reply.error(problem)
        tasks.append(task)
        iv.remember(item_key(entry.field, len(tasks) - 1), text)
        return Reply(True, message=self._added(tasks, len(tasks) - 1) + self._total_stale(iv))

    def edit(self, iv, entry, key, index, text):
        tasks = self.items(iv, entry)
        try:
            task = parse_task(text)
        except ValueError as exc:
            return Reply.error(str(exc))
        problem = self._task_problem(iv, task, index)
        if problem:
            return Reply.error(problem)
        tasks[index] = task
        iv.remember(key, text)
        return Reply(True, message=self._added(tasks, index) + self._total_stale(iv))

    def apply_field(self, iv, entry, question, index, field, text):
        key = question.key
        task = dict(self.items(iv, entry)[index])
        try:
            funds = parse_funds(text if any(w in text for w in ("财政", "其他")) else f"财政拨款{text}")
        except ValueParseError as exc:
            return Reply.error(f"{exc} 例如：{format_wan(task['total'])}")
        fiscal = funds.fiscal if funds.fiscal is not None else funds.total
        total = to_decimal(task["total"])
        if fiscal is None or fiscal > total:
            return Reply.error(f"财政拨款不能大于任务总额 {format_wan(total)} 万元。")
        task.update(fiscal=fiscal, other=total - fiscal)
        self.items(iv, entry)[index] = task
        iv.remember(key, text)
        return Reply(True, message=self._added(self.items(iv, entry), index) + self._total_stale(iv))

    def _import(self, iv, entry, key, text):
        lines = [line.strip() for line in text[len(IMPORT_PREFIX) :].replace("；", "\n").split("\n") if line.strip()]
        tasks = self.items(iv, entry)
        new = []
        for number, line in enumerate(lines, 1):
            try:
                task = parse_task(line)
            except ValueError as exc:
                return Reply.error(f"第 {number} 项“{line}”：{exc}")
            problem = self._task_problem(iv, task, len(tasks) + len(new))
            if problem:
                return Reply.error(problem)
            new.append(task)
        tasks.extend(new)
        iv.state.answered.add(self._derive_key(entry))
        iv.remember(key, text)
        if not new:
            return Reply(True, message="没有导入任何任务，请逐项填写。")
        return Reply(
            True,
            message=(
                f"已导入 {len(new)} 项任务，累计 {amounts_text(task_sums(tasks))}。"
                "请核对名称和金额：可以继续补充任务，或输入“完成”；要改某一项请输入“返回”。" + self._total_stale(iv)
            ),
        )

    # -------------------------------------------------------------- checking
    def _task_problem(self, iv, task, index) -> str | None:
        """A task whose total ≠ 财政拨款 + 其他资金, checked by `dept.tasks_sum` itself."""
        if task.get("fiscal") is None:
            return None
        tasks = list(tasks_of(iv))
        tasks[index : index + 1] = [task]
        problems = sum_problems(iv, {"tasks": tasks}, (item_key("tasks", index) + ".",))
        return problems[0].message if problems else None

    def _added(self, tasks, index) -> str:
        task = tasks[index]
        return (
            f"第 {index + 1} 项：{task['name']}，{amounts_text(task)}。"
            f"累计 {len(tasks)} 项：{amounts_text(task_sums(tasks))}。"
        )

    def _total_stale(self, iv) -> str:
        """After a change to the tasks, a stated 金额合计 that no longer fits is asked again."""
        if "total" not in iv.state.answered:
            return ""
        if not sum_problems(iv, {}, ("total",)):
            return ""
        iv.state.answered.discard("total")
        return "\n任务金额变了，和原来写的金额合计不再一致，稍后会请您重新确认金额合计。"


class TasksTotalHandler(Handler):
    """The stated 金额合计, defaulting to the running total of the tasks."""

    def next_question(self, iv, entry):
        return None if entry.field in iv.state.answered else self._question(iv, entry)

    def question_for(self, iv, entry, key):
        return self._question(iv, entry) if key == entry.field or key.startswith(f"{entry.field}.") else None

    def _question(self, iv, entry):
        sums = task_sums(tasks_of(iv))
        stated = iv.record.get(entry.field)
        default = (
            funds_phrase(stated)
            if entry.field in iv.state.answered and isinstance(stated, dict)
            else funds_phrase(sums)
        )
        return ask(
            entry,
            entry.field,
            default=default,
            prompt=(f"金额合计是多少万元？各项任务加起来是 {amounts_text(sums)}；和预算批复一致就直接回车。"),
        )

    def apply(self, iv, entry, question, text):
        sums = task_sums(tasks_of(iv))
        try:
            funds = parse_funds(text)
        except ValueParseError as exc:
            return Reply.error(f"{exc} 例如：{funds_phrase(sums)}")
        if funds.total is None:
            return Reply.error(f"请写金额合计，例如：{funds_phrase(sums)}")
        stated = {"total": funds.total, "fiscal": funds.fiscal, "other": funds.other}
        if stated["fiscal"] is None:  # only a total: the sources as in the tasks
            stated["other"] = sums["other"] if sums["other"] <= funds.total else Decimal(0)
            stated["fiscal"] = funds.total - stated["other"]
        problems = sorted(
            sum_problems(iv, {entry.field: stated}, (entry.field,)), key=lambda f: not f.path.endswith(".total")
        )  # the 总额 first
        if problems:
            return Reply.error(
                problems[0].message + f"\n各项任务之和是 {amounts_text(sums)}。"
                "请核对：是某项任务金额写错了，就输入“返回”去修改那一项；"
                "是合计写错了，就重新输入（直接回车采用各项任务之和）。"
            )
        iv.record[entry.field] = stated
        iv.state.answered.add(entry.field)
        iv.remember(entry.field, text)
        return Reply(True, message=f"金额合计：{amounts_text(stated)}，与各项任务之和一致。")
