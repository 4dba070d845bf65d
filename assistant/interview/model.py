"""What the engine shows (Question) and answers (Reply). Plain data: the TUI,
replay and tests read them; nothing here knows how they are displayed."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from assistant.rules.findings import Finding


@dataclass(frozen=True)
class PlanEntry:
    """One step of a question plan (assistant/interview/plans/*.json)."""

    id: str
    section: str
    kind: str
    field: str
    prompt: str
    help: str
    example: str
    format: str
    required: bool
    when: str | None = None
    choices: tuple[str, ...] = ()
    default: str | None = None
    default_from: str | None = None


@dataclass(frozen=True)
class Plan:
    form: str
    title: str
    entries: tuple[PlanEntry, ...]


@cache
def load_plan(form: str) -> Plan:
    text = resources.files("assistant.interview").joinpath("plans", f"{form}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    entries = tuple(PlanEntry(**{**e, "choices": tuple(e.get("choices", ()))}) for e in data["entries"])
    return Plan(form=data["form"], title=data["title"], entries=entries)


@dataclass(frozen=True)
class Suggestion:
    number: int
    label: str  # what the list shows
    value: str  # what choosing it answers
    detail: str = ""  # one line of explanation (typical value, description)


class LazySuggestions(Sequence):
    """Suggestions computed on first use. Building them means fuzzy-searching the
    knowledge base; replay answers with names, never numbers, so it never pays."""

    def __init__(self, build: Callable[[], Iterable[Suggestion]]):
        self._build = build
        self._items: tuple[Suggestion, ...] | None = None

    def _get(self) -> tuple[Suggestion, ...]:
        if self._items is None:
            self._items = tuple(self._build())
        return self._items

    def __getitem__(self, index):
        return self._get()[index]

    def __len__(self) -> int:
        return len(self._get())

    def __eq__(self, other) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, (tuple, Sequence)) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return f"LazySuggestions({self._get()!r})"


class LazyText:
    """A text field of a Question that may be given as a function, called on
    first read and kept. The example and note of an indicator category name
    the sector's own indicators (a knowledge search); the chat shows them,
    replay never reads them, so it never pays. Like LazySuggestions, the
    function reads the interview when the text is first shown."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}"

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return ""  # the field's default
        value = obj.__dict__[self.slot]
        if callable(value):
            value = value()
            obj.__dict__[self.slot] = value
        return value

    def __set__(self, obj: Any, value: str | Callable[[], str]) -> None:
        obj.__dict__[self.slot] = value


@dataclass(frozen=True)
class Question:
    key: str  # the field (or list/category) this question fills
    entry: str  # plan entry id
    section: str
    prompt: str
    help: str
    example: str = LazyText()  # type: ignore[assignment]  # a str, or a function giving it
    format: str = ""
    optional: bool = False
    default: str | None = None  # an empty answer takes this
    suggestions: tuple[Suggestion, ...] = ()
    choices: tuple[str, ...] = ()
    multiline: bool = False
    step: int = 0
    steps: int = 0
    note: str = LazyText()  # type: ignore[assignment]  # context shown above the prompt (e.g. derived indicators)

    def progressed(self, step: int, steps: int) -> Question:
        """This question at `step` of `steps`, its lazy texts still unread
        (dataclasses.replace would read every field)."""
        new = copy.copy(self)
        object.__setattr__(new, "step", step)
        object.__setattr__(new, "steps", steps)
        return new

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "entry": self.entry,
            "section": self.section,
            "prompt": self.prompt,
            "default": self.default,
            "optional": self.optional,
            "step": self.step,
            "steps": self.steps,
            "suggestions": [s.value for s in self.suggestions],
            "choices": list(self.choices),
        }


ANSWER, HELP, PREVIEW, REVIEW, EXIT, ERROR, FIX, BACK, QA = (
    "answer",
    "help",
    "preview",
    "review",
    "exit",
    "error",
    "fix",
    "back",
    "qa",
)


@dataclass
class Reply:
    accepted: bool
    kind: str = ANSWER
    message: str = ""
    notices: list[Finding] = field(default_factory=list)
    finished: bool = False
    # Accepted, but an error about this answer stands (it is among the notices):
    # the UI must not show the acceptance as a plain ✓.
    flagged: bool = False
    # The answer as recorded (a suggestion number resolved to its name, an empty
    # line to the default): set by Session.send, so the UI never resolves again.
    answer: str = ""

    @staticmethod
    def error(message: str) -> Reply:
        return Reply(False, ERROR, message)
