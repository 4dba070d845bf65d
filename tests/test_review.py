"""`jixiao review DIR`, and `check`/`import` on forms filled elsewhere."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES, write_json
from openpyxl import load_workbook

from assistant.cli.main import main
from assistant.fileio import load_file
from assistant.intake import IntakeError
from assistant.intake.start import starting_record
from assistant.render import write_forms

SEEDS = FIXTURES / "seeds"
RECORDS = FIXTURES / "records"
COPIED = {
    "骨干网络（专线）运营租赁费",
    "一站式医疗救助技术服务平台云主机和系统维护费",
    "基金监管工作经费",
    "政务外网网络运行租赁费",
    "专业法务咨询服务律师聘请费",
    "经办机构内部审计费",
    "计划生育特殊家庭人员医疗医保救助",
    "城乡居民医疗保险专项业务费",
}


@pytest.fixture
def folder(tmp_path):
    """The eleven 003 projects as separate workbooks and documents of separate
    units, a self-evaluation, a damaged workbook and a foreign file."""
    root = tmp_path / "收件"
    (root / "乙单位").mkdir(parents=True)
    for n, path in enumerate(sorted(RECORDS.glob("003_*.json"))):
        record = load_file(path)
        target = root / ("乙单位" if n % 2 else "")
        write_forms(record, target, path.stem, ["docx" if n % 3 == 0 else "xlsx"])
    shutil.copy(RECORDS / "002_selfeval_3_archives.json", root / "自评.json")
    (root / "坏的.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (root / "说明.txt").write_text("请于月底前报送。\n联系人：张三", encoding="utf-8")
    (root / "照片.jpg").write_bytes(b"\xff\xd8\xff")
    return root


def _json_out(capsys):
    return json.loads(capsys.readouterr().out)


def test_review_finds_the_copy_paste_cluster_and_writes_the_workbook(folder, tmp_path, capsys):
    out = tmp_path / "审查.xlsx"
    code = main(["review", str(folder), "--out", str(out), "--json", "--jobs", "2"])
    result = _json_out(capsys)
    assert code == 2  # the damaged workbook and the foreign text file: reported, the rest reviewed
    assert len(result["forms"]) == 12
    unreadable = {entry["file"].rsplit("/", 1)[-1] for entry in result["unreadable"]}
    assert unreadable == {"坏的.xlsx", "说明.txt"}
    names = {form["file"]: form["name"] for form in result["forms"]}
    clusters = [{names[f] for f in cluster} for cluster in result["clusters"]]
    assert COPIED in clusters
    assert {"劳务派遣人员经费", "人事代理经费"} in clusters
    assert not any("代理记账" in c for c in clusters)
    selfeval = next(f for f in result["forms"] if f["form"] == "self-evaluation")
    assert selfeval["scores"]["stated_total"] == 100 and selfeval["scores"]["computed_total"] is not None
    for form in result["forms"]:
        assert form["errors"] == sum(1 for f in form["findings"] if f["severity"] == "error")
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "问题明细", "雷同"]
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0][:9] == ("文件", "表", "单位", "项目", "年度", "资金（万元）", "错误", "警告", "主要问题")
    assert len(summary) == 1 + 12 + 2
    backbone = next(r for r in summary if r[3] == "骨干网络（专线）运营租赁费")
    assert backbone[2] == "450001秦皇岛市北戴河区医疗保障局(本级)" and backbone[4] == 2021
    assert float(backbone[5]) == 0.36
    details = list(book["问题明细"].iter_rows(values_only=True))
    assert any(r[3] == "records.copy_paste" and r[4] == "indicators" for r in details)
    same = list(book["雷同"].iter_rows(values_only=True))
    assert len([r for r in same[1:] if r[0] == 1 or r[0] == 2]) == 10
    assert any("城乡居民医疗保险经办人数｜≥90百分比" in (r[2] or "") for r in same[1:])


def test_review_text_output_and_exit_codes(tmp_path, capsys):
    clean = tmp_path / "clean"
    clean.mkdir()
    shutil.copy(FIXTURES / "good" / sorted(p.name for p in (FIXTURES / "good").glob("*.json"))[0], clean / "a.json")
    assert main(["review", str(clean)]) in (0, 1)
    text = capsys.readouterr().out
    assert "共审查 1 张表" in text
    assert main(["review", str(tmp_path / "nowhere")]) == 2


def test_check_reads_a_seed_text_file_with_many_forms(capsys):
    code = main(["check", str(next(SEEDS.glob("003_*.txt"))), "--json"])
    result = _json_out(capsys)
    assert code == 1  # no year printed on the 003 forms: schema.invalid
    files = {f["file"] for f in result["findings"]}
    assert len(files) == 11
    copy = [f for f in result["findings"] if f["rule"] == "records.copy_paste"]
    assert len({f["file"] for f in copy}) == 10  # all but 代理记账
    reading = {(r["where"], r["message"]) for r in result["reading"]}
    assert (
        "第62行",
        "没有找到年度（如“(2022年度)”）：表上没有印年度，请用 --year 指定，或在记录里补上 year。",
    ) in reading
    assert not any("资金用途" in message for _, message in reading)  # kept in project.extra
    # the prose of part one (部门整体绩效目标) is not silently dropped: text output says it
    main(["check", str(next(SEEDS.glob("003_*.txt")))])
    out = capsys.readouterr().out
    assert "读入提示：第1行：第1行的 1 行不是表单" in out and "读入提示：第2行：第2行—第58行的 55 行不是表单" in out


def test_check_of_json_files_gives_the_same_copy_paste_findings_as_before(tmp_path, capsys):
    paths = [str(p) for p in sorted(RECORDS.glob("003_0*.json"))]
    main(["check", *paths, "--json"])
    findings = _json_out(capsys)["findings"]
    copy = [f for f in findings if f["rule"] == "records.copy_paste"]
    assert {f["file"] for f in copy} == {p for p in paths if "003_03" not in p}
    message = next(f["message"] for f in copy if f["file"].endswith("003_01_backbone_network.json"))
    assert "003_02_cloud_platform.json “一站式医疗救助技术服务平台云主机和系统维护费”（2021）（100%）" in message


def test_import_stores_every_form_of_a_workbook_and_a_text_file(tmp_home, tmp_path, capsys):
    [xlsx] = write_forms(load_file(RECORDS / "001_network_leasing.json"), tmp_path, "net", ["xlsx"])
    assert main(["import", str(xlsx), str(next(SEEDS.glob("002_*.txt")))]) == 0
    out = capsys.readouterr().out
    assert out.count("已导入") == 6
    assert main(["list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {m["project"] for m in listed} >= {"社保专线网络租赁费", "市外医疗专项调查费", "经常性业务经费"}


def test_forms_without_a_printed_year_take_year_from_the_command_line(tmp_home, capsys):
    seed = str(next(SEEDS.glob("003_*.txt")))
    assert main(["check", seed, "--json", "--year", "2021"]) == 1  # 003's 生态 rows are 无 (indicator.empty)
    findings = _json_out(capsys)["findings"]
    assert not any(f["rule"] == "schema.invalid" for f in findings)
    assert main(["import", seed, "--year", "2021"]) == 0
    assert capsys.readouterr().out.count("（2021年度）") == 11


def test_import_reports_a_damaged_file_and_goes_on(tmp_home, tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    good = write_json(tmp_path / "good.json", load_file(RECORDS / "001_operating_funds.json"))
    assert main(["import", str(bad), str(good)]) == 2
    captured = capsys.readouterr()
    assert "bad.docx：文件已损坏" in captured.err and "已导入" in captured.out


def test_start_from_last_years_file_or_a_pasted_table(tmp_path):
    start = starting_record(str(next(SEEDS.glob("001_*.txt"))))
    assert start.name == "城乡居民医疗保险业务经办工作经费"
    assert start.others == ["社保专线网络租赁费"]
    assert any(f.rule == "indicator.cost_operator" for f in start.findings)
    pasted = (SEEDS / next(SEEDS.glob("001_*.txt")).name).read_text(encoding="utf-8")
    second = starting_record(pasted, pick=2)
    assert second.record["project"]["name"] == "社保专线网络租赁费"
    with pytest.raises(IntakeError, match="找不到这个文件"):
        starting_record(str(tmp_path / "去年.xlsx"))
    with pytest.raises(IntakeError):
        starting_record("你好")
    # the interview adopts it as its starting record
    from assistant.interview.engine import Interview

    interview = Interview(start.record["form"], source=start.record)
    assert interview.record["project"]["name"] == start.name


def test_new_from_a_file_outside_a_terminal_says_what_it_read(capsys):
    code = main(["new", "--from", str(next(SEEDS.glob("001_*.txt"))) + "#2"])
    err = capsys.readouterr().err
    assert code == 2
    assert "从“社保专线网络租赁费”开始" in err and "还有 1 张表" in err


def test_the_progress_bar_shows_only_on_a_terminal_and_for_long_folders():
    import io

    from assistant.cli.review_report import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    shown, piped = Terminal(), io.StringIO()
    for stream in (shown, piped):
        bar = Progress(stream)
        for n in range(1, 41):
            bar(n, 40)
        bar.done()
    assert "审查中 40/40 [" in shown.getvalue() and shown.getvalue().endswith("\n")
    assert piped.getvalue() == ""
    short = Terminal()
    Progress(short)(1, 3)
    assert short.getvalue() == ""


def test_review_scores_a_department_self_evaluation_as_check_does(tmp_path, capsys):
    root = tmp_path / "收件"
    root.mkdir()
    shutil.copy(FIXTURES / "good" / "dept_selfeval_2022.json", root / "部门自评.json")
    main(["review", str(root), "--json"])
    (form,) = _json_out(capsys)["forms"]
    assert form["form"] == "department-self-evaluation"
    assert form["scores"]["computed_total"] is not None and form["scores"]["computed_grade"]
