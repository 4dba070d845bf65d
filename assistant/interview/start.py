"""The first question (which form?), importable without the engine: the UI
shows it before the engine and the knowledge base have loaded."""

from __future__ import annotations

from assistant.forms import FORM_IDS, FORM_LABELS, kind_by
from assistant.interview.model import Question
from assistant.values.user_numbers import choice_number

FORM_QUESTION_KEY = "form"
FORMS = FORM_IDS


def form_question() -> Question:
    labels = tuple(FORM_LABELS[form] for form in FORMS)
    menu = "  ".join(f"{i} {label}" for i, label in enumerate(labels, 1))
    return Question(
        key="form",
        entry="form",
        section="开始",
        prompt=f"您要填哪一种表？{menu}",
        help="每个预算项目编预算时填“项目支出绩效目标申报表”；部门整体再填一张“部门整体支出绩效目标申报表”；"
        "年度结束后对项目填“项目支出绩效自评表”，对部门整体填“部门整体支出绩效自评表”。",
        example="1",
        format="、".join(str(i) for i in range(1, len(FORMS))) + f" 或 {len(FORMS)}",
        default="1",
        choices=labels,
    )


def first_question(form: str) -> Question | None:
    """The first question of a form's plan, from the plan alone: shown while the
    engine loads. None when the plan's first entry is not a plain field (its
    question then depends on the record)."""
    from assistant.interview.model import load_plan

    entry = load_plan(form).entries[0]
    if entry.kind not in ("year", "text") or entry.default_from:
        return None
    return Question(
        key=entry.field,
        entry=entry.id,
        section=entry.section,
        prompt=entry.prompt,
        help=entry.help,
        example=entry.example,
        format=entry.format,
        optional=not entry.required,
        default=entry.default,
        choices=entry.choices,
    )


def has_plan(form: str) -> bool:
    from importlib import resources

    return resources.files("assistant.interview").joinpath("plans", f"{form}.json").is_file()


def parse_form_choice(text: str) -> str | None:
    text = text.strip()
    if text in FORMS:
        return text
    number = choice_number(text, len(FORMS))
    if number is not None:
        return FORMS[number - 1]
    department, self_eval = "部门" in text, "自评" in text
    if not (department or self_eval or "项目" in text):
        return None
    # 部门 and 自评 name the form's breadth and stage: 项目 alone is a project declaration
    kind = kind_by(department_wide=department, self_evaluation=self_eval)
    return kind.id if kind else None
