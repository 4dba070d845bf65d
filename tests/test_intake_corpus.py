"""Every corpus form (tests/fixtures/corpus) laid out in its own template's
printed words — title, header labels, funds rows, column headings, level labels
as printed — built here by hand with openpyxl and python-docx, then read back:
the same indicator rows, and the same template recognised."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from openpyxl import Workbook

from assistant.fileio import load_file
from assistant.intake import read_path
from assistant.knowledge.templates import record_template

CORPUS = sorted((FIXTURES / "corpus").glob("*.json"))
FORMS = [p for p in CORPUS if load_file(p)["form"] in ("project-declaration", "self-evaluation")]


def _get(record, path):
    node = record
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _rows(record):
    rows = record["indicators"]
    return rows["annual"] if isinstance(rows, dict) else rows


def _build(record: dict, path: Path) -> Path:
    template = record_template(record)
    sheet: list[list] = []
    titles = [template["title"], f"（{record['year']}年度）"]
    for field, label in template["header_fields"]:
        if field != "year" and _get(record, field):
            sheet.append([label, _get(record, field)])
    if record["form"] == "project-declaration":
        funds = template.get("funds_rows") or []
        for field, label in funds:
            if _get(record, field) is not None:
                sheet.append(["项目资金（万元）" if field == funds[0][0] else None, label, _get(record, field)])
        for goal in record["goals"]["annual"]:
            sheet.append(["年度总体目标", goal])
    else:
        execution = record.get("execution") or {}
        sheet.append(["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
        total = record["funds"].get("total") or {}
        sheet.append(
            [
                None,
                "年度资金总额",
                total.get("initial"),
                total.get("adjusted"),
                total.get("executed"),
                execution.get("weight"),
                None,
                execution.get("score"),
            ]
        )
    columns = template["columns"]
    sheet.append(["绩效指标", *(heading for _, heading in columns)])
    previous = None
    for row in _rows(record):
        cells = [None]
        for key, _ in columns:
            if key == "level1":
                printed = row.get("label1") or row.get("level1")
                cells.append(printed if printed != previous else None)  # a merged 一级 prints once
                previous = printed
            elif key == "level2":
                cells.append(row.get("label2") or row.get("level2"))
            elif key.startswith("extra:"):
                cells.append((row.get("extra") or {}).get(key[6:]))
            else:
                cells.append(row.get(key))
        sheet.append(cells)
    return _write(path, titles, sheet)


def _write(path: Path, titles: list[str], rows: list[list]) -> Path:
    """The rows as a worksheet (titles on top), or as a Word table under title paragraphs."""
    if path.suffix == ".xlsx":
        book = Workbook()
        for row in [[title] for title in titles] + rows:
            book.active.append(row)
        book.save(path)
        return path
    import docx

    document = docx.Document()
    for title in titles:
        document.add_paragraph(title)
    table = document.add_table(rows=0, cols=max(len(row) for row in rows))
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = "" if value is None else str(value)
    document.save(path)
    return path


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_corpus_form_in_its_templates_words_reads_back(path, suffix, tmp_path):
    record = load_file(path)
    intake = read_path(_build(record, tmp_path / f"{path.stem}{suffix}"))
    assert len(intake.forms) == 1
    read = intake.forms[0].record
    assert read.get("template") == record.get("template")
    assert read["year"] == record["year"]
    key = "value" if record["form"] == "project-declaration" else "target"
    assert [(r["level2"], r["name"], r[key]) for r in _rows(read)] == [
        (r.get("level2"), r.get("name"), r.get(key)) for r in _rows(record)
    ]
    for where, message in intake.all_problems():
        # the only thing said is a missing 二级 where the corpus form itself prints none
        assert "前面没有二级指标" in message, (where, message)


def test_the_corpus_holds_the_forms_this_test_relies_on():
    assert len(FORMS) >= 35
    assert len({load_file(p).get("template") for p in FORMS}) >= 15
