"""The record store: current records, every earlier version, and an index.

Design
======

TinyDB's own ``JSONStorage`` keeps the whole database in one file and rewrites
all of it, truncating in place, on every write. With 5,000 records of 3-5 KB
each and their versions that is 20 MB or more per save (far beyond 50 ms), and
a crash in the middle leaves a truncated, unreadable file. ``CachingMiddleware``
makes writes cheap only by keeping them in memory until close, which loses
them on a crash and lets two processes overwrite each other. So:

``db/records/<id>.json`` — one file per record, **the source of truth**.
    It holds the record's id, its creation time and the list of all its
    versions, each with number, time, status, note, changed field paths, a
    content hash and the full record. A save reads this one file, appends a
    version and writes it back with `write_atomic` (temp file, fsync,
    ``os.replace``, fsync of the directory). A save therefore costs
    O(size of one record's history), independent of the number of records
    (≈ 5-15 ms at 5,000 records, mostly the two fsyncs), and a crash leaves
    either the previous or the new file, never half. One file per save also
    means there is no multi-file commit that could get out of step: nothing
    else has to be updated for a save to be complete.

``db/index.json`` — a TinyDB database (table ``records``), one small row per
    record: id, form, year, project name, department, status, created,
    updated, version count and content hash; beside the tables, the (size,
    mtime) of the record file each row was read from. It is written
    only through a TinyDB `Storage` subclass whose ``write`` is
    `write_atomic`, so it is never half-written either. The index is
    *derived*: ``list``/``find`` scan ``db/records`` (one ``stat`` per file,
    ≈ 15 ms for 5,000), re-read only the record files whose stat differs from
    the index, and write the index back if anything changed (≈ 1.8 MB at
    5,000 records; list ≈ 60-150 ms, see bench/bench_store.py). Record files
    are replaced, never edited in place, and only grow (each change appends a
    version), so a stale row always shows up as a stat mismatch. The index
    therefore cannot disagree with the records — not after a crash, not after
    a save by another process — and saves never pay for rewriting it.
    Deleting it only costs one rebuild (≈ 0.5 s at 5,000 records).

``db/.lock`` — a `filelock.FileLock` held by every mutating operation. Under
    the lock a save re-reads the record file it extends (or lists the record
    directory to allocate a new id), so two processes never lose each other's
    writes and never hand out the same id. Readers take no lock: every file
    they read is replaced atomically, so they see a complete old or new one.
    Temporary files that a killed writer left in ``records/`` are removed by
    the next save that allocates an id (under the lock none can be in flight).

Every file carries ``{"format": "jixiao-store", "version": 1, "kind": …}``
(the index also ends with a fixed trailer, so a mutating call can check that
it is ours and complete from its first and last bytes). A file that is not
valid JSON or lacks the marker raises `StoreError` ("已损坏或不是 jixiao 的
数据库") and is never written to; a mutating call refuses to add records next
to a foreign or truncated index. A record is validated (`record_errors`) and
serialised before any file is touched.

Ids are ``<year>-<seq>`` (``2023-0001``): short, readable, sortable within a
year, allocated under the lock from the files present, so unique across
processes. Times are ISO 8601 UTC with microseconds (``…T08:00:00.000000Z``),
fixed width so they sort as text.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import filelock
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from assistant import fileio
from assistant.records.home import describe_oserror
from assistant.rules.schema import record_errors

FORMAT = "jixiao-store"
FORMAT_VERSION = 1
STATUSES = ("draft", "final")
STATUS_LABELS = {"draft": "草稿", "final": "定稿"}
DEFAULT_LOCK_TIMEOUT = 10.0

# <year>-<seq>: four digits, or more without a leading zero (one id, one spelling)
_ID_RE = re.compile(r"^(?P<year>[0-9]{4})-(?P<seq>[0-9]{4}|[1-9][0-9]{4,})$")
_FILE_RE = re.compile(r"^(?P<id>[0-9]{4}-(?:[0-9]{4}|[1-9][0-9]{4,}))\.json$")
_INDEX_PREFIX = b'{"format":"jixiao-store",'
_INDEX_SUFFIX = b',"end":"jixiao-store"}'


class StoreError(Exception):
    """A store operation failed. The message is Chinese and says what to do.

    ``path`` names the file concerned, if any; ``errors`` holds the schema
    errors when a record was refused.
    """

    def __init__(self, message: str, *, path: Path | None = None, errors: list | None = None):
        super().__init__(message)
        self.path = path
        self.errors = errors or []


# --------------------------------------------------------------------------
# helpers


def format_path(parts: Iterable[Any]) -> str:
    """``("indicators", "annual", 3, "value")`` → ``indicators.annual[3].value``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def diff_paths(old: Any, new: Any) -> list[str]:
    """Paths of the fields that differ between two records, in document order.

    Dicts are compared key by key, lists index by index (an added or removed
    item is reported as ``list[i]``), scalars by value (``48`` equals
    ``Decimal("48")``, but ``True`` does not equal ``1``).
    """
    out: list[str] = []
    _diff(old, new, (), out)
    return out


def _diff(a: Any, b: Any, path: tuple, out: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key, value in a.items():
            if key in b:
                _diff(value, b[key], path + (key,), out)
            else:
                out.append(format_path(path + (key,)))
        for key in b:
            if key not in a:
                out.append(format_path(path + (key,)))
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            if i < len(a) and i < len(b):
                _diff(a[i], b[i], path + (i,), out)
            else:
                out.append(format_path(path + (i,)))
    elif _scalar_differs(a, b):
        out.append(format_path(path))


def _scalar_differs(a: Any, b: Any) -> bool:
    numbers = (int, float, Decimal)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return a != b
    return type(a) is not type(b) or a != b


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        if value.is_finite() and value == value.to_integral_value():
            return int(value)
        return float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def content_hash(record: Any) -> str:
    """A stable hash of a record's content (key order does not matter)."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=_json_default, allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _default_now() -> datetime:
    return datetime.now(timezone.utc)


def project_name(record: dict) -> str:
    """The name a record is listed under: the project, or the department."""
    project = record.get("project")
    if isinstance(project, dict) and isinstance(project.get("name"), str):
        return project["name"]
    if isinstance(record.get("department"), str):
        return record["department"]
    return ""


def _department(record: dict) -> str:
    project = record.get("project")
    if isinstance(project, dict):
        return project.get("department") or project.get("unit") or ""
    value = record.get("department")
    return value if isinstance(value, str) else ""


def _corrupt(path: Path) -> StoreError:
    return StoreError(
        f"数据库文件 {path} 已损坏或不是 jixiao 的数据库，未做任何修改。"
        "请从备份恢复或用 --home 指定其他目录。", path=path)


def _too_new(path: Path, version: Any) -> StoreError:
    return StoreError(
        f"数据库文件 {path} 由更新版本的 jixiao 创建（格式版本 {version}），未做任何修改。"
        "请升级 jixiao 后再打开，或用 --home 指定其他目录。", path=path)


def _check_marker(obj: Any, kind: str, path: Path) -> None:
    if not isinstance(obj, dict) or obj.get("format") != FORMAT or obj.get("kind") != kind:
        raise _corrupt(path)
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _corrupt(path)
    if version > FORMAT_VERSION:
        raise _too_new(path, version)


def _stat_key(st: os.stat_result) -> list[int]:
    """Identity of a file version: (inode, size, mtime)."""
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _record_key(st: os.stat_result) -> list[int]:
    """Identity of a record file version: (size, mtime). No inode: scandir
    does not fill it on Windows. A record file only ever grows (every change
    appends a version), so the size alone already tells versions apart."""
    return [st.st_size, st.st_mtime_ns]


# --------------------------------------------------------------------------
# the index: a TinyDB database behind an atomic, marker-checking storage


class _IndexStorage(Storage):
    """TinyDB storage for ``db/index.json``.

    ``read`` serves the last loaded or written tables from memory; `sync`
    reloads them from disk when the file's (inode, size, mtime) changed.
    ``write`` replaces the file with `write_atomic`, so the index is never
    half-written. Nothing is cached across a change by another process
    without being noticed, and the store re-validates every row against the
    record files before using it anyway.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._tables: dict | None = None
        self._key: list[int] | None = None
        #: record id -> (inode, size, mtime_ns) of the record file each row was read from
        self.files: dict[str, list[int]] = {}

    def sync(self) -> dict:
        """Reload the index if the file changed on disk; return its tables."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._tables, self._key, self.files = None, None, {}
            return {}
        key = _stat_key(st)
        if self._tables is None or key != self._key:
            self._tables, self.files = self._load()
            self._key = key
        return self._tables

    def _load(self) -> tuple[dict, dict]:
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read()
            obj = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise _corrupt(self.path) from exc
        _check_marker(obj, "index", self.path)
        tables, files = obj.get("tables"), obj.get("files", {})
        if not isinstance(tables, dict) or not isinstance(files, dict) \
                or not isinstance(tables.get("records", {}), dict):
            raise _corrupt(self.path)
        for row in tables.get("records", {}).values():
            if not isinstance(row, dict) or not isinstance(row.get("id"), str):
                raise _corrupt(self.path)
        return tables, files

    def prime(self, tables: dict, files: dict) -> None:
        """Serve these tables from memory (used when the index cannot be written)."""
        self._tables, self.files = tables, files

    def read(self) -> dict | None:
        return self._tables

    def write(self, data: dict) -> None:
        self.write_index(data, self.files)

    def write_index(self, tables: dict, files: dict) -> None:
        self._tables, self.files = tables, files
        text = json.dumps({"format": FORMAT, "version": FORMAT_VERSION, "kind": "index",
                           "tables": tables, "files": files, "end": FORMAT},
                          ensure_ascii=False, separators=(",", ":"))
        self._key = None
        fileio.write_atomic(self.path, text)
        try:
            self._key = _stat_key(os.stat(self.path))
        except OSError:
            pass

    def check_ends(self) -> None:
        """Cheap check that an existing index is ours and complete: its first
        and last bytes only (a full parse is left to `sync`)."""
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(len(_INDEX_PREFIX))
                handle.seek(0, os.SEEK_END)
                size = handle.tell()
                handle.seek(max(0, size - len(_INDEX_SUFFIX)))
                tail = handle.read()
        except FileNotFoundError:
            return
        if head != _INDEX_PREFIX or tail != _INDEX_SUFFIX:
            raise _corrupt(self.path)


# --------------------------------------------------------------------------


class Store:
    """Records under ``home/db``. See the module docstring for the design."""

    def __init__(self, home: str | os.PathLike, *, now: Callable[[], datetime] | None = None,
                 lock_timeout: float = DEFAULT_LOCK_TIMEOUT):
        self.home = Path(home)
        self.db_dir = self.home / "db"
        self.records_dir = self.db_dir / "records"
        self.index_path = self.db_dir / "index.json"
        self.lock_path = self.db_dir / ".lock"
        self.transcripts_dir = self.home / "transcripts"
        self.exports_dir = self.home / "exports"
        self.lock_timeout = lock_timeout
        self._now = now or _default_now
        self._lock = filelock.FileLock(str(self.lock_path), poll_interval=0.005)
        self._db = TinyDB(self.index_path, storage=_IndexStorage)
        self._storage: _IndexStorage = self._db.storage  # type: ignore[assignment]
        self._table = self._db.table("records", cache_size=0)

    # ---- paths -----------------------------------------------------------

    def record_path(self, record_id: str) -> Path:
        _check_id(record_id)
        return self.records_dir / f"{record_id}.json"

    def transcript_path(self, record_id: str) -> Path:
        _check_id(record_id)
        return self.transcripts_dir / f"{record_id}.jsonl"

    # ---- writing ---------------------------------------------------------

    def save(self, record: dict, *, status: str = "draft", note: str = "",
             record_id: str | None = None) -> str:
        """Store a new record (``record_id`` None) or a new version of one.

        The record is validated and serialised first; on any error nothing is
        touched. An update identical in content and status to the current
        version adds no version. ``status`` applies to the saved version: an
        update without ``status="final"`` makes the record a draft again, so
        "final" always means the current content was re-checked.
        """
        _check_status(status)
        normalized, digest = _prepare(record)
        if record_id is not None:
            _check_id(record_id)
        with self._locked():
            if record_id is None:
                record_id = self._take_id(self._scan_ids(), normalized["year"])
                doc = self._new_doc(record_id, normalized, digest, status, note)
            else:
                doc = self._read_doc(record_id)
                if not self._append_version(doc, normalized, digest, status, note):
                    return record_id
            self._write_doc(record_id, doc)
        return record_id

    def save_many(self, records: Iterable[dict], *, status: str = "draft", note: str = "") -> list[str]:
        """Store several new records under one lock (import, bulk building).

        All records are validated and serialised before anything is written;
        each record file is then written atomically on its own, so a crash
        part-way leaves the records saved so far complete and the rest absent.
        The index is brought up to date once at the end.
        """
        _check_status(status)
        prepared = []
        for position, record in enumerate(records, start=1):
            try:
                prepared.append(_prepare(record))
            except StoreError as exc:
                raise StoreError(f"第 {position} 条记录：{exc}", errors=exc.errors) from exc
        ids: list[str] = []
        hints: dict[str, tuple[dict, list[int]]] = {}
        with self._locked():
            tops = self._scan_ids()
            for normalized, digest in prepared:
                record_id = self._take_id(tops, normalized["year"])
                doc = self._new_doc(record_id, normalized, digest, status, note)
                self._write_doc(record_id, doc)
                try:
                    hints[record_id] = (_meta(doc), _record_key(os.stat(self.record_path(record_id))))
                except OSError:
                    pass
                ids.append(record_id)
        try:
            self._refresh(hints)
        except StoreError:
            pass  # the records are saved; a bad index is reported by list()
        return ids

    def set_status(self, record_id: str, status: str, *, note: str = "") -> None:
        """Mark a record draft or final; the change is a version of its own."""
        _check_status(status)
        with self._locked():
            doc = self._read_doc(record_id)
            current = doc["versions"][-1]
            if current["status"] == status:
                return
            note = note or f"状态：{STATUS_LABELS[current['status']]} → {STATUS_LABELS[status]}"
            self._append_version(doc, current["record"], current["hash"], status, note)
            self._write_doc(record_id, doc)

    # ---- reading ---------------------------------------------------------

    def get(self, record_id: str) -> dict:
        """The current version of a record."""
        return self._read_doc(record_id)["versions"][-1]["record"]

    def meta(self, record_id: str) -> dict:
        return _meta(self._read_doc(record_id))

    def current(self, record_id: str) -> tuple[dict, dict]:
        """(meta, current record) from one read, so the two always agree."""
        doc = self._read_doc(record_id)
        return _meta(doc), doc["versions"][-1]["record"]

    def history(self, record_id: str) -> list[dict]:
        """One entry per version, oldest first: version, time, status, note, changed."""
        return [
            {"version": v["n"], "time": v["time"], "status": v["status"], "note": v["note"],
             "changed": list(v["changed"])}
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

    def find(self, text: str) -> list[dict]:
        """Records whose project name (or id, department) contains ``text``,
        then close fuzzy matches of the project name."""
        needle = "".join(str(text).split()).lower()
        metas = self.list()
        if not needle:
            return metas
        exact, fuzzy = [], []
        for meta in metas:
            haystack = "".join((meta["project"] or "").split()).lower()
            if needle in haystack or needle == meta["id"] or needle in (meta.get("department") or "").lower():
                exact.append(meta)
            else:
                fuzzy.append(meta)
        if fuzzy and len(needle) >= 2:
            from rapidfuzz import fuzz

            scored = [(fuzz.partial_ratio(needle, "".join((m["project"] or "").split())), m) for m in fuzzy]
            fuzzy = [m for score, m in sorted(scored, key=lambda x: -x[0]) if score >= 70]
        else:
            fuzzy = []
        return exact + fuzzy

    def all_records(self) -> Iterator[tuple[dict, dict]]:
        """(meta, current record) for every record, most recently updated first."""
        for listed in self.list():
            try:
                doc = self._read_doc(listed["id"])
            except StoreError:
                if self.record_path(listed["id"]).exists():
                    raise
                continue  # removed by hand since the listing
            yield _meta(doc), doc["versions"][-1]["record"]

    def __len__(self) -> int:
        return sum(1 for _ in self._record_names())

    # ---- internals -------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.records_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._io_error(exc, self.db_dir) from exc
        try:
            self._lock.acquire(timeout=self.lock_timeout)
        except filelock.Timeout as exc:
            raise StoreError(
                f"数据库正被另一个 jixiao 进程使用（等待 {self.lock_timeout:g} 秒仍未轮到，锁文件 {self.lock_path}）。"
                "请等它完成或关闭它后再试。", path=self.lock_path) from exc
        except OSError as exc:
            raise self._io_error(exc, self.lock_path) from exc
        try:
            # A foreign or damaged index means --home points somewhere wrong:
            # refuse to add records next to it.
            self._storage.check_ends()
            yield
        finally:
            self._lock.release()

    def _io_error(self, exc: OSError, path: Path) -> StoreError:
        reason, advice = describe_oserror(exc)
        return StoreError(f"无法写入数据库 {path}：{reason}，本次保存未完成，已有数据未受影响。"
                          f"{advice}或用 --home 指定其他目录。", path=path)

    def _record_names(self) -> Iterator[str]:
        try:
            names = os.listdir(self.records_dir)
        except FileNotFoundError:
            return
        for name in names:
            match = _FILE_RE.match(name)
            if match:
                yield match.group("id")

    def _scan_ids(self) -> dict[int, int]:
        """The highest sequence number per year among the record files.

        Called only under the lock. Record files are written only under the
        lock, so a temporary file found in ``records/`` now belongs to a
        writer that was killed: it is removed. Index and cache temporaries
        (written by readers, without the lock) are removed once an hour old.
        """
        tops: dict[int, int] = {}
        try:
            names = os.listdir(self.records_dir)
        except FileNotFoundError:
            names = []
        for name in names:
            if name.endswith(".json") and name[4:5] == "-":
                year, seq = name[:4], name[5:-5]
                if _FILE_RE.match(name):
                    number = int(seq)
                    if number > tops.get(int(year), 0):
                        tops[int(year)] = number
            elif name.startswith(".") and name.endswith(".tmp"):
                _unlink_quietly(self.records_dir / name)
        try:
            for entry in os.scandir(self.db_dir):
                if entry.name.startswith(".") and entry.name.endswith(".tmp") \
                        and entry.stat().st_mtime < time.time() - 3600:
                    _unlink_quietly(Path(entry.path))
        except OSError:
            pass
        return tops

    @staticmethod
    def _take_id(tops: dict[int, int], year: int) -> str:
        seq = tops.get(year, 0) + 1
        tops[year] = seq
        return f"{year:04d}-{seq:04d}"

    def _new_doc(self, record_id: str, record: dict, digest: str, status: str, note: str) -> dict:
        stamp = _utc_text(self._now())
        return {
            "format": FORMAT, "version": FORMAT_VERSION, "kind": "record",
            "id": record_id, "created": stamp,
            "versions": [{"n": 1, "time": stamp, "status": status, "note": note or "新建",
                          "changed": [], "hash": digest, "record": record}],
        }

    def _append_version(self, doc: dict, record: dict, digest: str, status: str, note: str) -> bool:
        current = doc["versions"][-1]
        changed = diff_paths(current["record"], record)
        if current["status"] != status:
            changed.append("status")
        if not changed:
            return False
        doc["versions"].append({
            "n": len(doc["versions"]) + 1, "time": _utc_text(self._now()), "status": status,
            "note": note, "changed": changed, "hash": digest, "record": record,
        })
        return True

    def _write_doc(self, record_id: str, doc: dict) -> None:
        path = self.record_path(record_id)
        text = fileio.dumps(doc, indent=1)
        try:
            fileio.write_atomic(path, text)
        except OSError as exc:
            raise self._io_error(exc, path) from exc

    def _read_doc(self, record_id: str) -> dict:
        return self._read_doc_with_key(record_id)[0]

    def _read_doc_with_key(self, record_id: str) -> tuple[dict, list[int]]:
        path = self.record_path(record_id)
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
                key = _record_key(os.fstat(handle.fileno()))
        except FileNotFoundError:
            raise StoreError(f"记录 {record_id} 不存在。可用 jixiao list 查看已有记录。", path=path) from None
        except OSError as exc:
            reason, advice = describe_oserror(exc)
            raise StoreError(f"无法读取记录文件 {path}：{reason}。{advice}。", path=path) from exc
        try:
            doc = fileio.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise _corrupt(path) from exc
        _check_marker(doc, "record", path)
        _check_doc(doc, record_id, path)
        return doc, key

    def _refresh(self, hints: dict[str, tuple[dict, list[int]]] | None = None) -> dict:
        """Bring the index in line with the record files; return its rows.

        ``hints`` maps ids just written by this process to (row, file key),
        so a bulk save need not read its own files back.
        """
        tables = self._storage.sync()
        old_rows = tables.get("records", {})
        old_files = self._storage.files
        rows: dict[str, dict] = {}
        files: dict[str, list[int]] = {}
        dirty = False
        try:
            entries = list(os.scandir(self.records_dir))
        except FileNotFoundError:
            entries = []
        for entry in entries:
            match = _FILE_RE.match(entry.name)
            if not match:
                continue
            record_id = match.group("id")
            try:
                key = _record_key(entry.stat())
            except FileNotFoundError:
                continue
            doc_id = str(_doc_id(record_id))
            row = old_rows.get(doc_id)
            if row is None or old_files.get(record_id) != key:
                hinted = hints.get(record_id) if hints else None
                if hinted is not None and hinted[1] == key:
                    row = hinted[0]
                else:
                    try:
                        doc, key = self._read_doc_with_key(record_id)
                    except StoreError:
                        if not os.path.exists(entry.path):
                            continue  # removed since the scan
                        raise
                    row = _meta(doc)
                dirty = True
            rows[doc_id] = row
            files[record_id] = key
        if not dirty and len(rows) == len(old_rows) and len(old_files) == len(files):
            return old_rows
        new_tables = dict(tables)
        new_tables["records"] = rows
        try:
            self._storage.write_index(new_tables, files)
        except OSError:
            self._storage.prime(new_tables, files)  # read-only home: serve from memory
        return rows


# --------------------------------------------------------------------------


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise StoreError(f"状态应为 draft（草稿）或 final（定稿），现在是 {status!r}。")


def _check_id(record_id: Any) -> None:
    if not isinstance(record_id, str) or not _ID_RE.match(record_id):
        raise StoreError(f"记录编号 {record_id!r} 格式不对，应形如 2023-0001。")


def _doc_id(record_id: str) -> int:
    year, seq = record_id.split("-")
    return int(year) * 10_000_000 + int(seq)


def _prepare(record: Any) -> tuple[dict, str]:
    """Validate and serialise a record; the stored (round-tripped) form and its hash."""
    try:
        errors = record_errors(record)
    except (ArithmeticError, TypeError, ValueError) as exc:  # e.g. Decimal("NaN") compared with a minimum
        raise StoreError("记录中有无法检查的数值（如 NaN 或无穷大），未保存。数值须为有限的数字。") from exc
    if errors:
        shown = "；".join(
            f"{format_path(e.absolute_path) or '（顶层）'}：{e.message}" for e in errors[:5])
        more = f"；另有 {len(errors) - 5} 处" if len(errors) > 5 else ""
        raise StoreError(f"记录不符合格式要求，未保存（共 {len(errors)} 处）：{shown}{more}。"
                         "请先用 jixiao check 检查并改正。", errors=errors)
    try:
        digest = content_hash(record)
        normalized = fileio.loads(fileio.dumps(record, indent=None))
    except (TypeError, ValueError) as exc:
        raise StoreError(f"记录中有无法保存的值（{exc}），未保存。数值须为有限的数字。") from exc
    return normalized, digest


def _check_doc(doc: dict, record_id: str, path: Path) -> None:
    versions = doc.get("versions")
    if doc.get("id") != record_id or not isinstance(doc.get("created"), str) \
            or not isinstance(versions, list) or not versions:
        raise _corrupt(path)
    for n, version in enumerate(versions, start=1):
        if (not isinstance(version, dict) or version.get("n") != n
                or not isinstance(version.get("time"), str)
                or version.get("status") not in STATUSES
                or not isinstance(version.get("note"), str)
                or not isinstance(version.get("changed"), list)
                or not isinstance(version.get("hash"), str)
                or not isinstance(version.get("record"), dict)):
            raise _corrupt(path)
    current = versions[-1]["record"]
    if not isinstance(current.get("form"), str) or not isinstance(current.get("year"), int):
        raise _corrupt(path)


def _meta(doc: dict) -> dict:
    current = doc["versions"][-1]
    record = current["record"]
    return {
        "id": doc["id"],
        "form": record["form"],
        "year": record["year"],
        "project": project_name(record),
        "department": _department(record),
        "status": current["status"],
        "created": doc["created"],
        "updated": current["time"],
        "versions": len(doc["versions"]),
        "hash": current["hash"],
    }




__all__ = ["Store", "StoreError", "diff_paths", "format_path", "content_hash", "project_name", "STATUSES"]
