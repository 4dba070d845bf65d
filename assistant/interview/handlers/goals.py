"""Goal lists: one goal per answer, `完成` to finish; `goals.annual[1]` re-asks one."""

from __future__ import annotations

import re

from assistant.interview.commands import DELETE_WORDS, GOAL_DONE_WORDS
from assistant.interview.handlers.base import Handler, ask, clip, get_path
from assistant.interview.handlers.record_parts import project_parts
from assistant.interview.model import Reply
from assistant.rules import check

DONE_WORDS = GOAL_DONE_WORDS
_INDEX = re.compile(r"\[(\d+)\]$")
_NUMBERING = re.compile(r"^\s*(?:目标\s*\d+\s*[:：.、]?|\d+\s*[.、．:：)]|[（(]\d+[)）])\s*")
_CHINESE_NUMBERS = "一二三四五六七八九十"
# A goal number inside a pasted list: `目标2：` and `（2）` anywhere; `2.`, `2、`, `二、` at the start or after a break.
_ITEM_NUMBER = re.compile(
    r"(?:目标\s*(?P<goal>\d{1,2})\s*[:：.．、]|[（(](?P<paren>\d{1,2})[)）]"
    r"|(?:^|(?<=[、；;，,。\s]))\s*(?:(?P<plain>\d{1,2})\s*[.．、](?!\d)|(?P<han>[一二三四五六七八九十])\s*[、.．]))\s*"
)


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


def split_numbered(text: str) -> list[str]:
    """`目标1：甲；目标2：乙`, `1. 甲、2. 乙`, `（1）甲（2）乙`, `一、甲 二、乙` → [甲, 乙]
    when the numbers run 1, 2, 3 … from the start; else [text]."""
    matches = list(_ITEM_NUMBER.finditer(text))
    numbers = []
    for match in matches:
        han = match.group("han")
        numbers.append(
            _CHINESE_NUMBERS.index(han) + 1
            if han
            else int(match.group("goal") or match.group("plain") or match.group("paren"))
        )
    if len(matches) < 2 or numbers != list(range(1, len(matches) + 1)) or text[: matches[0].start()].strip():
        return [text]
    ends = [m.start() for m in matches[1:]] + [len(text)]
    return [text[m.end() : end].strip().rstrip("、；;，,").strip() for m, end in zip(matches, ends, strict=True)]


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
            return ask(
                entry,
                key,
                prompt=f"修改第 {index + 1} 条目标（输入“删除”可删掉这一条）：",
                default=items[index],
                multiline=True,
            )
        return None

    def _add_question(self, iv, entry, default=None):
        items = goal_items(iv, entry)
        done = "；".join(f"{i}. {clip(g)}" for i, g in enumerate(items, 1))
        prompt = entry.prompt if not items else f"已有 {len(items)} 条目标。继续写下一条，或输入“完成”。"
        return ask(
            entry,
            entry.field,
            prompt=prompt,
            note=f"已写的目标：{done}" if items else "",
            multiline=True,
            default=default,
            example=goal_example(iv, entry),
        )

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
        if text not in DONE_WORDS and len(split_numbered(join_lines(text))) > 1:
            return self._store_many(iv, entry, split_numbered(join_lines(text)))
        if text in DONE_WORDS:
            if not items and entry.required:
                return Reply.error("至少要写一条目标，说明这笔钱今年要做成什么。例如：" + goal_example(iv, entry))
            iv.state.closed.add(entry.field)
            iv.remember(entry.field, text)
            return Reply(True, message=f"目标共 {len(items)} 条。")
        return self._store(iv, entry, f"{entry.field}[{len(items)}]", text, None)

    def _store_many(self, iv, entry, items: list[str]) -> Reply:
        """A pasted numbered list: one goal per item, all or none."""
        short = [item for item in items if len(item) < 4]
        if short:
            return Reply.error(f"目标“{short[0]}”太短了，请用一句话写清做什么、做多少、达到什么效果。")
        notices, first = [], len(goal_items(iv, entry))
        for item in items:
            reply = self._store(iv, entry, f"{entry.field}[{len(goal_items(iv, entry))}]", item, None)
            if not reply.accepted:
                del goal_items(iv, entry)[first:]
                return reply
            notices.extend(reply.notices)
        return Reply(
            True, message=f"记下了第 {first + 1}–{first + len(items)} 条目标（共 {len(items)} 条）。", notices=notices
        )

    def _store(self, iv, entry, key, text, index):
        goal = _NUMBERING.sub("", join_lines(text))
        if len(goal) < 4:
            return Reply.error(
                "目标太短了，请用一句话写清做什么、做多少、达到什么效果。例如：" + goal_example(iv, entry)
            )
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
        notices = (
            []
            if iv.quiet
            else [
                f for f in check(iv.final_record(), kb=iv.kb, search=iv.search, rules=["goal.vague"]) if f.path == path
            ]
        )
        return Reply(True, message=f"记下了第 {index + 1} 条目标。", notices=notices)
