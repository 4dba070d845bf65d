"""Self-evaluation goals: the 预期目标 (carried over from the declaration, or
entered one per answer with `完成` to finish), then the 实际完成情况 of each."""

from __future__ import annotations

from assistant.interview.commands import GOAL_DONE_WORDS
from assistant.interview.handlers.base import ask
from assistant.interview.handlers.goals import _NUMBERING, goals_question
from assistant.interview.handlers.item_list import ListHandler, item_key, item_ref
from assistant.interview.handlers.selfeval_checks import goal_actual_notice
from assistant.interview.model import Reply
from assistant.rules import check

EXPECTED = "expected"  # a goal's 预期目标, asked with the goal itself


class SelfEvalGoalsHandler(ListHandler):
    noun = "预期目标"
    done_words = GOAL_DONE_WORDS
    fields = ("actual",)
    done_in = "answered"

    def ref(self, iv, entry, key):
        """`goals[0].expected` (where findings about a 预期目标 point) is the goal itself."""
        found = item_ref(key, entry.field, (None, EXPECTED, *self.fields))
        if found is None or found[0] >= len(self.items(iv, entry)):
            return None
        return found[0], None if found[1] == EXPECTED else found[1]

    def pending(self, iv, entry):
        return self.first_missing(iv, entry, "actual", lambda goal: not str(goal.get("actual") or "").strip())

    def add_question(self, iv, entry, default=None):
        return goals_question(entry, [g["expected"] for g in self.items(iv, entry)], self.noun, default)

    def edit_question(self, iv, entry, index, key):
        return ask(
            entry,
            key,
            prompt=f"修改第 {index + 1} 条预期目标（输入“删除”可删掉这一条）：",
            default=self.items(iv, entry)[index]["expected"],
            multiline=True,
        )

    def field_question(self, iv, entry, index, field, key, revisit: bool = True):
        goal = self.items(iv, entry)[index]
        return ask(
            entry,
            key,
            multiline=True,
            prompt=f"预期目标{index + 1}：“{goal['expected']}”\n实际完成情况如何？写清做了什么、做了多少、效果怎样。",
            help="实际完成情况对照预期目标写：完成了哪些工作、数量多少、达到什么效果；没做到的也如实写。"
            "不要只写“已完成”或照抄预期目标。",
            example="全年开展市外实地调查12次，查实违规费用186万元并全部追回",
            format="一两句话",
            default=goal.get("actual") if revisit and goal.get("actual") else None,
        )

    def empty_problem(self, iv, entry):
        return "至少要写一条预期目标（申报时的年度目标）。例如：" + entry.example

    def finished_message(self, iv, entry):
        return f"预期目标共 {len(self.items(iv, entry))} 条。接下来逐条填写实际完成情况。"

    def add(self, iv, entry, text):
        return self._store(iv, entry, text, None)

    def edit(self, iv, entry, key, index, text):
        return self._store(iv, entry, text, index)

    def _store(self, iv, entry, text: str, index: int | None) -> Reply:
        goal = _NUMBERING.sub("", " ".join(text.split()))
        if len(goal) < 4:
            return Reply.error("目标太短了，请用一句话写清做什么、做多少、达到什么效果。")
        if len(goal) > 2000:
            return Reply.error("一条目标太长了（超过 2000 字），请拆成几条。")
        goals = self.items(iv, entry)
        if index is None:
            goals.append({"expected": goal, "actual": ""})
            index = len(goals) - 1
        else:
            goals[index]["expected"] = goal
        iv.remember(item_key(entry.field, index), text)
        path = item_key(entry.field, index, EXPECTED)
        notices = [
            f for f in check(iv.final_record(), kb=iv.kb, search=iv.search, rules=["goal.vague"]) if f.path == path
        ]
        return Reply(True, message=f"记下了第 {index + 1} 条预期目标。", notices=notices)

    def apply_field(self, iv, entry, question, index, field, text):
        text = " ".join(text.split())
        goal = self.items(iv, entry)[index]
        if len(text) < 4:
            return Reply.error("请用一句话写实际完成情况：做了什么、做了多少、效果怎样。")
        if len(text) > 2000:
            return Reply.error("太长了（超过 2000 字），请精简。")
        if text == goal["expected"]:
            return Reply.error(
                "实际完成情况照抄了预期目标。请写实际做到的：例如完成了多少、效果如何，没做到的也如实写。"
            )
        goal["actual"] = text
        iv.remember(question.key, text)
        notice = None if iv.quiet else goal_actual_notice(iv.kb, index, text)
        return Reply(True, message=f"记下了目标{index + 1}的实际完成情况。", notices=[notice] if notice else [])
