"""Handlers by plan-entry kind, and the record-level helpers the engine uses."""

from __future__ import annotations

from typing import Any

from assistant.forms import kind_of
from assistant.interview.handlers import review as _review
from assistant.interview.handlers.fix_words import fix_in_words  # noqa: F401  (re-exported)
from assistant.interview.handlers.indicators import ROW_RULES, standard_by_name  # noqa: F401
from assistant.interview.handlers.item_list import items_at
from assistant.interview.handlers.record_parts import rows_of  # noqa: F401
from assistant.interview.handlers.registry import HANDLERS, PREFILLED, SKELETONS, handler  # noqa: F401
from assistant.interview.model import Question, load_plan
from assistant.interview.start import FORMS, form_question, has_plan, parse_form_choice  # noqa: F401  (re-exported)
from assistant.values.period import period_years


def _multi_year(record: dict[str, Any]) -> bool:
    project = record.get("project") or {}
    years = period_years(project.get("period") if isinstance(project, dict) else None)
    return years is not None and years > 1


# Plan entries' `when`: the record decides whether they are asked.
CONDITIONS = {"multi_year": _multi_year}


def condition(name: str, iv) -> bool:
    return bool(CONDITIONS[name](iv.record))


def skeleton(form: str, source: dict | None, kb) -> dict[str, Any]:
    """The record before any answer: every key present, so previews and checks
    always see the full shape."""
    if form in SKELETONS:
        return SKELETONS[form](source, kb)
    return {
        "form": form,
        "year": None,
        "project": {"name": "", "code": None, "department": "", "unit": "", "attribute": None, "period": None},
        "funds": {"mid_term": None, "annual": {"total": 0, "fiscal": 0, "other": 0}},
        "spending_plan": None,
        "goals": {"mid_term": [], "annual": []},
        "indicators": {"mid_term": [], "annual": []},
    }


def prefilled(form: str, source: dict | None) -> list[str]:
    return PREFILLED[form](source) if form in PREFILLED and source else []


def clean(record: dict[str, Any]) -> dict[str, Any]:
    """Drop interview-only markers, and empty what the plan does not ask of this
    record (the mid-term part of a one-year project)."""
    kind = kind_of(record.get("form"))
    if kind is not None:
        for spec in kind.indicator_sets:
            for row in items_at(record, spec.path):
                row.pop("_todo", None)
        for entry in load_plan(kind.id).entries:
            if entry.when is not None and not CONDITIONS[entry.when](record):
                handler(entry.kind).clear(record, entry)
    if not record.get("accepted"):
        record.pop("accepted", None)
    return record


def help_text(iv, question: Question) -> str:
    parts = [question.prompt, f"说明：{question.help}", f"格式：{question.format}", f"例子：{question.example}"]
    if question.default:
        parts.append(f"直接回车采用：{question.default}")
    if question.optional:
        parts.append("这一项可以输入“跳过”。")
    parts.append("随时可以输入：返回、跳过、帮助、预览、审查、保存退出；也可以直接说“把 指标名称 改成 新值”。")
    return "\n".join(parts)


def preview(iv) -> str:
    from assistant.render import render_markdown

    if iv.form is None:
        return "还没有选择表格类型，先回答上面的问题。"
    return render_markdown(iv.final_record())


def review_text(iv, findings) -> str:
    return _review.review_text(findings)


def others(iv):
    """What the copy-paste rule compares with, from the interview's store view
    (interview/store_view.py): a store matcher, or a list of (label, record)."""
    found = iv.store.others()
    return found if hasattr(found, "copy_paste_matches") else list(found)


def standard_value(iv, question: Question) -> str | None:
    if question.key.endswith(".value"):
        return question.default
    return None


__all__ = [
    "FORMS",
    "HANDLERS",
    "ROW_RULES",
    "clean",
    "condition",
    "fix_in_words",
    "form_question",
    "handler",
    "help_text",
    "others",
    "parse_form_choice",
    "preview",
    "prefilled",
    "review_text",
    "skeleton",
    "standard_by_name",
    "standard_value",
]
