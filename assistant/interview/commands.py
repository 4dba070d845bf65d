"""The command words of the interview, in one place, and near-miss detection.

Two kinds of words:

- engine commands (返回, 跳过, 帮助, 预览, 审查, 保存退出) work at every question;
- list words (完成, 确认, 删除, 是, 否 …) mean something only where the
  question says so: a question that asks for “完成” takes it.

A clerk types with a pinyin input method, so a mistyped command is usually a
homophone of the same length (跳国 for 跳过, 审察 for 审查, 完城 for 完成). Such
an answer is never recorded: the engine asks “是不是想输入“跳过”？” and keeps
the question. Typing the same text again means it really is the answer.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

# name → (the word shown to the user, every word that means it)
COMMANDS: dict[str, tuple[str, frozenset[str]]] = {
    "back": ("返回", frozenset({"返回", "上一步", "后退", "back"})),
    "skip": ("跳过", frozenset({"跳过", "skip", "略过"})),
    "help": ("帮助", frozenset({"帮助", "help", "?", "？", "怎么填", "不知道"})),
    "preview": ("预览", frozenset({"预览", "preview"})),
    "review": ("审查", frozenset({"审查", "检查", "review"})),
    "exit": ("保存退出", frozenset({"保存退出", "退出", "保存并退出", "quit", "exit"})),
}

# Words of list and review questions (handlers import them from here).
DONE_WORD = "完成"  # the word a list question names, offers and records for finishing
DONE_WORDS = frozenset({DONE_WORD, "没有了", "结束", "好了", "done"})
GOAL_DONE_WORDS = DONE_WORDS | {"无"}
INDICATOR_DONE_WORDS = DONE_WORDS | {"下一类"}
DELETE_WORDS = frozenset({"删除", "删掉", "去掉"})
FINAL_WORDS = frozenset({"确认", "完成", "定稿", "提交", "ok"})
YES_WORDS = frozenset({"是", "对", "是的", "好", "好的", "确认", "y", "yes"})
NO_WORDS = frozenset({"否", "不是", "不", "不对", "n", "no"})
# A 是/否 question whose choices are shown numbered (1 是  2 否).
YES_CHOICE_WORDS = YES_WORDS | {"1"}
NO_CHOICE_WORDS = NO_WORDS | {"2"}
# Taking up an offer to bring things in (the stored projects as tasks), and declining it.
TAKE_WORDS = YES_WORDS | {"要", "导入"}
DECLINE_WORDS = NO_WORDS | {"不要", "不用"}
# Accepting what is proposed (the weights table), and going on past a summary.
ACCEPT_WORDS = YES_WORDS | {"采用", "可以", "ok"}
CONTINUE_WORDS = frozenset({"", "继续", "确认", "是", "好", "好的", "ok", "下一步"})
CHANGE_WEIGHTS_WORDS = frozenset({"修改分值", "改分值", "调整分值"})
# An optional breakdown the form leaves out (按支出性质分).
NO_BREAKDOWN_WORDS = frozenset({"", "没有", "无", "不分", "不分列"})
# The list words a question may name in its prompt (“完成”): only those are near-miss targets.
LIST_WORDS = ("完成", "确认", "删除", "继续", "导入")

# Real answers a short word may be (a self-evaluation's achievement bands):
# never taken for a typo of a command (达成 is not 完成 mistyped).
ANSWER_WORDS = {"达成", "部分达成", "基本达成", "未达成", "已完成", "未完成", "基本完成"}
_KNOWN = (
    DONE_WORDS
    | GOAL_DONE_WORDS
    | INDICATOR_DONE_WORDS
    | DELETE_WORDS
    | FINAL_WORDS
    | YES_WORDS
    | NO_WORDS
    | TAKE_WORDS
    | DECLINE_WORDS
    | ACCEPT_WORDS
    | CONTINUE_WORDS
    | CHANGE_WEIGHTS_WORDS
    | NO_BREAKDOWN_WORDS
    | ANSWER_WORDS
)
_QUOTED = re.compile(r"[“\"]([^”\"]{1,6})[”\"]")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def command(text: str) -> str | None:
    """The engine command an answer is (`back`, `skip` …), or None."""
    word = text.strip().lower()
    for name, (_, words) in COMMANDS.items():
        if word in words:
            return name
    return None


def word_of(name: str) -> str:
    return COMMANDS[name][0]


def list_words(prompt: str, fmt: str = "") -> list[str]:
    """The list words a question asks for by name (`写完所有目标后输入“完成”`)."""
    quoted = set(_QUOTED.findall(prompt)) | set(_QUOTED.findall(fmt)) | set(fmt.replace("/", " ").split())
    return [w for w in LIST_WORDS if w in quoted]


def near_miss(text: str, local: list[str] | tuple[str, ...] = (), choices: tuple[str, ...] = ()) -> str | None:
    """The command word `text` is most likely a typo of, or None.

    Only short Chinese answers are considered, and only a word of the same
    length at edit distance 1 (two characters: one wrong; four: at most one
    wrong, or one missing/extra). An answer that is one of the question's own
    choices is never a near miss."""
    word = text.strip()
    if (
        not word
        or not _CJK.match(word)
        or len(word) > 5
        or word in choices
        or command(word)
        or word in local
        or word in _KNOWN
    ):
        return None
    targets = [word_of(name) for name in COMMANDS] + list(local)
    extra = [w for name in COMMANDS for w in COMMANDS[name][1] if _CJK.match(w) and w != word_of(name)]
    best = None
    for target in [*targets, *extra]:
        if target == word or target in choices:
            continue
        distance = Levenshtein.distance(word, target)
        same_length = len(word) == len(target)
        if (same_length and distance == 1 and len(word) >= 2) or (
            len(target) >= 4 and distance == 1 and abs(len(word) - len(target)) == 1
        ):
            canonical = next((word_of(n) for n, (_, ws) in COMMANDS.items() if target in ws), target)
            if best is None:
                best = canonical
    return best


__all__ = [
    "ACCEPT_WORDS",
    "CHANGE_WEIGHTS_WORDS",
    "COMMANDS",
    "CONTINUE_WORDS",
    "DECLINE_WORDS",
    "DELETE_WORDS",
    "DONE_WORD",
    "DONE_WORDS",
    "FINAL_WORDS",
    "GOAL_DONE_WORDS",
    "INDICATOR_DONE_WORDS",
    "LIST_WORDS",
    "NO_BREAKDOWN_WORDS",
    "NO_CHOICE_WORDS",
    "NO_WORDS",
    "TAKE_WORDS",
    "YES_CHOICE_WORDS",
    "YES_WORDS",
    "command",
    "list_words",
    "near_miss",
    "word_of",
]
