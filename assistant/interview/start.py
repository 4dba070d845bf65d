"""The first question (which form?), importable without the engine: the UI
shows it before the engine and the knowledge base have loaded."""

from __future__ import annotations


from assistant.interview.model import Question
from assistant.values.user_numbers import choice_number

FORM_QUESTION_KEY = "form"
FORMS = ("project-declaration", "department-declaration", "self-evaluation")


def form_question() -> Question:
    return Question(key="form", entry="form", section="开始", prompt=(
        "您要填哪一种表？1 项目支出绩效目标申报表  2 部门整体支出绩效目标申报表  3 项目支出绩效自评表"),
        help="每个预算项目编预算时填“项目支出绩效目标申报表”；部门整体再填一张“部门整体支出绩效目标申报表”；"
             "年度结束后对项目填“绩效自评表”。", example="1", format="1、2 或 3", default="1",
        choices=("项目支出绩效目标申报表", "部门整体支出绩效目标申报表", "项目支出绩效自评表"))


def has_plan(form: str) -> bool:
    from importlib import resources
    return resources.files("assistant.interview").joinpath("plans", f"{form}.json").is_file()


def parse_form_choice(text: str) -> str | None:
    text = text.strip()
    if text in FORMS:
        return text
    number = choice_number(text, 3)
    if number is not None:
        return FORMS[number - 1]
    for word, form in (("自评", "self-evaluation"), ("部门", "department-declaration"), ("项目", "project-declaration")):
        if word in text:
            return form
    return None
