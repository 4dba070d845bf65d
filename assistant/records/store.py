"""The record store: current records, every earlier version, and an index.

Design
======

TinyDB's own ``JSONStorage`` rewrites one file holding everything on every
write (20 MB and more per save at 5,000 records; a crash leaves it truncated),
and ``CachingMiddleware`` loses writes on a crash. So:

``db/records/<id>.json`` — one file per record, **the source of truth**.
    It holds the record's id, its creation time and the list of all its
    versions, each with number, time, status, note, changed field paths, a
    content hash and the full record. A save reads this one file, appends a
    version and replaces it whole (temp file + ``os.replace``), so a crash
    leaves either the previous or the new file, never half, and nothing else
    has to be updated for a save to be complete.

``db/journal.log`` — what makes a save survive a power cut with one flush
    (see journal.py): the new bytes of the record file are appended and
    flushed *before* the file is replaced, unflushed; a record file that a
    power cut interrupted is read from, and repaired from, the journal.
    A save therefore costs one fsync and O(size of one record's history),
    whatever the number of records.

``db/index.json`` + ``db/index.log`` — the derived index (see index.py):
    one small row per record, a snapshot plus an append log, both written
    without flushing. ``list``/``find`` stat every record file, re-read those
    whose stat differs from their row and log those rows, so the index cannot
    disagree with the records — not after a crash, not after a save by
    another process — and a damaged index is simply rebuilt.

A damaged record file (not JSON, not ours, empty, a directory) is skipped by
``list``, named in `Store.damaged`, and never written to; every other record
stays usable. Reads need no write access: on read-only media the index is
kept in memory.

``db/.lock`` — held by every mutating operation (see lock.py). Under the
    lock a save re-reads the record file it extends (or allocates a new id
    from the id hint and the files present), so two processes never lose
    each other's writes and never hand out the same id. Temporary files that
    a killed writer left in ``db/tmp`` are removed by the next save that
    allocates an id (under the lock none can be in flight).

Every file carries ``{"format": "jixiao-store", "version": 1, "kind": …}``.
A record file that is not valid JSON or lacks the marker raises `StoreError`
("已损坏或不是 jixiao 的数据库") when asked for and is never written to. A
record is validated (`record_errors`) and serialised before any file is touched.

Ids are ``<year>-<seq>`` (``2023-0001``): short, readable, sortable within a
year, allocated under the lock, so unique across processes. Times are ISO
8601 UTC with microseconds (``…T08:00:00.000000Z``), fixed width so they sort
as text.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from tinydb import Query, TinyDB

from assistant.records.documents import (  # noqa: F401  (project_name, STATUSES: part of the store's API)
    FILE_RE,
    STATUS_LABELS,
    STATUSES,
    append_version,
    check_id,
    check_status,
    meta_of,
    new_doc,
    prepare,
    project_name,
)
from assistant.records.errors import StoreError
from assistant.records.files import RecordFiles
from assistant.records.ids import last_ids, note_ids, scan_ids, take_id
from assistant.records.index import FOLD_BYTES, IndexStorage, record_key, refresh
from assistant.records.lock import held, io_error
from assistant.records.lookup import find_in
from assistant.records.versions import content_hash, default_now, diff_paths, utc_text  # noqa: F401

DEFAULT_LOCK_TIMEOUT = 10.0


class Store:
    """Records under ``home/db``. See the module docstring for the design."""

    def __init__(
        self,
        home: str | os.PathLike,
        *,
        now: Callable[[], datetime] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ):
        self.home = Path(home)
        self.db_dir = self.home / "db"
        self._files = RecordFiles(self.db_dir)
        self.records_dir = self._files.dir
        self.tmp_dir = self._files.tmp_dir
        self.index_path = self.db_dir / "index.json"
        self.lock_path = self.db_dir / ".lock"
        self.ids_path = self.db_dir / "ids.json"  # the last id handed out per year (a hint)
        self.transcripts_dir = self.home / "transcripts"
        self.exports_dir = self.home / "exports"
        self.lock_timeout = lock_timeout
        self._now = now or default_now
        #: record id -> StoreError of the record files the last listing skipped
        self.damaged: dict[str, StoreError] = {}
        self._db = TinyDB(self.index_path, storage=IndexStorage)
        self._storage: IndexStorage = self._db.storage  # type: ignore[assignment]
        self._table = self._db.table("records", cache_size=0)

    # ---- paths -----------------------------------------------------------

    def record_path(self, record_id: str) -> Path:
        return self._files.path(record_id)

    def transcript_path(self, record_id: str) -> Path:
        check_id(record_id)
        return self.transcripts_dir / f"{record_id}.jsonl"

    # ---- writing ---------------------------------------------------------

    def save(
        self,
        record: dict,
        *,
        status: str = "draft",
        note: str = "",
        record_id: str | None = None,
        origin: str | None = None,
    ) -> str:
        """Store a new record (``record_id`` None) or a new version of one.

        ``origin`` names where a new record comes from (an interview's
        transcript). It is written in the record file itself, so it is saved
        atomically with the record: a second save with the same origin and no
        id — the process was killed before it could note the id — updates
        that record instead of making a duplicate.

        The record is validated and serialised first; on any error nothing is
        touched. An update identical in content and status to the current
        version adds no version. ``status`` applies to the saved version: an
        update without ``status="final"`` makes the record a draft again, so
        "final" always means the current content was re-checked.
        """
        check_status(status)
        normalized, digest = prepare(record)
        if record_id is not None:
            check_id(record_id)
        with self._locked():
            if record_id is None and origin:
                record_id = self.find_origin(origin)
            if record_id is None:
                tops = self._last_ids()
                record_id = self._take_id(tops, normalized["year"])
                self._note_ids(tops)
                doc = new_doc(record_id, normalized, digest, status, note, utc_text(self._now()))
                if origin:
                    doc["origin"] = origin
            else:
                doc = self._read_doc(record_id)
                if not append_version(doc, normalized, digest, status, note, utc_text(self._now())):
                    return record_id
            self._write_doc(record_id, doc)
            self._log_rows([(record_id, doc)])
        return record_id

    def save_many(self, records: Iterable[dict], *, status: str = "draft", note: str = "") -> list[str]:
        """Store several new records under one lock (import, bulk building).

        All records are validated and serialised before anything is written;
        each record file is then written atomically on its own, so a crash
        part-way leaves the records saved so far complete and the rest absent.
        The index is brought up to date once at the end.
        """
        check_status(status)
        prepared = []
        for position, record in enumerate(records, start=1):
            try:
                prepared.append(prepare(record))
            except StoreError as exc:
                raise StoreError(f"第 {position} 条记录：{exc}", errors=exc.errors) from exc
        ids: list[str] = []
        with self._locked():
            tops = self._last_ids()
            written = []
            for normalized, digest in prepared:
                record_id = self._take_id(tops, normalized["year"])
                doc = new_doc(record_id, normalized, digest, status, note, utc_text(self._now()))
                self._write_doc(record_id, doc)
                written.append((record_id, doc))
                ids.append(record_id)
                self._note_ids(tops)
            self._log_rows(written)
        return ids

    def set_status(self, record_id: str, status: str, *, note: str = "") -> None:
        """Mark a record draft or final; the change is a version of its own."""
        check_status(status)
        with self._locked():
            doc = self._read_doc(record_id)
            current = doc["versions"][-1]
            if current["status"] == status:
                return
            note = note or f"状态：{STATUS_LABELS[current['status']]} → {STATUS_LABELS[status]}"
            append_version(doc, current["record"], current["hash"], status, note, utc_text(self._now()))
            self._write_doc(record_id, doc)
            self._log_rows([(record_id, doc)])

    # ---- reading ---------------------------------------------------------

    def get(self, record_id: str) -> dict:
        """The current version of a record."""
        return self._read_doc(record_id)["versions"][-1]["record"]

    def meta(self, record_id: str) -> dict:
        return meta_of(self._read_doc(record_id))

    def current(self, record_id: str) -> tuple[dict, dict]:
        """(meta, current record) from one read, so the two always agree."""
        doc = self._read_doc(record_id)
        return meta_of(doc), doc["versions"][-1]["record"]

    def history(self, record_id: str) -> list[dict]:
        """One entry per version, oldest first: version, time, status, note, changed."""
        return [
            {
                "version": v["n"],
                "time": v["time"],
                "status": v["status"],
                "note": v["note"],
                "changed": list(v["changed"]),
            }
            for v in self._read_doc(record_id)["versions"]
        ]

    def version(self, record_id: str, n: int) -> dict:
        """The record as it was at version ``n`` (1 = first)."""
        versions = self._read_doc(record_id)["versions"]
        if not isinstance(n, int) or not 1 <= n <= len(versions):
            raise StoreError(f"记录 {record_id} 没有第 {n} 版（共 {len(versions)} 版）。")
        return versions[n - 1]["record"]

    def list(self, year: int | None = None, form: str | None = None) -> list[dict]:
        """Metadata of the records, most recently updated first."""
        self._refresh()
        record = Query()
        cond = None
        if year is not None:
            cond = record.year == int(year)
        if form is not None:
            cond = (record.form == form) if cond is None else (cond & (record.form == form))
        rows = self._table.search(cond) if cond is not None else self._table.all()
        metas = [dict(row) for row in rows]
        metas.sort(key=lambda m: (m["updated"], m["id"]), reverse=True)
        return metas

    def find_origin(self, origin: str) -> str | None:
        """The id of the record saved from ``origin`` (see `save`), if any.

        Looked up in the index as it stands and in the journal, which between
        them name every record saved (see `_write_doc`), so a save need not
        stat the whole store; each candidate is confirmed from its file."""
        rows = self._storage.sync().get("records", {}).values()
        if self._storage.unreadable is not None or not self._storage.has_snapshot and not self._storage.files:
            found = [m["id"] for m in self.list() if m.get("origin") == origin]
            return min(found) if found else None
        candidates = {row["id"] for row in rows if row.get("origin") == origin}
        candidates |= self._files.journalled_from(origin)
        for record_id in sorted(candidates):
            try:
                if self._read_doc(record_id).get("origin") == origin:
                    return record_id
            except StoreError:
                continue  # removed or damaged since it was indexed
        return None

    def find(self, text: str) -> builtins.list[dict]:
        """Records whose project name (or id, department) contains ``text``,
        then close fuzzy matches of the project name."""
        return find_in(self.list(), text)

    def all_records(self) -> Iterator[tuple[dict, dict]]:
        """(meta, current record) for every record, most recently updated first."""
        for listed in self.list():
            try:
                doc = self._read_doc(listed["id"])
            except StoreError as exc:
                if self.record_path(listed["id"]).exists():
                    self.damaged[listed["id"]] = exc
                continue  # damaged or removed by hand since the listing
            yield meta_of(doc), doc["versions"][-1]["record"]

    def warnings(self) -> builtins.list[str]:
        """What the last listing had to work around, in Chinese (for the user)."""
        said = [
            f"记录 {rid} 的文件已损坏，已跳过（其他记录不受影响）：{exc}" for rid, exc in sorted(self.damaged.items())
        ]
        if self._storage.set_aside is not None:
            said.append(
                f"数据库索引 {self.index_path} 已损坏，已按记录文件重建；原文件另存为 {self._storage.set_aside.name}。"
            )
        elif self._storage.unreadable is not None:
            said.append(f"数据库索引 {self.index_path} 已损坏且无法重写，本次按记录文件现场整理。")
        return said

    def __len__(self) -> int:
        return sum(1 for _ in self._files.names())

    # ---- internals -------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.records_dir.mkdir(parents=True, exist_ok=True)
            self.tmp_dir.mkdir(exist_ok=True)
        except OSError as exc:
            raise io_error(exc, self.db_dir) from exc
        with held(self.lock_path, self.lock_timeout):
            self._storage.check_version()  # never write next to an index from a newer jixiao
            self._files.repair()
            yield

    def _log_rows(self, written: builtins.list[tuple[str, dict]]) -> None:
        """Put the rows of records just written into the index log (under the
        lock); fold the log into a new snapshot once it has grown large."""
        entries = []
        for record_id, doc in written:
            try:
                entries.append((record_id, record_key(os.stat(self.record_path(record_id))), meta_of(doc)))
            except OSError:
                pass
        if self._storage.append(entries) > FOLD_BYTES:
            try:
                self._refresh(fold=True)
            except (StoreError, OSError):
                pass  # the records are saved; the index is derived

    def _last_ids(self) -> dict[int, int]:
        return last_ids(self.db_dir)

    def _scan_ids(self) -> dict[int, int]:
        return scan_ids(self.db_dir)

    def _note_ids(self, tops: dict[int, int]) -> None:
        note_ids(self.db_dir, tops)

    def _take_id(self, tops: dict[int, int], year: int) -> str:
        return take_id(self.db_dir, self.transcripts_dir, tops, year)

    def _write_doc(self, record_id: str, doc: dict) -> None:
        self._files.write(record_id, doc)
        if self._files.checkpoint_due:
            try:
                self._index_journalled()
                self._files.checkpoint()
            except (OSError, StoreError):
                pass  # the saves are durable in the journal; the next one tries again

    def _index_journalled(self) -> None:
        """Before the journal is emptied: log the index rows of journalled
        records that the index lacks (their writer died before logging them),
        so the index alone still names every record (`find_origin`)."""
        self._storage.sync()
        missing = []
        for record_id in self._files.expected_sizes():
            try:
                key = record_key(os.stat(self.record_path(record_id)))
            except OSError:
                continue
            if self._storage.files.get(record_id) != key:
                missing.append((record_id, self._read_doc(record_id)))
        self._log_rows(missing)

    def _read_doc(self, record_id: str) -> dict:
        return self._files.read(record_id)[0]

    def _read_doc_with_key(self, record_id: str) -> tuple[dict, builtins.list[int]]:
        return self._files.read(record_id)

    def _refresh(self, *, fold: bool = False) -> dict:
        """Bring the index in line with the record files (see index.refresh)."""
        expected = self._files.expected_sizes()
        rows, self.damaged = refresh(
            self._storage, self.records_dir, FILE_RE, self._read_row, fold=fold, expected=expected
        )
        return rows

    def _read_row(self, record_id: str) -> tuple[builtins.list[int], dict]:
        doc, key = self._read_doc_with_key(record_id)
        return key, meta_of(doc)


__all__ = ["Store", "StoreError", "diff_paths", "content_hash", "project_name", "STATUSES"]
