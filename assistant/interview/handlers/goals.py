"""Goal lists: one goal per answer, `完成` to finish; `goals.annual[1]` re-asks one."""

from __future__ import annotations

import re

from assistant.interview.handlers.base import Handler, ask, get_path
from assistant.interview.handlers.indicators import project_parts
from assistant.interview.model import Reply
from assistant.rules import check

DONE_WORDS = {"完成", "没有了", "结束", "好了", "done", "无"}
DELETE_WORDS = {"删除", "删掉", "去掉"}
_INDEX = re.compile(r"\[(\d+)\]$")
_NUMBERING = re.compile(r"^\s*(?:目标\s*\d+\s*[:：.、]?|\d+\s*[.、．:：)]|[（(]\d+[)）])\s*")


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]")


def join_lines(text: str) -> str:
    """One line from a pasted block: a line break between two Chinese characters
    is no space (the text was wrapped by the document it came from)."""
    out = ""
    for line in (" ".join(part.split()) for part in text.splitlines()):
        if line:
            if out and not (_WIDE.match(out[-1]) and _WIDE.match(line[0])):
                out += " "
            out += line
    return out


def goal_example(iv, entry) -> str:
    """A goal of the project's own sector when its name says which (a water project
    is shown a water goal), else the plan's example."""
    name, _, department = project_parts(iv)
    return iv.search.recognize(name, "", department).example_goal or entry.example


def goal_items(iv, entry) -> list:
    items = get_path(iv.record, entry.field)
    return items if isinstance(items, list) else []


class GoalsHandler(Handler):
    def next_question(self, iv, entry):
        if entry.field in iv.state.closed:
            return None
        return self._add_question(iv, entry)

    def question_for(self, iv, entry, key):
        if key == entry.field:
            return self._add_question(iv, entry, default="完成" if entry.field in iv.state.closed else None)
        match = _INDEX.search(key)
        items = goal_items(iv, entry)
        if match and int(match.group(1)) < len(items):
            index = int(match.group(1))
            return ask(entry, key, prompt=f"修改第 {index + 1} 条目标（输入“删除”可删掉这一条）：",
                       default=items[index], multiline=True)
        return None

    def _add_question(self, iv, entry, default=None):
        items = goal_items(iv, entry)
        done = "；".join(f"{i}. {g[:30]}" for i, g in enumerate(items, 1))
        prompt = entry.prompt if not items else f"已有 {len(items)} 条目标。继续写下一条，或输入“完成”。"
        return ask(entry, entry.field, prompt=prompt, note=f"已写的目标：{done}" if items else "",
                   multiline=True, default=default, example=goal_example(iv, entry))

    def apply(self, iv, entry, question, text):
        items = goal_items(iv, entry)
        match = _INDEX.search(question.key)
        if match:
            index = int(match.group(1))
            if text in DELETE_WORDS:
                del items[index]
                iv.remember(question.key, text)
                return Reply(True, message=f"已删除第 {index + 1} 条目标。")
            return self._store(iv, entry, question.key, text, index)
        if text in DONE_WORDS:
            if not items and entry.required:
                return Reply.error("至少要写一条目标，说明这笔钱今年要做成什么。例如：" + goal_example(iv, entry))
            iv.state.closed.add(entry.field)
            iv.remember(entry.field, text)
            return Reply(True, message=f"目标共 {len(items)} 条。")
        return self._store(iv, entry, f"{entry.field}[{len(items)}]", text, None)

    def _store(self, iv, entry, key, text, index):
        goal = _NUMBERING.sub("", join_lines(text))
        if len(goal) < 4:
            return Reply.error("目标太短了，请用一句话写清做什么、做多少、达到什么效果。例如：" + goal_example(iv, entry))
        if len(goal) > 2000:
            return Reply.error("一条目标太长了（超过 2000 字），请拆成几条。")
        items = goal_items(iv, entry)
        if index is None:
            items.append(goal)
            index = len(items) - 1
        else:
            items[index] = goal
        iv.remember(f"{entry.field}[{index}]", text)
        path = f"{entry.field}[{index}]"
        notices = [] if iv.quiet else [f for f in check(iv.final_record(), kb=iv.kb, search=iv.search,
                                                        rules=["goal.vague"]) if f.path == path]
        return Reply(True, message=f"记下了第 {index + 1} 条目标。", notices=notices)
