"""这个项目属于哪一类？

When the project's name, goals and department leave its sector unclear (two close
candidates, or only a weak hint), each indicator question says which sector the
suggestions follow and offers the top three and 其他; answering `类别 2` (or
`类别 乡村振兴`, `类别 其他`) at an indicator question changes it. The choice is an
answer like any other, so a transcript replays it, and transcripts without one
replay as before.
"""

from __future__ import annotations

from assistant.interview.model import Reply
from assistant.knowledge.recognize import OTHER

PREFIX = "类别"


def _recognition(iv):
    from assistant.interview.handlers.record_parts import project_parts

    name, goals, department = project_parts(iv)
    return iv.search.recognize(name, goals, department)


def chosen_sector(iv) -> str | None:
    """The sector the user chose: its id, "" for 其他, None if they did not choose."""
    for _, answer in reversed(iv.state.history):
        if answer.startswith(PREFIX + " "):
            choice = answer[len(PREFIX) + 1 :]
            names = {name: sid for sid, name in iv.kb.sectors.items()}
            return "" if choice == OTHER else names.get(choice, "")
    return None


def note(iv) -> str:
    """The line under an indicator question while the sector is unclear or chosen."""
    recognition = _recognition(iv)
    chosen = chosen_sector(iv)
    if chosen is not None:
        name = iv.kb.sectors.get(chosen, OTHER)
        return f"项目类别：{name}（您选的；输入“{PREFIX} 编号”可再改）。"
    if not recognition.unsure or not recognition.sectors:
        return ""
    options = recognition.choices()
    listed = "  ".join(f"{n} {o}" for n, o in enumerate(options, 1))
    return f"这个项目属于哪一类？{listed}。现在按“{options[0]}”推荐指标；不对请输入“{PREFIX} 编号”，例如 {PREFIX} 2。"


def is_choice(text: str) -> bool:
    return text == PREFIX or text.startswith(PREFIX + " ")


def apply(iv, question, text: str) -> Reply:
    recognition = _recognition(iv)
    options = recognition.choices()
    answer = text[len(PREFIX) :].strip()
    if answer.isdecimal() and 1 <= int(answer) <= len(options):
        answer = options[int(answer) - 1]
    if answer != OTHER and answer not in iv.kb.sectors.values():
        listed = "  ".join(f"{n} {o}" for n, o in enumerate(options, 1))
        return Reply.error(f"请在“{PREFIX}”后写编号或类别名称：{listed}。")
    iv.remember(question.key, f"{PREFIX} {answer}")
    if answer == OTHER:
        return Reply(True, message="好的，不按行业推荐，只推荐通用指标和与项目名称相近的指标。")
    return Reply(True, message=f"好的，按“{answer}”推荐指标。")
