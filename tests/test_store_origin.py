"""A save from an interview (with an origin, its id not yet noted) finds the
record saved before from the same interview without listing the store."""

from __future__ import annotations

import pytest
from test_store import network_leasing, other_project
from test_store_journal import project

import assistant.records.files as files_mod
import assistant.records.store as store_mod
from assistant.records import Store, resolve_home
from assistant.records.journal import Journal


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(resolve_home(tmp_path / "home"))


def no_listing(monkeypatch) -> None:
    def refresh(*args, **kwargs):
        raise AssertionError("the save listed every record file")

    monkeypatch.setattr(store_mod, "refresh", refresh)


def test_a_save_with_an_origin_finds_its_record_without_listing_the_store(store, monkeypatch):
    for i in range(5):
        store.save(project(i))
    store.list()  # an index snapshot, as any store that has been listed once
    with monkeypatch.context() as patch:
        no_listing(patch)
        first = store.save(network_leasing(), origin="20231201-0930.jsonl")
        changed = network_leasing()
        changed["indicators"]["annual"][1]["value"] = "137个"
        again = Store(store.home).save(changed, origin="20231201-0930.jsonl")  # the id was never noted
        other = Store(store.home).save(other_project("乡村医生培训"), origin="20231201-1015.jsonl")
    assert again == first and other != first
    assert store.meta(first)["versions"] == 2


def test_an_origin_whose_index_row_was_lost_is_found_before_and_after_a_checkpoint(store, monkeypatch):
    store.save(project(1))
    store.list()
    first = store.save(network_leasing(), origin="20231201-0930.jsonl")
    log = store.db_dir / "index.log"
    log.write_bytes(b"".join(line for line in log.read_bytes().splitlines(True) if first.encode() not in line))
    no_listing(monkeypatch)  # killed before it logged the row: the journal names it
    assert Store(store.home).find_origin("20231201-0930.jsonl") == first
    monkeypatch.setattr(files_mod, "CHECKPOINT_BYTES", 1)
    Store(store.home).save(other_project("乡村医生培训"))  # checkpoints: the journal is emptied
    assert Journal(store.db_dir).entries() == {}
    assert Store(store.home).find_origin("20231201-0930.jsonl") == first  # the index has its row again
    assert Store(store.home).find_origin("20231202-0800.jsonl") is None
