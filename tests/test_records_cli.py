"""Store commands end to end: import, list, show, export, history, fix, and replay of a fixed record."""

import json

import pytest
from conftest import FIXTURES

from assistant.cli.main import main
from assistant.fileio import load_file
from assistant.interview.replay import replay
from assistant.records import Store

GOOD = FIXTURES / "good"
SEEDS = FIXTURES / "records"


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("JIXIAO_HOME", str(home))
    return home


def imported(capsys, *paths):
    assert main(["import", *map(str, paths)]) == 0
    out = capsys.readouterr().out
    return [line.split("记录 ")[1].split("（")[0] for line in out.splitlines() if "→ 记录" in line]


def test_import_list_show_export_history(home, capsys, tmp_path):
    ids = imported(capsys, GOOD / "project_network_leasing_2023.json", SEEDS / "001_operating_funds.json")
    assert main(["list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {m["id"] for m in listed} == set(ids)
    assert {"id", "form", "year", "project", "status"} <= set(listed[0])
    assert {m["status"] for m in listed} == {"final"}
    assert main(["list", "--year", "2023", "--form", "project"]) == 0
    assert "社保专线网络租赁费" in capsys.readouterr().out

    assert main(["show", ids[0]]) == 0
    assert "社保专线网络租赁费" in capsys.readouterr().out

    out_dir = tmp_path / "exports"
    assert main(["export", ids[0], "--format", "md,xlsx,docx,json", "--out", str(out_dir)]) == 0
    assert sorted(p.suffix for p in out_dir.iterdir()) == [".docx", ".json", ".md", ".xlsx"]
    assert load_file(out_dir / f"{ids[0]}.json") == load_file(GOOD / "project_network_leasing_2023.json")

    assert main(["history", ids[0]]) == 0
    assert "第 1 版" in capsys.readouterr().out


def test_fix_by_misspelt_name_saves_a_version_and_replays(home, capsys):
    (record_id,) = imported(capsys, SEEDS / "003_01_backbone_network.json")
    assert main(["fix", record_id, "--indicator", "资金拨付律", "--value", "=100%"]) == 1  # other errors remain
    out = capsys.readouterr().out
    assert "已修改“资金拨付率”：≥90百分比 → =100%" in out
    store = Store(home)
    row = store.get(record_id)["indicators"]["annual"][1]
    assert row["name"] == "资金拨付率" and row["value"] == "=100%"
    history = store.history(record_id)
    assert len(history) == 2 and "资金拨付率" in history[-1]["note"]
    assert "indicators.annual[1].value" in history[-1]["changed"]
    # The fix is in the record's transcript: replay gives the fixed version.
    result = replay(store.transcript_path(record_id))
    assert result.ok and result.record == store.get(record_id)


def test_fix_reports_resolved_findings(home, capsys):
    (record_id,) = imported(capsys, SEEDS / "001_operating_funds.json")
    assert main(["fix", record_id, "--indicator", "参保居民每人每年工作经费", "--value", "≤1元"]) == 0
    out = capsys.readouterr().out
    assert "已解决" in out and "indicator.cost_operator" in out


def test_fix_refuses_bad_value_and_leaves_everything_as_it_was(home, capsys):
    (record_id,) = imported(capsys, GOOD / "project_network_leasing_2023.json")
    store = Store(home)
    before = store.get(record_id)
    assert main(["fix", record_id, "--indicator", "专线网络可用率", "--value", "≥abc%"]) == 1
    assert "看不懂" in capsys.readouterr().err
    assert store.get(record_id) == before and len(store.history(record_id)) == 1
    transcript = store.transcript_path(record_id)
    assert not transcript.exists() or "abc" not in transcript.read_text(encoding="utf-8")


def test_fix_unknown_or_ambiguous_name(home, capsys):
    (record_id,) = imported(capsys, GOOD / "project_network_leasing_2023.json")
    assert main(["fix", record_id, "--indicator", "完全无关的东西", "--value", "1"]) == 1
    assert "没有找到" in capsys.readouterr().err
    assert main(["fix", record_id, "--indicator", "专线单价", "--value", "≤2000元/条·年"]) == 1
    assert "可能指好几个指标" in capsys.readouterr().err


def test_copy_paste_is_checked_against_the_whole_store(home, capsys):
    imported(capsys, *sorted(SEEDS.glob("003_0[1-4]*.json")))
    assert main(["list"]) == 0
    capsys.readouterr()
    ids = [m["id"] for m in Store(home).list() if m["project"] == "骨干网络（专线）运营租赁费"]
    main(["show", ids[0]])
    assert "records.copy_paste" in capsys.readouterr().out


def test_import_of_bad_files_and_unknown_ids(home, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[1]", encoding="utf-8")
    assert main(["import", str(bad)]) == 2
    assert "不是 jixiao 记录文件" in capsys.readouterr().err
    assert main(["show", "2023-9999"]) == 2
    assert "不存在" in capsys.readouterr().err


def test_a_damaged_index_is_reported_rebuilt_and_kept_aside(home, capsys):
    """The index is derived (issue 18): a damaged one no longer blocks the store."""
    imported(capsys, GOOD / "project_network_leasing_2023.json")
    index = home / "db" / "index.json"
    index.write_text("garbage", encoding="utf-8")
    assert main(["list"]) == 0
    out = capsys.readouterr()
    assert "社保专线网络租赁费" in out.out and "已损坏，已按记录文件重建" in out.err
    assert (home / "db" / "index.json.damaged").read_text(encoding="utf-8") == "garbage"
