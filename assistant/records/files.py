"""The record files (``db/records/<id>.json``) and the journal that makes
their writes durable with one flush (see journal.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from assistant import fileio
from assistant.records.documents import FILE_RE, check_id, read_doc
from assistant.records.journal import CHECKPOINT_BYTES, Journal
from assistant.records.lock import io_error


class RecordFiles:
    """Reading and writing record files; `write`, `repair` and `checkpoint`
    are called under the store's lock only."""

    def __init__(self, db_dir: Path):
        self.dir = db_dir / "records"
        self.tmp_dir = db_dir / "tmp"  # temporary files of record writes
        self.journal = Journal(db_dir)

    def path(self, record_id: str) -> Path:
        check_id(record_id)
        return self.dir / f"{record_id}.json"

    def names(self) -> Iterator[str]:
        """The ids of the record files present."""
        try:
            names = os.listdir(self.dir)
        except FileNotFoundError:
            return
        for name in names:
            match = FILE_RE.match(name)
            if match:
                yield match.group("id")

    def read(self, record_id: str) -> tuple[dict, list[int]]:
        """(document, key of the file read); from the journal where a power cut interrupted its write."""
        return read_doc(self.path(record_id), record_id, self.journal.entries().get(record_id))

    def expected_sizes(self) -> dict[str, int]:
        """id → size its file must have, for the records in the journal."""
        return {record_id: len(entry.data) for record_id, entry in self.journal.entries().items()}

    def journalled_from(self, origin: str) -> set[str]:
        return {record_id for record_id, entry in self.journal.entries().items() if entry.origin == origin}

    def write(self, record_id: str, doc: dict) -> None:
        """Journal the record file's new bytes (the one flush), then replace it."""
        path = self.path(record_id)
        data = fileio.dumps(doc, indent=1).encode("utf-8")
        origin = doc.get("origin") if isinstance(doc.get("origin"), str) else None
        try:
            with self.journal.entry(record_id, data, origin):
                self._replace(path, data)
        except OSError as exc:
            raise io_error(exc, path) from exc

    def repair(self) -> None:
        """Complete the writes a power cut interrupted (see Journal.repair)."""
        try:
            self.journal.repair(self.dir, self._replace)
        except OSError as exc:
            raise io_error(exc, self.dir) from exc

    @property
    def checkpoint_due(self) -> bool:
        return self.journal.size > CHECKPOINT_BYTES

    def checkpoint(self) -> None:
        self.journal.checkpoint(self.dir)

    def _replace(self, path: Path, data: bytes) -> None:
        fileio.write_atomic(path, data, tmp_dir=self.tmp_dir, durable=False)
