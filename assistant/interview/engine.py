"""The interview engine: asks for whatever the record still lacks, in plan
order, and folds each answer into the record.

It is dependency-driven (like docassemble): there is no cursor to keep in
step. The next question is the first plan entry whose handler still has
something to ask, unless the user went back (`revisit`). Going back re-asks
an earlier question with its answer as the default; answering it returns to
wherever the record is still incomplete, so later answers are never lost.

Every method is deterministic: the same answers give the same record, which
is what replay and resume rely on. No UI, no file I/O.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.forms import FORM_LABELS
from assistant.interview import chat_qa, checks, handlers, navigation
from assistant.interview.commands import YES_WORDS, list_words, near_miss
from assistant.interview.commands import command as _command
from assistant.interview.model import (
    ERROR,
    EXIT,
    FIX,
    Plan,
    PlanEntry,
    Question,
    Reply,
    load_plan,
)
from assistant.interview.start import FORM_QUESTION_KEY
from assistant.interview.store_view import EMPTY, StoreView
from assistant.knowledge import IndicatorSearch, KnowledgeBase, load, searcher
from assistant.rules import Finding, check
from assistant.values.user_numbers import user_int

_UNSET = object()

MAX_ANSWER = 20000


@dataclass
class State:
    """Everything the answers so far have decided."""

    record: dict[str, Any]
    answered: set[str] = field(default_factory=set)  # fields given (or skipped)
    closed: set[str] = field(default_factory=set)  # lists/categories the user finished
    history: list[tuple[str, str]] = field(default_factory=list)  # (key, answer) in order
    revisit: str | None = None  # key re-asked after 返回 or a jump
    back_index: int | None = None  # where in history the revisit came from
    confirming: dict[str, Any] | None = None  # a 您是不是要找…? question in flight
    near_miss: dict[str, str] | None = None  # 是不是想输入“跳过”？ asked about this text
    failures: dict[str, int] = field(default_factory=dict)
    finished: bool = False
    exited: bool = False


class Interview:
    """One interview. `question()` says what to ask; `answer(text)` applies a reply."""

    def __init__(
        self,
        form: str | None = None,
        *,
        kb: KnowledgeBase | None = None,
        search: IndicatorSearch | None = None,
        source: dict[str, Any] | None = None,
        store: StoreView | None = None,
    ):
        self.kb = kb or load()
        self.search = search or (searcher() if kb is None else IndicatorSearch(self.kb))
        self.source = source  # a record to start from (a declaration for a self-evaluation)
        self.form: str | None = None
        self.plan: Plan | None = None
        self.state = State(record={})
        # Replay sets quiet: every error still refuses an answer, but the warnings
        # a person would be shown after each answer are not computed.
        self.quiet = False
        # What the interview may ask of the store (interview/store_view.py): what
        # copy-paste compares with, and where a department form finds its projects.
        self.store: StoreView = EMPTY if store is None else store
        self._asked: Any = _UNSET  # the current question, until state changes
        self._entries: list[PlanEntry] | None = None
        self._findings: dict[Any, list[Finding]] = {}
        if form:
            self._start(form)

    # ----------------------------------------------------------------- setup
    def _start(self, form: str) -> None:
        self._changed()
        self.form = form
        self.plan = load_plan(form)
        if self.source is not None and self.source.get("form") == form:
            self._adopt(self.source)
            return
        self.state.record = handlers.skeleton(form, self.source, self.kb)
        for key in handlers.prefilled(form, self.source):
            self.state.answered.add(key)
        self._changed()

    def _adopt(self, record: dict[str, Any]) -> None:
        """Start from a complete record of this form (an imported file, or a
        stored record being fixed): every question counts as answered, so the
        interview opens at the review and fixes in words apply at once."""
        self.state.record = copy.deepcopy(record)
        for entry in self.entries():
            handlers.handler(entry.kind).mark_complete(self, entry)

    @property
    def record(self) -> dict[str, Any]:
        return self.state.record

    @property
    def finished(self) -> bool:
        return self.state.finished

    def final_record(self) -> dict[str, Any]:
        """The record without interview-only markers, as stored and exported."""
        return handlers.clean(_copy_json(self.state.record))

    # -------------------------------------------------------------- questions
    def applies(self, entry: PlanEntry) -> bool:
        return entry.when is None or handlers.condition(entry.when, self)

    def entries(self) -> list[PlanEntry]:
        """The plan entries that apply to the record as it stands. Every question
        lookup needs them, so they are kept until an answer changes the state
        (conditions read only the record)."""
        if not self.plan:
            return []
        if self._entries is None:
            self._entries = [e for e in self.plan.entries if self.applies(e)]
        return self._entries

    def entry_for(self, key: str) -> PlanEntry | None:
        best = None
        for entry in self.entries():
            if (
                key == entry.field
                or key == entry.id
                or (entry.field and key.startswith(entry.field) and key[len(entry.field)] in ".[:#")
            ):
                if best is None or len(entry.field) > len(best.field):
                    best = entry
        return best

    def question(self) -> Question | None:
        """The question to ask now, or None when the interview is finished.
        Only answers and jumps change it, so it is computed once per state."""
        if self._asked is _UNSET:
            self._asked = self._next_question()
        return self._asked

    def _changed(self) -> None:
        self._asked = _UNSET
        self._entries = None

    def _next_question(self) -> Question | None:
        if self.state.finished:
            return None
        if self.form is None:
            return handlers.form_question()
        entries = self.entries()
        question = None
        if self.state.revisit:
            entry = self.entry_for(self.state.revisit)
            if entry is not None:
                question = handlers.handler(entry.kind).question_for(self, entry, self.state.revisit)
        if question is None:
            for entry in entries:
                question = handlers.handler(entry.kind).next_question(self, entry)
                if question is not None:
                    break
        if question is None:
            return None
        step = next((i for i, e in enumerate(entries, 1) if e.id == question.entry), 0)
        return question.progressed(step, len(entries))

    # ---------------------------------------------------------------- answers
    def resolve(self, text: str) -> str:
        """The answer made self-contained (a suggestion number → its name, an empty
        line → the default), so a transcript replays the same under new knowledge."""
        text = _clean_input(text)
        question = self.question()
        if self.state.near_miss and text.lower() in YES_WORDS:
            return self.state.near_miss["word"]  # 是 to 是不是想输入“跳过”？ is 跳过
        if question is None or _command(text) or navigation.JUMP_KEY.match(text) or chat_qa.is_question(text):
            return text
        if self.state.confirming:
            return text
        if text == "" and question.default is not None:
            return question.default
        number = user_int(text)
        if number is not None and question.suggestions:
            for suggestion in question.suggestions:
                if suggestion.number == number:
                    return suggestion.value
        if self.form is None and number is not None:
            return text
        entry = self.entry_for(question.key) if self.form else None
        if entry is not None:
            return handlers.handler(entry.kind).resolve(self, entry, question, text)
        return text

    def answer(self, text: str) -> Reply:
        """Apply one answer or command. Returns what to tell the user."""
        try:
            reply = self._answer(text)
        finally:
            self._changed()
        # A plan that ends without a review is finished when nothing is left to ask;
        # the memo makes this the same question the caller asks for next.
        if self.form and not self.state.finished and self.question() is None:
            self.state.finished = True
        reply.finished = reply.finished or self.state.finished
        return reply

    def _answer(self, text: str) -> Reply:
        text = _clean_input(text)
        if len(text) > MAX_ANSWER:
            return Reply.error(f"回答太长了（{len(text)} 字）。请精简到 {MAX_ANSWER} 字以内。")
        moved = navigation.fix_or_jump(self, text) if self.form else None  # 把 X 改成 Y, 跳转 KEY
        if moved is not None:
            return moved
        question = self.question()
        if question is None:
            return Reply(False, EXIT, "访谈已经结束。", finished=True)
        pending, self.state.near_miss = self.state.near_miss, None
        if pending and text.lower() in YES_WORDS:
            text = pending["word"]
        command = _command(text)
        if command:
            return navigation.command(self, command, question)
        if chat_qa.is_question(text):
            return navigation.chat_question(self, text, question)
        if self.form and not (pending and pending["text"] == text):
            word = near_miss(text, list_words(question.prompt, question.format), question.choices)
            if word:
                self.state.near_miss = {"text": text, "word": word}
                return Reply(
                    False,
                    ERROR,
                    f"是不是想输入“{word}”？是的话输入“是”（或直接输入“{word}”）；"
                    f"如果“{text}”就是您的回答，请再输入一次。",
                )
        if text == "" and question.default is not None:
            text = question.default
        if self.form is None:
            form = handlers.parse_form_choice(text)
            if form is None:
                return Reply.error(f"请输入 1–{len(handlers.FORMS)} 的编号选择表格类型。")
            if not handlers.has_plan(form):
                return Reply.error(f"“{FORM_LABELS[form]}”的问题清单还没有准备好，暂时不能填。请选择其他表格。")
            self._start(form)
            self.remember(FORM_QUESTION_KEY, text)
            return Reply(True, message=f"好的，我们来填{FORM_LABELS[form]}。")
        entry = self.entry_for(question.key)
        if entry is None:  # a question the plan does not own: a bug, said rather than crashed on
            return Reply.error("这个问题现在不能回答，请输入“返回”。")
        reply = handlers.handler(entry.kind).apply(self, entry, question, text)
        if reply.accepted:
            navigation.settled(self, question)
            checks.flag_errors(self, question, reply)
        else:
            count = self.state.failures.get(question.key, 0) + 1
            self.state.failures[question.key] = count
            if count >= 3:
                reply.message += "\n" + navigation.after_three_failures(self, question)
        reply.finished = reply.finished or self.state.finished
        return reply

    def remember(self, key: str, answer: str) -> None:
        """Called by handlers when an answer is accepted: the back-navigation trail."""
        self.state.history.append((key, answer))

    # --------------------------------------------------------------- checking
    def findings(self, rules: list[str] | None = None) -> list[Finding]:
        """Findings on the record as it stands, without those the user accepted."""
        if self.form is None:
            return []
        # The review asks for all findings on every redraw; the record is the same
        # until an answer changes it, so the result is kept per record content (the
        # other records copy-paste compares with do not change during an interview).
        key = (tuple(rules) if rules else None, json.dumps(self.state.record, ensure_ascii=False, default=str))
        if key not in self._findings:
            others = handlers.others(self)
            found = check(self.final_record(), kb=self.kb, search=self.search, rules=rules, others=others)
            if len(self._findings) > 64:
                self._findings.clear()
            self._findings[key] = found
        accepted = {(a["rule"], a["path"]) for a in self.record.get("accepted", [])}
        return [f for f in self._findings[key] if (f.rule, f.path) not in accepted]

    def can_jump(self, key: str) -> bool:
        entry = self.entry_for(key)
        return entry is not None and handlers.handler(entry.kind).question_for(self, entry, key) is not None

    def jump(self, key: str) -> None:
        """Re-ask the question that owns `key` (used by the review step)."""
        self.state.revisit = key
        self.state.back_index = None
        self._changed()


def _copy_json(value: Any) -> Any:
    """A deep copy of a record (dicts, lists and immutable values), 4× faster
    than copy.deepcopy: every check of an answer copies the record."""
    if isinstance(value, dict):
        return {key: _copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy_json(item) for item in value]
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_input(text: str) -> str:
    if not isinstance(text, str):
        text = str(text)
    return _CONTROL.sub("", text).strip()


__all__ = ["FIX", "FORM_LABELS", "FORM_QUESTION_KEY", "Interview", "State"]
