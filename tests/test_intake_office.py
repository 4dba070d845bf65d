"""Office files laid out like the corpus templates, built by hand here with
openpyxl and python-docx (not with jixiao's renderer), read back by labels."""

from __future__ import annotations

from decimal import Decimal

import docx
import pytest
from conftest import FIXTURES
from openpyxl import Workbook

from assistant.fileio import load_file
from assistant.intake import read_path

CORPUS = FIXTURES / "corpus"


def _only_form(path):
    """The one form of a file, read without any problem."""
    intake = read_path(path)
    assert intake.all_problems() == []
    assert len(intake.forms) == 1
    return intake.forms[0].record


def _rows(record, period="annual"):
    rows = record["indicators"][period] if isinstance(record["indicators"], dict) else record["indicators"]
    return [(r["level1"], r["level2"], r["name"], r.get("value", r.get("target"))) for r in rows]


def test_a_workbook_like_the_completion_template(tmp_path):
    """015 (昭化区): 项目完成指标/项目效益指标 as 一级, fund sources under 财政拨款小计,
    merged 一级 and 二级 cells, a title and year above the table."""
    expected = load_file(CORPUS / "015_health_zhaohua_2021.json")
    book = Workbook()
    sheet = book.active
    sheet.append(["项目支出绩效目标申报表"])
    sheet.merge_cells("A1:F1")
    sheet.append(["（2021年度）"])
    sheet.append(["项目名称", expected["project"]["name"], None, "预算单位", expected["project"]["unit"]])
    sheet.merge_cells("B3:C3")
    sheet.merge_cells("E3:F3")
    funds = [
        ("年度资金总额", None),
        ("财政拨款小计", 4),
        ("一般公共预算", 4),
        ("政府性基金", 0),
        ("国有资本经营预算", 0),
        ("事业收入", 0),
        ("经营性收入", 0),
        ("其他收入", 0),
    ]
    start = sheet.max_row + 1
    for label, amount in funds:
        sheet.append(["项目资金（万元）" if label == "年度资金总额" else None, label, amount])
    sheet.merge_cells(start_row=start, start_column=1, end_row=sheet.max_row, end_column=1)
    sheet.append(["年度总体目标", expected["goals"]["annual"][0]])
    sheet.merge_cells(start_row=sheet.max_row, start_column=2, end_row=sheet.max_row, end_column=6)
    sheet.append(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"])
    first = sheet.max_row + 1
    printed1 = {"产出指标": "项目完成\n指标", "效益指标": "项目效益\n指标", "满意度指标": "满意度指标"}
    rows = expected["indicators"]["annual"]
    previous = (None, None)
    spans = []
    for row in rows:
        key = (row["level1"], row["level2"])
        label2 = row.get("label2") or row["level2"]
        sheet.append(
            [
                None,
                printed1[row["level1"]] if key[0] != previous[0] else None,
                label2 if key != previous else None,
                row["name"],
                row["value"],
            ]
        )
        if key[0] != previous[0]:
            spans.append((2, sheet.max_row))
        if key != previous:
            spans.append((3, sheet.max_row))
        previous = key
    last = sheet.max_row
    sheet.merge_cells(start_row=first - 1, start_column=1, end_row=last, end_column=1)
    for i, (col, row_no) in enumerate(spans):
        end = next((r - 1 for c, r in spans[i + 1 :] if c <= col), last)
        if end > row_no:
            sheet.merge_cells(start_row=row_no, start_column=col, end_row=end, end_column=col)
    path = tmp_path / "015.xlsx"
    book.save(path)

    record = _only_form(path)
    assert record.get("template") == "project-completion"
    assert record["year"] == 2021
    assert record["project"]["name"] == "麻风病防治" and record["project"]["unit"] == "区疾控中心"
    assert record["funds"]["annual"] == {**expected["funds"]["annual"]}
    assert record["goals"] == expected["goals"]
    assert _rows(record) == _rows(expected)
    assert [r.get("label1") for r in record["indicators"]["annual"]][0] == "项目完成\n指标"


def test_a_document_with_mid_term_and_annual_side_by_side(tmp_path):
    """Seed 000's layout in Word: 中期 and 年度 columns beside each other in one
    table, vertically merged 一级 cells, 中期/年度 funds in one row each."""
    expected = load_file(FIXTURES / "records" / "000_labour_dispatch.json")
    document = docx.Document()
    document.add_paragraph("项目支出绩效目标申报表")
    document.add_paragraph("（2022年度）")
    mid, annual = expected["indicators"]["mid_term"], expected["indicators"]["annual"]
    table = document.add_table(rows=0, cols=8)

    def row(*texts):
        cells = table.add_row().cells
        for cell, text in zip(cells, texts):
            cell.text = "" if text is None else str(text)
        return cells

    project = expected["project"]
    cells = row("项目名称", project["name"], None, None, None, None, None, None)
    cells[1].merge(cells[7])
    cells = row("实施单位", project["unit"], None, None, None, None, None, None)
    cells[1].merge(cells[7])
    row("项目属性", project["attribute"], None, None, "项目期", project["period"], None, None)
    funds = expected["funds"]
    row(
        "项目资金（万元）",
        "中期资金总额：",
        funds["mid_term"]["total"],
        None,
        "年度资金总额：",
        funds["annual"]["total"],
        None,
        None,
    )
    row(
        None,
        "其中：财政拨款",
        funds["mid_term"]["fiscal"],
        None,
        "其中：财政拨款",
        funds["annual"]["fiscal"],
        None,
        None,
    )
    row(None, "其他资金", None, None, "其他资金", None, None, None)
    row("总体目标", "中期目标（2022年—2024年）", None, None, "年度目标", None, None, None)
    row(None, expected["goals"]["mid_term"][0], None, None, expected["goals"]["annual"][0], None, None, None)
    row("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值")
    first = len(table.rows)
    level1_start = {}
    for i, (m, a) in enumerate(zip(mid, annual)):
        row(
            None,
            m["level1"] if m["level1"] not in level1_start else None,
            m["level2"],
            m["name"],
            m["value"],
            a["level2"],
            a["name"],
            a["value"],
        )
        level1_start.setdefault(m["level1"], first + i)
    starts = sorted(level1_start.values()) + [len(table.rows)]
    for top, bottom in zip(starts, starts[1:]):
        if bottom - 1 > top:
            table.cell(top, 1).merge(table.cell(bottom - 1, 1))
    table.cell(first - 1, 0).merge(table.cell(len(table.rows) - 1, 0))
    path = tmp_path / "labour.docx"
    document.save(path)

    record = _only_form(path)
    assert record.get("template") == "project-midterm"
    assert record["funds"] == expected["funds"]
    assert record["goals"] == expected["goals"]
    assert _rows(record, "mid_term") == _rows(expected, "mid_term")
    assert _rows(record, "annual") == _rows(expected, "annual")


def test_a_self_evaluation_document_with_points_in_its_labels_and_a_ticked_grade(tmp_path):
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph("（2023年度）")
    table = document.add_table(rows=0, cols=9)

    def row(*texts):
        cells = table.add_row().cells
        for cell, text in zip(cells, texts):
            cell.text = "" if text is None else str(text)
        return cells

    row("项目名称", None, "档案数字化", None, None, None, None, None, None)[2].merge(table.rows[-1].cells[8])
    row("主管部门", None, "某县医疗保障局", None, None, "实施单位", "某县医保中心", None, None)
    row("项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", None)
    row(None, "年度资金总额：", "20", "20", "18", "10", "90%", "9", None)
    row(None, "其中：本年财政拨款", "20", "20", "18", "—", None, None, None)
    row(None, "上年结转资金", "0", "0", "0", "—", None, None, None)
    row(None, "其他资金", "0", "0", "0", "—", None, None, None)
    row("年度总体目标", "预期目标", None, None, None, "实际完成情况", None, None, None)
    row(None, "完成3万卷档案数字化", None, None, None, "完成2.7万卷", None, None, None)
    row(
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )
    row(None, "产出指标（50分）", "数量指标", "数字化档案卷数", "≥30000卷", "27000卷", "30", "27", "扫描设备故障两周")
    row(None, None, "质量指标", "数字化差错率", "≤1%", "0.5%", "20", "20", None)
    row(None, "效益指标（30分）", "社会效益指标", "档案查询平均用时", "≤10分钟", "8分钟", "30", "30", None)
    row(None, "满意度指标（10分）", "服务对象满意度指标", "查档群众满意度", "≥90%", "95%", "10", "10", None)
    row("总分", None, None, None, None, None, "100", "96", None)
    row("综合评定等级", None, "优☑ 良□ 中□ 差□", None, None, None, None, None, None)
    table.cell(10, 1).merge(table.cell(11, 1))
    path = tmp_path / "selfeval.docx"
    document.save(path)

    record = _only_form(path)
    assert record["form"] == "self-evaluation" and record["year"] == 2023
    assert record["project"]["department"] == "某县医疗保障局"
    assert record["funds"]["total"] == {"initial": 20, "adjusted": 20, "executed": 18}
    assert record["execution"] == {"weight": 10, "score": 9, "deviation": ""}
    assert record["goals"] == [{"expected": "完成3万卷档案数字化", "actual": "完成2.7万卷"}]
    first = record["indicators"][0]
    assert (
        first["level1"],
        first["level2"],
        first["target"],
        first["actual"],
        first["weight"],
        first["score"],
        first["deviation"],
    ) == ("产出指标", "数量指标", "≥30000卷", "27000卷", 30, 27, "扫描设备故障两周")
    assert record["indicators"][1]["level1"] == "产出指标"  # the merged 一级 cell covers the next row
    assert record["total_score"] == 96 and isinstance(record["total_score"], Decimal)
    assert record["grade"] == "优"


def _pdf(path, story_rows, spans, title=("项目支出绩效目标申报表", "（2023年度）")):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("title", fontName="STSong-Light", fontSize=14)
    table = Table(story_rows)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "STSong-Light", 9),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                *(("SPAN", a, b) for a, b in spans),
            ]
        )
    )
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([Paragraph(t, style) for t in title] + [table])
    return path


def test_a_text_pdf_with_ruled_merged_cells(tmp_path):
    rows = [
        ["项目名称", "社保专线网络租赁费", "", "", ""],
        ["主管部门", "某区医疗保障局", "实施单位", "某区医疗保障局", ""],
        ["项目资金（万元）", "年度资金总额：", "48", "", ""],
        ["", "其中：财政拨款", "48", "", ""],
        ["", "其他资金", "0", "", ""],
        ["年度总体目标", "为11个社区民生服务站租用社保专线", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "村卫生室数量", "136个"],
        ["", "", "", "社区服务站数量", "11个"],
        ["", "", "成本指标", "专线年租费", "≤48万元"],
    ]
    spans = [((1, 0), (4, 0)), ((1, 5), (4, 5)), ((0, 2), (0, 4)), ((1, 7), (1, 9)), ((2, 7), (2, 8)), ((0, 6), (0, 9))]
    record = _only_form(_pdf(tmp_path / "form.pdf", rows, spans))
    assert record["year"] == 2023 and record["project"]["department"] == "某区医疗保障局"
    assert record["funds"]["annual"] == {"total": 48, "fiscal": 48, "other": 0}
    assert _rows(record) == [
        ("产出指标", "数量指标", "村卫生室数量", "136个"),
        ("产出指标", "数量指标", "社区服务站数量", "11个"),
        ("产出指标", "成本指标", "专线年租费", "≤48万元"),
    ]


def test_a_pdf_without_text_is_reported_as_a_scan(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    from assistant.intake import IntakeError

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(100, 100, 200, 200, fill=1)
    page.save()
    with pytest.raises(IntakeError, match="扫描件"):
        read_path(path)


def test_a_two_row_heading_and_a_table_continued_on_the_next_page(tmp_path):
    """一级指标 | 中期指标（…） | 年度指标 above the columns, and the table cut at a page
    break with its headings and labels printed again on the next page."""
    expected = load_file(FIXTURES / "records" / "000_fund_supervision.json")
    mid, annual = expected["indicators"]["mid_term"], expected["indicators"]["annual"]
    document = docx.Document()
    document.add_paragraph("项目支出绩效目标申报表")
    document.add_paragraph("（2022年度）")
    head = document.add_table(rows=0, cols=4)
    for texts in (
        ["项目名称", expected["project"]["name"], "", ""],
        ["实施单位", expected["project"]["unit"], "", ""],
        ["项目资金（万元）", "中期资金总额", "270", ""],
        ["", "年度资金总额", "90", ""],
    ):
        for cell, text in zip(head.add_row().cells, texts):
            cell.text = text
    split = next(i for i, row in enumerate(mid) if row["level1"] == "效益指标")
    for part in (range(0, split), range(split, len(mid))):
        table = document.add_table(rows=0, cols=8)
        upper = table.add_row().cells
        upper[0].text, upper[1].text = "绩效指标", "一级指标"
        upper[2].merge(upper[4]).text = "中期指标（2022年—2024年）"
        upper[5].merge(upper[7]).text = "年度指标"
        for cell, text in zip(
            table.add_row().cells, ["", "", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
        ):
            cell.text = text
        previous = None
        for i in part:
            m, a = mid[i], annual[i]
            first = i == part.start
            texts = [
                "绩效指标" if first else "",
                m["level1"] if first or m["level1"] != previous else "",
                m["level2"],
                m["name"],
                m["value"],
                a["level2"],
                a["name"],
                a["value"],
            ]
            for cell, text in zip(table.add_row().cells, texts):
                cell.text = text
            previous = m["level1"]
        document.add_page_break()
    path = tmp_path / "continued.docx"
    document.save(path)

    record = _only_form(path)
    assert record["funds"]["mid_term"]["total"] == 270 and record["funds"]["annual"]["total"] == 90
    assert _rows(record, "mid_term") == _rows(expected, "mid_term")
    assert _rows(record, "annual") == _rows(expected, "annual")


def test_a_department_self_evaluation_workbook(tmp_path):
    """部门整体绩效自评表 (022-like): no 一级/二级 columns, 计量单位, 指标性质, 调整指标值,
    得分系数 and 是否核心指标 columns, 执行率 as printed."""
    book = Workbook()
    sheet = book.active
    for row in (
        ["部门整体绩效自评表"],
        ["（2021年度）"],
        ["主管部门", "某区融媒体中心"],
        ["年度预算执行情况（万元）", "年初预算数", "全年（调整）预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", 500, 520, 395.2, 10, "76%", 7.6],
        ["其中：财政拨款", 500, 520, 395.2],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "保障融媒体中心正常运转", None, None, "较好完成履职任务"],
        [
            "指标名称",
            "计量单位",
            "指标性质",
            "年初指标值",
            "调整指标值",
            "全年完成值",
            "得分系数(%)",
            "指标权重(分)",
            "指标得分(分)",
            "是否核心指标",
        ],
        ["财政供养人员控制率", "%", "定量指标", "100%", None, "92%", "100%", 2, 2, "否"],
        ["预算完成率", "%", "定量指标", "70%", "75%", "76%", "100%", 2, 2, "是"],
        ["总分", None, None, None, None, None, None, 100, 91.6],
    ):
        sheet.append(row)
    path = tmp_path / "dept.xlsx"
    book.save(path)
    record = _only_form(path)
    assert record["form"] == "department-self-evaluation" and record["year"] == 2021
    assert record["department"] == "某区融媒体中心"
    assert record["funds"]["total"] == {"initial": 500, "adjusted": 520, "executed": Decimal("395.2")}
    assert record["execution"] == {"weight": 10, "score": Decimal("7.6"), "rate": 76}
    assert record["goals"] == [{"expected": "保障融媒体中心正常运转", "actual": "较好完成履职任务"}]
    first, second = record["indicators"]
    assert first == {
        "level1": "",
        "level2": "",
        "name": "财政供养人员控制率",
        "target": "100%",
        "actual": "92%",
        "weight": 2,
        "score": 2,
        "unit": "%",
        "nature": "定量指标",
        "extra": {"得分系数(%)": "100%", "是否核心指标": "否"},
    }
    assert second["adjusted"] == "75%"
    assert record["total_score"] == Decimal("91.6")
    from assistant.rules.schema import record_errors

    assert record_errors(record) == []
