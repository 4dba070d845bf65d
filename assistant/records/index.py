"""The store's index: derived data, checked against the record files on every use.

``db/index.json`` — the snapshot: a TinyDB database (table ``records``, one
    small row per record: id, form, year, project, department, status,
    created, updated, version count, content hash) and beside the tables the
    (size, mtime) of the record file each row was read from. Written whole
    (`write_atomic`) only when the log is folded into it or the index is rebuilt,
    and not flushed: after a power cut it may be old or damaged, and is then
    re-derived like any other stale or damaged index (18 MB at 50,000 records:
    a flush of it would stall the save that folds).
``db/index.log`` — rows appended since the snapshot, one JSON line each
    (``{"id", "key", "row"}``; the last line for an id wins). A save appends
    its one row — a few hundred bytes — instead of rewriting a snapshot of
    1.8 MB at 5,000 records, so its cost does not grow with the store; once
    the log passes `FOLD_BYTES` the saving process folds it into a new
    snapshot (amortised: once per ~1,500 saves).

Neither file is trusted: `Store` stats every record file and re-reads those
whose (size, mtime) differs from the row (record files are replaced, never
edited, and only grow), so a lost log line, a stale snapshot written by a
racing reader or a crash between any two steps costs a re-read, never a wrong
listing. A snapshot that is damaged, foreign or not a file is set aside
(``index.json.damaged``) and rebuilt; only one from a newer jixiao is refused.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from tinydb.storages import Storage

from assistant import fileio
from assistant.records.errors import FORMAT, FORMAT_VERSION, StoreError, check_marker, corrupt, too_new
from assistant.records.home import describe_oserror

LOG_NAME = "index.log"
FOLD_BYTES = 512 * 1024
_VERSION_RE = re.compile(rb'^\{"format":"jixiao-store","version":([0-9]{1,6}),"kind":"index"')

Entry = tuple[str, list[int], dict]  # (record id, record file key, row)


def doc_id(record_id: str) -> int:
    year, seq = record_id.split("-")
    return int(year) * 10_000_000 + int(seq)


def record_key(st: os.stat_result) -> list[int]:
    """Identity of a record file version: (size, mtime). No inode: scandir
    does not fill it on Windows. A record file only ever grows (every change
    appends a version), so the size alone already tells versions apart."""
    return [st.st_size, st.st_mtime_ns]


def _file_key(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


class IndexStorage(Storage):
    """TinyDB storage for the snapshot plus the log (see the module docstring).

    `sync` reloads whichever of the two files changed on disk and returns the
    merged tables; ``files`` maps record id → the key each row was read from.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.log_path = self.path.with_name(LOG_NAME)
        self._base: tuple[dict, dict] = ({}, {})
        self._base_key: list[int] | None = None
        self._log_key: list[int] | None = None
        self._loaded = False
        self._tables: dict = {}
        self.files: dict[str, list[int]] = {}
        #: why the snapshot could not be used (it is rebuilt), or None
        self.unreadable: StoreError | None = None
        #: where a damaged snapshot was set aside when it was rebuilt
        self.set_aside: Path | None = None

    # ---- reading ---------------------------------------------------------

    def sync(self) -> dict:
        base_key = _file_key(self.path)
        reload = not self._loaded or base_key != self._base_key
        if reload:
            self._base = self._load_snapshot(base_key)
            self._base_key = base_key
            self._loaded = True
        log_key = _file_key(self.log_path)
        if reload or log_key != self._log_key:
            tables, files = self._base
            rows, files = dict(tables.get("records", {})), dict(files)
            for record_id, key, row in self._load_log():
                rows[str(doc_id(record_id))] = row
                files[record_id] = key
            self._tables, self.files = {**tables, "records": rows}, files
            self._log_key = log_key
        return self._tables

    def _load_snapshot(self, key: list[int] | None) -> tuple[dict, dict]:
        self.unreadable = None
        if key is None:
            return {}, {}
        try:
            with open(self.path, "rb") as handle:
                obj = json.loads(handle.read().decode("utf-8"))
            check_marker(obj, "index", self.path)
            tables, files = obj.get("tables"), obj.get("files", {})
            if (
                not isinstance(tables, dict)
                or not isinstance(files, dict)
                or not isinstance(tables.get("records", {}), dict)
                or not all(
                    isinstance(r, dict) and isinstance(r.get("id"), str) for r in tables.get("records", {}).values()
                )
            ):
                raise corrupt(self.path)
        except StoreError as exc:
            if "更新版本" in str(exc):
                raise
            self.unreadable = exc
            return {}, {}
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            self.unreadable = corrupt(self.path)
            return {}, {}
        return tables, files

    def _load_log(self) -> list[Entry]:
        try:
            with open(self.log_path, "rb") as handle:
                raw = handle.read()
        except OSError:
            return []
        entries = []
        for line in raw.split(b"\n"):
            try:
                obj = json.loads(line)
                record_id, key, row = obj["id"], obj["key"], obj["row"]
            except (ValueError, TypeError, KeyError):
                continue  # a line cut by a crash: the record is re-read
            if (
                isinstance(record_id, str)
                and isinstance(row, dict)
                and isinstance(key, list)
                and row.get("id") == record_id
            ):
                entries.append((record_id, key, row))
        return entries

    @property
    def has_snapshot(self) -> bool:
        return self._base_key is not None

    def check_version(self) -> None:
        """Refuse to write next to an index from a newer jixiao (its first bytes only)."""
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(80)
        except OSError:
            return
        match = _VERSION_RE.match(head)
        if match and int(match.group(1)) > FORMAT_VERSION:
            raise too_new(self.path, int(match.group(1)))

    def read(self) -> dict | None:
        return self._tables

    # ---- writing ---------------------------------------------------------

    def write(self, data: dict) -> None:
        self.write_snapshot(data, self.files)

    def adopt(self, tables: dict, files: dict) -> None:
        """Serve these tables from memory (the refreshed index, written or not)."""
        self._tables, self.files = tables, files
        self._log_key = _file_key(self.log_path)

    def append(self, entries: list[Entry]) -> int:
        """Append rows to the log (best effort: the index is derived). Returns
        the log's size afterwards, 0 if it could not be written."""
        data = b"".join(
            json.dumps({"id": i, "key": k, "row": r}, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
            for i, k, r in entries
        )
        try:
            fd = os.open(self.log_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
        except OSError:
            return 0
        try:
            start = os.fstat(fd).st_size
            if start and not _ends_with_newline(fd, start):
                data = b"\n" + data
            os.write(fd, data)
            return os.fstat(fd).st_size
        except OSError:
            return 0
        finally:
            os.close(fd)

    def write_snapshot(self, tables: dict, files: dict) -> None:
        """Replace the snapshot (setting a damaged one aside first) and empty the log."""
        if self.unreadable is not None and self.path.is_file():
            self.set_aside = self.path.with_name(self.path.name + ".damaged")
            os.replace(self.path, self.set_aside)
        text = json.dumps(
            {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "kind": "index",
                "tables": tables,
                "files": files,
                "end": FORMAT,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        fileio.write_atomic(self.path, text, durable=False)
        self.unreadable = None
        if self.log_path.exists():
            fileio.write_atomic(self.log_path, b"", durable=False)
        self._base = (tables, files)
        self._base_key = _file_key(self.path)
        self._tables, self.files = tables, files
        self._log_key = _file_key(self.log_path)


def _ends_with_newline(fd: int, size: int) -> bool:
    try:
        return os.pread(fd, 1, size - 1) == b"\n"
    except OSError:
        return True


#: more stale rows than this in one listing: write a new snapshot instead of logging them
REBUILD_ROWS = 200


def refresh(
    storage: IndexStorage,
    records_dir: Path,
    file_pattern: re.Pattern,
    read_row: Callable[[str], tuple[list[int], dict]],
    *,
    fold: bool = False,
    expected: dict[str, int] | None = None,
) -> tuple[dict[str, dict], dict[str, StoreError]]:
    """Bring the index in line with the record files: (rows, damaged).

    Every record file is stat'ed; those whose key differs from their row are
    re-read with ``read_row`` (→ key, row), and their rows logged (a few) or
    written as a new snapshot (many, a missing or damaged snapshot, or
    ``fold``). A record file ``read_row`` refuses is left out and returned in
    ``damaged`` (id → the StoreError), so one bad file blocks nothing else.

    ``expected`` maps the ids in the store's journal to the size their file
    should have: a file of another size (or none) may be one a power cut
    interrupted, so its row is re-read (``read_row`` then takes the
    journalled bytes) and served, but not logged: the file is about to
    change (repaired by the next writer) or its journal entry to be dropped.
    """
    expected = expected or {}
    tables = storage.sync()
    old_rows = tables.get("records", {})
    old_files = storage.files
    rows: dict[str, dict] = {}
    files: dict[str, list[int]] = {}
    fresh: list[Entry] = []
    damaged: dict[str, StoreError] = {}
    try:
        entries = list(os.scandir(records_dir))
    except FileNotFoundError:
        entries = []
    except OSError as exc:
        reason, advice = describe_oserror(exc)
        raise StoreError(
            f"无法读取数据库目录 {records_dir}：{reason}。{advice}或用 --home 指定其他目录。", path=records_dir
        ) from exc
    listed: list[tuple[str, list[int] | None]] = []
    for entry in entries:
        match = file_pattern.match(entry.name)
        if not match:
            continue
        try:
            listed.append((match.group("id"), record_key(entry.stat())))
        except OSError:
            continue
    seen = {record_id for record_id, _ in listed}
    listed += [(record_id, None) for record_id in expected if record_id not in seen]
    for record_id, key in listed:
        number = str(doc_id(record_id))
        row = old_rows.get(number)
        stale = record_id in expected and (key is None or key[0] != expected[record_id])
        if row is None or key is None or old_files.get(record_id) != key or stale:
            try:
                key, row = read_row(record_id)
            except StoreError as exc:
                if key is not None and os.path.lexists(records_dir / f"{record_id}.json"):
                    damaged[record_id] = exc
                continue
            if not stale:
                fresh.append((record_id, key, row))
        rows[number] = row
        files[record_id] = key
    new_tables = {**tables, "records": rows}
    if fold or storage.unreadable is not None or len(fresh) > REBUILD_ROWS or (rows and not storage.has_snapshot):
        try:
            storage.write_snapshot(new_tables, files)
            return rows, damaged
        except OSError:
            pass  # read-only media: serve from memory
    elif fresh:
        storage.append(fresh)
    storage.adopt(new_tables, files)
    return rows, damaged
