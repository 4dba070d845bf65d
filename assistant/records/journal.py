"""The store's journal: what makes a save durable with one fsync.

Why
===

A record file written whole costs two flushes to survive a power cut: the
temporary file (its bytes) and then the directory (the rename). On a busy
disk each flush waits for the file system's journal commit, so a save took
20-40 ms while other programs wrote. The durability contract of jixiao is:
a save is complete before anything else happens; a crash, Ctrl-C or a closed
terminal loses at most the current line; files are written whole or not at
all. A *process* crash needs no flush at all — the kernel keeps the written
pages and an ``os.replace`` is atomic — only a power cut (or a kernel crash)
does, and then it is enough that *one* durable copy of the save exists.

How
===

``db/journal.log`` is only appended to (and emptied at a checkpoint). A save
appends one entry — a JSON header line ``{"format", "version", "kind":
"journal", "id", "bytes", "sha", "boot", "t"[, "origin"]}`` followed by
exactly the bytes of the record file — and flushes it (``fdatasync``: one
flush, the file already exists). Only then is
the record file replaced, temp file + rename as before, but unflushed. So
after a power cut every save that returned is in the journal, and a record
file can only be in one of the states an interrupted unflushed write leaves:

- missing (the new name never reached the disk),
- the previous version (the rename was lost),
- empty, cut short or with blocks of zeros (the rename reached the disk
  before the data).

`interrupted` and `older` recognise exactly these states against the
journalled bytes, and only these: a record file damaged in any other way
(edited by hand, another program's file) is still reported as damaged and
never written to. And only for entries written before the machine last
started (`Entry.before_boot`): within one boot the kernel holds every page
written, so a file that differs from its entry was changed since — removed
or restored by hand, or its writer was killed between its two steps — and is
taken as it is; the next writer appends a ``forget`` entry for it, so a later
power cut cannot bring the journalled bytes back. Readers take the
journalled bytes instead of an interrupted file (they need no lock and no
write access); the next writer, under the store's lock, puts them back into
the record file (`Journal.repair`).

A crash while appending leaves a torn last entry (its bytes or digest do not
match): it is ignored — that save had not returned and had not touched its
record file — and cut off by the next writer before it appends.

Once the journal passes `CHECKPOINT_BYTES` the writer makes the record files
it names durable themselves (one flush per distinct file, issued from several
threads so the disk merges them; then the record directory) and empties the
journal. That is the only save that costs more than one flush, once per ~60
saves, and its cost is bounded by the journal, not by the store: it touches
only the files written since the last checkpoint (60 files: ~25 ms on a busy
disk). Counted over many saves a checkpoint adds about one flush per record
saved, as before, but off the path of the other 59 saves.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.fileio import write_all
from assistant.records.errors import FORMAT, FORMAT_VERSION, too_new

NAME = "journal.log"
#: past this size a save checkpoints the journal (≈ 60 saves of a 4 KB record)
CHECKPOINT_BYTES = 256 * 1024
#: record files flushed at once by a checkpoint
FLUSH_THREADS = 8
#: a torn write leaves whole blocks of zeros; pages are at least this large
BLOCK = 512


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


@cache
def boot_id() -> str | None:
    """This boot of the machine, where the system names it (Linux)."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip() or None
    except OSError:
        return None


def boot_time() -> float:
    """When this boot began, by the wall clock (elsewhere than Linux)."""
    return time.time() - time.monotonic()


#: how far the wall clock may have been set between two readings of boot_time
CLOCK_SLACK = 120.0


@dataclass(frozen=True)
class Entry:
    """The bytes a record file was last written with, and when."""

    record_id: str
    data: bytes
    boot: str | None = None
    time: float = 0.0
    origin: str | None = None  # where a new record came from (see Store.save)

    @property
    def before_boot(self) -> bool:
        """Written before the machine last started: a power cut may have come between."""
        now = boot_id()
        if now is not None and self.boot is not None:
            return now != self.boot
        return self.time < boot_time() - CLOCK_SLACK

    def lost(self, path: Path) -> bool:
        """Is the record file at ``path`` what a power cut left of this write?
        (A file that cannot be read at all — a directory in its place, no
        permission — is not: it is reported as it is.)"""
        try:
            raw = read_bytes(path)
        except OSError:
            return False
        return raw != self.data and self.before_boot and (interrupted(raw, self.data) or older(raw, self.data))


def interrupted(raw: bytes | None, data: bytes) -> bool:
    """Is ``raw`` (a record file's bytes, None when it is missing) what an
    unflushed write of ``data`` can leave after a power cut? Missing, empty,
    a prefix of ``data``, or ``data`` with blocks of zeros."""
    if raw is None:
        return True
    if len(raw) > len(data) or raw == data:
        return False
    for start in range(0, len(raw), BLOCK):
        got = raw[start : start + BLOCK]
        if got != data[start : start + len(got)] and got.count(0) != len(got):
            return False
    return True


def _flush(fd: int) -> None:
    sync = getattr(os, "fdatasync", os.fsync)  # fdatasync: not on Windows or macOS
    sync(fd)


def fsync_path(path: Path, *, directory: bool = False) -> None:
    """Flush one file (or directory; not possible on Windows, then skipped)."""
    try:
        # POSIX flushes through a read-only descriptor (a record file may be
        # read-only); Windows needs one open for writing, and has no directories to flush
        fd = os.open(path, os.O_RDWR if os.name == "nt" and not directory else os.O_RDONLY)
    except OSError:
        if directory:
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


class Journal:
    """``db/journal.log`` (see the module docstring).

    `entries` is safe without the lock; `entry`, `forget`, `repair` and
    `checkpoint` are called under the store's lock only.
    """

    def __init__(self, db_dir: Path):
        self.path = db_dir / NAME
        self._key: tuple[int, int, int] | None = None
        self._entries: dict[str, Entry] = {}
        self._end = 0  # bytes of whole entries; beyond: a torn tail
        self._checked: tuple[int, int, int] | None = None  # the journal as last repaired

    # ---- reading ---------------------------------------------------------

    def entries(self) -> dict[str, Entry]:
        """The last entry per record id (reloaded when the file changed)."""
        try:
            st = os.stat(self.path)
        except OSError:
            self._key, self._entries, self._end = None, {}, 0
            return self._entries
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        if key != self._key:
            self._load()
            self._key = key
        return self._entries

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read()
        except OSError:
            raw = b""
        entries: dict[str, Entry] = {}
        position = 0
        while position < len(raw):
            newline = raw.find(b"\n", position)
            if newline < 0:
                break
            try:
                head = json.loads(raw[position:newline])
                record_id, size, sha = head["id"], head["bytes"], head["sha"]
            except (ValueError, TypeError, KeyError):
                break
            if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("kind") != "journal":
                break
            if isinstance(head.get("version"), int) and head["version"] > FORMAT_VERSION:
                raise too_new(self.path, head["version"])
            if not isinstance(record_id, str) or not isinstance(size, int) or size < 0:
                break
            data = raw[newline + 1 : newline + 1 + size]
            if len(data) != size or digest(data) != sha or raw[newline + 1 + size : newline + 2 + size] != b"\n":
                break  # torn by a crash while appending
            boot, stamp, origin = head.get("boot"), head.get("t"), head.get("origin")
            if head.get("forget"):
                entries.pop(record_id, None)
            else:
                entries[record_id] = Entry(
                    record_id,
                    data,
                    boot if isinstance(boot, str) else None,
                    float(stamp) if isinstance(stamp, (int, float)) else 0.0,
                    origin if isinstance(origin, str) else None,
                )
            position = newline + 2 + size
        self._entries, self._end = entries, position

    @property
    def size(self) -> int:
        return self._key[1] if self._key else 0

    # ---- writing (under the store's lock) --------------------------------

    @contextmanager
    def entry(self, record_id: str, data: bytes, origin: str | None = None) -> Iterator[None]:
        """Append and flush an entry, then run the body (which writes the
        record file). If appending or the body fails, the entry is cut off
        again, so a save that reported failure leaves no trace."""
        made = Entry(record_id, data, boot_id(), time.time(), origin)
        extra = {"boot": made.boot, "t": made.time} | ({"origin": origin} if origin else {})
        with self._appending(record_id, data, extra):
            yield
        self._entries[record_id] = made

    def forget(self, record_id: str) -> None:
        """Record that the file of ``record_id`` is as it should be, whatever
        its entry says (it was changed by hand since)."""
        with self._appending(record_id, b"", {"forget": True}):
            pass
        self._entries.pop(record_id, None)

    @contextmanager
    def _appending(self, record_id: str, data: bytes, extra: dict) -> Iterator[None]:
        self.entries()
        created = not self.path.exists()
        head = {"format": FORMAT, "version": FORMAT_VERSION, "kind": "journal", "id": record_id}
        head |= {"bytes": len(data), "sha": digest(data), **extra}
        line = json.dumps(head, separators=(",", ":")).encode("ascii")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        start, checked = self._end, self._key is not None and self._checked == self._key
        try:
            try:
                if os.fstat(fd).st_size != start:
                    os.ftruncate(fd, start)  # a torn entry from a crash: never completed
                os.lseek(fd, start, os.SEEK_SET)
                write_all(fd, line + b"\n" + data + b"\n")
                _flush(fd)
                if created:
                    fsync_path(self.path.parent, directory=True)
                yield
            except BaseException:
                self._key = None
                try:
                    os.ftruncate(fd, start)
                    _flush(fd)
                except OSError:
                    pass
                raise
            st = os.fstat(fd)
        finally:
            os.close(fd)
        self._end = start + len(line) + len(data) + 2
        self._key = (st.st_ino, st.st_size, st.st_mtime_ns)
        if checked:  # it agreed with the files, and so it does with this entry
            self._checked = self._key

    def repair(self, records_dir: Path, write: Callable[[Path, bytes], None]) -> list[str]:
        """Put journalled bytes back into the record files a power cut
        interrupted (``write(path, data)`` replaces one); forget the entries
        of files changed since by other means. Returns the repaired ids."""
        entries = self.entries()
        if self._key is None or self._key == self._checked:
            return []
        repaired = []
        for record_id, entry in list(entries.items()):
            path = records_dir / f"{record_id}.json"
            try:
                if read_bytes(path) == entry.data:
                    continue
            except OSError:
                pass
            if entry.lost(path):
                write(path, entry.data)
                repaired.append(record_id)
            else:
                self.forget(record_id)
        self._checked = self._key
        return repaired

    def checkpoint(self, records_dir: Path) -> int:
        """Make the journalled record files durable, then empty the journal.
        Returns how many record files were flushed.

        The files are flushed from several threads at once: the file system
        and the disk merge concurrent flushes into a few (60 files: ~15 ms
        instead of ~200 ms one after the other on a busy disk)."""
        from concurrent.futures import ThreadPoolExecutor

        paths = [records_dir / f"{record_id}.json" for record_id in sorted(self.entries())]
        if paths:
            with ThreadPoolExecutor(max_workers=min(FLUSH_THREADS, len(paths))) as pool:
                for _ in pool.map(_flush_record, paths):
                    pass  # re-raises the first error: the journal is then kept
        fsync_path(records_dir, directory=True)
        fd = os.open(self.path, os.O_RDWR)
        try:
            os.ftruncate(fd, 0)
            _flush(fd)
        finally:
            os.close(fd)
        self._key = None
        self.entries()
        return len(paths)


def _flush_record(path: Path) -> None:
    try:
        fsync_path(path)
    except (FileNotFoundError, IsADirectoryError):
        pass  # removed or replaced by hand since: nothing of ours to keep


def read_bytes(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def older(raw: bytes | None, data: bytes) -> bool:
    """Is ``raw`` an earlier version of the record document ``data`` (a
    rename lost in a power cut, or read while a writer was between its two
    steps)? Its versions must be a strict prefix of those of ``data``."""
    if raw is None:
        return False
    try:
        old, new = json.loads(raw), json.loads(data)
        old_versions, new_versions = old["versions"], new["versions"]
        return (
            old.get("id") == new.get("id")
            and isinstance(old_versions, list)
            and 0 < len(old_versions) < len(new_versions)
            and all(
                a.get("n") == b.get("n") and a.get("hash") == b.get("hash") for a, b in zip(old_versions, new_versions)
            )
        )
    except (ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError, RecursionError):
        return False
