"""Rendering: Markdown goldens, and XLSX/DOCX re-opened and checked against
the record, block by block, merged ranges included.

Regenerate the golden Markdown with `UPDATE_GOLDEN=1 pytest tests/test_render.py`
and review the diff against the seed forms before committing it.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import time
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from assistant.fileio import load_file
from assistant.knowledge.templates import record_template
from assistant.render import FORMATS, build_form, render_markdown, write_docx, write_forms, write_xlsx
from assistant.render.docx import docx_bytes
from assistant.render.grid import Cell, LayoutError, TableBuilder, numbered, percent_of, runs, split
from assistant.render.xlsx import xlsx_bytes

HERE = Path(__file__).parent
RECORDS = sorted((HERE / "fixtures" / "records").glob("*.json"))
GOLDEN = HERE / "golden"
IDS = [path.stem for path in RECORDS]


def record_of(stem: str) -> dict:
    return load_file(HERE / "fixtures" / "records" / f"{stem}.json")


def fmt(value) -> str:
    """A number as the forms write it: 48, 42.3, 6.999 — independent of the code under test."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    return format(number, "f")


# --------------------------------------------------------------------------
# Reading the generated files back
# --------------------------------------------------------------------------


class Grid:
    """A table read back from a file: per row the values of its distinct
    cells (a horizontally merged cell counts once, a vertically merged one
    repeats on every row it covers), and the merged ranges."""

    def __init__(
        self, owners: list[list[object]], values: dict[object, str], spans: dict[object, tuple[int, int, int, int]]
    ):
        self.rows = []
        for row in owners:
            collapsed = [owner for i, owner in enumerate(row) if i == 0 or row[i - 1] != owner]
            self.rows.append([values[owner] for owner in collapsed])
        self.merges = {box for box in spans.values() if box[0] != box[2] or box[1] != box[3]}
        self.cut = False  # merges cut at page breaks (XLSX of a form over several pages)

    def block(self, label: str) -> list[tuple[int, list[str]]]:
        """(row index, row) of every row whose first cell is `label`."""
        return [(i, row) for i, row in enumerate(self.rows) if row and row[0] == label]

    def row(self, label: str) -> list[str]:
        rows = self.block(label)
        assert len(rows) == 1, f"{label}: {len(rows)} rows"
        return rows[0][1]


def _bounding(positions: dict[object, list[tuple[int, int]]]) -> dict[object, tuple[int, int, int, int]]:
    return {
        owner: (min(r for r, _ in cells), min(c for _, c in cells), max(r for r, _ in cells), max(c for _, c in cells))
        for owner, cells in positions.items()
    }


def _xlsx_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    form = cell.number_format
    if form.endswith("%"):
        places = len(form.split(".")[1]) - 1 if "." in form else 0
        return f"{Decimal(str(value)) * 100:.{places}f}%"
    places = len(form.split(".")[1]) if "." in form else 0
    assert form == "0" or form == "0." + "0" * places, form
    return f"{Decimal(str(value)):.{places}f}"


def xlsx_grid(sheet, first_row: int, nrows: int, first_col: int = 1, ncols: int | None = None) -> Grid:
    ncols = ncols or sheet.max_column
    corner = {
        (r, c): (m.min_row, m.min_col)
        for m in sheet.merged_cells.ranges
        for r in range(m.min_row, m.max_row + 1)
        for c in range(m.min_col, m.max_col + 1)
    }
    owners, values, positions = [], {}, {}
    for r in range(first_row, first_row + nrows):
        owner_row = []
        for c in range(first_col, first_col + ncols):
            owner = corner.get((r, c), (r, c))
            values.setdefault(owner, _xlsx_text(sheet.cell(*owner)))
            positions.setdefault(owner, []).append((r - first_row, c - first_col))
            owner_row.append(owner)
        owners.append(owner_row)
    grid = Grid(owners, values, _bounding(positions))
    grid.cut = bool(sheet.row_breaks.brk)
    return grid


def docx_grid(*tables) -> Grid:
    """The grid of a table, or of a table the writer split into several (the
    indicator headings start a table of their own so that Word repeats
    them; each page starts a table, with the headings copied on top)."""
    owners, values, positions = [], {}, {}
    r, headed = 0, False
    for table in tables:
        copies = headed
        for row in table.rows:
            if row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None:
                headed = True
                if copies:
                    continue
            owner_row = []
            for c, cell in enumerate(row.cells):
                owner = cell._tc
                values.setdefault(owner, cell.text)
                positions.setdefault(owner, []).append((r, c))
                owner_row.append(owner)
            owners.append(owner_row)
            r += 1
    grid = Grid(owners, values, _bounding(positions))
    grid.cut = len(tables) > 2
    return grid


def main_tables(document, form) -> list:
    """The Word tables of the form's main table (a trailing table is one Word table)."""
    return document.tables[: len(document.tables) - (len(form.tables) - 1)]


def written(record: dict, tmp_path: Path):
    """(main-table grid from XLSX, from DOCX, the sheet, the document)."""
    paths = write_forms(record, tmp_path, "form", ("xlsx", "docx"))
    sheet = openpyxl.load_workbook(paths[0]).active
    document = docx.Document(str(paths[1]))
    form = build_form(record)
    first = 3 + len(form.lines)
    return (
        xlsx_grid(sheet, first, form.tables[0].nrows, 1, form.tables[0].ncols),
        docx_grid(*main_tables(document, form)),
        sheet,
        document,
    )


# --------------------------------------------------------------------------
# Checks against the record and its template, shared by the XLSX and DOCX grids
# --------------------------------------------------------------------------


def shown(value) -> str:
    return fmt(value) if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else value or ""


def field_value(record: dict, path: str):
    value = record
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def check_header(grid: Grid, record: dict, template: dict) -> None:
    """Every header field of the template, as printed label then value."""
    for path, printed in template["header_fields"]:
        if path == "year" or (path == "project.unit" and template.get("unit_line")):
            continue
        row = next(row for row in grid.rows if printed in row)
        assert row[row.index(printed) + 1] == shown(field_value(record, path)), printed
    assert not grid.block("项目编码") or any(path == "project.code" for path, _ in template["header_fields"])


def goal_block(grid: Grid, caption: str) -> list[list[str]]:
    return [row[1:] for _, row in grid.block(caption)]


def check_goal_lines(lines: list[str], goals: list[str]) -> None:
    goals = [goal.strip() for goal in goals if goal.strip()]
    assert [line for line in lines if line] == [f"{n}. {goal}" for n, goal in enumerate(goals, 1)]


def indicator_rows(grid: Grid, label: str, width: int) -> list[tuple[int, list[str]]]:
    """(grid row index, cells right of the block label) of every indicator row."""
    rows = [(index, row[1:]) for index, row in grid.block(label)]
    body = [(index, row) for index, row in rows if row[0] != "一级指标" and "二级指标" not in row]
    assert all(len(row) == width for _, row in body), [row for _, row in body]
    return body


def check_spans(grid: Grid, rows: list[int], keys: list[tuple], column: int) -> None:
    """Equal consecutive keys are exactly one merged range (or split where the XLSX breaks a page)."""
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            first, last = rows[start], rows[i - 1]
            boxes = sorted(m for m in grid.merges if m[1] == column and first <= m[0] <= last)
            if last > first and not grid.cut:
                assert boxes == [(first, column, last, column)], keys[start]
            elif last > first:  # cut where the XLSX breaks a page
                assert all(m[2] <= last for m in boxes), keys[start]
            else:
                assert not boxes
            start = i


def level(row: dict, n: int) -> str:
    return row.get(f"label{n}") or row.get(f"level{n}") or ""


def cell_of(row: dict | None, key: str) -> str:
    if row is None:
        return ""
    if key.startswith("extra:"):
        return (row.get("extra") or {}).get(key[6:], "")
    return shown(row.get(key))


def check_indicators(
    grid: Grid, label: str, template: dict, rows: list[dict], mid_rows=None, level1=lambda row: level(row, 1)
) -> None:
    keys = [key for key, _ in template["columns"]]
    if mid_rows is None:
        found = indicator_rows(grid, label, len(keys))
        assert len(found) == len(rows)
        for (_, shown_row), row in zip(found, rows):
            expected = [
                level1(row) if key == "level1" else level(row, 2) if key == "level2" else cell_of(row, key)
                for key in keys
            ]
            assert shown_row == expected
        index = [i for i, _ in found]
        if "level1" in keys:
            check_spans(grid, index, [(level(r, 1),) for r in rows], 1 + keys.index("level1"))
        if "level2" in keys:
            check_spans(grid, index, [(level(r, 1), level(r, 2)) for r in rows], 1 + keys.index("level2"))
        return
    # 中期 and 年度 side by side: rows paired within each (一级, 二级) group.
    period = [key for key in keys if key != "level1"]
    groups: dict[tuple, tuple[list, list]] = {}
    for side, part in enumerate((mid_rows, rows)):
        for row in part:
            groups.setdefault((level(row, 1), level(row, 2)), ([], []))[side].append(row)
    expected = []
    for (first, second), (mid, annual) in groups.items():
        for i in range(max(len(mid), len(annual))):
            pair = [mid[i] if i < len(mid) else None, annual[i] if i < len(annual) else None]
            cells = [first]
            for side, row in enumerate(pair):
                group_rows = (mid, annual)[side]
                cells += [second if key == "level2" and group_rows else cell_of(row, key) for key in period]
            expected.append(cells)
    found = indicator_rows(grid, label, 1 + 2 * len(period))
    assert [row for _, row in found] == expected


def check_project(grid: Grid, record: dict) -> None:
    template = record_template(record)
    check_header(grid, record, template)
    funds, goals, indicators = record["funds"], record["goals"], record["indicators"]
    has_mid = template["mid_term"] and bool(funds["mid_term"] or goals["mid_term"] or indicators["mid_term"])
    fund_rows = [row[1:] for _, row in grid.block("项目资金（万元）")]
    mid = [entry for entry in template["funds_rows"] if entry[0].startswith("funds.mid_term.")]
    annual = [entry for entry in template["funds_rows"] if not entry[0].startswith("funds.mid_term.")]
    for index, row in enumerate(fund_rows):
        expected = []
        for part in ([mid] if has_mid else []) + [annual]:
            path, printed = part[index]
            expected += [printed, shown(field_value(record, path))]
        assert row == expected
    plan = record.get("spending_plan")
    plan_rows = [row for _, row in grid.block("资金支出计划（%）")]
    if plan:
        assert plan_rows[0][1:] == [f"{entry['month']}月底" for entry in plan]
        assert plan_rows[1][1:] == [f"{Decimal(str(entry['percent'])):.2f}%" for entry in plan]
    else:
        assert not plan_rows
    span = f"（{record['year']}年—{record['year'] + 2}年）"
    if has_mid:
        head, *body = goal_block(grid, "总体目标")
        assert head == [f"中期目标{span}", "年度目标"]
        check_goal_lines([row[0] for row in body], goals["mid_term"])
        check_goal_lines([row[1] for row in body], goals["annual"])
        check_indicators(grid, "绩效指标", template, indicators["annual"], indicators["mid_term"])
    else:
        check_goal_lines(
            [row[0] for row in goal_block(grid, template.get("goals_label") or "年度总体目标")], goals["annual"]
        )
        check_indicators(grid, "绩效指标", template, indicators["annual"])
    assert bool(grid.block("综合评定等级")) == template["grade_line"]
    if template["grade_line"]:
        assert grid.row("综合评定等级") == ["综合评定等级", "优□ 良□ 中□ 差□"]


def check_department(grid: Grid, record: dict) -> None:
    template = record_template(record)
    check_header(grid, record, template)
    task_rows = [row for _, row in grid.block("年度主要任务")]
    assert task_rows[0][1:] == ["任务名称", "预算金额（万元）"]
    assert task_rows[1][1:] == ["任务名称", "总额", "财政拨款", "其他资金"]

    def amounts(row):
        return [fmt(row["total"]), fmt(row.get("fiscal")), fmt(row.get("other"))]

    for row, task in zip(task_rows[2:-1], record["tasks"], strict=True):
        assert row[1:] == [task["name"], *amounts(task)]
    assert task_rows[-1][1:] == ["金额合计", *amounts(record["total"])]
    check_goal_lines([row[0] for row in goal_block(grid, "年度总体目标")], record["goals"])
    check_indicators(grid, "年度绩效指标", template, record["indicators"])


def level1_weights(record: dict) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for row in record["indicators"]:
        totals[row["level1"]] = totals.get(row["level1"], Decimal(0)) + Decimal(str(row["weight"]))
    return totals


def score2(value) -> str:
    return f"{Decimal(str(value)):.2f}"


def check_self_evaluation(grid: Grid, record: dict) -> None:
    template = record_template(record)
    check_header(grid, record, template)
    execution = record["execution"]
    fund_rows = [row for _, row in grid.block("项目资金（万元）")]
    assert fund_rows[0][1:] == ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    for index, (row, (path, caption)) in enumerate(zip(fund_rows[1:], template["funds_rows"], strict=True)):
        part = field_value(record, path) or {}
        amounts = [fmt(part.get(field)) for field in ("initial", "adjusted", "executed")]
        if index == 0:
            adjusted, executed = part["adjusted"], part["executed"]
            rate = f"{Decimal(str(executed)) * 100 / Decimal(str(adjusted)):.2f}%" if adjusted else "—"
            tail = [fmt(execution["weight"]), rate, score2(execution["score"])]
        else:
            tail = ["—", "", ""]
        assert row[1:] == [caption, *amounts, *tail]
    goal_rows = [row for _, row in grid.block("年度总体目标")]
    assert goal_rows[0][1:] == ["预期目标", "实际完成情况"]
    for row, goal in zip(goal_rows[1:], record["goals"], strict=True):
        assert row[1:] == [goal["expected"], goal["actual"]]
    weights = level1_weights(record)

    def with_points(row):
        return f"{level(row, 1)}（{fmt(weights[row['level1']])}分）"

    scored = [dict(row, score=score2(row["score"])) for row in record["indicators"]]
    check_indicators(grid, "绩效指标", template, scored, level1=with_points)
    weight_total = sum(weights.values()) + Decimal(str(execution["weight"]))
    assert grid.row("总分") == ["总分", fmt(weight_total), score2(record["total_score"]), ""]
    assert grid.row("自评等级") == ["自评等级", record["grade"] or ""]


def check_summary(grid: Grid, record: dict) -> None:
    weights = level1_weights(record)
    scores: dict[str, Decimal] = {}
    for row in record["indicators"]:
        scores[row["level1"]] = scores.get(row["level1"], Decimal(0)) + Decimal(str(row["score"]))
    execution = record["execution"]
    expected = [["指标类别", "分值", "得分"]]
    expected += [[name, fmt(weights[name]), score2(scores[name])] for name in weights]
    expected.append(["预算执行率", fmt(execution["weight"]), score2(execution["score"])])
    expected.append(
        [
            "合计",
            fmt(sum(weights.values()) + Decimal(str(execution["weight"]))),
            score2(sum(scores.values()) + Decimal(str(execution["score"]))),
        ]
    )
    assert grid.rows == expected


CHECKS = {
    "project-declaration": check_project,
    "department-declaration": check_department,
    "self-evaluation": check_self_evaluation,
}


# --------------------------------------------------------------------------
# Every fixture record, every format
# --------------------------------------------------------------------------


def test_fixtures_cover_all_three_forms():
    kinds = {record_of(stem)["form"] for stem in IDS}
    assert kinds == set(CHECKS)


@pytest.mark.parametrize("stem", IDS)
def test_record_renders_to_all_formats(stem, tmp_path):
    paths = write_forms(record_of(stem), tmp_path, stem)
    assert [path.name for path in paths] == [f"{stem}.{fmt}" for fmt in FORMATS]
    assert all(path.stat().st_size > 0 for path in paths)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


@pytest.mark.parametrize("stem", IDS)
def test_markdown_matches_golden(stem):
    text = render_markdown(record_of(stem))
    golden = GOLDEN / f"{stem}.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1 and review it"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", IDS)
def test_xlsx_and_docx_cells_match_record(stem, tmp_path):
    record = record_of(stem)
    sheet_grid, word_grid, sheet, document = written(record, tmp_path)
    check = CHECKS[record["form"]]
    check(sheet_grid, record)
    check(word_grid, record)
    # Both writers consume one layout: the same cells and the same merges,
    # except that the XLSX cuts a merge where it breaks a page.
    assert sheet_grid.rows == word_grid.rows
    if not sheet_grid.cut and not word_grid.cut:
        assert sheet_grid.merges == word_grid.merges
    layout = {(p.row, p.col, p.last_row, p.last_col) for p in build_form(record).tables[0].cells if p.merged}
    for merges in (sheet_grid.merges, word_grid.merges):
        for m in merges:
            assert any(w[1] == m[1] and w[3] == m[3] and w[0] <= m[0] and m[2] <= w[2] for w in layout), m
    assert sheet["A1"].value == build_form(record).title
    assert sheet["A2"].value == f"（{record['year']}年度）"
    assert document.paragraphs[0].text == build_form(record).title


@pytest.mark.parametrize("stem", [s for s in IDS if s.startswith("002_")])
def test_self_evaluation_summary_in_all_outputs(stem, tmp_path):
    record = record_of(stem)
    _, _, sheet, document = written(record, tmp_path)
    caption = next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == "分项得分汇总")
    summary = build_form(record).tables[1]
    check_summary(xlsx_grid(sheet, caption + 1, summary.nrows, 1, summary_width(sheet, caption + 1)), record)
    check_summary(docx_grid(document.tables[-1]), record)
    markdown = render_markdown(record)
    assert "## 分项得分汇总" in markdown
    assert "| 预算执行率 | 10 | 10.00 |" in markdown


def summary_width(sheet, header_row: int) -> int:
    """Sheet columns used by the score summary (its columns map onto runs of
    the main table's columns)."""
    last = max(c for c in range(1, sheet.max_column + 1) if sheet.cell(header_row, c).value is not None)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row == header_row and merged.min_col == last:
            return merged.max_col
    return last


# --------------------------------------------------------------------------
# Numbers, formats, page
# --------------------------------------------------------------------------


def find(sheet, text: str):
    return next(cell for row in sheet.iter_rows() for cell in row if cell.value == text)


def test_money_is_numeric_with_exact_format(tmp_path):
    record = record_of("002_selfeval_3_archives")
    path = tmp_path / "a.xlsx"
    write_xlsx(record, path)
    sheet = openpyxl.load_workbook(path).active
    total = find(sheet, "年度资金总额")
    row = [sheet.cell(total.row, c) for c in range(total.column + 1, total.column + 7)]
    assert [c.value for c in row[:3]] == [7, 7, 6.999]
    assert [c.number_format for c in row[:3]] == ["0", "0", "0.000"]
    assert row[4].value == pytest.approx(0.9999) and row[4].number_format == "0.00%"
    assert row[5].data_type == "n"


def test_mid_term_funds_side_by_side(tmp_path):
    sheet_grid, _, sheet, _ = written(record_of("000_labour_dispatch"), tmp_path)
    assert sheet_grid.block("项目资金（万元）")[0][1][1:] == ["中期资金总额", "126.9", "年度资金总额", "42.3"]
    cell = find(sheet, "中期资金总额")
    value = next(
        sheet.cell(cell.row, c)
        for c in range(cell.column + 1, sheet.max_column + 1)
        if sheet.cell(cell.row, c).value is not None
    )
    assert value.value == pytest.approx(126.9) and value.number_format == "0.0"


def test_spending_plan_percentages(tmp_path):
    _, _, sheet, _ = written(record_of("003_01_backbone_network"), tmp_path)
    month = find(sheet, "3月底")
    below = sheet.cell(month.row + 1, month.column)
    assert below.value == pytest.approx(0.25) and below.number_format == "0.00%"
    assert "| 资金支出计划（%） | 3月底 |" in render_markdown(record_of("003_01_backbone_network"))


def test_department_total_and_numbered_goals():
    markdown = render_markdown(record_of("000_department"))
    assert "| 金额合计 |" in markdown and "1057.49" in markdown
    assert "| 年度总体目标 | 1. 突出机关政治建设 |" in markdown
    assert "|  | 2. 强化党风廉政建设 |" in markdown
    assert "| 绩效标准 |" in markdown


def test_execution_rate_guards_zero_budget(tmp_path):
    record = record_of("002_selfeval_1_investigation")
    record["funds"]["total"] = {"initial": 0, "adjusted": 0, "executed": 0}
    sheet_grid, word_grid, _, _ = written(record, tmp_path)
    for grid in (sheet_grid, word_grid):
        assert grid.block("项目资金（万元）")[1][1][6] == "—"
    assert percent_of(5, 0) is None and percent_of(None, 7) is None
    assert percent_of(Decimal("6.999"), 7) == Decimal("99.99")


def test_page_setup_fonts_and_properties(tmp_path):
    record = record_of("001_network_leasing")
    write_forms(record, tmp_path, "f", ("xlsx", "docx"))
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    sheet = book.active
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert int(sheet.page_setup.fitToWidth) == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(sheet.page_setup.fitToHeight) == 1  # a simple project prints on one page
    assert find(sheet, "项目名称").font.name == "宋体"
    assert find(sheet, "社保专线网络租赁费").alignment.wrap_text
    assert sheet.print_area
    assert book.properties.creator == "jixiao"
    assert book.properties.created == dt.datetime(2023, 1, 1)
    assert book.properties.modified == dt.datetime(2023, 1, 1)
    document = docx.Document(str(tmp_path / "f.docx"))
    section = document.sections[0]
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(docx.oxml.ns.qn("w:eastAsia")) == "宋体"
    core = document.core_properties
    assert core.author == "jixiao" and core.last_modified_by == "jixiao"
    jan1 = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    assert core.created == jan1 and core.modified == jan1


@pytest.mark.parametrize("stem", ["001_network_leasing", "000_department", "002_selfeval_5_operating"])
def test_output_is_deterministic(stem):
    record = record_of(stem)
    assert render_markdown(record).encode() == render_markdown(copy.deepcopy(record)).encode()
    assert xlsx_bytes(record) == xlsx_bytes(copy.deepcopy(record))
    assert docx_bytes(record) == docx_bytes(copy.deepcopy(record))


def test_output_does_not_depend_on_the_clock(monkeypatch):
    record = record_of("003_01_backbone_network")
    before = xlsx_bytes(record), docx_bytes(record)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 * 400)  # zip member stamps
    assert (xlsx_bytes(record), docx_bytes(record)) == before


def test_write_forms_subset_in_given_order(tmp_path):
    paths = write_forms(record_of("001_network_leasing"), tmp_path, "x", ("docx", "md", "docx"))
    assert [p.name for p in paths] == ["x.docx", "x.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.docx", "x.md"]


# --------------------------------------------------------------------------
# Hostile and empty content
# --------------------------------------------------------------------------

RISKY = ["=1+1", "@SUM(A1)", "-2", "+x", '=HYPERLINK("http://x")', "#N/A"]


def risky_record() -> dict:
    record = record_of("001_network_leasing")
    record["project"]["name"] = "=1+1"
    record["goals"]["annual"] = ["@SUM(A1)"]
    for row, text in zip(record["indicators"]["annual"], RISKY):
        row["name"], row["value"] = text, text
    return record


def test_formula_like_text_stays_text(tmp_path):
    path = tmp_path / "r.xlsx"
    write_xlsx(risky_record(), path)
    sheet = openpyxl.load_workbook(path).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    for text in RISKY:
        hits = [cell for cell in cells if cell.value == text]
        assert hits and all(cell.data_type == "s" for cell in hits), text
    assert find(sheet, "=1+1").data_type == "s"
    assert find(sheet, "1. @SUM(A1)").data_type == "s"
    raw = openpyxl.load_workbook(path, data_only=False).active
    assert not any(isinstance(cell.value, str) and cell.data_type == "f" for row in raw.iter_rows() for cell in row)


def test_formula_like_text_in_docx_and_markdown(tmp_path):
    record = risky_record()
    path = tmp_path / "r.docx"
    write_docx(record, path)
    texts = {cell.text for table in docx.Document(str(path)).tables for row in table.rows for cell in row.cells}
    assert set(RISKY) <= texts
    assert "| 项目名称 | =1+1 |" in render_markdown(record)


def sparse_record() -> dict:
    return {
        "form": "self-evaluation",
        "year": 2022,
        "project": {
            "name": "测试项目",
            "code": None,
            "department": None,
            "unit": None,
            "attribute": None,
            "period": None,
        },
        "funds": {
            "total": {"initial": None, "adjusted": None, "executed": None},
            "fiscal": None,
            "carryover": None,
            "other": None,
        },
        "execution": {"weight": None, "score": None},
        "goals": [],
        "indicators": [
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "次数",
                "target": "≥1次",
                "actual": "",
                "weight": None,
                "score": None,
            }
        ],
        "total_score": None,
        "grade": None,
    }


@pytest.mark.parametrize(
    "record",
    [sparse_record(), {"form": "project-declaration"}, {"form": "department-declaration", "year": 2024}],
    ids=["self-evaluation", "project-declaration", "department-declaration"],
)
def test_missing_values_render_blank(record, tmp_path):
    markdown = render_markdown(record)
    assert "None" not in markdown
    paths = write_forms(record, tmp_path, "s")
    sheet = openpyxl.load_workbook(paths[1]).active
    assert not any(cell.value == "None" for row in sheet.iter_rows() for cell in row)
    document = docx.Document(str(paths[2]))
    assert not any("None" in cell.text for t in document.tables for row in t.rows for cell in row.cells)


def test_control_characters_are_dropped(tmp_path):
    record = record_of("001_network_leasing")
    record["project"]["name"] = "网络\x00租赁\x07费"
    paths = write_forms(record, tmp_path, "c")
    assert "| 项目名称 | 网络租赁费 |" in paths[0].read_text(encoding="utf-8")
    assert find(openpyxl.load_workbook(paths[1]).active, "网络租赁费")


# --------------------------------------------------------------------------
# Markdown findings, file names
# --------------------------------------------------------------------------


def test_markdown_findings_section():
    record = record_of("001_network_leasing")
    findings = [
        {"rule": "R001", "severity": "error", "path": "indicators.annual[0].value", "message": "指标值缺少单位|请补充"},
        {"rule": "R002", "severity": "info", "path": "goals.annual", "message": "目标可更具体"},
    ]
    text = render_markdown(record, findings=findings)
    assert text.endswith("| 提示 | R002 | goals.annual | 目标可更具体 |\n")
    assert "## 审查意见" in text
    assert "| 错误 | R001 | indicators.annual[0].value | 指标值缺少单位\\|请补充 |" in text
    assert "未发现问题。" in render_markdown(record, findings=[])
    assert "审查意见" not in render_markdown(record)


@pytest.mark.parametrize("stem", ["../evil", "a/b", "a\\b", "", "..", ".hidden", "x\x00y", "   "])
def test_write_forms_rejects_unsafe_stems(stem, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ValueError):
        write_forms(record_of("001_network_leasing"), out, stem)
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_write_forms_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="odt"):
        write_forms(record_of("001_network_leasing"), tmp_path, "x", ("md", "odt"))
    assert not list(tmp_path.iterdir())


def test_unknown_form_kind():
    with pytest.raises(ValueError):
        render_markdown({"form": "invoice"})


# --------------------------------------------------------------------------
# Layout helpers
# --------------------------------------------------------------------------


def test_runs_and_split():
    assert runs(["a", "a", "b", "a", "a", "a"]) == [2, 0, 1, 3, 0, 0]
    assert runs([]) == []
    assert split(6, 4) == [2, 2, 1, 1]
    with pytest.raises(LayoutError):
        split(2, 3)


def test_table_builder_rejects_gaps_and_overlaps():
    builder = TableBuilder((1, 1, 1))
    builder.row(Cell("a", rowspan=2), Cell("b", colspan=2))
    with pytest.raises(LayoutError):
        builder.row(Cell("c"))  # leaves a column empty
    builder = TableBuilder((1, 1))
    builder.row(Cell("a", rowspan=3), Cell("b"))
    with pytest.raises(LayoutError):
        builder.build()  # the span reaches below the last row


def test_numbered_keeps_existing_numbers():
    assert numbered(["甲", " 乙 ", "", None]) == "1. 甲\n2. 乙"
    assert numbered(["目标1：甲", "目标2：乙"]) == "目标1：甲\n目标2：乙"
