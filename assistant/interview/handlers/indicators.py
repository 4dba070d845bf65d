"""Indicators, category by category of the framework.

For each 二级 category: the best standard indicators for this project are
offered by number; free text is fuzzy-matched to a standard name (您是不是要找…?)
or kept as a custom name; then the value (a bare number takes the standard's
usual operator and unit) and the 指标值确定依据. A row under construction
carries `_todo` (removed from the final record) so an interrupted row resumes.
"""

from __future__ import annotations

from assistant import record_path
from assistant.interview.commands import DONE_WORD, INDICATOR_DONE_WORDS, NO_CHOICE_WORDS, YES_CHOICE_WORDS
from assistant.interview.handlers import sector_choice
from assistant.interview.handlers.base import ask
from assistant.interview.handlers.indicator_fields import (  # noqa: F401  (standard_by_name re-exported)
    BASIS,
    ROW_FIELDS,
    RowFieldsHandler,
    standard_by_name,
)
from assistant.interview.handlers.indicator_rows import ROW_RULES, bad_name, complete_value  # noqa: F401  (ROW_RULES re-exported)
from assistant.interview.handlers.item_list import close, item_key, item_ref
from assistant.interview.handlers.record_parts import project_parts, rows_of  # noqa: F401  (re-exported)
from assistant.interview.model import LazySuggestions, Question, Reply, Suggestion
from assistant.knowledge import Indicator, Level2
from assistant.rules import ERROR
from assistant.values.user_numbers import choice_number

# Categories 跳过 closes like 完成: optional ones, one of the 效益 group (another may
# hold the group's indicator), 满意度 where the project may serve nobody (a warning).
SKIPPABLE = ("optional", "required_group", "if_served")
REQUIREMENT_LABEL = {
    "required": "必填",
    "required_group": "效益指标至少填一类",
    "if_served": "有服务对象的必填",
    "optional": "选填",
}


class IndicatorsHandler(RowFieldsHandler):
    # ------------------------------------------------------------- ordering
    def next_question(self, iv, entry):
        set_path = entry.field
        confirming = iv.state.confirming
        if confirming and confirming["set"] == set_path:
            return self._confirm_question(iv, entry, confirming)
        for index, row in enumerate(rows_of(iv, set_path)):
            todo = row.get("_todo") or []
            if todo:
                return self._row_question(iv, entry, index, todo[0])
        for level2 in iv.kb.framework(iv.record.get("framework")).level2s:
            if f"{set_path}:{level2.name}" not in iv.state.closed:
                return self._pick_question(iv, entry, level2)
        return None

    def question_for(self, iv, entry, key):
        row = item_ref(key, entry.field, ROW_FIELDS)
        if row is not None:
            index, field = row
            if index < len(rows_of(iv, entry.field)):
                return self._row_question(iv, entry, index, field, revisit=True)
            return None
        level2 = self._level2_from_key(iv, entry, key)
        if level2 is not None:
            return self._pick_question(iv, entry, level2)
        return None

    def mark_complete(self, iv, entry):
        super().mark_complete(iv, entry)
        iv.state.answered.add(f"{entry.field}:derive")
        for level2 in iv.kb.framework(iv.record.get("framework")).level2s:
            iv.state.closed.add(f"{entry.field}:{level2.name}")

    def clear(self, record, entry):
        record_path.set(record, entry.field, [])

    def _level2_from_key(self, iv, entry, key) -> Level2 | None:
        prefix = f"{entry.field}:"
        if not key.startswith(prefix):
            return None
        name = key[len(prefix) :].split(":")[0]
        return iv.kb.framework(iv.record.get("framework")).level2(name)

    # ------------------------------------------------------------ questions
    def _pick_question(self, iv, entry, level2: Level2, default: str | None = None) -> Question:
        set_path = entry.field
        rows = rows_of(iv, set_path)
        used = {r.get("name") for r in rows}
        here = [r.get("name") for r in rows if r.get("level2") == level2.name]
        suggestions = LazySuggestions(
            lambda: (
                Suggestion(
                    n, f"{ind.name}（常用 {ind.typical}）" if ind.typical else ind.name, ind.name, ind.description
                )
                for n, ind in enumerate((i for i in self._suggest(iv, level2) if i.name not in used), 1)
            )
        )
        label = REQUIREMENT_LABEL[level2.requirement]
        already = f"本类已有：{'、'.join(str(name) for name in here)}。" if here else ""
        prompt = f"{level2.level1} › {level2.name}（{label}）：选一个编号，或输入指标名称；这一类填完输入“完成”。"
        return ask(
            entry,
            f"{set_path}:{level2.name}",
            section=self._section(entry),
            prompt=prompt,
            help=f"{level2.help}\n{entry.help}",
            # The example and note search the knowledge: built when shown (replay never shows them).
            example=lambda: self._example(iv, entry, level2),
            format="编号 / 指标名称 / 完成",
            optional=level2.requirement == "optional",
            suggestions=suggestions,
            note=lambda: "\n".join(filter(None, (sector_choice.note(iv), already))),
            default=default,
        )

    def _example(self, iv, entry, level2: Level2) -> str:
        """The plan's example, unless the project's sector has its own indicator here."""
        name, goals, department = project_parts(iv)
        if not iv.search.recognize(name, goals, department).sure_sectors and not sector_choice.chosen_sector(iv):
            return entry.example
        ind = next(iter(self._suggest(iv, level2)), None)
        if ind is None or not ind.sector:
            return entry.example
        return f"{ind.name} {ind.typical}" if ind.typical else ind.name

    def _suggest(self, iv, level2: Level2) -> list[Indicator]:
        if not level2.classic:
            return []
        name, goals, department = project_parts(iv)  # a department form: its department and tasks
        sector = sector_choice.chosen_sector(iv)
        cache = iv.__dict__.setdefault("_suggest_cache", {})
        key = (name, goals, department, sector, level2.classic)
        if key not in cache:
            if len(cache) > 256:
                cache.clear()
            known = level2.classic in iv.search.level2s
            cache[key] = (
                iv.search.suggest(name, level2.classic, limit=12, department=department, goals=goals, sector=sector)
                if known
                else []
            )
        return cache[key]

    def _confirm_question(self, iv, entry, confirming) -> Question:
        ind = iv.kb.by_id[confirming["candidate"]]
        return ask(
            entry,
            f"{entry.field}:{confirming['level2']}:confirm",
            section=self._section(entry),
            prompt=f"您是不是要找“{ind.name}”？（是 / 否，否则按“{confirming['typed']}”记录）",
            help=f"“{ind.name}”是标准指标：{ind.description}"
            + (f"，常用值 {ind.typical}" if ind.typical else "")
            + "。用标准名称便于审核和汇总。",
            example="是",
            format="是 / 否",
            default="是",
            choices=("是", "否"),
        )

    # --------------------------------------------------------------- answers
    def resolve(self, iv, entry, question, text):
        index, field = item_ref(question.key, entry.field, ROW_FIELDS) or (None, None)
        if index is not None and field == "value":
            row = rows_of(iv, entry.field)[index]
            return complete_value(text, standard_by_name(iv, row.get("name", "")))
        if field == "basis" and choice_number(text, 4):
            return BASIS[choice_number(text, 4) - 1]
        return text

    def apply(self, iv, entry, question, text):
        if question.key.endswith(":confirm"):
            return self._apply_confirm(iv, entry, question, text)
        row = item_ref(question.key, entry.field, ROW_FIELDS)
        if row is not None:
            index, field = row
            return getattr(self, f"_apply_{field}")(iv, entry, question, index, text)
        level2 = self._level2_from_key(iv, entry, question.key)
        return self._apply_pick(iv, entry, question, level2, text)

    def skip(self, iv, entry, question):
        index, field = item_ref(question.key, entry.field, ROW_FIELDS) or (None, None)
        if index is not None and field in ("basis", "description"):
            return getattr(self, f"_apply_{field}")(iv, entry, question, index, "")
        level2 = self._level2_from_key(iv, entry, question.key)
        if level2 is not None and level2.requirement in SKIPPABLE and not question.key.endswith(":confirm"):
            return self._apply_pick(iv, entry, question, level2, DONE_WORD)  # 完成 checks what the group needs
        return Reply.error("这一项不能跳过。")

    def can_skip(self, iv, entry, question):
        level2 = self._level2_from_key(iv, entry, question.key)
        return level2 is not None and level2.requirement in SKIPPABLE and not question.key.endswith(":confirm")

    def _apply_pick(self, iv, entry, question, level2: Level2, text: str) -> Reply:
        set_path = entry.field
        if sector_choice.is_choice(text):
            return sector_choice.apply(iv, question, text)
        if text in INDICATOR_DONE_WORDS:
            return self._close(iv, entry, level2, text)
        ind = standard_by_name(iv, text)
        if ind is None:
            problem = bad_name(text)
            if problem:
                return Reply.error(problem)
            hit = iv.search.closest(text, level2=level2.classic, cutoff=75, loose=True)
            # An alias typed exactly is confirmed too, never silently renamed.
            if hit and (hit.matched == text or hit.matched not in text):
                iv.state.confirming = {
                    "set": set_path,
                    "level2": level2.name,
                    "typed": text,
                    "candidate": hit.indicator.id,
                }
                iv.remember(question.key, text)
                return Reply(True, message=f"您是不是要找“{hit.indicator.name}”？")
        return self._add_row(iv, entry, level2, ind.name if ind else text, ind, text)

    def _apply_confirm(self, iv, entry, question, text) -> Reply:
        confirming = iv.state.confirming
        level2 = iv.kb.framework(iv.record.get("framework")).level2(confirming["level2"])
        if text.lower() in YES_CHOICE_WORDS:
            ind = iv.kb.by_id[confirming["candidate"]]
            iv.state.confirming = None
            return self._add_row(iv, entry, level2, ind.name, ind, text)
        if text.lower() in NO_CHOICE_WORDS:
            iv.state.confirming = None
            return self._add_row(iv, entry, level2, confirming["typed"], None, text)
        return Reply.error("请回答“是”或“否”。")

    def _add_row(self, iv, entry, level2: Level2, name: str, ind: Indicator | None, text: str) -> Reply:
        rows = rows_of(iv, entry.field)
        # A custom indicator also gets a 绩效指标描述 question; a standard one has its own.
        todo = ["value", "basis"] if ind else ["value", "description", "basis"]
        row = {
            "level1": level2.level1,
            "level2": level2.name,
            "name": name,
            self.value_key: "",
            "description": ind.description if ind else "",
            "basis": "",
            "_todo": todo,
        }
        row = self.new_row(row)
        order = [l2.name for l2 in iv.kb.framework(iv.record.get("framework")).level2s]
        rank = order.index(level2.name)
        position = len(rows)
        while (
            position > 0
            and rows[position - 1].get("level2") in order
            and order.index(rows[position - 1]["level2"]) > rank
        ):
            position -= 1
        rows.insert(position, row)
        iv.remember(item_key(entry.field, position, "name"), text)
        return Reply(True, message=f"添加指标“{name}”（{level2.name}）。")

    def new_row(self, row: dict) -> dict:
        return row

    def _close(self, iv, entry, level2: Level2, text: str) -> Reply:
        set_path = entry.field
        rows = rows_of(iv, set_path)
        framework = iv.kb.framework(iv.record.get("framework"))
        here = [r for r in rows if r.get("level2") == level2.name]
        notices = []
        if level2.requirement == "required" and not here:
            return Reply.error(f"“{level2.name}”是必填的，至少要有一个指标。{level2.help}")
        if level2.requirement == "required_group" and not here:
            group = [l2 for l2 in framework.level2s if l2.requirement == "required_group"]
            later_open = [
                l2 for l2 in group[group.index(level2) + 1 :] if f"{set_path}:{l2.name}" not in iv.state.closed
            ]
            if not later_open and not any(r.get("level2") in {g.name for g in group} for r in rows):
                return Reply.error(
                    "效益指标（经济、社会、生态、可持续影响）至少要填一个。"
                    "请写出这笔钱给群众或社会带来的效果，例如 政策知晓率 ≥90%。"
                )
        if level2.requirement == "if_served" and not here and not iv.quiet:
            notices = [
                f for f in iv.findings(["indicator.required_missing"]) if f.severity != ERROR and f.path == set_path
            ]
        close(iv, f"{set_path}:{level2.name}", text)
        return Reply(True, message=f"{level2.name}：{len(here)} 个。", notices=notices)
