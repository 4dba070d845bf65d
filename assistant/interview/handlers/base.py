"""The handler protocol and small helpers shared by the handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant import record_path
from assistant.interview.model import PlanEntry, Question, Reply

if TYPE_CHECKING:
    from assistant.interview.engine import Interview


class Handler:
    """Knows how to ask for, and fold in, one kind of plan entry."""

    def next_question(self, iv: Interview, entry: PlanEntry) -> Question | None:
        raise NotImplementedError

    def question_for(self, iv: Interview, entry: PlanEntry, key: str) -> Question | None:
        """The question that re-asks `key` (after 返回 or a jump from review)."""
        return self.next_question(iv, entry) if key == entry.field else None

    def resolve(self, iv: Interview, entry: PlanEntry, question: Question, text: str) -> str:
        return text

    def apply(self, iv: Interview, entry: PlanEntry, question: Question, text: str) -> Reply:
        raise NotImplementedError

    def skip(self, iv: Interview, entry: PlanEntry, question: Question) -> Reply:
        return Reply.error("这一项不能跳过。")

    def can_skip(self, iv: Interview, entry: PlanEntry, question: Question) -> bool:
        """May a question that is not optional still be skipped (a category whose
        requirement another category can meet)? The engine asks before refusing."""
        return False

    def mark_complete(self, iv: Interview, entry: PlanEntry) -> None:
        """Treat this entry as fully answered (the interview adopts a finished record)."""
        iv.state.answered.add(entry.field)
        iv.state.closed.add(entry.field)

    def clear(self, record: dict[str, Any], entry: PlanEntry) -> None:
        """Empty what this entry fills (the plan does not ask it of this record)."""
        record_path.set(record, entry.field, None)


def ask(entry: PlanEntry, key: str, **overrides: Any) -> Question:
    fields: dict[str, Any] = {
        "key": key,
        "entry": entry.id,
        "section": entry.section,
        "prompt": entry.prompt,
        "help": entry.help,
        "example": entry.example,
        "format": entry.format,
        "optional": not entry.required,
        "default": entry.default,
        "choices": entry.choices,
    }
    fields.update(overrides)
    return Question(**fields)


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value)


def clip(text: str, limit: int = 30) -> str:
    """A summary of a long text: cut at `limit` characters with “…”, whole when it fits."""
    text = str(text)
    return text if len(text) <= limit else text[:limit].rstrip("，,；;、 ") + "…"
