"""A session: the engine plus its transcript. Every answer is written to disk
before the engine sees it; a session is resumed by replaying its transcript.
`send` returns a `Turn` (assistant/interview/turn.py), and a few queries
(`form_view`, `jump_key`) give a user interface what else it shows, so no UI
reads the interview itself.

Several sessions may have one transcript open (two windows on one interview,
a window and `jixiao fix`). They never diverge: each send happens under the
transcript's lock, and a session that finds lines it did not write first
replays them (it *follows* the other writer) and asks its user again instead
of applying an answer given to a question that has moved on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.interview import field_states
from assistant.interview.engine import Interview
from assistant.interview.field_states import FieldStates, Provenance
from assistant.interview.handlers.review import key_for_path
from assistant.interview.model import Reply
from assistant.interview.store_view import StoreView
from assistant.interview.transcript import (
    _MAX_TEXT,
    Transcript,
    TranscriptProblem,
    TranscriptWriter,
    damaged_path,
    new_header,
    read,
)
from assistant.interview.turn import FormView, Progress, Turn
from assistant.knowledge import load
from assistant.rules.findings import Finding

FOLLOWED = (
    "这份访谈刚在另一个窗口（或 jixiao fix）里有了新的回答，已同步到最新（{n} 条）。"
    "刚才的输入没有保存，请看当前的问题再回答。"
)


class Session:
    def __init__(
        self,
        path: Path,
        interview: Interview,
        writer: TranscriptWriter,
        header: dict[str, Any],
        problems: list[TranscriptProblem] | None = None,
        *,
        size: int | None = None,
        events: int = 0,
        provenance: Provenance | None = None,
    ):
        self.path = Path(path)
        self.interview = interview
        self.writer = writer
        self.header = header
        self.problems = problems or []
        self.size = size  # the file's size after the last line this session read or wrote
        self.events = events  # answers replayed or sent so far
        self.provenance = provenance or Provenance()  # which answers were defaults taken with Enter
        self._moves = 0  # changes of the interview's state, so a Turn knows when it is stale

    @classmethod
    def start(
        cls,
        path: Path,
        form: str | None = None,
        *,
        source: dict | None = None,
        record_id: str | None = None,
        title: str = "",
        store: StoreView | None = None,
    ) -> Session:
        """A new interview and its transcript; `store`: what it may ask of the
        record store (interview/store_view.py), none by default."""
        kb = load()
        header = new_header(form, kb.version, record_id=record_id, source=source, title=title)
        writer = TranscriptWriter.create(path, header)
        return cls(path, Interview(form, source=source, store=store), writer, header, size=writer.size())

    @classmethod
    def resume(cls, path: Path, *, store: StoreView | None = None) -> Session:
        """Replay a transcript (the interview sees `store`, as `start`). Damaged lines are set aside in ``<name>.damaged``
        (the file is rewritten without them, under its lock) and listed in
        `problems`, so the user is told and later resumes do not see them again."""
        writer = TranscriptWriter(path)
        with writer.locked():
            transcript = read(path)
            moved = writer.repair(transcript)
            size = writer.size()
        aside = damaged_path(Path(path)).name
        problems = [
            TranscriptProblem(p.line, f"{p.message}原样另存在 {aside}。" if p.line in moved else p.message)
            for p in transcript.problems
        ]
        interview = _replayed(transcript, problems, store)
        events = [event for _, event in transcript.events]
        return cls(
            path,
            interview,
            writer,
            transcript.header,
            problems,
            size=size,
            events=len(events),
            provenance=Provenance.from_events(events),
        )

    # ------------------------------------------------------------- answering
    def send(self, text: str) -> Turn:
        """Record the answer durably, then apply it; the turn says what to show
        next. A refused answer gets a marker line after it, so replay knows it
        was refused then, not newly."""
        asked = self.interview.question()
        key = asked.key if asked else ""
        reply = self._send(text, key)
        return self._turn(reply, key)

    def turn(self) -> Turn:
        """The turn the session stands at, without an answer (opening, resuming)."""
        return self._turn(None, "")

    def _send(self, text: str, key: str) -> Reply:
        if len(text) > _MAX_TEXT:
            return Reply.error(f"这段文字太长了（{len(text)} 字），一次最多 {_MAX_TEXT} 字。请分几次输入或删减后再试。")
        with self.writer.locked():
            if self.size is not None and self.writer.size() != self.size:
                return Reply.error(FOLLOWED.format(n=self._follow()))
            answer = self.interview.resolve(text)
            self.size = self.writer.append(
                {
                    "type": "answer",
                    "q": key,
                    "text": text,
                    "answer": answer,
                    "at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                }
            )
            self.events += 1
            self.provenance.note(key, text, answer)
            self._moves += 1  # the interview changes from here on (not when the line could not be written)
            try:
                reply = self.interview.answer(answer)
            except Exception:
                # A bug in the engine: the answer is on disk, marked refused, and the
                # interview is rebuilt from the transcript so its state is whole again.
                self.size = self.writer.append({"type": "refused", "q": key})
                self._rebuild()
                raise
            if not reply.accepted:
                self.size = self.writer.append({"type": "refused", "q": key})
        reply.answer = answer
        return reply

    def _turn(self, reply: Reply | None, asked: str) -> Turn:
        question = self.interview.question()
        moves = self._moves
        return Turn(
            reply,
            asked,
            question,
            Progress.of(self.interview.form, self.interview.record, question),
            lambda: self._findings(question),
            lambda: self._moves == moves,
        )

    def _findings(self, question) -> tuple[list[Finding], list[Finding]]:
        every = self.interview.findings()
        return every, field_states.visible_findings(self.interview, every, question)

    # --------------------------------------------------------------- queries
    @property
    def form(self) -> str | None:
        return self.interview.form

    def form_view(self, findings: list[Finding]) -> FormView:
        """The live form as it stands, its fields marked against `findings`."""
        iv = self.interview
        return FormView(
            iv.form,
            iv.record,
            field_states.categories(iv),
            field_states.multi_year(iv),
            FieldStates(iv, self.provenance, findings),
        )

    def jump_key(self, path: str) -> str | None:
        """The question to re-ask for a finding about `path` (sent as `跳转 KEY`),
        or None when no single question owns it (a whole set: fixed at the review)."""
        key = key_for_path(self.interview, path) if path else None
        return key if key and self.interview.can_jump(key) else None

    # ------------------------------------------------------------- following
    def follow(self) -> int:
        """Catch up with lines another process wrote (under the lock); returns the
        number of answers now replayed."""
        with self.writer.locked():
            if self.size is None or self.writer.size() != self.size:
                self._follow()
        return self.events

    def _follow(self) -> int:
        self._moves += 1
        transcript = read(self.path)
        if self.writer.repair(transcript):
            transcript = read(self.path)
        events = [event for _, event in transcript.events]
        if len(events) >= self.events:
            for number, event in transcript.events[self.events :]:
                self.provenance.note(event.get("q", ""), event.get("text", ""), event.get("answer", ""))
                _apply(self.interview, number, event, [])
        else:  # the file was rewritten shorter: start again from its header
            self._rebuild(transcript)
            self.provenance = Provenance.from_events(events)
        self.header = transcript.header
        self.events = len(events)
        self.size = self.writer.size()
        return self.events

    def _rebuild(self, transcript: Transcript | None = None) -> None:
        self.interview = _replayed(transcript or read(self.path), self.problems, self.interview.store)


def _replayed(
    transcript: Transcript, problems: list[TranscriptProblem] | None = None, store: StoreView | None = None
) -> Interview:
    header = transcript.header
    interview = Interview(header.get("form"), source=header.get("source"), store=store)
    for number, event in transcript.events:
        _apply(interview, number, event, transcript.problems if problems is None else problems)
    return interview


def _apply(interview: Interview, number: int, event: dict[str, Any], problems: list[TranscriptProblem]) -> None:
    """Replay one answer; one the engine cannot take (a bug fixed since, or not
    yet) is reported and skipped instead of making the whole interview unopenable."""
    try:
        interview.answer(event["answer"])
    except Exception:  # noqa: BLE001
        problems.append(
            TranscriptProblem(number, f"第 {number} 行的回答重放时出错，已跳过（回答原样保留在访谈记录里）。")
        )
