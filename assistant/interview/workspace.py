"""Where interviews live between runs, and what happens when one ends.

An interview in progress is a transcript `<home>/transcripts/<id>.jsonl`
with an id like `20261123-153012-ab12` (local start time + 4 random hex
digits). Finishing stores the record in the Store and moves the transcript
to `store.transcript_path(record_id)` (`<home>/transcripts/2023-0001.jsonl`),
so a later `jixiao fix` appends to it and replay reproduces every version.
Only transcripts named like an interview id are therefore unfinished.

No UI here: the TUI and the tests call these functions.
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from assistant.forms import FORM_ALIASES, FORM_KINDS, FORM_LABELS  # noqa: F401  (FORM_ALIASES: the TUI command reads it here)
from assistant.interview.model import load_plan
from assistant.interview.start import FORM_QUESTION_KEY, parse_form_choice
from assistant.interview.transcript import TranscriptError, TranscriptWriter, read

if TYPE_CHECKING:
    from assistant.interview.session import Session
    from assistant.interview.store_view import StoreView

# The session (and with it the engine, rules and knowledge base) is imported
# where a session is made, so listing unfinished interviews stays light.

TRANSCRIPTS = "transcripts"
EXPORTS = "exports"
_UNFINISHED = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{4}$")
_TITLE_KEYS = tuple(dict.fromkeys(kind.title_field for kind in FORM_KINDS))  # the answers that name a form


class Unfinished(NamedTuple):
    path: Path
    title: str
    form: str | None
    prompt: str  # where the interview stopped (the last question answered)

    @property
    def updated(self) -> datetime:
        return datetime.fromtimestamp(self.path.stat().st_mtime)

    @property
    def form_label(self) -> str:
        return FORM_LABELS.get(self.form or "", "（还没选表格）")


class PlanMissing(Exception):
    """The question plan of a form is not installed; the message is Chinese."""


def plan_available(form: str) -> bool:
    return resources.files("assistant.interview").joinpath("plans", f"{form}.json").is_file()


def check_plan(form: str) -> None:
    if not plan_available(form):
        raise PlanMissing(
            f"“{FORM_LABELS.get(form, form)}”的问题清单还没有准备好，暂时不能填。"
            f"目前可以填：{'、'.join(FORM_LABELS[f] for f in FORM_LABELS if plan_available(f))}。"
        )


def transcripts_dir(home: Path) -> Path:
    return Path(home) / TRANSCRIPTS


def new_transcript_path(home: Path) -> Path:
    directory = transcripts_dir(home)
    directory.mkdir(parents=True, exist_ok=True)
    while True:
        name = f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
        path = directory / f"{name}.jsonl"
        if not path.exists():
            return path


def start_session(home: Path, form: str | None, source: dict | None = None) -> Session:
    """A new interview; `form=None` lets the engine ask which form."""
    from assistant.interview.session import Session

    if form is not None:
        check_plan(form)
    return Session.start(new_transcript_path(home), form, source=source, store=store_view(home))


def resume_session(path: Path, home: Path | None = None) -> Session:
    """Replay an unfinished transcript (raises PlanMissing if its form cannot be asked)."""
    transcript = read(path)
    transcript_form = transcript.header.get("form")
    if transcript_form:
        check_plan(transcript_form)
    from assistant.interview.session import Session

    view = store_view(home, exclude=transcript.header.get("record_id")) if home is not None else None
    return Session.resume(path, store=view)


def store_view(home: Path, exclude: str | None = None) -> StoreView | None:
    """What an interview in `home` sees of the store: copy-paste is checked
    against every saved record (but `exclude`), and a department form can take
    its tasks from the stored projects. None when there is no usable store."""
    from assistant.interview.store_view import StoreBackedView
    from assistant.records.store import Store, StoreError

    try:
        return StoreBackedView(Store(home), exclude=exclude)
    except (StoreError, OSError):
        return None  # no usable store: the interview works without it


def list_unfinished(home: Path) -> list[Unfinished]:
    """Unfinished interviews, newest first. Read from the transcripts only (no
    replay), so listing stays fast however many there are. A finalisation
    interrupted last time is completed first (see `complete_pending`)."""
    if any(transcripts_dir(home).glob(".*.finishing")):
        complete_pending(home)
    found = []
    for path in transcripts_dir(home).glob("*.jsonl"):
        if not _UNFINISHED.match(path.stem):
            continue
        try:
            transcript = read(path)
        except TranscriptError:
            continue
        events = [event for _, event in transcript.events]
        if not events:
            continue  # started and left without a single answer
        found.append(_describe(path, transcript.header, events))
    return sorted(found, key=lambda u: u.path.stat().st_mtime, reverse=True)


def describe(path: Path) -> Unfinished:
    """One transcript as `list_unfinished` shows it (raises TranscriptError)."""
    transcript = read(path)
    return _describe(Path(path), transcript.header, [event for _, event in transcript.events])


def _describe(path: Path, header: dict[str, Any], events: list[dict[str, Any]]) -> Unfinished:
    form = header.get("form")
    title = header.get("title") or ""
    for event in events:
        if not form and event["q"] == FORM_QUESTION_KEY:
            form = parse_form_choice(event["answer"]) or form
        if event["q"] in _TITLE_KEYS and event["answer"].strip():
            title = event["answer"].strip()
    return Unfinished(path, title or "（未命名）", form, _where(form, events[-1]["q"]) if events else "开始")


def _where(form: str | None, key: str) -> str:
    if not form or not plan_available(form):
        return "选择表格"
    best = None
    for entry in load_plan(form).entries:
        owns = key == entry.id or (entry.field and key.startswith(entry.field))
        if owns and (best is None or len(entry.field) > len(best.field)):
            best = entry
    if best is None:
        return key
    detail = key.split(":")[1] if ":" in key else ""
    if best.kind in ("indicators", "mid_term_indicators", "goals", "review"):
        return best.section + (f" › {detail}" if detail and detail != "derive" else "")
    return f"{best.section} › {best.prompt.split('？')[0].split('（')[0]}"


def _set_record_id(session: Session, record_id: str) -> None:
    """Remember the store id in the transcript header, so a draft saved twice
    (or finished later) stays one record with versions. The header is
    rewritten under the transcript's lock (another window may be appending);
    if this process dies first, the record's origin still links the two."""
    if session.header.get("record_id") == record_id:
        return
    session.header["record_id"] = record_id
    with session.writer.locked():
        _write_header(session.path, session.header)
        session.size = session.writer.size()


def _write_header(path: Path, header: dict[str, Any]) -> None:
    from assistant.fileio import write_atomic
    from assistant.interview.transcript import encode_line

    raw = path.read_bytes()
    rest = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
    write_atomic(path, encode_line(header) + rest)


def _origin(path: Path) -> str | None:
    """What a record saved from this transcript is linked to (see Store.save)."""
    return path.name if _UNFINISHED.match(path.stem) else None


def save_draft(home: Path, session: Session) -> str | None:
    """Store the record so far as a draft (on 保存退出). Returns its id, or None
    when it is still too incomplete to be a record; the transcript is kept in
    transcripts/ either way, so the interview is offered for resumption."""
    from assistant.records.store import Store, StoreError

    if session.interview.form is None:
        return None
    try:
        record_id = Store(home).save(
            session.interview.final_record(),
            status="draft",
            record_id=session.header.get("record_id"),
            note="访谈中途保存",
            origin=_origin(session.path),
        )
        _set_record_id(session, record_id)
    except (StoreError, OSError):
        return None  # the transcript is the save that matters; it is already on disk
    return record_id


def finish(home: Path, session: Session) -> tuple[str, list[Path]]:
    """Store the final record, move the transcript next to it, write the forms.

    A marker ``transcripts/.<name>.finishing`` is written first and removed
    last: if the process dies in between, `complete_pending` (run when jixiao
    next starts) does the remaining steps."""
    from assistant.fileio import write_atomic
    from assistant.records.store import Store

    home = Path(home)
    store = Store(home)
    record = session.interview.final_record()
    existing = session.header.get("record_id")
    marker = _marker(home, session.path)
    write_atomic(marker, session.path.name)
    record_id = store.save(
        record,
        status="final",
        record_id=existing,
        origin=_origin(session.path),
        note=_final_note(store, existing, record),
    )
    _set_record_id(session, record_id)
    session.path, paths = _complete(home, store, record_id, session.path, marker)
    session.writer = TranscriptWriter(session.path)
    return record_id, paths


def _final_note(store, existing: str | None, record: dict) -> str:
    """访谈定稿, or 修改后重新定稿 with what changed since the stored version."""
    if not existing:
        return "访谈定稿"
    from assistant.interview.changes import change_note

    try:
        return change_note(store.get(existing), record)
    except Exception:  # noqa: BLE001 - the note is a courtesy; the save must not fail for it
        return "修改后重新定稿"


def _marker(home: Path, path: Path) -> Path:
    return transcripts_dir(home) / f".{path.stem}.finishing"


def _complete(home: Path, store: Any, record_id: str, path: Path, marker: Path) -> tuple[Path, list[Path]]:
    """The steps of `finish` after the save: transcript moved next to the
    record, every form written, temporary files left by a killed writer
    removed, the marker dropped. Each step can be repeated."""
    from assistant.render import write_forms

    target = store.transcript_path(record_id)
    if path != target and path.exists():
        os.replace(path, target)
    exports = Path(home) / EXPORTS
    paths = write_forms(store.get(record_id), exports, record_id)
    for stray in exports.glob(f".{record_id}.*.tmp"):
        stray.unlink(missing_ok=True)
    marker.unlink(missing_ok=True)
    return target, paths


def complete_pending(home: Path) -> list[str]:
    """Finish what a killed `finish` left undone; returns the record ids
    completed. An interview killed before its final save stays unfinished
    (offered for resumption) and only loses its marker."""
    from assistant.records.store import Store, StoreError

    done = []
    for marker in transcripts_dir(home).glob(".*.finishing"):
        try:
            name = marker.read_text(encoding="utf-8").strip()
            path = transcripts_dir(home) / name
            store = Store(home)
            record_id = _pending_id(store, path)
            if record_id is None or store.meta(record_id)["status"] != "final":
                marker.unlink(missing_ok=True)
                continue
            if path.exists() and read(path).header.get("record_id") != record_id:
                header = read(path).header
                header["record_id"] = record_id
                with TranscriptWriter(path).locked():
                    _write_header(path, header)
            _complete(home, store, record_id, path, marker)
            done.append(record_id)
        except (OSError, StoreError, TranscriptError, ValueError):
            continue  # tried again at the next start; never blocks this one
    return done


def _pending_id(store: Any, path: Path) -> str | None:
    from assistant.records.store import StoreError

    if not _UNFINISHED.match(path.stem):
        try:
            return path.stem if store.record_path(path.stem).exists() else None
        except StoreError:
            return None
    if path.exists():
        record_id = read(path).header.get("record_id")
        if record_id:
            return record_id
    return store.find_origin(path.name)


def discard_if_empty(session: Session) -> bool:
    """Remove the transcript of an interview left before any answer."""
    try:
        if read(session.path).events:
            return False
        session.path.unlink()
    except (TranscriptError, OSError):
        return False
    return True


__all__ = [
    "FORM_ALIASES",
    "PlanMissing",
    "Unfinished",
    "check_plan",
    "complete_pending",
    "describe",
    "discard_if_empty",
    "finish",
    "list_unfinished",
    "new_transcript_path",
    "plan_available",
    "resume_session",
    "save_draft",
    "start_session",
]
