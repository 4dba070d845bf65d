"""Goal lists: one goal per answer, `完成` to finish; `goals.annual[1]` re-asks one."""

from __future__ import annotations

import re

from assistant.interview.commands import GOAL_DONE_WORDS
from assistant.interview.handlers.base import ask, clip
from assistant.interview.handlers.item_list import ListHandler, item_key, items_at
from assistant.interview.handlers.record_parts import project_parts
from assistant.interview.model import Reply
from assistant.rules import check

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
    return items_at(iv.record, entry.field)


def goals_question(entry, texts: list[str], noun: str, default=None, **overrides):
    """The question of a goal list: the goals so far, and 完成 to finish."""
    done = "；".join(f"{i}. {clip(g)}" for i, g in enumerate(texts, 1))
    prompt = entry.prompt if not texts else f"已有 {len(texts)} 条{noun}。继续写下一条，或输入“完成”。"
    return ask(
        entry,
        entry.field,
        prompt=prompt,
        note=f"已写的{noun}：{done}" if texts else "",
        multiline=True,
        default=default,
        **overrides,
    )


class GoalsHandler(ListHandler):
    done_words = GOAL_DONE_WORDS

    def add_question(self, iv, entry, default=None):
        return goals_question(entry, goal_items(iv, entry), "目标", default, example=goal_example(iv, entry))

    def edit_question(self, iv, entry, index, key):
        return ask(
            entry,
            key,
            prompt=f"修改第 {index + 1} 条目标（输入“删除”可删掉这一条）：",
            default=goal_items(iv, entry)[index],
            multiline=True,
        )

    def empty_problem(self, iv, entry):
        if not entry.required:
            return None
        return "至少要写一条目标，说明这笔钱今年要做成什么。例如：" + goal_example(iv, entry)

    def add(self, iv, entry, text):
        if len(split_numbered(join_lines(text))) > 1:
            return self._store_many(iv, entry, split_numbered(join_lines(text)))
        return self._store(iv, entry, text, None)

    def edit(self, iv, entry, key, index, text):
        return self._store(iv, entry, text, index)

    def _store_many(self, iv, entry, items: list[str]) -> Reply:
        """A pasted numbered list: one goal per item, all or none."""
        short = [item for item in items if len(item) < 4]
        if short:
            return Reply.error(f"目标“{short[0]}”太短了，请用一句话写清做什么、做多少、达到什么效果。")
        notices, first = [], len(goal_items(iv, entry))
        for item in items:
            reply = self._store(iv, entry, item, None)
            if not reply.accepted:
                del goal_items(iv, entry)[first:]
                return reply
            notices.extend(reply.notices)
        return Reply(
            True, message=f"记下了第 {first + 1}–{first + len(items)} 条目标（共 {len(items)} 条）。", notices=notices
        )

    def _store(self, iv, entry, text, index):
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
        path = item_key(entry.field, index)
        iv.remember(path, text)
        notices = (
            []
            if iv.quiet
            else [
                f for f in check(iv.final_record(), kb=iv.kb, search=iv.search, rules=["goal.vague"]) if f.path == path
            ]
        )
        return Reply(True, message=f"记下了第 {index + 1} 条目标。", notices=notices)
