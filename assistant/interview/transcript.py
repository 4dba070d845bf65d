"""Transcripts: JSONL, a header line then one line per answer or command.

Each event is written and fsync'ed before the engine applies it, so a crash
or a closed terminal loses at most the line being typed. Reading tolerates a
cut-off last line (the crash case) and reports garbled lines by number.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.fileio import loads, write_all


class TranscriptError(Exception):
    """The file is not a transcript we can use (Chinese message)."""


@dataclass
class TranscriptProblem:
    line: int
    message: str


@dataclass
class Transcript:
    header: dict[str, Any]
    events: list[tuple[int, dict[str, Any]]]  # (line number, event)
    problems: list[TranscriptProblem] = field(default_factory=list)
    refused: set[int] = field(default_factory=set)  # line numbers of answers refused at the time
    good_bytes: int = 0  # length of the file up to the last good line


def new_header(
    form: str | None,
    knowledge_version: str,
    *,
    record_id: str | None = None,
    source: dict | None = None,
    title: str = "",
) -> dict[str, Any]:
    header = {
        "type": "header",
        "format": "jixiao-transcript",
        "version": 1,
        "form": form,
        "app_version": __version__,
        "knowledge_version": knowledge_version,
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    if record_id:
        header["record_id"] = record_id
    if source is not None:
        header["source"] = source
    if title:
        header["title"] = title
    return header


def encode_line(obj: dict[str, Any]) -> bytes:
    """One transcript line: compact JSON (Decimal-exact) and a newline."""
    from assistant.fileio import dumps

    return (dumps(obj, indent=None).rstrip("\n") + "\n").encode("utf-8")


class TranscriptWriteError(OSError):
    """An event could not be put on disk whole (disk full, I/O error). Nothing
    of it is left in the file; ``strerror`` is a Chinese sentence."""


class TranscriptBusy(OSError):
    """Another process holds the transcript's lock for too long; ``strerror``
    is a Chinese sentence (an OSError, so every caller that says "not saved"
    for a disk error says it for this too)."""


LOCK_TIMEOUT = 30.0


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


def damaged_path(path: Path) -> Path:
    return path.parent / f"{path.name}.damaged"


class TranscriptWriter:
    """Appends events durably, one writer at a time.

    Every write happens under the transcript's own lock (``.<name>.lock`` beside
    it, a `filelock.FileLock`, reentrant within a process). An append is whole
    or nothing: short writes are continued, the line is fsync'ed before it
    counts, and on an error the file is cut back to where it was, so no half
    line is left for the next answer to be glued onto. The file is never
    truncated to a size read earlier: a repair rewrites it whole from a fresh
    read under the lock (see `Transcript` and `repair`).
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    def create(cls, path: Path, header: dict[str, Any]) -> TranscriptWriter:
        from assistant.fileio import write_atomic

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_atomic(path, encode_line(header))
        except OSError as exc:
            raise _write_error(exc, path) from exc
        return cls(path)

    @contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        import filelock

        timeout = LOCK_TIMEOUT if timeout is None else timeout
        lock = filelock.FileLock(str(lock_path(self.path)), is_singleton=True, poll_interval=0.005)
        try:
            lock.acquire(timeout=timeout)
        except filelock.Timeout:
            raise TranscriptBusy(
                errno.EBUSY,
                f"访谈记录 {self.path.name} 正在被另一个 jixiao 窗口或命令修改"
                f"（等了 {timeout:g} 秒）。请等它完成或关掉它后再试",
            ) from None
        except OSError as exc:
            raise _write_error(exc, self.path) from exc
        try:
            yield
        finally:
            lock.release()

    def size(self) -> int:
        return os.stat(self.path).st_size

    def append(self, event: dict[str, Any]) -> int:
        """Append one event; returns the file size after it (the line is on disk)."""
        with self.locked():
            return self.append_locked(event)

    def append_locked(self, event: dict[str, Any]) -> int:
        data = encode_line(event)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        except OSError as exc:
            raise _write_error(exc, self.path) from exc
        try:
            start = os.fstat(fd).st_size
            try:
                write_all(fd, data)
                os.fsync(fd)
            except OSError as exc:
                try:  # leave no half line (we hold the lock: nobody appended since `start`)
                    os.ftruncate(fd, start)
                    os.fsync(fd)
                except OSError:
                    pass
                raise _write_error(exc, self.path) from exc
            return start + len(data)
        finally:
            os.close(fd)

    def repair(self, transcript: Transcript) -> list[int]:
        """Rewrite the file without its damaged lines (call under `locked`, with a
        transcript read under it). The damaged lines are appended to
        ``<name>.damaged`` first; the new file replaces the old by rename, so a
        crash leaves one or the other. Returns the line numbers set aside."""
        from assistant.fileio import write_atomic

        raw = self.path.read_bytes()
        lines = raw.split(b"\n")
        if raw.endswith(b"\n"):
            lines.pop()
        bad = {p.line for p in transcript.problems}
        if not bad and raw.endswith(b"\n"):
            return []
        kept = [line for number, line in enumerate(lines, 1) if number not in bad]
        if bad:
            stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
            aside = b"".join(f"# {stamp} line {n}: ".encode() + lines[n - 1] + b"\n" for n in sorted(bad))
            with open(damaged_path(self.path), "ab") as handle:
                handle.write(aside)
                handle.flush()
                os.fsync(handle.fileno())
        try:
            write_atomic(self.path, b"".join(line + b"\n" for line in kept))
        except OSError as exc:
            raise _write_error(exc, self.path) from exc
        return sorted(bad)


def _write_error(exc: OSError, path: Path) -> TranscriptWriteError:
    from assistant.records.home import describe_oserror

    reason, advice = describe_oserror(exc)
    return TranscriptWriteError(
        exc.errno or errno.EIO, f"无法写入访谈记录 {path.name}：{reason}，这一步没有保存也没有生效。{advice}后再试"
    )


def read(path: str | os.PathLike) -> Transcript:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError(f"{path}：找不到访谈记录文件。") from None
    except OSError as exc:
        raise TranscriptError(f"{path}：无法读取（{exc.strerror}）。") from None
    lines = raw.split(b"\n")
    if not raw.strip():
        raise TranscriptError(f"{path}：文件是空的，不是访谈记录。")
    header = _parse(lines[0], 1)
    if isinstance(header, str) or not _valid(header, "header"):
        raise TranscriptError(f"{path}：第 1 行不是 jixiao 访谈记录的文件头。")
    _check_source(path, header.get("source"))
    transcript = Transcript(header=header, events=[], good_bytes=len(lines[0]) + 1)
    offset = transcript.good_bytes
    last = len(lines) - 1
    for number, raw_line in enumerate(lines[1:], 2):
        is_tail = number - 1 == last
        size = len(raw_line) + (0 if is_tail else 1)
        if not raw_line.strip():
            offset += size
            if not is_tail:
                transcript.good_bytes = offset
            continue
        event = _parse(raw_line, number)
        if isinstance(event, dict) and event.get("type") == "refused" and _valid(event, "refusal"):
            if transcript.events:
                transcript.refused.add(transcript.events[-1][0])
            offset += size
            if not is_tail:
                transcript.good_bytes = offset
            continue
        if isinstance(event, str) or not _valid(event, "event"):
            reason = event if isinstance(event, str) else "不是有效的访谈事件"
            where = "最后一行不完整（可能是中断时写了一半），已忽略" if is_tail else f"{reason}，已跳过"
            transcript.problems.append(TranscriptProblem(number, f"第 {number} 行{where}。"))
            offset += size
            continue
        # A valid last line without its newline was written whole; the writer
        # adds the missing newline before appending (see `repair`).
        transcript.events.append((number, event))
        offset += size
        transcript.good_bytes = offset
    return transcript


def _check_source(path: Path, source: Any) -> None:
    """A header may carry the record an interview starts from; a transcript from
    elsewhere must not slip a malformed record into the engine."""
    if source is None:
        return
    from assistant.rules.schema import record_errors

    # `_id` is the store id of the declaration a self-evaluation starts from.
    record = {k: v for k, v in source.items() if k != "_id"} if isinstance(source, dict) else source
    errors = record_errors(record)
    if errors:
        where = ".".join(str(p) for p in errors[0].absolute_path) or "（顶层）"
        raise TranscriptError(f"{path}：文件头里的起始记录不符合格式（{where}：{errors[0].message}），不能使用。")


def _parse(raw: bytes, number: int) -> dict[str, Any] | str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "不是 UTF-8 文本"
    try:
        obj = loads(text)  # Decimal for money in a header's source record
    except json.JSONDecodeError:
        return "不是有效的 JSON"
    return obj if isinstance(obj, dict) else "不是 JSON 对象"


def _valid(obj: dict[str, Any], kind: str) -> bool:
    if kind == "event":
        return event_is_valid(obj)
    from assistant.rules.schema import predicate  # compiled: a replay need not import jsonschema

    test = predicate("transcript", kind)
    if test is not None:
        try:
            return test(obj)
        except Exception:  # noqa: BLE001 - jsonschema decides what the predicate cannot
            pass
    return _part_validator(kind).is_valid(obj)


_EVENT_KEYS = {"type", "q", "text", "answer"}
_EVENT_OPTIONAL = {"at"}
_MAX_TEXT = 20000


def event_is_valid(obj: Any) -> bool:
    """The `event` part of transcript.schema.json, checked by hand: a transcript
    has hundreds of events and jsonschema costs ~0.1 ms each. A property test
    (tests/test_faults.py) keeps this equal to the schema."""
    if not isinstance(obj, dict) or obj.get("type") != "answer":
        return False
    keys = obj.keys()
    if not _EVENT_KEYS <= keys or not keys <= _EVENT_KEYS | _EVENT_OPTIONAL:
        return False
    if not all(isinstance(obj[k], str) for k in keys if k != "type"):
        return False
    return len(obj["text"]) <= _MAX_TEXT and len(obj["answer"]) <= _MAX_TEXT


@cache
def _part_validator(kind: str):
    """A validator for one part (header or event) of the transcript schema."""
    from assistant.rules.schema import validator

    schema = validator("transcript")
    return schema.evolve(schema={"$ref": f"#/$defs/{kind}", "$defs": schema.schema["$defs"]})
