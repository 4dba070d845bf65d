"""Reading forms filled elsewhere: the four seed text files, and every record
fixture through its own XLSX and DOCX export (read back by printed labels)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import FIXTURES, SEED_RECORDS

from assistant.fileio import load_file
from assistant.intake import read_pasted, read_path
from assistant.render import write_forms

SEEDS = FIXTURES / "seeds"

# Differences between what the reader gets from the seed text and the
# hand-encoded fixtures, each with why. Keys: (fixture, path) -> (read, fixture).
# - 003 prints no year anywhere in its text: the fixtures' 2021 comes from outside the file.
# - 003's 预算规模及资金用途 block prints a 资金用途 line; the reader keeps it in project.extra
#   (the contract's place for header fields with no fixed meaning), the fixtures leave it out.
# - 000_public_welfare_posts: the export truncates names (参保职工保销, 平均材料接收时) and one
#   annual satisfaction value is blank on the page; the fixture repaired them by hand (its README).
KNOWN = {
    **{
        (f"003_{n}", "year"): (None, 2021)
        for n in (
            "01_backbone_network",
            "02_cloud_platform",
            "03_bookkeeping",
            "04_fund_supervision",
            "05_labour_dispatch",
            "06_personnel_agency",
            "07_egov_network",
            "08_legal_counsel",
            "09_internal_audit",
            "10_family_planning_assistance",
            "11_resident_insurance",
        )
    },
    ("000_public_welfare_posts", "indicators.annual[2].name"): ("参保职工保销", "参保职工报销流程"),
    ("000_public_welfare_posts", "indicators.annual[4].name"): ("平均材料接收", "平均材料接收时间"),
    ("000_public_welfare_posts", "indicators.annual[5].name"): ("包干使用各项", "包干使用各项费用"),
    ("000_public_welfare_posts", "indicators.annual[10].name"): ("参保职工获得", "参保职工获得感"),
    ("000_public_welfare_posts", "indicators.annual[13].value"): ("", "≥95%"),
    ("000_public_welfare_posts", "indicators.mid_term[2].name"): ("参保职工保销流", "参保职工报销流程"),
    ("000_public_welfare_posts", "indicators.mid_term[4].name"): ("平均材料接收时", "平均材料接收时间"),
    ("000_public_welfare_posts", "indicators.mid_term[5].name"): ("包干使用各项费", "包干使用各项费用"),
}
# Printed labels kept per the templates contract (label1/label2 where the print differs from
# the framework: 002's 满意度指标 in the 二级 column, 000_public_welfare's 一级 社会效益指标); the
# seed fixtures predate those keys. project.extra holds 003's 资金用途 line.
IGNORED_KEYS = {"label1", "label2"}


def _only_pasted(text: str) -> dict:
    """The one form of a pasted table, read without any problem."""
    intake = read_pasted(text)
    assert intake.all_problems() == []
    assert len(intake.forms) == 1
    return intake.forms[0].record


def differences(read, expected, path=""):
    out = []
    if isinstance(read, dict) and isinstance(expected, dict):
        for key in sorted(set(read) | set(expected)):
            if key in IGNORED_KEYS or (key == "extra" and path == "project"):
                continue
            sub = f"{path}.{key}" if path else key
            if key not in read or key not in expected:
                out.append((sub, read.get(key, "<missing>"), expected.get(key, "<missing>")))
            else:
                out += differences(read[key], expected[key], sub)
    elif isinstance(read, list) and isinstance(expected, list):
        if len(read) != len(expected):
            out.append((f"{path}.length", len(read), len(expected)))
        for i, (a, b) in enumerate(zip(read, expected)):
            out += differences(a, b, f"{path}[{i}]")
    elif read != expected:
        out.append((path, read, expected))
    return out


def _fixtures_by_name(seed: str) -> dict[str, tuple[str, dict]]:
    out = {}
    for path in SEED_RECORDS:
        if path.name.startswith(seed):
            record = load_file(path)
            name = (record.get("project") or {}).get("name") or record.get("department")
            out[name] = (path.stem, record)
    return out


# 000 prints 11 titled forms: the department form and ten projects (the issue counts nine;
# the tenth, 公益岗位人员工资, is the one whose fixture README says it was added later).
@pytest.mark.parametrize("seed, count", [("000", 11), ("001", 2), ("002", 5), ("003", 11)])
def test_seed_text_files_import_as_their_forms(seed, count):
    intake = read_path(next(SEEDS.glob(f"{seed}_*.txt")))
    assert len(intake.forms) == count
    fixtures = _fixtures_by_name(seed)
    matched = 0
    for form in intake.forms:
        if form.name not in fixtures:
            continue  # 000 has projects that were not hand-encoded
        stem, expected = fixtures[form.name]
        matched += 1
        found = differences(form.record, expected)
        unexplained = [(path, a, b) for path, a, b in found if KNOWN.get((stem, path)) != (a, b)]
        assert unexplained == [], stem
    assert matched == len(fixtures)


def test_seed_000_reads_the_misplaced_labels_by_their_numbering():
    """The export prints 时效指标 next to item 11 of a 1–14 quality run and 成本指标 next
    to task 二: the numbering says where each category really starts."""
    intake = read_path(next(SEEDS.glob("000_*.txt")))
    department = intake.forms[0].record
    by_name = {row["name"]: row["level2"] for row in department["indicators"]}
    assert by_name["医保基金预算编制准确率"] == "质量指标"
    assert by_name["上述工作任务全部"] == "时效指标"
    assert by_name["全面加强党的建设，强化队伍建设，保障机关及)社会保险经办机构正常运转"] == "成本指标"
    assert [t["name"] for t in department["tasks"]][10] == "办公地点租赁经费"  # bare 十一 numbering


def test_what_cannot_be_placed_is_reported_with_its_line():
    intake = read_path(next(SEEDS.glob("002_*.txt")))
    problems = intake.all_problems()
    # the list of projects before the forms is not a form: said once, with its lines
    assert any("第5行—第17行的 9 行不是表单" in message for _, message in problems)
    pasted = read_pasted(
        "项目名称\t网络租赁费\n年度资金总额:\t48\n项目负责人电话\t12345\n"
        "请各单位于3月底前报送，逾期不予受理。\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n\t产出指标\t数量指标\t专线条数\t≥11条\n"
        "\t\t质量指标\t验收合格率\t100%\t另附\t说明一\t说明二\t说明三\n"
    )
    problems = pasted.all_problems()
    record = pasted.forms[0].record
    assert record["project"]["extra"] == {"项目负责人电话": "12345"}  # a header field with no fixed meaning
    assert any(where == "第4行" and "请各单位于3月底前报送" in message for where, message in problems)
    assert any(where == "第7行" and "对不上" in message and "说明三" in message for where, message in problems)
    assert len(record["indicators"]["annual"]) == 1
    assert any("年度" in message for _, message in problems)  # no year printed


def test_money_in_yuan_is_converted_to_wan():
    pasted = read_pasted(
        "项目支出绩效目标申报表\n(2023年度)\n单位：元\n项目名称\t专线\n"
        "项目资金\t年度资金总额:\t480000\t其中:财政拨款\t480000\t其他资金\t0\n"
        "年度总体目标\t为11个社区租用专线\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n\t产出指标\t数量指标\t专线条数\t≥11条\n"
    )
    record = pasted.forms[0].record
    assert record["funds"]["annual"] == {"total": 48, "fiscal": 48, "other": 0}
    assert str(record["funds"]["annual"]["total"]) == "48"


@pytest.mark.parametrize("path", SEED_RECORDS, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_every_fixture_round_trips_through_its_own_export(path, fmt, tmp_path):
    record = load_file(path)
    [written] = write_forms(record, tmp_path, path.stem, [fmt])
    intake = read_path(written)
    assert len(intake.forms) == 1
    assert intake.all_problems() == []
    read = intake.forms[0].record
    for key in (
        "funds",
        "goals",
        "indicators",
        "project",
        "tasks",
        "total",
        "execution",
        "total_score",
        "grade",
        "year",
        "department",
        "spending_plan",
    ):
        assert read.get(key) == record.get(key), key


def test_a_department_form_in_yuan_with_a_numbered_indicator_table():
    """Amounts in 元 (预算金额（元）), a 序号 column, 绩效指标 as the name heading."""
    text = (
        "部门整体支出绩效目标申报表\n（2024年度）\n部门（单位）名称\t某县文化馆\n"
        "年度主要任务\t任务名称\t预算金额（元）\n\t\t总额\t财政拨款\t其他资金\n"
        "\t一、免费开放\t300000\t300000\t0\n\t二、非遗保护\t125000\t125000\t\n"
        "\t金额合计\t425000\t425000\t0\n年度总体目标\t1. 全年免费开放不少于300天；2. 完成非遗项目记录5项\n"
        "年度绩效指标\t序号\t一级指标\t二级指标\t绩效指标\t指标值\t绩效标准\n"
        "\t1\t产出指标\t数量指标\t免费开放天数\t≥300天\t计划标准\n"
        "\t2\t\t质量指标\t设施完好率\t≥95%\t历史标准\n"
    )
    record = _only_pasted(text)
    assert record["form"] == "department-declaration" and record["department"] == "某县文化馆"
    assert record["tasks"] == [
        {"name": "免费开放", "total": 30, "fiscal": 30, "other": 0},
        {"name": "非遗保护", "total": Decimal("12.5"), "fiscal": Decimal("12.5"), "other": 0},
    ]
    assert record["total"] == {"total": Decimal("42.5"), "fiscal": Decimal("42.5"), "other": 0}
    assert record["goals"] == ["全年免费开放不少于300天", "完成非遗项目记录5项"]
    assert [(r["level2"], r["name"], r["value"], r["basis"]) for r in record["indicators"]] == [
        ("数量指标", "免费开放天数", "≥300天", "计划标准"),
        ("质量指标", "设施完好率", "≥95%", "历史标准"),
    ]
    assert "extra" not in record["indicators"][0]  # 序号 is layout, not kept
    # money finer than 1 元 is not rounded away: it is reported at its cell
    finer = read_pasted(text.replace("\t125000\t125000", "\t125000.5\t125000"))
    assert (
        "第7行第3格",
        "金额“125000.5”读不出来：金额“125000.5”比 1 元还精细。请精确到元（万元的四位小数）。",
    ) in finer.all_problems()


LAYER_PROBE = """
import sys
sys.modules['textual'] = None
import importlib, pkgutil, assistant.intake as pkg
for info in pkgutil.iter_modules(pkg.__path__):
    importlib.import_module("assistant.intake." + info.name)
from assistant.intake import read_path
read_path({seed!r})
above = [m for m in sys.modules if m.startswith(("assistant.records", "assistant.render", "assistant.interview",
                                                "assistant.tui", "assistant.cli")) and sys.modules[m] is not None]
assert not above, above
print("ok")
"""


def test_intake_sits_below_records_and_knows_no_ui():
    import subprocess
    import sys

    seed = str(next(SEEDS.glob("001_*.txt")))
    out = subprocess.run([sys.executable, "-c", LAYER_PROBE.format(seed=seed)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_csv_and_old_office_files(tmp_path):
    from assistant.intake import IntakeError

    csv_file = tmp_path / "表.csv"
    csv_file.write_text(
        "项目支出绩效目标申报表\n（2023年度）\n项目名称,专线租赁\n项目资金（万元）,年度资金总额：,48\n"
        '年度总体目标,"租用11条专线,\n保障社区参保登记"\n绩效指标,一级指标,二级指标,三级指标,指标值\n'
        ",产出指标,数量指标,专线条数,≥11条\n",
        encoding="gb18030",
    )
    record = read_path(csv_file).forms[0].record
    assert record["goals"]["annual"] == ["租用11条专线,", "保障社区参保登记"]
    assert record["indicators"]["annual"][0]["value"] == "≥11条"
    old = tmp_path / "去年.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(IntakeError, match="另存为 .xlsx"):
        read_path(old)


def test_unknown_columns_are_kept_in_the_row():
    text = (
        "项目支出绩效目标申报表\n（2023年度）\n项目名称\t专线租赁\n项目资金（万元）\t年度资金总额：\t48\n"
        "年度总体目标\t租用11条专线\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t度量单位\t备注\n"
        "\t产出指标\t数量指标\t专线条数\t≥11\t条\t含备用线路1条\n"
    )
    intake = read_pasted(text)
    assert intake.all_problems() == []
    row = intake.forms[0].record["indicators"]["annual"][0]
    assert (row["value"], row["unit"], row["extra"]) == ("≥11", "条", {"备注": "含备用线路1条"})


def test_labels_above_their_values_and_notes_in_headings():
    """项目名称 | 主管部门 | 实施单位 over a row of values; 指标值（2024年）; both levels in one cell."""
    text = (
        "项目支出绩效目标申报表\n（2024年度）\n项目名称\t主管部门\t实施单位\n专线租赁\t某区医疗保障局\t某区医保中心\n"
        "项目资金（万元）\t年度资金总额：\t48\n年度总体目标\t租用11条专线\n"
        '绩效指标\t一级/二级指标\t三级指标\t指标值（2024年）\n\t"产出指标\n数量指标"\t专线条数\t≥11条\n'
    )
    record = _only_pasted(text)
    assert (record["project"]["name"], record["project"]["department"], record["project"]["unit"]) == (
        "专线租赁",
        "某区医疗保障局",
        "某区医保中心",
    )
    row = record["indicators"]["annual"][0]
    assert (row["level1"], row["level2"], row["name"], row["value"]) == ("产出指标", "数量指标", "专线条数", "≥11条")


def test_a_template_s_own_labels_and_money_split_by_fiscal_level():
    """区域（项目）绩效目标表 (project-transfer): 专项名称, 年度金额, 中央补助 | 地方资金."""
    text = (
        "区域（项目）绩效目标表\n（2022年度）\n专项名称\t普惠金融发展专项资金\n主管部门\t市人力资源和社会保障局\n"
        "项目资金（万元）\t年度金额\t112\n\t中央补助\t40\n\t地方资金\t72\n年度总体目标\t支持农村金融组织体系建设\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n\t产出指标\t数量指标\t创业担保贷款发放额\t4000万元\n"
    )
    record = _only_pasted(text)
    assert record["template"] == "project-transfer"
    assert record["project"]["name"] == "普惠金融发展专项资金"
    assert record["funds"]["annual"] == {
        "total": 112,
        "fiscal": 112,
        "other": None,
        "sources": {"中央补助": 40, "地方资金": 72},
    }
