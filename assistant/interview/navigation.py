"""What an answer can do besides answering the question asked: a command
word (返回, 跳过, 帮助, 预览, 审查, 保存退出), a fix in words (把 X 改成 Y), a jump
to the question that owns a field (`跳转 KEY`), a question asked in the chat;
and how a revisit (after 返回 or a jump) ends. Functions of an `Interview`,
called by its `answer` (assistant/interview/engine.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.interview import chat_qa, handlers
from assistant.interview.model import BACK, EXIT, HELP, PREVIEW, QA, REVIEW, Question, Reply

if TYPE_CHECKING:
    from assistant.interview.engine import Interview

FIX = re.compile(
    r"^(?:把|将)(?P<name>.+?)(?:改成|改为|修改为|换成)(?P<value>.+)$|"
    r"^修改\s*(?P<name2>.+?)\s*(?:为|成|=)\s*(?P<value2>.+)$"
)
# `跳转 KEY`: re-ask the question that owns a field (the TUI's findings panel).
# Recorded like any answer, so replay re-asks the same question; a KEY starts
# with a letter, so the review's `跳转 1` (a finding number) is not taken.
JUMP_KEY = re.compile(r"^跳转\s+(?P<key>[a-z_][^\s]*)$")


def fix_or_jump(iv: Interview, text: str) -> Reply | None:
    """A fix in words or a jump, which work at any question and after the
    interview is finished too (`jixiao fix` appends one to a record's
    transcript); None when `text` is neither (or names nothing)."""
    fix = FIX.match(text)
    if fix:
        name = fix.group("name") or fix.group("name2")
        value = fix.group("value") or fix.group("value2")
        reply = handlers.fix_in_words(iv, name.strip(), value.strip())
        if reply is not None:
            reply.finished = iv.state.finished
            return reply
    jump = JUMP_KEY.match(text)
    if jump and iv.can_jump(jump.group("key")):
        # A jump also reopens a finished interview (a quick fix in the UI):
        # after the answer the review comes back and must be confirmed again.
        iv.state.finished = False
        iv.jump(jump.group("key"))
        return Reply(True, BACK, "好的，改这一项。原来的回答作为默认值，直接回车即可保留。")
    return None


def command(iv: Interview, name: str, question: Question) -> Reply:
    """One of the engine's command words (`commands.command` names it)."""
    if name == "back":
        return back(iv, question)
    if name == "skip":
        entry = iv.entry_for(question.key)
        if entry is None:  # the form question: there is nothing to skip to
            return Reply.error("请先选择要填的表格类型。")
        if not question.optional and not handlers.handler(entry.kind).can_skip(iv, entry, question):
            return Reply.error("这一项是必填的，不能跳过。需要说明可以输入“帮助”。")
        reply = handlers.handler(entry.kind).skip(iv, entry, question)
        if reply.accepted:
            settled(iv, question)
        return reply
    if name == "help":
        return Reply(True, HELP, handlers.help_text(iv, question))
    if name == "preview":
        return Reply(True, PREVIEW, handlers.preview(iv))
    if name == "review":
        return Reply(True, REVIEW, handlers.review_text(iv, iv.findings()))
    if name == "exit":
        iv.state.exited = True
        return Reply(True, EXIT, "已保存。下次运行 jixiao 可以从这里继续。")
    return Reply.error("不认识的命令。")  # pragma: no cover - commands.command returns known names only


def back(iv: Interview, question: Question) -> Reply:
    """返回: re-ask the answer before this question (again and again, further back)."""
    state = iv.state
    if state.confirming:
        state.confirming = None
        return Reply(True, BACK, "好的，重新输入指标名称。")
    history = state.history
    index = (state.back_index if state.back_index is not None else len(history)) - 1
    while index >= 0 and history[index][0] == question.key:
        index -= 1
    if index < 0:
        return Reply.error("已经是第一个问题了。")
    state.back_index = index
    state.revisit = history[index][0]
    return Reply(True, BACK, "回到上一个问题，原来的回答作为默认值，直接回车即可保留。")


def settled(iv: Interview, question: Question) -> None:
    """An answer to `question` was taken: a revisit that it answered is over."""
    state = iv.state
    state.failures.pop(question.key, None)
    if question.key == state.revisit or (state.revisit and not _revisit_pending(iv)):
        state.revisit = None
        state.back_index = None


def _revisit_pending(iv: Interview) -> bool:
    revisit = iv.state.revisit
    entry = iv.entry_for(revisit or "")
    if entry is None or revisit is None:
        return False
    return handlers.handler(entry.kind).question_for(iv, entry, revisit) is not None


def chat_question(iv: Interview, text: str, question: Question) -> Reply:
    """A question asked in the chat: answered from knowledge/qa.json, never recorded."""
    found = chat_qa.answer(text)
    if found is None:
        help_lines = handlers.help_text(iv, question).split("\n")[1:]  # the question itself is asked again
        return Reply(True, QA, "这个我答不上来。下面是当前这一项的说明：\n" + "\n".join(help_lines))
    return Reply(True, QA, found.text())


def after_three_failures(iv: Interview, question: Question) -> str:
    """What to add when an answer to `question` was refused a third time."""
    parts = ["这一项已经三次没有通过。", f"说明：{question.help}", f"例子：{question.example}"]
    standard = handlers.standard_value(iv, question)
    if standard:
        parts.append(f"可以直接回车采用标准值“{standard}”。")
    if question.optional:
        parts.append("这一项不是必填的，也可以输入“跳过”。")
    return "\n".join(parts)


__all__ = ["FIX", "JUMP_KEY", "after_three_failures", "back", "chat_question", "command", "fix_or_jump", "settled"]
