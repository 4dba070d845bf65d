import json
import subprocess
import sys

from conftest import FIXTURES, write_json

from assistant.cli.main import main

RECORDS = FIXTURES / "records"
GOOD = FIXTURES / "good"


def test_check_good_record_exits_0(capsys):
    assert main(["check", str(GOOD / "project_network_leasing_2023.json")]) == 0
    assert "可以提交" in capsys.readouterr().out


def test_check_reports_what_a_reviewer_would(capsys):
    assert main(["check", str(RECORDS / "000_fund_supervision.json")]) == 1
    out = capsys.readouterr().out
    assert "indicator.cost_exceeds_budget" in out and "超过年度资金总额 90 万元" in out


def test_check_json_with_several_files_names_the_file(capsys):
    files = [str(RECORDS / f"003_0{n}_{name}.json") for n, name in ((1, "backbone_network"), (4, "fund_supervision"))]
    assert main(["check", *files, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {"rule", "severity", "path", "message", "file"} <= set(data["findings"][0])
    assert any(f["rule"] == "records.copy_paste" for f in data["findings"])


def test_check_json_single_file_has_no_file_key(capsys):
    main(["check", str(RECORDS / "001_network_leasing.json"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["findings"] and all(set(f) == {"rule", "severity", "path", "message"} for f in data["findings"])


def test_unreadable_inputs_exit_2_with_chinese_message(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"form": "project-declaration",', encoding="utf-8")
    not_record = write_json(tmp_path / "list.json", [1, 2])
    for path, words in (
        (broken, "不是有效的 JSON"),
        (not_record, "不是 jixiao 记录文件"),
        (tmp_path / "missing.json", "找不到这个文件"),
        (tmp_path, "目录"),
    ):
        assert main(["check", str(path)]) == 2
        assert words in capsys.readouterr().err


def test_bad_value_is_a_finding_not_a_crash(tmp_path, capsys):
    record = json.loads((GOOD / "project_network_leasing_2023.json").read_text(encoding="utf-8"))
    record["indicators"]["annual"][2]["value"] = "≥abc%"
    assert main(["check", str(write_json(tmp_path / "r.json", record))]) == 1
    assert "indicator.value_unparsed" in capsys.readouterr().out


def test_bad_usage_exits_2(capsys):
    assert main(["check"]) == 2
    assert "缺少参数" in capsys.readouterr().err
    assert main(["kb", "search", "满意度", "--level2", "不存在"]) == 2


def test_kb_search_json_best_first(capsys):
    assert main(["kb", "search", "网络专线", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["name"] and "network_leasing" in hits[0]["project_types"]
    assert {"level1", "level2", "name", "operator", "unit", "typical", "description", "source"} <= set(hits[0])


def test_installed_entry_point_runs():
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli.main", "kb", "search", "网络专线"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "村卫生室专线数量" in out


def test_argparse_messages_are_chinese(capsys):
    assert main(["list", "--year", "abc"]) == 2
    err = capsys.readouterr().err
    assert "应为整数" in err and "invalid" not in err


def test_the_command_line_builds_only_the_parser_of_the_command_it_runs():
    from assistant.cli.main import build_parser, command_of

    assert command_of(["check", "a.json"]) == "check"
    assert command_of(["--home", "/tmp/h", "list", "--json"]) == "list"
    assert command_of(["--home=/tmp/h", "kb", "search", "x"]) == "kb"
    for argv in ([], ["--help"], ["--version"], ["chek", "a.json"], ["-h", "check"]):
        assert command_of(argv) is None
    alone = build_parser("check")
    args = alone.parse_args(["--home", "/tmp/h", "check", "a.json", "--json", "--year", "2024"])
    assert (args.command, args.files, args.json, args.year, args.home) == ("check", ["a.json"], True, 2024, "/tmp/h")
    assert build_parser("kb").parse_args(["kb", "search", "网络", "--limit", "3"]).limit == 3
    assert "replay" not in alone.format_help() and "replay" in build_parser().format_help()


def test_a_command_runs_with_the_start_up_collector_threshold_and_restores_it(monkeypatch, capsys):
    import gc

    from assistant.cli import check_cmd
    from assistant.cli.main import main

    seen = []
    monkeypatch.setattr(check_cmd, "run", lambda *args: seen.append(gc.get_threshold()[0]) or 0)
    before = gc.get_threshold()
    assert main(["check", "a.json"]) == 0
    assert seen and seen[0] >= 10_000 > before[0] and gc.get_threshold() == before
