"""Every local template prints: its title, header labels, funds rows, the
indicator headings (repeated on each page), unit and grade lines; numbers
are stored as numbers in the form's number format."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from assistant.fileio import load_file
from assistant.knowledge.templates import template, template_ids
from assistant.render import build_form, render_markdown
from assistant.render.docx import docx_bytes
from assistant.render.xlsx import xlsx_bytes
from assistant.rules.schema import record_errors

HERE = Path(__file__).parent
SAMPLES = {
    "project-declaration": "000_budget_it",
    "department-declaration": "000_department",
    "self-evaluation": "002_selfeval_1_investigation",
}


def department_self_evaluation() -> dict:
    return {
        "form": "department-self-evaluation",
        "year": 2022,
        "department": "宿州市医疗保障局",
        "funds": {
            "total": {"initial": 1057.49, "adjusted": 1100, "executed": 1045.5},
            "fiscal": {"initial": 1057.49, "adjusted": 1100, "executed": 1045.5},
            "sources": {"一般公共预算": {"initial": 1000, "adjusted": 1040, "executed": 990.5}},
        },
        "execution": {"weight": 10, "score": 9.5},
        "goals": [{"expected": "保障机关正常运转", "actual": "已保障机关正常运转"}],
        "indicators": [
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "开展专题培训",
                "unit": "次",
                "nature": "≥",
                "target": "10",
                "adjusted": "10",
                "actual": "12",
                "weight": 20,
                "score": 20,
                "extra": {"得分系数(%)": "100", "是否核心指标": "是"},
            },
            {
                "level1": "满意度指标",
                "level2": "服务对象满意度指标",
                "name": "参保群众满意度",
                "unit": "%",
                "nature": "≥",
                "target": "95",
                "actual": "96",
                "weight": 10,
                "score": 10,
            },
        ],
        "total_score": 39.5,
        "grade": "优",
    }


def sample(form: str) -> dict:
    if form == "department-self-evaluation":
        return department_self_evaluation()
    return load_file(HERE / "fixtures" / "records" / f"{SAMPLES[form]}.json")


def test_the_department_self_evaluation_sample_is_a_valid_record():
    assert not record_errors(department_self_evaluation())


def texts(sheet) -> list[str]:
    return [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]


@pytest.mark.parametrize("template_id", template_ids())
def test_every_template_prints_its_layout(template_id):
    spec = template(template_id)
    record = sample(spec["form"])
    form = build_form(record, template_id)
    assert form.title == spec["title"] and form.template == template_id
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(record, template_id))).active
    printed = texts(sheet)
    assert sheet["A1"].value == spec["title"]
    for path, shown in spec["header_fields"]:
        if path != "year" and not (spec["unit_line"] and path == "project.unit"):
            assert shown in printed, shown
    first, last = (int(x) for x in sheet.print_title_rows.replace("$", "").split(":"))
    headings = {sheet.cell(r, c).value for r in range(first, last + 1) for c in range(1, sheet.max_column + 1)}
    assert {shown for _, shown in spec["columns"]} <= headings
    if spec["form"] == "project-declaration":  # every funds row (the sample has 中期 data)
        assert {shown for _, shown in spec.get("funds_rows") or []} <= set(printed)
    grade = "综合评定等级" if spec["form"].endswith("declaration") else "自评等级"
    assert (grade in printed) == spec["grade_line"]
    assert any(text.startswith("单位：") for text in printed) == spec["unit_line"]
    markdown = render_markdown(record, template=template_id)
    assert markdown.startswith(f"# {spec['title']}\n")


def cell_right_of(sheet, text: str, skip: int = 0):
    found = next(cell for row in sheet.iter_rows() for cell in row if cell.value == text)
    values = [
        sheet.cell(found.row, c)
        for c in range(found.column + 1, sheet.max_column + 1)
        if sheet.cell(found.row, c).value is not None
    ]
    return values[skip]


def test_numbers_are_numbers_in_the_forms_format():
    record = sample("self-evaluation")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(record))).active
    outing = cell_right_of(sheet, "外出稽核次数", 1)  # 实际完成值 12
    assert outing.data_type == "n" and outing.value == 12
    weight, score = cell_right_of(sheet, "外出稽核次数", 2), cell_right_of(sheet, "外出稽核次数", 3)
    assert (weight.value, weight.number_format) == (10, "0")
    assert (score.value, score.number_format) == (10, "0.00")
    total = cell_right_of(sheet, "总分", 1)
    assert total.number_format == "0.00" and total.value == 100
    rate = cell_right_of(sheet, "年度资金总额", 4)
    assert rate.number_format == "0.00%" and rate.value == 1
    # Text that is not a plain number stays text: "达成预期指标".
    assert cell_right_of(sheet, "快速反应", 1).data_type == "s"


def test_department_cost_values_are_numbers():
    record = sample("department-declaration")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(record))).active
    costs = [row for row in record["indicators"] if row["level2"] == "成本指标"]
    numeric = [row for row in costs if row["value"].replace(".", "", 1).isdigit()]
    assert numeric
    for row in numeric:
        value = cell_right_of(sheet, row["name"])
        assert value.data_type == "n" and Decimal(str(value.value)) == Decimal(row["value"])


def test_money_in_yuan_when_the_template_prints_yuan():
    record = sample("project-declaration")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(record, "project-list"))).active
    assert "项目资金（元）" in texts(sheet)
    assert cell_right_of(sheet, "年度预算安排").value == record["funds"]["annual"]["total"] * 10000


CORPUS = sorted((HERE / "fixtures" / "corpus").glob("*.json"))


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_corpus_forms_print_in_their_template(path):
    """The corpus forms, each in its local template: the title, the
    indicator headings as print titles, no row over 409 pt, no merge across
    a page break, the DOCX headings marked to repeat."""
    record = load_file(path)
    spec = template(build_form(record).template)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(record))).active
    assert sheet["A1"].value == spec["title"]
    first, last = (int(x) for x in sheet.print_title_rows.replace("$", "").split(":"))
    headings = {sheet.cell(r, c).value for r in range(first, last + 1) for c in range(1, sheet.max_column + 1)}
    assert {shown for _, shown in spec["columns"]} <= headings
    assert max(sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)) <= 409
    cuts = [b.id for b in sheet.row_breaks.brk]
    assert not any(m.min_row <= cut < m.max_row for m in sheet.merged_cells.ranges for cut in cuts)
    assert b"<w:tblHeader/>" in zipfile.ZipFile(io.BytesIO(docx_bytes(record))).read("word/document.xml")
