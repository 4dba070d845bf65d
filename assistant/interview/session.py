"""A session: the engine plus its transcript. Every answer is written to disk
before the engine sees it; a session is resumed by replaying its transcript."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.interview.engine import Interview
from assistant.interview.model import Reply
from assistant.interview.transcript import TranscriptProblem, TranscriptWriter, new_header, read
from assistant.knowledge import load


class Session:
    def __init__(self, path: Path, interview: Interview, writer: TranscriptWriter,
                 header: dict[str, Any], problems: list[TranscriptProblem] | None = None):
        self.path = Path(path)
        self.interview = interview
        self.writer = writer
        self.header = header
        self.problems = problems or []

    @classmethod
    def start(cls, path: Path, form: str | None = None, *, source: dict | None = None,
              record_id: str | None = None, title: str = "") -> "Session":
        kb = load()
        header = new_header(form, kb.version, record_id=record_id, source=source, title=title)
        writer = TranscriptWriter.create(path, header)
        return cls(path, Interview(form, source=source), writer, header)

    @classmethod
    def resume(cls, path: Path) -> "Session":
        transcript = read(path)
        header = transcript.header
        interview = Interview(header.get("form"), source=header.get("source"))
        for _, event in transcript.events:
            interview.answer(event["answer"])
        writer = TranscriptWriter(path)
        writer.repair(transcript.good_bytes)
        return cls(path, interview, writer, header, transcript.problems)

    def send(self, text: str) -> Reply:
        """Record the answer durably, then apply it. A refused answer gets a marker
        line after it, so replay knows it was refused then, not newly."""
        question = self.interview.question()
        answer = self.interview.resolve(text)
        key = question.key if question else ""
        self.writer.append({"type": "answer", "q": key, "text": text, "answer": answer,
                            "at": datetime.now(timezone.utc).replace(microsecond=0).isoformat()})
        reply = self.interview.answer(answer)
        if not reply.accepted:
            self.writer.append({"type": "refused", "q": key})
        return reply
