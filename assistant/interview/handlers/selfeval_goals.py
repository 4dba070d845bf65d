"""Self-evaluation goals: the 预期目标 (carried over from the declaration, or
entered one per answer with `完成` to finish), then the 实际完成情况 of each."""

from __future__ import annotations

import re

from assistant.interview.commands import DELETE_WORDS
from assistant.interview.commands import GOAL_DONE_WORDS as DONE_WORDS
from assistant.interview.handlers.base import Handler, ask, clip
from assistant.interview.handlers.goals import _NUMBERING
from assistant.interview.handlers.selfeval_checks import goal_actual_notice
from assistant.interview.model import Reply
from assistant.rules import check

_EXPECTED = re.compile(r"^goals\[(\d+)\]$")
_ACTUAL = re.compile(r"^goals\[(\d+)\]\.actual$")


def goals_of(iv) -> list[dict]:
    goals = iv.record.get("goals")
    return goals if isinstance(goals, list) else []


class SelfEvalGoalsHandler(Handler):
    def next_question(self, iv, entry):
        if entry.field not in iv.state.answered:
            return self._expected_question(iv, entry)
        for index, goal in enumerate(goals_of(iv)):
            if not str(goal.get("actual") or "").strip():
                return self._actual_question(iv, entry, index)
        return None

    def question_for(self, iv, entry, key):
        goals = goals_of(iv)
        if key == entry.field:
            return self._expected_question(iv, entry, default="完成" if entry.field in iv.state.answered else None)
        match = _EXPECTED.match(key)
        if match and int(match.group(1)) < len(goals):
            index = int(match.group(1))
            return ask(
                entry,
                key,
                prompt=f"修改第 {index + 1} 条预期目标（输入“删除”可删掉这一条）：",
                default=goals[index]["expected"],
                multiline=True,
            )
        match = _ACTUAL.match(key)
        if match and int(match.group(1)) < len(goals):
            return self._actual_question(iv, entry, int(match.group(1)), revisit=True)
        return None

    def _expected_question(self, iv, entry, default=None):
        goals = goals_of(iv)
        done = "；".join(f"{i}. {clip(g['expected'])}" for i, g in enumerate(goals, 1))
        prompt = entry.prompt if not goals else f"已有 {len(goals)} 条预期目标。继续写下一条，或输入“完成”。"
        return ask(
            entry,
            entry.field,
            prompt=prompt,
            note=f"已写的预期目标：{done}" if goals else "",
            multiline=True,
            default=default,
        )

    def _actual_question(self, iv, entry, index: int, revisit: bool = False):
        goal = goals_of(iv)[index]
        return ask(
            entry,
            f"goals[{index}].actual",
            multiline=True,
            prompt=f"预期目标{index + 1}：“{goal['expected']}”\n实际完成情况如何？写清做了什么、做了多少、效果怎样。",
            help="实际完成情况对照预期目标写：完成了哪些工作、数量多少、达到什么效果；没做到的也如实写。"
            "不要只写“已完成”或照抄预期目标。",
            example="全年开展市外实地调查12次，查实违规费用186万元并全部追回",
            format="一两句话",
            default=goal.get("actual") if revisit and goal.get("actual") else None,
        )

    def apply(self, iv, entry, question, text):
        goals = goals_of(iv)
        actual = _ACTUAL.match(question.key)
        if actual:
            return self._apply_actual(iv, int(actual.group(1)), question.key, text)
        match = _EXPECTED.match(question.key)
        if match:
            index = int(match.group(1))
            if text in DELETE_WORDS:
                del goals[index]
                iv.remember(question.key, text)
                return Reply(True, message=f"已删除第 {index + 1} 条预期目标。")
            return self._store(iv, question.key, text, index)
        if text in DONE_WORDS:
            if not goals:
                return Reply.error("至少要写一条预期目标（申报时的年度目标）。例如：" + entry.example)
            iv.state.answered.add(entry.field)
            iv.remember(entry.field, text)
            return Reply(True, message=f"预期目标共 {len(goals)} 条。接下来逐条填写实际完成情况。")
        return self._store(iv, f"goals[{len(goals)}]", text, None)

    def _store(self, iv, key: str, text: str, index: int | None) -> Reply:
        goal = _NUMBERING.sub("", " ".join(text.split()))
        if len(goal) < 4:
            return Reply.error("目标太短了，请用一句话写清做什么、做多少、达到什么效果。")
        if len(goal) > 2000:
            return Reply.error("一条目标太长了（超过 2000 字），请拆成几条。")
        goals = goals_of(iv)
        if index is None:
            goals.append({"expected": goal, "actual": ""})
            index = len(goals) - 1
        else:
            goals[index]["expected"] = goal
        iv.remember(f"goals[{index}]", text)
        path = f"goals[{index}].expected"
        notices = [
            f for f in check(iv.final_record(), kb=iv.kb, search=iv.search, rules=["goal.vague"]) if f.path == path
        ]
        return Reply(True, message=f"记下了第 {index + 1} 条预期目标。", notices=notices)

    def _apply_actual(self, iv, index: int, key: str, text: str) -> Reply:
        text = " ".join(text.split())
        goal = goals_of(iv)[index]
        if len(text) < 4:
            return Reply.error("请用一句话写实际完成情况：做了什么、做了多少、效果怎样。")
        if len(text) > 2000:
            return Reply.error("太长了（超过 2000 字），请精简。")
        if text == goal["expected"]:
            return Reply.error(
                "实际完成情况照抄了预期目标。请写实际做到的：例如完成了多少、效果如何，没做到的也如实写。"
            )
        goal["actual"] = text
        iv.remember(key, text)
        notice = None if iv.quiet else goal_actual_notice(iv.kb, index, text)
        return Reply(True, message=f"记下了目标{index + 1}的实际完成情况。", notices=[notice] if notice else [])
