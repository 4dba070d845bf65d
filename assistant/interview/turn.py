"""One turn of the conversation as a user interface sees it.

`Session.send(text)` returns a `Turn`: the reply to the answer, the next
question (with its step of the plan), the progress, and the findings to show
beside it. A UI reads only turns and the session's small query methods, never
the interview's state, so the engine can change inside without the UI noticing.

The findings are worked out on first use (one full check of the record, kept
per record content by the interview): a caller that only wants the reply
(replay, a script, `jixiao fix`) never pays for them. A turn describes one
moment; once the session has taken another answer its findings are no longer
those of the record, and asking for them is a bug (`StaleTurn`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from assistant.forms import FORM_LABELS, title_of
from assistant.interview.field_states import Category, FieldStates
from assistant.interview.model import Question, Reply
from assistant.rules.findings import Finding

NO_FORM = "绩效表填报"  # the title before a form is chosen


class StaleTurn(RuntimeError):
    """A turn's findings were asked for after the session had moved on."""


@dataclass(frozen=True)
class Progress:
    """Where the interview stands: which form, whose, and the step of its plan."""

    form: str | None
    label: str  # the form's Chinese title (NO_FORM before one is chosen)
    title: str  # the project's name, or the department's
    section: str = ""
    step: int = 0
    steps: int = 0

    @classmethod
    def of(cls, form: str | None, record: dict[str, Any], question: Question | None) -> Progress:
        label = FORM_LABELS.get(form, NO_FORM) if form else NO_FORM
        title = title_of(record) if form else ""
        if question is None:
            return cls(form, label, title)
        return cls(form, label, title, question.section, question.step, question.steps)


@dataclass(frozen=True)
class FormView:
    """What the live form needs: the record, its indicator categories, whether it
    spans several years, and the state of every field (answered, derived, …)."""

    form: str | None
    record: dict[str, Any]
    categories: list[Category]
    multi_year: bool
    states: FieldStates


class Turn:
    """The reply to one answer (None for the turn a session opens on) and what
    to show next."""

    def __init__(
        self,
        reply: Reply | None,
        asked: str,
        question: Question | None,
        progress: Progress,
        findings: Callable[[], tuple[list[Finding], list[Finding]]],
        current: Callable[[], bool],
    ):
        self._reply = reply
        self.asked = asked  # the key of the question the answer was given to ("" when opening)
        self.question = question  # None: nothing left to ask
        self.progress = progress
        self._findings = findings
        self._current = current

    @property
    def opening(self) -> bool:
        """The turn a session opens (or resumes) on: no answer, so no reply."""
        return self._reply is None

    @property
    def reply(self) -> Reply:
        """What the engine said to the answer (`Reply.answer` is the answer as recorded)."""
        if self._reply is None:
            raise ValueError("an opening turn has no reply")
        return self._reply

    @property
    def finished(self) -> bool:
        """Nothing is left to ask (the record is ready to be finalised)."""
        return self.question is None or (self._reply is not None and self._reply.finished)

    @cached_property
    def _checked(self) -> tuple[list[Finding], list[Finding]]:
        if not self._current():
            raise StaleTurn("the session has taken another answer since this turn")
        return self._findings()

    @property
    def all_findings(self) -> list[Finding]:
        """Every finding on the record, in the order (and so with the numbers) of the review."""
        return self._checked[0]

    @property
    def findings(self) -> list[Finding]:
        """The findings to show now: about what has been answered so far (all of them at the review)."""
        return self._checked[1]

    def __repr__(self) -> str:
        kind = self._reply.kind if self._reply else "open"
        return f"Turn({kind}, asked={self.asked!r}, next={self.question.key if self.question else None!r})"


__all__ = ["NO_FORM", "FormView", "Progress", "StaleTurn", "Turn"]
