"""The store's durability and cost: one flush per save, whatever the store's
size; the journal completes what a power cut interrupted and nothing else;
the derived index survives torn appends and two writing processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

import pytest
from test_store import CORRUPT, network_leasing, other_project

import assistant.records.files as files_mod
import assistant.records.journal as journal_mod
import assistant.records.store as store_mod
from assistant.records import Store, StoreError, resolve_home
from assistant.records.journal import NAME, Journal, interrupted

REPO = Path(__file__).resolve().parent.parent


class Flushes:
    """os.fsync / os.fdatasync replaced by a counter (nothing is flushed)."""

    def __init__(self, monkeypatch):
        self.count = 0
        self._lock = threading.Lock()  # a checkpoint flushes from several threads
        for name in ("fsync", "fdatasync"):
            if hasattr(os, name):
                monkeypatch.setattr(os, name, self)

    def __call__(self, fd):
        with self._lock:
            self.count += 1


def written_bytes() -> int | None:
    """Bytes this process has passed to write(2) so far (Linux only)."""
    try:
        with open("/proc/self/io", encoding="ascii") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith("wchar:"))
    except (OSError, StopIteration):
        return None


def project(i: int) -> dict:
    return other_project(f"村级服务项目{i:05d}", year=2019 + i % 5, department=f"第{i % 37}街道办事处")


def power_cut(monkeypatch) -> None:
    """From now on, the machine has restarted since the journal was written."""
    monkeypatch.setattr(journal_mod, "boot_id", lambda: "booted-after-the-power-cut")
    monkeypatch.setattr(journal_mod, "boot_time", lambda: 4e9)


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(resolve_home(tmp_path / "home"))


# --------------------------------------------------------------------------
# cost: flat in the store's size


def save_costs(store: Store, flushes: Flushes, count: int = 10) -> tuple[list[int], list[int | None]]:
    """Flushes and bytes written by `count` new records then `count` updates."""
    per_save: list[int] = []
    per_bytes: list[int | None] = []

    def measured(save):
        before_f, before_b = flushes.count, written_bytes()
        result = save()
        after = written_bytes()
        per_save.append(flushes.count - before_f)
        per_bytes.append(None if after is None or before_b is None else after - before_b)
        return result

    new_ids = [measured(lambda: store.save(network_leasing(2024))) for _ in range(count)]
    for i, record_id in enumerate(new_ids):
        record = store.get(record_id)
        record["indicators"]["annual"][0]["value"] = f"{20 + i}个"
        measured(lambda: store.save(record, record_id=record_id, note="改数量"))  # noqa: B023 - called at once
    return per_save, per_bytes


def test_a_save_costs_one_flush_and_the_same_bytes_at_100_and_2000_records(tmp_path, monkeypatch):
    flushes = Flushes(monkeypatch)
    monkeypatch.setattr(files_mod, "CHECKPOINT_BYTES", 1 << 40)  # checkpoints: the test below
    costs = {}
    for size in (100, 2000):
        store = Store(resolve_home(tmp_path / str(size)))
        store.save_many(project(i) for i in range(size))
        assert len(store.list()) == size
        costs[size] = save_costs(store, flushes)
    for size, (per_save, _) in costs.items():
        assert per_save == [1] * len(per_save), (size, per_save)  # the journal's, nothing else
    small, large = costs[100][1], costs[2000][1]
    if None in small or None in large:
        pytest.skip("no /proc/self/io to count the bytes written")
    # a save writes its record (twice: journal and file), an index row and the id hint
    assert sum(large) <= 1.2 * sum(small), (small, large)
    assert max(large) < 20_000, large  # not the 700 KB index of 2,000 records


def test_a_checkpoint_flushes_the_files_written_since_the_last_one_only(store, monkeypatch):
    flushes = Flushes(monkeypatch)
    monkeypatch.setattr(files_mod, "CHECKPOINT_BYTES", 1 << 40)
    store.save_many(project(i) for i in range(300))
    journal = Journal(store.db_dir)
    journal.checkpoint(store.records_dir)
    assert journal.entries() == {} and journal.path.stat().st_size == 0
    first = store.save(network_leasing())
    second = store.save(other_project("乡村医生培训"))
    store.set_status(first, "final")
    monkeypatch.setattr(files_mod, "CHECKPOINT_BYTES", 1)
    before = flushes.count
    third = store.save(other_project("农村公路养护"))
    # its entry; the three record files journalled (not the other 300); their directory; the journal
    assert flushes.count - before == 1 + 3 + 1 + 1
    assert journal.entries() == {} and journal.path.stat().st_size == 0
    assert [store.get(rid)["project"]["name"] for rid in (first, second, third)] == [
        "社保专线网络租赁费",
        "乡村医生培训",
        "农村公路养护",
    ]


# --------------------------------------------------------------------------
# the journal: what a power cut interrupted is completed, nothing else


def test_interrupted_knows_what_an_unflushed_write_can_leave():
    data = json.dumps({"versions": ["x" * 3000]}).encode()
    assert interrupted(None, data)  # the new name never reached the disk
    assert interrupted(b"", data)
    assert interrupted(data[:1500], data)  # cut short
    assert interrupted(b"\0" * len(data), data)  # blocks never written
    assert interrupted(data[:512] + b"\0" * 512 + data[1024:], data)
    assert not interrupted(data, data)
    assert not interrupted(b"{ not json", data)  # someone else's bytes
    assert not interrupted(data[:600] + b"X" + data[601:], data)  # edited
    assert not interrupted(data + b"\n", data)  # longer: not this write


def damage_ways(previous: bytes, current: bytes) -> dict[str, bytes | None]:
    return {
        "missing": None,
        "empty": b"",
        "cut short": current[: len(current) // 2],
        "zeros": b"\0" * len(current),
        "previous version": previous,
    }


@pytest.mark.parametrize("way", list(damage_ways(b"", b"")))
def test_a_record_file_a_power_cut_interrupted_is_read_and_repaired_from_the_journal(store, monkeypatch, way):
    rid = store.save(network_leasing())
    previous = store.record_path(rid).read_bytes()
    changed = network_leasing()
    changed["indicators"]["annual"][1]["value"] = "137个"
    store.save(changed, record_id=rid, note="改村卫生室数量")
    current = store.record_path(rid).read_bytes()
    other = store.save(other_project("乡村医生培训"))
    left = damage_ways(previous, current)[way]
    if left is None:
        store.record_path(rid).unlink()
    else:
        store.record_path(rid).write_bytes(left)
    power_cut(monkeypatch)

    reader = Store(store.home)
    assert reader.get(rid) == changed
    assert [v["version"] for v in reader.history(rid)] == [1, 2]
    assert {m["id"]: m["versions"] for m in reader.list()} == {rid: 2, other: 1}
    assert reader.warnings() == []
    assert store.record_path(rid).exists() == (left is not None)  # readers write nothing

    writer = Store(store.home)
    writer.set_status(other, "final")  # any write repairs first
    assert store.record_path(rid).read_bytes() == current
    assert {m["id"]: m["versions"] for m in Store(store.home).list()} == {rid: 2, other: 2}


def test_after_a_power_cut_a_foreign_file_is_still_damaged_and_left_alone(store, monkeypatch):
    rid = store.save(network_leasing())
    store.record_path(rid).write_bytes(b"{ not json")
    power_cut(monkeypatch)
    fresh = Store(store.home)
    with pytest.raises(StoreError, match=CORRUPT):
        fresh.get(rid)
    fresh.save(other_project("乡村医生培训"))
    assert store.record_path(rid).read_bytes() == b"{ not json"


def test_a_file_removed_by_hand_stays_removed_after_a_restart(store, monkeypatch):
    gone = store.save(network_leasing())
    kept = store.save(other_project("乡村医生培训"))
    store.record_path(gone).unlink()
    Store(store.home).set_status(kept, "final")  # the writer notes the removal in the journal
    power_cut(monkeypatch)
    fresh = Store(store.home)
    assert [m["id"] for m in fresh.list()] == [kept]
    fresh.save(other_project("农村公路养护"))
    assert not store.record_path(gone).exists()


def test_a_save_that_failed_leaves_nothing_in_the_journal(store, monkeypatch):
    rid = store.save(network_leasing())
    before = store.record_path(rid).read_bytes()
    journal = (store.db_dir / NAME).read_bytes()
    changed = network_leasing()
    changed["indicators"]["annual"][1]["value"] = "137个"
    with monkeypatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "full")))
        with pytest.raises(StoreError, match="已有数据未受影响"):
            store.save(changed, record_id=rid)
    assert (store.db_dir / NAME).read_bytes() == journal
    power_cut(monkeypatch)
    assert Store(store.home).get(rid) == network_leasing()
    assert store.record_path(rid).read_bytes() == before


def test_a_torn_journal_entry_is_ignored_and_cut_off_by_the_next_save(store, monkeypatch):
    first = store.save(network_leasing())
    path = store.db_dir / NAME
    whole = path.read_bytes()
    data = b'{"format":"jixiao-store","version":1,"kind":"record","id":"2023-0002"}\n'
    head = {"format": "jixiao-store", "version": 1, "kind": "journal", "id": "2023-0002", "bytes": 900}
    path.write_bytes(whole + json.dumps(head | {"sha": "0" * 32}).encode() + b"\n" + data)  # killed mid-append
    assert set(Journal(store.db_dir).entries()) == {first}
    assert [m["id"] for m in Store(store.home).list()] == [first]
    second = Store(store.home).save(other_project("乡村医生培训"))
    assert set(Journal(store.db_dir).entries()) == {first, second}
    assert b'"bytes":900' not in path.read_bytes()
    power_cut(monkeypatch)
    assert {m["id"] for m in Store(store.home).list()} == {first, second}


# --------------------------------------------------------------------------
# the index: a torn append, two writing processes


def count_rereads(store: Store, monkeypatch) -> list[str]:
    read = []
    real = store._read_row

    def counting(record_id):
        read.append(record_id)
        return real(record_id)

    monkeypatch.setattr(store, "_read_row", counting)
    return read


def test_the_index_is_repaired_after_a_torn_append(store, monkeypatch):
    ids = [store.save(project(i)) for i in range(4)]
    store.list()
    log = store.db_dir / "index.log"
    with open(log, "ab") as handle:  # killed while appending the row of a fifth record
        handle.write(b'{"id":"2020-0002","key":[4100,17')
    fifth = Store(store.home).save(project(5))
    fresh = Store(store.home)
    read = count_rereads(fresh, monkeypatch)
    assert {m["id"] for m in fresh.list()} == {*ids, fifth}
    assert read == []  # every row is in the log, the torn line skipped
    raw = log.read_bytes()
    assert raw.endswith(b"\n") and b'[4100,17\n{"id"' in raw  # the next row starts a line of its own


def test_a_lost_index_row_is_reread_once(store, monkeypatch):
    ids = [store.save(project(i)) for i in range(3)]
    log = store.db_dir / "index.log"
    rows = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(rows[:-1]) + rows[-1][:20])  # the last row torn
    fresh = Store(store.home)
    read = count_rereads(fresh, monkeypatch)
    assert {m["id"] for m in fresh.list()} == set(ids) and read == [ids[-1]]
    again = Store(store.home)
    read = count_rereads(again, monkeypatch)
    assert {m["id"] for m in again.list()} == set(ids) and read == []


WRITER = """
import sys
sys.path.insert(0, {tests!r})
import assistant.records.files as files_mod
import assistant.records.store as store_mod
from test_store_journal import project
store_mod.FOLD_BYTES = 6_000  # fold the index log often, while the other process appends
files_mod.CHECKPOINT_BYTES = 20_000  # and checkpoint the journal
store = store_mod.Store(sys.argv[1], lock_timeout=120)
base = int(sys.argv[2])
ids = [store.save(project(base + i)) for i in range(30)]
for n, record_id in enumerate(ids[::2]):
    record = store.get(record_id)
    record["indicators"]["annual"][0]["value"] = f"{{n + 1}}人"
    store.save(record, record_id=record_id, note="改人数")
    store.list()
print(" ".join(ids))
"""


def test_the_index_agrees_with_the_records_after_two_processes_saved_at_once(tmp_path, monkeypatch):
    home = resolve_home(tmp_path / "home")
    code = textwrap.dedent(WRITER.format(tests=str(REPO / "tests")))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    workers = [
        subprocess.Popen([sys.executable, "-c", code, str(home), str(base)], stdout=subprocess.PIPE, env=env, cwd=REPO)
        for base in (0, 1000)
    ]
    outputs = [worker.communicate(timeout=300)[0].decode().split() for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0]
    saved = {rid for ids in outputs for rid in ids}
    assert len(saved) == 60  # no id handed out twice

    fresh = Store(home)
    read = count_rereads(fresh, monkeypatch)
    listed = {m["id"]: m for m in fresh.list()}
    assert set(listed) == saved
    assert read == []  # the snapshot and the log hold every row, as the files are
    for record_id, meta in listed.items():
        assert meta == Store(home).meta(record_id)
    assert sorted(m["versions"] for m in listed.values()) == [1] * 30 + [2] * 30
    for entry in Journal(home / "db").entries().values():  # the journal agrees with the files
        assert (home / "db" / "records" / f"{entry.record_id}.json").read_bytes() == entry.data


def test_a_checkpoint_that_cannot_flush_keeps_the_journal_and_the_save(store, monkeypatch):
    first = store.save(network_leasing())
    journal = (store.db_dir / NAME).read_bytes()
    real = os.fsync

    def failing(fd):
        if os.fstat(fd).st_ino == store.record_path(first).stat().st_ino:
            raise OSError(5, "Input/output error")
        return real(fd)

    monkeypatch.setattr(os, "fsync", failing)
    monkeypatch.setattr(files_mod, "CHECKPOINT_BYTES", 1)
    second = store.save(other_project("乡村医生培训"))  # saved: its entry is flushed
    assert (store.db_dir / NAME).read_bytes().startswith(journal)  # not emptied
    assert set(Journal(store.db_dir).entries()) == {first, second}
    monkeypatch.undo()
    assert [m["id"] for m in Store(store.home).list()] == [second, first]


def test_a_save_that_folds_the_index_log_still_costs_one_flush(store, monkeypatch):
    for i in range(20):
        store.save(project(i))
    store.list()
    flushes = Flushes(monkeypatch)
    monkeypatch.setattr(store_mod, "FOLD_BYTES", 1)
    snapshot = store.index_path.stat().st_mtime_ns
    store.save(project(99))
    assert flushes.count == 1
    assert store.index_path.stat().st_mtime_ns != snapshot and (store.db_dir / "index.log").stat().st_size == 0
    assert len(Store(store.home).list()) == 21
