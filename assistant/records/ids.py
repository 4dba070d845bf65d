"""Record ids: ``<year>-<seq>``, handed out under the store's lock.

The last id per year is kept as a hint in ``db/ids.json`` so a new record
costs no listing of a directory of 50,000 files; every id handed out is
checked against the files present, so the hint can be stale or lost.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from assistant.records.documents import FILE_RE

RECORDS, TMP, IDS = "records", "tmp", "ids.json"


def last_ids(db_dir: Path) -> dict[int, int]:
    """The last sequence number handed out per year (under the lock).

    Read from ``db/ids.json``, a hint rewritten with every new record, so
    a save need not list a directory of 50,000 files; `take_id` still
    steps past any id whose record or transcript exists, so a stale hint
    (a crash before it was written, a record made by hand) is harmless.
    Without a usable hint the record files are scanned. Temporary files
    of record writes (``db/tmp``) found now belong to a killed writer
    (none can be in flight under the lock): they are removed.
    """
    try:
        names = os.listdir(db_dir / TMP)
    except OSError:
        names = []
    for name in names:
        _unlink_quietly(db_dir / TMP / name)
    try:
        hint = json.loads((db_dir / IDS).read_text(encoding="utf-8"))
        tops = {int(year): int(seq) for year, seq in hint.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return scan_ids(db_dir)
    return tops


def note_ids(db_dir: Path, tops: dict[int, int]) -> None:
    """Rewrite the id hint in place: no rename, no fsync. A hint torn or
    lost in a crash is unreadable (a scan) or stale (a few probes)."""
    data = json.dumps({str(y): s for y, s in sorted(tops.items())}).encode()
    try:
        fd = os.open(db_dir / IDS, os.O_WRONLY | os.O_CREAT, 0o666)
    except OSError:
        return
    try:
        os.pwrite(fd, data, 0)
        os.ftruncate(fd, len(data))
    except OSError:
        pass
    finally:
        os.close(fd)


def scan_ids(db_dir: Path) -> dict[int, int]:
    """The highest sequence number per year among the record files.

    Record files written by earlier versions kept their temporaries in
    ``records/``: found now, they belong to a killed writer and are
    removed. Index and cache temporaries (written by readers, without
    the lock) are removed once an hour old.
    """
    tops: dict[int, int] = {}
    try:
        names = os.listdir(db_dir / RECORDS)
    except FileNotFoundError:
        names = []
    for name in names:
        if name.endswith(".json") and name[4:5] == "-":
            year, seq = name[:4], name[5:-5]
            if FILE_RE.match(name):
                number = int(seq)
                if number > tops.get(int(year), 0):
                    tops[int(year)] = number
        elif name.startswith(".") and name.endswith(".tmp"):
            _unlink_quietly(db_dir / RECORDS / name)
    try:
        for entry in os.scandir(db_dir):
            if (
                entry.name.startswith(".")
                and entry.name.endswith(".tmp")
                and entry.stat().st_mtime < time.time() - 3600
            ):
                _unlink_quietly(Path(entry.path))
    except OSError:
        pass
    return tops


def take_id(db_dir: Path, transcripts_dir: Path, tops: dict[int, int], year: int) -> str:
    seq = tops.get(year, 0) + 1
    while (db_dir / RECORDS / f"{year:04d}-{seq:04d}.json").exists() or (
        transcripts_dir / f"{year:04d}-{seq:04d}.jsonl"
    ).exists():
        seq += 1
    tops[year] = seq
    return f"{year:04d}-{seq:04d}"


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
