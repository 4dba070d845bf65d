"""Replay: fold a transcript's answers through today's engine, rules and
knowledge, and write the record and its forms.

An answer that no longer passes (a rule or the knowledge changed) is listed
with its line number, question and reason; replay goes on with the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.fileio import dumps, write_atomic
from assistant.interview.engine import Interview
from assistant.interview.transcript import TranscriptProblem, read
from assistant.rules import Finding


@dataclass
class Failure:
    line: int
    question: str
    answer: str
    reason: str

    def text(self) -> str:
        return f"第 {self.line} 行：问题“{self.question}”的回答“{self.answer}”不再通过：{self.reason}"


@dataclass
class ReplayResult:
    path: Path
    interview: Interview
    failures: list[Failure] = field(default_factory=list)
    problems: list[TranscriptProblem] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    @property
    def record(self) -> dict[str, Any]:
        return self.interview.final_record()

    @property
    def finished(self) -> bool:
        return self.interview.finished

    @property
    def ok(self) -> bool:
        return not self.failures

    def findings(self) -> list[Finding]:
        return self.interview.findings()


def replay(path: str | Path, source_override: dict | None = None) -> ReplayResult:
    transcript = read(path)
    header = transcript.header
    interview = Interview(header.get("form"), source=source_override or header.get("source"))
    interview.quiet = True
    result = ReplayResult(Path(path), interview, problems=list(transcript.problems))
    events = transcript.events
    for position, (line, event) in enumerate(events):
        question = interview.question()
        reply = interview.answer(event["answer"])
        if reply.accepted or _refused_then(transcript, events, position):
            continue
        where = question.prompt if question else "（访谈已结束）"
        result.failures.append(Failure(line, where, event["answer"], reply.message.split("\n")[0]))
    return result


def _refused_then(transcript, events, position: int) -> bool:
    """Was this answer refused when it was typed? The session marks refusals; an
    older transcript without marks shows it by the same question asked again."""
    line, event = events[position]
    if line in transcript.refused:
        return True
    if position + 1 < len(events):
        return events[position + 1][1].get("q") == event.get("q") and event.get("q") != "review"
    return False


def write_outputs(
    result: ReplayResult, out_dir: str | Path, formats: tuple[str, ...] = ("json", "md"), durable: bool = True
) -> list[Path]:
    """The record as JSON plus the forms, named after the transcript. Each file is
    written whole; `durable=False` leaves the flush to disk to the caller
    (fileio.sync_all once after a whole directory)."""
    from assistant.render import write_forms

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = result.path.stem
    paths = []
    record = result.record
    if "json" in formats:
        target = out / f"{stem}.json"
        write_atomic(target, dumps(record), durable=durable)
        paths.append(target)
    office = [f for f in formats if f != "json"]
    if office:
        paths.extend(write_forms(record, out, stem, office, durable=durable))
    result.outputs = paths
    return paths
