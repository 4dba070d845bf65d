"""Quick fix of one indicator of a stored record, re-checked at once.

The fix is an answer like any other: it is appended to the record's
transcript (`修改 NAME 为 VALUE`), so replay reproduces the fixed version.
A record imported from a file has no transcript yet; one is started whose
header carries the record, and the fix is its first answer.

A fix is one read-modify-write of record *and* transcript, done under the
transcript's lock: concurrent fixes of one record queue up and each sees the
one before it. If the transcript no longer reproduces the stored record (a
damaged line, a damaged header, an edit by hand), the store wins: the old
transcript is kept aside and a new one starts from the stored record, so a
fix never silently undoes an earlier one.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz, process

from assistant import forms
from assistant.fileio import dumps, loads
from assistant.interview.engine import Interview
from assistant.interview.session import Session
from assistant.interview.transcript import TranscriptBusy, TranscriptError, TranscriptWriter, read
from assistant.records import Store
from assistant.rules import ERROR, Finding, check
from assistant.rules.context import set_rows


class FixError(Exception):
    """The fix cannot be made; the message (Chinese) says why and what to do."""


@dataclass
class Candidate:
    set_path: str
    index: int
    name: str
    value: str
    score: float


@dataclass
class FixResult:
    record_id: str
    name: str
    before: str
    after: str
    resolved: list[Finding] = field(default_factory=list)
    added: list[Finding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    status: str = "draft"
    notes: list[str] = field(default_factory=list)


def _sets(record: dict[str, Any]) -> tuple[forms.IndicatorSetSpec, ...]:
    kind = forms.kind_of(record.get("form"))
    return kind.indicator_sets if kind else ()


def _rows(record: dict[str, Any]):
    for spec in _sets(record):
        for index, row in enumerate(set_rows(record, spec.path) or []):
            yield spec.path, index, row


def value_key(record: dict[str, Any]) -> str:
    return forms.value_key(record.get("form"))


def candidates(record: dict[str, Any], name: str) -> list[Candidate]:
    """Indicators whose name matches `name` (typos allowed), best first. `中期 NAME`
    or `年度 NAME` looks in that set only."""
    from assistant.interview.handlers.fix_words import split_set

    rows = list(_rows(record))
    wanted, bare = split_set(name)
    if wanted and not any(row.get("name") == name for _, _, row in rows):
        periods = {spec.path: spec.period for spec in _sets(record)}
        rows = [r for r in rows if periods[r[0]] == wanted] or rows
        name = bare
    names = [row.get("name", "") for _, _, row in rows]
    key = value_key(record)
    found = []
    for _, score, position in process.extract(name, names, scorer=fuzz.WRatio, score_cutoff=60, limit=10):
        set_path, index, row = rows[position]
        found.append(Candidate(set_path, index, row.get("name", ""), row.get(key, ""), float(score)))
    return found


def choose(record: dict[str, Any], name: str) -> Candidate:
    found = candidates(record, name)
    if not found:
        names = "、".join(dict.fromkeys(row.get("name", "") for _, _, row in _rows(record)))
        raise FixError(f"没有找到名称接近“{name}”的指标。这份记录的指标有：{names}")
    best = found[0]
    twins = [c for c in found[1:] if c.name == best.name and c.set_path != best.set_path]
    if twins:
        listed = "；".join(f"{_set_label(c.set_path, record)}“{c.name}”（{c.value}）" for c in [best, *twins])
        raise FixError(
            f"“{best.name}”年度指标和中期指标里都有：{listed}。"
            f'请在名称前写上“年度”或“中期”，例如 --indicator "中期 {best.name}"。'
        )
    rivals = [c for c in found[1:] if c.name != best.name and best.score - c.score < 5]
    if rivals:
        listed = "；".join(f"“{c.name}”（{c.value}）" for c in [best, *rivals])
        raise FixError(f"“{name}”可能指好几个指标：{listed}。请把名称写完整一些。")
    return best


def _transcript_session(
    store: Store, record_id: str, record: dict[str, Any], notes: list[str] | None = None
) -> Session:
    """The record's transcript, resumed; re-based on the stored record when it
    is unreadable or does not reproduce it (call under the transcript lock)."""
    path = store.transcript_path(record_id)
    notes = [] if notes is None else notes
    if path.exists():
        try:
            session = Session.resume(path)
        except TranscriptError as exc:
            notes.append(f"{exc}")
        else:
            notes.extend(p.message for p in session.problems)
            if _same(session.interview.final_record(), record):
                return session
            notes.append("访谈记录重放出来的内容与数据库中的当前版本不一致。")
        kept = path.with_name(f"{path.name}.{datetime.now():%Y%m%d-%H%M%S-%f}.old")
        os.replace(path, kept)
        notes.append(f"原访谈记录已另存为 {kept.name}，本次修改以数据库中的当前版本为准，从它开始新的访谈记录。")
    return Session.start(path, record.get("form"), source=record, record_id=record_id, title=forms.title_of(record))


def _fix_session(store: Store, record_id: str, record: dict[str, Any], notes: list[str]) -> Session:
    """The session a fix appends to (under the transcript lock). When the
    transcript reads cleanly and belongs to this record, it is not replayed:
    the engine starts from the stored record, which the transcript reproduces
    (every writer keeps the two in step under this lock), so a fix costs the
    same however long the record's history is. Anything doubtful takes the
    full path: replay, compare with the store, re-base if they differ."""
    path = store.transcript_path(record_id)
    try:
        transcript = read(path)
    except TranscriptError:
        return _transcript_session(store, record_id, record, notes)
    header = transcript.header
    if transcript.problems or header.get("record_id") != record_id or header.get("form") != record.get("form"):
        return _transcript_session(store, record_id, record, notes)
    writer = TranscriptWriter(path)
    return Session(
        path,
        Interview(record.get("form"), source=record),
        writer,
        header,
        size=writer.size(),
        events=len(transcript.events),
    )


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    from assistant.records.store import content_hash

    try:
        return content_hash(loads(dumps(a, indent=None))) == content_hash(b)
    except (TypeError, ValueError):
        return False


def _lock(store: Store, record_id: str):
    path = store.transcript_path(record_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    return TranscriptWriter(path).locked()


def open_for_fix(store: Store, record_id: str, name: str) -> tuple[dict[str, Any], Any, str, Candidate]:
    """For the UI: the record now, its transcript (started if it has none), the key
    of the value question to jump to, and the indicator found."""
    with _lock(store, record_id):
        record = store.get(record_id)
        target = choose(record, name)
        session = _transcript_session(store, record_id, record)
    return record, session.path, f"{target.set_path}[{target.index}].value", target


def compare(store: Store, record_id: str, before: dict[str, Any], target: Candidate) -> FixResult | None:
    """What a fix made in the UI changed, or None when no new version was saved."""
    after = store.get(record_id)
    if after == before:
        return None
    others = _others(store, record_id)
    old, new = check(before, others=others), check(after, others=others)
    old_keys, new_keys = {(f.rule, f.path) for f in old}, {(f.rule, f.path) for f in new}
    return FixResult(
        record_id,
        target.name,
        target.value,
        _row_value(after, target),
        resolved=[f for f in old if (f.rule, f.path) not in new_keys],
        added=[f for f in new if (f.rule, f.path) not in old_keys],
        findings=new,
        status=store.meta(record_id)["status"],
    )


def fix(store: Store, record_id: str, name: str, value: str) -> FixResult:
    """Change one indicator's value; save a new version; report what changed."""
    try:
        with _lock(store, record_id):
            return _fix_locked(store, record_id, name, value)
    except TranscriptBusy as exc:
        raise FixError(f"{exc.strerror}。") from None
    except OSError as exc:  # the transcript could not be written: nothing was saved
        raise FixError(f"{exc.strerror or exc}。记录没有修改。") from None


def _fix_locked(store: Store, record_id: str, name: str, value: str) -> FixResult:
    record = store.get(record_id)
    target = choose(record, name)
    notes: list[str] = []
    session = _fix_session(store, record_id, record, notes)
    command = f"修改 {_set_label(target.set_path, record)}{target.name} 为 {value}"
    # Try on a copy first: a refused value must not land in the transcript.
    probe = copy.copy(session.interview)
    probe.state = copy.deepcopy(session.interview.state)
    reply = probe.answer(probe.resolve(command))
    if not reply.accepted:
        raise FixError(reply.message)
    reply = session.send(command).reply
    if not reply.accepted:
        raise FixError(reply.message)
    fixed = session.interview.final_record()
    before = check(record, others=_others(store, record_id))
    after = check(fixed, others=_others(store, record_id))
    before_keys = {(f.rule, f.path) for f in before}
    after_keys = {(f.rule, f.path) for f in after}
    status = "draft" if any(f.severity == ERROR for f in after) else "final"
    new_value = _row_value(fixed, target)
    store.save(fixed, status=status, record_id=record_id, note=f"修改指标“{target.name}”：{target.value} → {new_value}")
    return FixResult(
        record_id,
        target.name,
        target.value,
        new_value,
        resolved=[f for f in before if (f.rule, f.path) not in after_keys],
        added=[f for f in after if (f.rule, f.path) not in before_keys],
        findings=after,
        status=status,
        notes=notes,
    )


def _set_label(set_path: str, record: dict[str, Any]) -> str:
    """`中期 ` / `年度 ` for a form with several sets whose later ones are filled
    (so the fix names its set), else ``."""
    sets = _sets(record)
    if not any(set_rows(record, spec.path) for spec in sets[1:]):
        return ""
    return next(f"{spec.label} " for spec in sets if spec.path == set_path)


def _row_value(record: dict[str, Any], target: Candidate) -> str:
    for set_path, index, row in _rows(record):
        if set_path == target.set_path and index == target.index:
            return row.get(value_key(record), "")
    return ""


def _others(store: Store, record_id: str) -> Any:
    from assistant.records.copy_paste_source import store_others

    return store_others(store, exclude=record_id)
