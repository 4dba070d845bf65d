"""The record store: versions, history, validation, crash safety, concurrency."""

from __future__ import annotations

import copy
import errno
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import filelock
import pytest

import assistant.records.home as home_mod
from assistant import fileio
from assistant.records import (
    HomeError,
    PairIndex,
    Store,
    StoreError,
    copy_paste_matches,
    diff_paths,
    record_pairs,
    resolve_home,
)
from assistant.records.store import content_hash

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "records"


# --------------------------------------------------------------------------
# realistic records


def row(level1, level2, name, value, basis="计划标准"):
    return {"level1": level1, "level2": level2, "name": name, "value": value, "description": "", "basis": basis}


def network_leasing(year: int = 2023) -> dict:
    """社保专线网络租赁费 (seed 001) as a project declaration."""
    return {
        "form": "project-declaration",
        "year": year,
        "project": {
            "name": "社保专线网络租赁费",
            "code": None,
            "department": "中卫市沙坡头区医疗保障局",
            "unit": "中卫市沙坡头区医疗保障局",
            "attribute": "延续项目",
            "period": "1年",
        },
        "funds": {"mid_term": None, "annual": {"total": 48, "fiscal": 48, "other": 0}},
        "spending_plan": None,
        "goals": {
            "mid_term": [],
            "annual": [
                "保证城乡居民医疗保险参保信息及时变更，方便群众参保登记",
                "为11个社区民生服务站租用11条社保专线网络，每条年租费15000元，合计165000元",
                "为136个村卫生室租用社保专线网络，用于城乡居民医疗保险门诊统筹及门诊大病医疗费用的及时结算",
            ],
        },
        "indicators": {
            "mid_term": [],
            "annual": [
                row("产出指标", "数量指标", "民生服务中心数量", "11个"),
                row("产出指标", "数量指标", "村卫生室数量", "136个"),
                row("产出指标", "质量指标", "诊疗和费用结算信息上传率", "=100%"),
                row("产出指标", "时效指标", "参保居民信息登记、变更准确及时率", "=100%"),
                row("产出指标", "成本指标", "村卫生室每条网络专线每年收费标准", "≤2400元"),
                row("产出指标", "成本指标", "社区民生服务中心每条网络专线每年收费标准", "≤15000元"),
                row("效益指标", "社会效益指标", "参保患者就医结算便利程度", "显著提高"),
                row("效益指标", "可持续影响指标", "医保信息系统互联互通", "长期"),
                row("满意度指标", "服务对象满意度指标", "参保患者满意度", "≥90%"),
            ],
        },
    }


def other_project(name: str, year: int = 2023, department: str = "中卫市沙坡头区卫生健康局") -> dict:
    record = network_leasing(year)
    record["project"].update(name=name, department=department, unit=department)
    record["funds"]["annual"] = {"total": Decimal("12.5"), "fiscal": Decimal("12.5"), "other": 0}
    record["indicators"]["annual"] = [
        row("产出指标", "数量指标", f"{name}覆盖人数", "≥2000人"),
        row("产出指标", "质量指标", "资料归档合格率", "≥98%"),
        row("产出指标", "时效指标", "完成时限", "年底前完成"),
        row("产出指标", "成本指标", "人均补助标准", "≤60元"),
        row("效益指标", "社会效益指标", "群众健康意识", "明显提升"),
        row("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥85%"),
    ]
    return record


def self_evaluation() -> dict:
    return {
        "form": "self-evaluation",
        "year": 2022,
        "project": {
            "name": "市外医疗专项调查费",
            "code": None,
            "department": "206-明光市医疗保障局",
            "unit": "206002-明光市医疗保障基金管理中心",
            "attribute": "延续项目",
            "period": "1年",
        },
        "profile": "central",
        "funds": {
            "total": {"initial": 10, "adjusted": 10, "executed": 10},
            "fiscal": {"initial": 10, "adjusted": 10, "executed": 10},
            "carryover": {"initial": 0, "adjusted": 0, "executed": 0},
            "other": {"initial": 0, "adjusted": 0, "executed": 0},
        },
        "execution": {"weight": 10, "score": 10, "deviation": ""},
        "goals": [{"expected": "通过实地调查可防止套保骗保行为的发生", "actual": "已完成全年调查任务"}],
        "indicators": [
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "外出稽核次数",
                "target": "≥12次",
                "actual": "12次",
                "weight": 50,
                "score": 50,
                "deviation": "",
            },
            {
                "level1": "效益指标",
                "level2": "社会效益指标",
                "name": "基金安全",
                "target": "有效保障",
                "actual": "有效保障",
                "weight": 30,
                "score": 30,
                "deviation": "",
            },
            {
                "level1": "满意度指标",
                "level2": "服务对象满意度指标",
                "name": "参保人满意度",
                "target": "≥90%",
                "actual": "95%",
                "weight": 10,
                "score": 10,
                "deviation": "",
            },
        ],
        "total_score": 100,
        "grade": "优",
    }


class Clock:
    """Deterministic clock: each call is one minute after the previous."""

    def __init__(self, start=datetime(2024, 3, 1, 8, 0, tzinfo=UTC)):
        self.t = start

    def __call__(self) -> datetime:
        self.t += timedelta(minutes=1)
        return self.t


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(resolve_home(tmp_path / "home"), now=Clock())


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    if not directory.exists():
        return {}
    return {
        str(p.relative_to(directory)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def run_py(code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


# --------------------------------------------------------------------------
# home


def test_home_precedence_and_layout(tmp_path, monkeypatch):
    monkeypatch.setattr(home_mod.platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "platform"))
    monkeypatch.delenv("JIXIAO_HOME", raising=False)
    assert resolve_home(None) == tmp_path / "platform"
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "env"))
    assert resolve_home(None) == tmp_path / "env"
    home = resolve_home(str(tmp_path / "explicit"))
    assert home == tmp_path / "explicit"
    assert {p.name for p in home.iterdir()} == {"db", "transcripts", "exports"}
    assert list((home / "db").iterdir()) == []  # the probe file is gone


def test_home_that_is_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(HomeError, match="无法写入数据目录 .*不是目录"):
        resolve_home(tmp_path / "f")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="chmod does not bind root")
def test_read_only_home_real(tmp_path):
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        with pytest.raises(HomeError, match="无法写入数据目录 .*没有写入权限。.*--home"):
            resolve_home(parent / "home")
    finally:
        parent.chmod(0o700)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EROFS, "只读"),
        (errno.ENOSPC, "磁盘已满。请清理空间或用 --home 指定其他目录。"),
        (errno.EACCES, "没有写入权限"),
    ],
)
def test_unwritable_home_simulated(tmp_path, monkeypatch, code, reason):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(home_mod.tempfile, "mkstemp", refuse)
    with pytest.raises(HomeError) as info:
        resolve_home(tmp_path / "home")
    message = str(info.value)
    assert message.startswith(f"无法写入数据目录 {tmp_path / 'home'}：")
    assert reason in message


# --------------------------------------------------------------------------
# save, get, versions, history


def test_save_and_get(store):
    record = network_leasing()
    rid = store.save(record)
    assert rid == "2023-0001"
    assert store.get(rid) == record
    meta = store.meta(rid)
    assert meta == {
        "id": rid,
        "form": "project-declaration",
        "year": 2023,
        "project": "社保专线网络租赁费",
        "department": "中卫市沙坡头区医疗保障局",
        "status": "draft",
        "created": "2024-03-01T08:01:00.000000Z",
        "updated": "2024-03-01T08:01:00.000000Z",
        "versions": 1,
        "hash": content_hash(record),
    }
    assert store.save(other_project("城乡居民健康体检")) == "2023-0002"
    assert store.save(network_leasing(2022)) == "2022-0001"
    assert store.save(self_evaluation()) == "2022-0002"
    assert len(store) == 4


def test_record_file_is_marked_and_readable(store):
    rid = store.save(network_leasing())
    doc = fileio.load_file(store.record_path(rid))
    assert (doc["format"], doc["version"], doc["kind"], doc["id"]) == ("jixiao-store", 1, "record", rid)
    assert doc["versions"][0]["record"]["project"]["name"] == "社保专线网络租赁费"
    store.list()
    index = json.loads(store.index_path.read_text("utf-8"))
    assert (index["format"], index["version"], index["kind"]) == ("jixiao-store", 1, "index")


def test_money_stays_exact(store):
    record = other_project("村医培训")
    record["funds"]["annual"] = {"total": Decimal("48.1234"), "fiscal": Decimal("40.0034"), "other": Decimal("8.12")}
    rid = store.save(record)
    funds = Store(store.home).get(rid)["funds"]["annual"]
    assert funds == {"total": Decimal("48.1234"), "fiscal": Decimal("40.0034"), "other": Decimal("8.12")}
    assert all(isinstance(v, Decimal) for v in funds.values())


def test_update_appends_version_with_note_and_changed_paths(store):
    original = network_leasing()
    rid = store.save(original)
    fixed = copy.deepcopy(original)
    fixed["indicators"]["annual"][1]["value"] = "137个"
    assert store.save(fixed, record_id=rid, note="修改指标 村卫生室数量：136个 → 137个") == rid

    assert store.get(rid) == fixed
    assert store.version(rid, 1) == original
    assert store.version(rid, 2) == fixed
    history = store.history(rid)
    assert history == [
        {"version": 1, "time": "2024-03-01T08:01:00.000000Z", "status": "draft", "note": "新建", "changed": []},
        {
            "version": 2,
            "time": "2024-03-01T08:02:00.000000Z",
            "status": "draft",
            "note": "修改指标 村卫生室数量：136个 → 137个",
            "changed": ["indicators.annual[1].value"],
        },
    ]
    meta = store.meta(rid)
    assert (meta["versions"], meta["created"], meta["updated"]) == (
        2,
        "2024-03-01T08:01:00.000000Z",
        "2024-03-01T08:02:00.000000Z",
    )

    # a third version adds an indicator and changes the money
    third = copy.deepcopy(fixed)
    third["funds"]["annual"]["total"] = Decimal("48.5")
    third["funds"]["annual"]["fiscal"] = Decimal("48.5")
    third["indicators"]["annual"].append(row("产出指标", "数量指标", "专线条数", "147条"))
    store.save(third, record_id=rid, note="补充指标")
    assert store.history(rid)[2]["changed"] == ["funds.annual.total", "funds.annual.fiscal", "indicators.annual[9]"]
    assert [h["version"] for h in store.history(rid)] == [1, 2, 3]
    with pytest.raises(StoreError, match="没有第 4 版"):
        store.version(rid, 4)


def test_identical_update_adds_no_version(store):
    rid = store.save(network_leasing())
    same = json.loads(json.dumps(network_leasing()))  # 48 vs Decimal/int differences are not changes
    store.save(same, record_id=rid, note="没有修改")
    assert store.meta(rid)["versions"] == 1


def test_status(store):
    rid = store.save(network_leasing())
    store.set_status(rid, "final")
    assert store.meta(rid)["status"] == "final"
    last = store.history(rid)[-1]
    assert (last["note"], last["changed"], last["status"]) == ("状态：草稿 → 定稿", ["status"], "final")
    store.set_status(rid, "final")  # no-op
    assert store.meta(rid)["versions"] == 2
    # changing the content without re-asserting "final" makes it a draft again
    changed = network_leasing()
    changed["indicators"]["annual"][0]["value"] = "12个"
    store.save(changed, record_id=rid, note="修改指标 民生服务中心数量：11个 → 12个")
    assert store.meta(rid)["status"] == "draft"
    assert store.history(rid)[-1]["changed"] == ["indicators.annual[0].value", "status"]
    store.save(changed, record_id=rid, status="final")
    assert store.meta(rid)["status"] == "final"
    with pytest.raises(StoreError, match="draft（草稿）或 final（定稿）"):
        store.set_status(rid, "done")


def test_ids_past_9999(store):
    store.records_dir.mkdir(parents=True)
    (store.records_dir / "2023-9999.json").write_text("{}")
    (store.records_dir / "2023-00042.json").write_text("{}")  # not an id spelling jixiao uses: ignored
    assert store._take_id(store._scan_ids(), 2023) == "2023-10000"
    assert store._take_id(store._scan_ids(), 2024) == "2024-0001"


def test_unknown_and_malformed_ids(store):
    with pytest.raises(StoreError, match="记录 2023-0042 不存在"):
        store.get("2023-0042")
    with pytest.raises(StoreError, match="记录 2023-0042 不存在"):
        store.save(network_leasing(), record_id="2023-0042")
    with pytest.raises(StoreError, match="格式不对"):
        store.get("../../etc/passwd")
    assert not store.records_dir.exists() or not list(store.records_dir.glob("*.json"))


# --------------------------------------------------------------------------
# validation and serialisation happen before anything is touched


def test_invalid_record_touches_nothing(store):
    rid = store.save(network_leasing())
    store.list()
    before = snapshot(store.home)

    bad = network_leasing()
    del bad["indicators"]["annual"][1]["value"]
    bad["surprise"] = "unknown key"
    with pytest.raises(StoreError) as info:
        store.save(bad, record_id=rid, note="不应保存")
    assert "记录不符合格式要求，未保存" in str(info.value)
    assert "indicators.annual[1]" in str(info.value)
    assert info.value.errors
    with pytest.raises(StoreError):
        store.save(bad)
    with pytest.raises(StoreError, match="顶层必须是一个 JSON 对象"):
        store.save(["not", "a", "record"])
    unserialisable = network_leasing()
    unserialisable["funds"]["annual"]["total"] = float("inf")
    with pytest.raises(StoreError, match="无法保存的值"):
        store.save(unserialisable, record_id=rid)
    not_a_number = network_leasing()
    not_a_number["funds"]["annual"]["total"] = Decimal("NaN")
    with pytest.raises(StoreError, match="有限的数字"):
        store.save(not_a_number, record_id=rid)
    with pytest.raises(StoreError, match="第 2 条记录"):
        store.save_many([network_leasing(), bad])

    time.sleep(0.01)
    assert snapshot(store.home) == before
    assert store.meta(rid)["versions"] == 1


def test_invalid_first_record_creates_no_files(tmp_path):
    home = tmp_path / "fresh"
    with pytest.raises(StoreError):
        Store(home).save({"form": "project-declaration", "year": 2023})
    assert not home.exists()


def test_write_failure_keeps_previous_version(store, monkeypatch):
    rid = store.save(network_leasing())
    before = store.record_path(rid).read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    changed = network_leasing()
    changed["indicators"]["annual"][1]["value"] = "137个"
    with pytest.raises(StoreError, match="磁盘已满.*已有数据未受影响"):
        store.save(changed, record_id=rid)
    monkeypatch.undo()
    assert store.record_path(rid).read_bytes() == before
    assert store.get(rid) == network_leasing()


# --------------------------------------------------------------------------
# diff paths


def test_diff_paths():
    old = {"a": 1, "b": {"c": [1, 2, {"d": "x"}]}, "gone": None, "money": Decimal("48")}
    new = {"a": 1, "b": {"c": [1, 3, {"d": "y"}, 4]}, "added": True, "money": 48}
    assert diff_paths(old, new) == ["b.c[1]", "b.c[2].d", "b.c[3]", "gone", "added"]
    assert diff_paths({"x": [1, 2]}, {"x": [1]}) == ["x[1]"]
    assert diff_paths({"x": 1}, {"x": True}) == ["x"]
    assert diff_paths({"x": 1}, {"x": "1"}) == ["x"]
    assert diff_paths({"x": {"y": 1}}, {"x": [1]}) == ["x"]
    assert diff_paths({"x": None}, {"x": 0}) == ["x"]
    assert diff_paths(network_leasing(), network_leasing()) == []


# --------------------------------------------------------------------------
# list, find, all_records


def test_list_filters_and_order(store):
    a = store.save(network_leasing(2023))
    b = store.save(other_project("城乡居民健康体检", 2023))
    c = store.save(network_leasing(2022))
    d = store.save(self_evaluation())
    store.save(other_project("城乡居民健康体检（调整）", 2023), record_id=b, note="改名")

    assert [m["id"] for m in store.list()] == [b, d, c, a]  # most recently updated first
    assert [m["id"] for m in store.list(year=2023)] == [b, a]
    assert [m["id"] for m in store.list(year=2022, form="self-evaluation")] == [d]
    assert [m["id"] for m in store.list(form="project-declaration")] == [b, c, a]
    assert store.list(year=2019) == []
    for meta in store.list():
        assert {"id", "form", "year", "project", "status"} <= set(meta)
        json.dumps(meta)  # plain JSON for `list --json`
    assert store.list(year=2023)[0]["project"] == "城乡居民健康体检（调整）"


def test_list_sees_other_store_instances_and_hand_removed_files(store):
    first = store.save(network_leasing())
    assert len(store.list()) == 1
    other = Store(store.home)
    second = other.save(other_project("家庭医生签约服务"))
    changed = network_leasing()
    changed["indicators"]["annual"][0]["value"] = "12个"
    other.save(changed, record_id=first)
    listed = {m["id"]: m for m in store.list()}
    assert set(listed) == {first, second}
    assert listed[first]["versions"] == 2
    store.record_path(second).unlink()
    assert [m["id"] for m in store.list()] == [first]
    store.index_path.unlink()  # the index is derived: rebuilt from the record files
    assert [m["id"] for m in Store(store.home).list()] == [first]


def test_stale_index_written_by_a_racing_reader_is_corrected(store):
    rid = store.save(network_leasing())
    store.list()
    stale = store.index_path.read_bytes()
    changed = network_leasing()
    changed["indicators"]["annual"][1]["value"] = "137个"
    store.save(changed, record_id=rid)
    store.index_path.write_bytes(stale)  # a reader that listed before the save wrote its index last
    fresh = Store(store.home)
    assert fresh.list()[0]["versions"] == 2
    assert fresh.list(year=2023)[0]["hash"] == content_hash(changed)


def test_find(store):
    a = store.save(network_leasing())
    b = store.save(other_project("城乡居民健康体检"))
    assert [m["id"] for m in store.find("专线")] == [a]
    assert [m["id"] for m in store.find("健康 体检")] == [b]
    assert [m["id"] for m in store.find("社保专线租赁")] == [a]  # fuzzy
    assert store.find("高标准农田") == []


def test_all_records(store):
    ids = {store.save(network_leasing()), store.save(self_evaluation())}
    seen = {meta["id"]: record for meta, record in store.all_records()}
    assert set(seen) == ids
    assert all(seen[i] == store.get(i) for i in ids)
    assert all(store.current(i) == (store.meta(i), store.get(i)) for i in ids)


def test_save_many(store):
    ids = store.save_many([network_leasing(), other_project("村医培训"), network_leasing(2022)], note="导入")
    assert ids == ["2023-0001", "2023-0002", "2022-0001"]
    assert {m["id"] for m in store.list()} == set(ids)
    assert store.history(ids[0])[0]["note"] == "导入"


def test_transcript_and_export_locations(store):
    rid = store.save(network_leasing())
    assert store.transcript_path(rid) == store.home / "transcripts" / f"{rid}.jsonl"
    assert store.exports_dir == store.home / "exports"


# --------------------------------------------------------------------------
# damaged or foreign files: a clear message, and the bytes are never changed


CORRUPT = "已损坏或不是 jixiao 的数据库，未做任何修改。请从备份恢复或用 --home 指定其他目录。"


@pytest.mark.parametrize(
    "content",
    [
        b'{"format":"jixiao-store","version":1,"kind":"index","tables":{"records":{"1":',  # truncated
        b"\x00\x01garbage",
        json.dumps({"_default": {"1": {"name": "someone else's TinyDB"}}}).encode(),  # foreign
        json.dumps({"format": "jixiao-store", "version": 1, "kind": "record"}).encode(),  # wrong kind
    ],
)
def test_a_damaged_or_foreign_index_is_set_aside_and_rebuilt(store, content):
    """The index is derived: a bad one blocks nothing, and its bytes are kept aside."""
    rid = store.save(network_leasing())
    store.index_path.write_bytes(content)
    record_before = store.record_path(rid).read_bytes()
    fresh = Store(store.home)
    assert [m["id"] for m in fresh.list()] == [rid]
    assert (store.db_dir / "index.json.damaged").read_bytes() == content
    json.loads(store.index_path.read_text("utf-8"))  # ours again
    second = fresh.save(other_project("新项目"))
    fresh.set_status(rid, "final")
    assert {m["id"] for m in Store(store.home).list()} == {rid, second}
    assert [m["id"] for m in fresh.find("专线")] == [rid]
    assert store.record_path(rid).read_bytes() != record_before and store.get(rid) == network_leasing()


def test_index_from_newer_jixiao(store):
    store.save(network_leasing())
    store.list()
    content = store.index_path.read_bytes().replace(b'"version":1', b'"version":7', 1)
    store.index_path.write_bytes(content)
    with pytest.raises(StoreError, match="由更新版本的 jixiao 创建"):
        Store(store.home).list()
    assert store.index_path.read_bytes() == content


@pytest.mark.parametrize(
    "content",
    [
        b"{ not json",
        json.dumps({"some": "other program"}).encode(),
        json.dumps(
            {
                "format": "jixiao-store",
                "version": 1,
                "kind": "record",
                "id": "2023-0009",
                "created": "x",
                "versions": [],
            }
        ).encode(),
    ],
)
def test_corrupt_or_foreign_record_file(store, content):
    rid = store.save(network_leasing())
    path = store.record_path(rid)
    path.write_bytes(content)
    for call in (
        lambda: store.get(rid),
        lambda: store.history(rid),
        lambda: store.save(network_leasing(), record_id=rid),
        lambda: store.set_status(rid, "final"),
    ):
        with pytest.raises(StoreError) as info:
            call()
        assert CORRUPT in str(info.value) and str(path) in str(info.value)
    assert store.list() == []  # skipped by the listing, and named
    assert CORRUPT in str(store.damaged[rid]) and str(path) in str(store.damaged[rid])
    assert path.read_bytes() == content


def test_files_that_are_not_records_are_ignored(store):
    rid = store.save(network_leasing())
    (store.records_dir / "notes.txt").write_text("备注")
    (store.records_dir / f".{rid}.json.abc123.tmp").write_text('{"half": ')  # left by a killed writer
    assert [m["id"] for m in store.list()] == [rid]


def test_lock_timeout_message(store):
    store.save(network_leasing())
    held = filelock.FileLock(str(store.lock_path))
    held.acquire()
    try:
        impatient = Store(store.home, lock_timeout=0.2)
        with pytest.raises(StoreError, match="正被另一个 jixiao 进程使用"):
            impatient.save(other_project("村医培训"))
        assert [m["project"] for m in impatient.list()] == ["社保专线网络租赁费"]  # reads need no lock
    finally:
        held.release()


# --------------------------------------------------------------------------
# two processes


WRITER = """
import copy, json, sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_store import network_leasing, other_project
from assistant.records import Store

home, tag, shared = sys.argv[1], sys.argv[2], sys.argv[3]
store = Store(home, lock_timeout=60)
print("ready", flush=True)
go = Path(home) / "go"
while not go.exists():
    time.sleep(0.001)
saved = []
for i in range(50):
    saved.append(store.save(other_project(f"{{tag}}项目{{i:02d}}")))
for i in range(25):
    record = network_leasing()
    record["indicators"]["annual"][1]["value"] = f"{{tag}}{{i}}个"
    store.save(record, record_id=shared, note=f"{{tag}}-{{i}}")
print(json.dumps(saved), flush=True)
"""


def test_two_processes_writing_at_once_lose_nothing(store):
    shared = store.save(network_leasing())
    code = WRITER.format(tests=str(Path(__file__).parent))
    procs = [run_py(code, str(store.home), tag, shared) for tag in ("甲", "乙")]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    (store.home / "go").touch()
    reported = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        reported += json.loads(out.strip().splitlines()[-1])

    assert len(reported) == len(set(reported)) == 100
    listed = store.list()
    assert len(listed) == 101
    assert {m["id"] for m in listed} == set(reported) | {shared}
    names = {store.get(rid)["project"]["name"] for rid in reported}
    assert names == {f"{tag}项目{i:02d}" for tag in ("甲", "乙") for i in range(50)}
    history = store.history(shared)
    assert len(history) == 51
    assert {h["note"] for h in history[1:]} == {f"{tag}-{i}" for tag in ("甲", "乙") for i in range(25)}
    # every version is intact and numbered in order
    assert [h["version"] for h in history] == list(range(1, 52))


# --------------------------------------------------------------------------
# a kill in the middle of writing


KILLED_WRITER = """
import sys
sys.path.insert(0, {tests!r})
from test_store import network_leasing, other_project
from assistant.records import Store
from assistant.records.store import content_hash

store = Store(sys.argv[1])
ids = [m["id"] for m in store.list()]
i = int(sys.argv[2])
while True:
    i += 1
    if ids and i % 3:
        rid = ids[i % len(ids)]
        record = network_leasing()
        record["indicators"]["annual"][1]["value"] = f"{{i}}个"
        store.save(record, record_id=rid, note=f"修改 {{i}}")
    else:
        record = other_project(f"项目{{i}}")
        rid = store.save(record)
        ids.append(rid)
    # printed only after save() returned: this version must survive
    print(rid, store.meta(rid)["versions"], content_hash(record), flush=True)
"""


def test_kill_during_writes_leaves_store_intact(store):
    code = KILLED_WRITER.format(tests=str(Path(__file__).parent))
    rng = random.Random(20240301)
    reported: list[tuple[str, int, str]] = []
    for round_no in range(6):
        proc = run_py(code, str(store.home), str(round_no * 100_000))
        wanted = rng.randint(3, 25)
        lines = []
        while len(lines) < wanted:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            lines.append(line)
        time.sleep(rng.random() * 0.05)  # land somewhere inside a save
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        tail = out.split("\n")
        lines += tail[:-1]  # a last line without its newline was not fully reported
        reported += [(rid, int(n), digest) for rid, n, digest in (ln.split() for ln in lines if ln.strip())]

        reopened = Store(store.home)
        listed = {m["id"]: m for m in reopened.list()}  # opens, index readable
        json.loads(reopened.index_path.read_text("utf-8"))
        for rid, n, digest in reported:
            assert rid in listed
            assert listed[rid]["versions"] >= n
            assert content_hash(reopened.version(rid, n)) == digest
        for rid in listed:
            history = reopened.history(rid)
            assert [h["version"] for h in history] == list(range(1, len(history) + 1))
            reopened.get(rid)
    assert len(reported) >= 6 * 3
    # the next save sweeps away temporary files a killed writer left behind
    Store(store.home).save(other_project("收尾"))
    assert not [p.name for p in store.records_dir.iterdir() if p.name.endswith(".tmp")]
    assert not [p.name for p in store.tmp_dir.iterdir() if p.name.endswith(".tmp")]


# --------------------------------------------------------------------------
# copy-paste detection across the store


def test_record_pairs_normalises():
    record = network_leasing()
    record["indicators"]["annual"][2]["value"] = "= 100％"
    record["indicators"]["annual"].append(row("满意度指标", "服务对象满意度指标", "参保患者满意度 ", ">=90%"))
    pairs = record_pairs(record)
    assert ("诊疗和费用结算信息上传率", "=100%") in pairs
    assert ("参保患者满意度", "≥90%") in pairs
    assert len(pairs) == 9  # the duplicate satisfaction row collapses
    assert ("外出稽核次数", "≥12次") in record_pairs(self_evaluation())


def test_copy_paste_matches(store):
    original = store.save(network_leasing())
    copied = network_leasing()
    copied["project"]["name"] = "医保经办网络运维费"
    copied["indicators"]["annual"][0]["value"] = "12个"  # 8 of 9 pairs the same
    copy_id = store.save(copied)
    unrelated = store.save(other_project("城乡居民健康体检"))
    next_year = store.save(network_leasing(2024))

    target = record_pairs(store.get(copy_id))
    matches = copy_paste_matches(target, store, exclude_ids=[copy_id])
    assert [m[0] for m in matches] == [original, next_year]
    assert [m[1] for m in matches] == [pytest.approx(8 / 9, abs=1e-4)] * 2
    assert unrelated not in dict(matches)
    # the same project in another year is not "another project's" indicators
    own = record_pairs(store.get(original))
    assert copy_paste_matches(own, store, exclude_ids=[original], exclude_project="社保专线网络租赁费") == [
        (copy_id, pytest.approx(8 / 9, abs=1e-4))
    ]
    assert copy_paste_matches(list(own)[:2], store) == []  # too few pairs to say
    assert copy_paste_matches(target, store, exclude_ids=[copy_id], min_share=0.95) == []
    assert copy_paste_matches(own, store, exclude_ids=[original])[0] == (next_year, 1.0)


def test_copy_paste_uses_its_cache_and_respects_foreign_files(store, monkeypatch):
    ids = [store.save(network_leasing()), store.save(other_project("村医培训"))]
    index = PairIndex.from_store(store)
    cache = store.db_dir / "pairs.json"
    assert cache.exists() and len(index) == 2
    assert index.meta_of[ids[1]]["project"] == "村医培训"

    def no_reading(record_id):
        raise AssertionError("the pairs cache should have been used")

    fresh = Store(store.home)
    monkeypatch.setattr(fresh, "get", no_reading)
    monkeypatch.setattr(fresh, "current", no_reading)
    again = PairIndex.from_store(fresh)
    assert {rid: again.pairs_of(rid) for rid in ids} == {rid: index.pairs_of(rid) for rid in ids}
    monkeypatch.undo()

    cache.write_text('{"format": "someone-else"}')
    PairIndex.from_store(Store(store.home))
    assert cache.read_text() == '{"format": "someone-else"}'


@pytest.mark.skipif(not (FIXTURES / "003_01_backbone_network.json").exists(), reason="seed 003 fixtures absent")
def test_copy_paste_finds_seed_003_family(store):
    files = sorted(FIXTURES.glob("003_*.json"))
    ids = store.save_many([fileio.load_file(p) for p in files])
    first = store.get(ids[0])
    matches = copy_paste_matches(
        record_pairs(first), store, exclude_ids=[ids[0]], exclude_project=first["project"]["name"]
    )
    assert len(matches) >= len(ids) // 2  # eleven projects sharing one indicator set


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_pair_sets = st.lists(
    st.frozensets(st.tuples(st.sampled_from("abcdefg"), st.sampled_from("xyz")), max_size=8), min_size=1, max_size=25
)


@given(
    _pair_sets,
    st.frozensets(st.tuples(st.sampled_from("abcdefgh"), st.sampled_from("xyz")), max_size=9),
    st.sampled_from([0.5, 0.8, 1.0]),
)
@settings(max_examples=300, deadline=None)
def test_prefix_filtered_matches_equal_counting_every_record(records, target, share):
    """The sweep walks only the rarest pairs' postings; it must find exactly
    what comparing the target with every record finds."""
    index = PairIndex()
    for number, pairs in enumerate(records):
        index.add(f"r{number}", f"p{number}", pairs)
    expected = sorted(
        (
            (f"r{n}", round(len(target & pairs) / len(target), 4))
            for n, pairs in enumerate(records)
            if len(target) >= 3 and len(target & pairs) >= share * len(target) - 1e-9
        ),
        key=lambda item: (-item[1], item[0]),
    )
    assert index.matches(target, min_share=share) == expected


def test_ids_come_from_a_hint_that_may_be_stale_or_missing(store):
    """A new id costs no directory listing; a stale, damaged or missing hint never reuses an id."""
    first = [store.save(other_project(f"项目{i}")) for i in range(3)]
    assert first == ["2023-0001", "2023-0002", "2023-0003"]
    store.ids_path.write_text('{"2023": 1}')  # stale: a crash before the hint was written
    assert store.save(other_project("四")) == "2023-0004"
    store.ids_path.write_text("garbage")
    assert store.save(other_project("五")) == "2023-0005"
    store.ids_path.unlink()
    store.transcript_path("2023-0006").parent.mkdir(parents=True, exist_ok=True)
    store.transcript_path("2023-0006").write_text("")  # a transcript left behind by a removed record
    assert store.save(other_project("六")) == "2023-0007"
    assert json.loads(store.ids_path.read_text())["2023"] == 7
