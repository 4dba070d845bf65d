"""What the chat says: fixed texts, and the placeholder, hint line, pick list
and Markdown made from the engine's questions and findings. No Textual."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.interview.model import Question
from assistant.values.user_numbers import choice_number, is_user_int


@dataclass(frozen=True)
class Choice:
    """One line of the pick list."""

    number: int | None  # what typing a digit picks (None: pick with the arrows only)
    label: str
    value: str  # what choosing it answers
    detail: str = ""
    more: bool = False  # listed only when typing filters the list (suggestions after the first page)


SEVERITY = {"error": ("✗", "错误"), "warning": ("⚠", "警告"), "info": ("ℹ", "提示")}

WELCOME = (
    "您好！我是**绩效目标填报助手**。我一项一项地问，您照实回答就行；"
    "表格会跟着您的回答一点点填好（在右边；窗口窄时按 **F2** 查看）。\n\n"
    "不清楚怎么填时按 **F1**（或输入“帮助”）；答错了按 **Ctrl+B** 返回上一步；"
    "想歇一会儿按 **Ctrl+S** 保存退出，下次运行 jixiao 接着填。每个回答都会马上保存。"
)
SUGGESTION_PAGE = 5  # suggestions listed at first; typing filters all of them
LOCAL_HELP = "先选一项：输入编号后回车，或用 ↑↓ 选中后回车。"


def placeholder(question: Question) -> str:
    if question.suggestions:
        return "输入编号或指标名称，回车确认"
    return f"{question.format}，例如：{question.example}"


def hint(question: Question) -> str:
    """The grey line above the answer box: what Enter does, what else works."""
    bits = []
    if question.key == "review":
        if question.default:
            return "没有错误：直接回车确认定稿；还想改可以输入“把 指标名称 改成 新值”；F1 帮助"
        bits.append("输入编号跳到那一项修改（或按 F3 在问题清单里选）；“接受 编号 原因”保留警告")
    if question.suggestions:
        bits.append("↑↓ 选择，回车确认；输入文字可筛选")
    if question.default not in (None, "") and question.key != "review":
        default = question.default if len(question.default) <= 24 else question.default[:24] + "…"
        number = choice_number(default, len(question.choices))
        if number is not None:
            default = f"{default} {question.choices[number - 1]}"
        bits.append(f"直接回车采用：{default}")
    if question.optional and not question.suggestions:
        bits.append("不需要可以输入“跳过”")
    if question.multiline:
        bits.append("可以直接粘贴整段文字")
    bits.append("F1 帮助")
    return "；".join(bits)


def choices_for(question: Question) -> list[Choice]:
    """The pick list: knowledge-base suggestions (plus “this category is done”), or the choices."""
    if question.suggestions:
        found = [
            Choice(s.number, s.label, s.value, s.detail, more=i >= SUGGESTION_PAGE)
            for i, s in enumerate(question.suggestions)
        ]
        if ":" in question.key and not question.key.endswith(":confirm"):
            found.append(Choice(None, "这一类填完了（完成）", "完成"))
        return found
    return [Choice(n, c, c) for n, c in enumerate(question.choices, 1)]


def shown_answer(text: str, resolved: str) -> str:
    """The user's bubble: what was typed, and what a number or an empty line meant."""
    if not text.strip():
        return f"（回车）{resolved}" if resolved else "（回车）"
    if text.strip() != resolved and (is_user_int(text) or len(text.strip()) == 1):  # 2 → 历史标准, 是 → 跳过
        return f"{text.strip()} → {resolved}"
    return text


def markdown_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("`", "\\`")


def question_markdown(question: Question, new_section: bool, findings: list) -> str:
    parts = []
    if new_section:
        parts.append(f"**【{question.section}】**")
    if question.key == "review":
        parts.append(findings_markdown(findings))
    elif question.note:
        parts.append(
            "  \n".join(f"*{markdown_escape(line.strip())}*" for line in question.note.splitlines() if line.strip())
        )
    parts.append(f"**{question.prompt}**")
    return "\n\n".join(parts)


def findings_markdown(findings: list) -> str:
    """The review list, numbered as the review question expects (without rule
    ids, which mean nothing to the user)."""
    if not findings:
        return "检查完了，**没有发现问题**。"
    errors = sum(1 for f in findings if f.severity == "error")
    head = (
        f"共 {len(findings)} 条意见，其中 **{errors} 个错误**（必须改正）。"
        if errors
        else f"共 {len(findings)} 条意见，没有错误。"
    )
    lines = [
        f"{n}. {SEVERITY[f.severity][0]} **{SEVERITY[f.severity][1]}**：{markdown_escape(f.message)}"
        for n, f in enumerate(findings, 1)
    ]
    return head + "\n\n" + "\n".join(lines)


def help_markdown(message: str) -> str:
    lines = [line for line in message.splitlines() if line.strip()]
    if not lines:
        return ""
    return f"**{lines[0]}**\n\n" + "\n".join(f"- {markdown_escape(line)}" for line in lines[1:])


def qa_markdown(message: str) -> str:
    """A question answered in the chat: the answer, its basis in italics, and
    (unmatched) the help of the current question as a list."""
    lines = [line for line in message.splitlines() if line.strip()]
    if not lines:
        return ""
    out = [markdown_escape(lines[0])]
    rest = [
        f"*{markdown_escape(line)}*" if line.startswith("依据：") else f"- {markdown_escape(line)}"
        for line in lines[1:]
    ]
    return "\n\n".join([*out, "\n".join(rest)]) if rest else out[0]


def counts(findings: list) -> str:
    """✗1 ⚠2 — how many of each severity."""
    parts = []
    for severity, (symbol, _) in SEVERITY.items():
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            parts.append(f"{symbol}{n}")
    return " ".join(parts)


def bar(step: int, steps: int, width: int = 10) -> str:
    if steps <= 0:
        return ""
    filled = max(0, min(width, round(width * step / steps)))
    return "▰" * filled + "▱" * (width - filled)
