"""Pages: what the printed forms look like over several pages.

Structural checks read the XLSX and DOCX back: print titles, footer, row
heights, page breaks recomputed from the row heights (every page fits, no
merged cell spans a break, a cut merge is labelled again), heading rows
repeated, rows that do not split, zh-CN. When LibreOffice (`soffice`) and
`pdftotext` are installed, the forms are converted to PDF and every page
with indicator rows must carry the headings, every goal must be printed
whole on one page.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from assistant.fileio import load_file
from assistant.knowledge.templates import record_template
from assistant.render import build_form, write_forms
from assistant.render.docx import form_docx
from assistant.render.paging import MAX_ROW_PT, PAGE_HEIGHT_PT

HERE = Path(__file__).parent
LONG_FORMS = ["000_budget_it", "000_department"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def record_of(stem: str) -> dict:
    return load_file(HERE / "fixtures" / "records" / f"{stem}.json")


def many_goals(count: int = 45) -> dict:
    record = record_of("000_department")
    record["goals"] = [f"第{n}项目标：" + "加强医疗保障基金监管，提升经办服务水平，" * 3 for n in range(1, count + 1)]
    return record


def sheet_of(record: dict, tmp_path: Path):
    path = write_forms(record, tmp_path, "f", ("xlsx",))[0]
    return openpyxl.load_workbook(path).active


def heights(sheet) -> list[float]:
    return [sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)]


def breaks(sheet) -> list[int]:
    """1-based last row of every page but the last."""
    return sorted(b.id for b in sheet.row_breaks.brk)


def title_rows(sheet) -> tuple[int, int]:
    first, last = sheet.print_title_rows.replace("$", "").split(":")
    return int(first), int(last)


# --------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stem",
    [
        "000_budget_it",
        "000_department",
        "001_network_leasing",
        "002_selfeval_1_investigation",
        "003_01_backbone_network",
    ],
)
def test_xlsx_print_titles_are_the_indicator_headings(stem, tmp_path):
    sheet = sheet_of(record_of(stem), tmp_path)
    first, last = title_rows(sheet)
    headings = {heading for _, heading in record_template(record_of(stem))["columns"]}
    shown = {sheet.cell(r, c).value for r in range(first, last + 1) for c in range(1, sheet.max_column + 1)}
    assert headings <= shown
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.fitToWidth) == 1
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"


@pytest.mark.parametrize(
    "record",
    [record_of("000_budget_it"), record_of("000_department"), many_goals()],
    ids=["000_budget_it", "000_department", "45_goals"],
)
def test_xlsx_pages_hold(record, tmp_path):
    """Pages recomputed from the row heights: each fits (so no program adds
    a break of its own), no merged cell spans a break, and a merged cell cut
    by a break shows its label again on the next page."""
    sheet = sheet_of(record, tmp_path)
    rows = heights(sheet)
    assert max(rows) <= MAX_ROW_PT
    cuts = breaks(sheet)
    assert cuts, "a long form breaks its pages itself"
    first, last = title_rows(sheet)
    titles = sum(rows[first - 1 : last])
    for top, bottom in zip([0, *cuts], [*cuts, len(rows)]):
        page = sum(rows[top:bottom]) + (titles if top >= last else 0)
        assert page <= PAGE_HEIGHT_PT, (top, bottom, page)
    for merged in sheet.merged_cells.ranges:
        assert not any(merged.min_row <= cut < merged.max_row for cut in cuts), merged.coord
    # The layout's merges that a break cuts are labelled on both sides.
    form = build_form(record)
    offset = 3 + len(form.lines)
    for placed in form.tables[0].cells:
        top, bottom = offset + placed.row, offset + placed.last_row
        for cut in cuts:
            if top <= cut < bottom and placed.cell.value:
                assert sheet.cell(cut + 1, placed.col + 1).value == sheet.cell(top, placed.col + 1).value


def test_a_long_goal_list_spreads_over_rows(tmp_path):
    record = many_goals()
    sheet = sheet_of(record, tmp_path)
    texts = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    for number, goal in enumerate(record["goals"], 1):
        assert f"{number}. {goal}" in texts
    assert max(heights(sheet)) <= MAX_ROW_PT


def test_short_forms_print_on_one_page(tmp_path):
    sheet = sheet_of(record_of("001_network_leasing"), tmp_path)
    assert not breaks(sheet) and int(sheet.page_setup.fitToHeight) == 1


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------


def docx_xml(record: dict, tmp_path: Path, name: str = "word/document.xml") -> ElementTree.Element:
    path = write_forms(record, tmp_path, "f", ("docx",))[0]
    with zipfile.ZipFile(path) as archive:
        return ElementTree.fromstring(archive.read(name))


def row_texts(tr) -> list[str]:
    return ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.findall(f"{W}tc")]


@pytest.mark.parametrize(
    "stem", ["000_budget_it", "000_department", "002_selfeval_1_investigation", "003_01_backbone_network"]
)
def test_docx_headings_repeat_and_rows_do_not_split(stem, tmp_path):
    record = record_of(stem)
    body = docx_xml(record, tmp_path)
    tables = body.findall(f"{W}body/{W}tbl")
    rows = [tr for table in tables for tr in table.findall(f"{W}tr")]
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows)
    indicator = next(
        t
        for t in tables
        if any("三级指标" in row_texts(tr) or "三级指标" in "".join(row_texts(tr)) for tr in t.findall(f"{W}tr")[:2])
    )
    first = indicator.findall(f"{W}tr")
    header = [tr for tr in first if tr.find(f"{W}trPr/{W}tblHeader") is not None]
    assert header and first[: len(header)] == header  # the leading rows, as Word requires
    printed = {text for tr in header for text in row_texts(tr)}
    assert {heading for _, heading in record_template(record)["columns"]} <= printed
    # Heading rows keep with the row below them.
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for tr in header for p in tr.iter(f"{W}p"))


def docx_pages(body) -> list[list]:
    """Body elements per page: a new page at each page-break paragraph."""
    pages: list[list] = [[]]
    for child in body.find(f"{W}body"):
        if child.tag == f"{W}p" and child.find(f"{W}pPr/{W}pageBreakBefore") is not None:
            pages.append([])
        pages[-1].append(child)
    return pages


def twips_height(tr) -> float:
    height = tr.find(f"{W}trPr/{W}trHeight")
    return int(height.get(f"{W}val")) / 20 if height is not None else 0.0


@pytest.mark.parametrize(
    "record",
    [record_of("000_budget_it"), record_of("000_department"), many_goals()],
    ids=["000_budget_it", "000_department", "45_goals"],
)
def test_docx_pages_hold(record, tmp_path):
    """The DOCX breaks its pages itself: each page's rows (their heights as
    written) fit, and a page that continues the indicator rows starts with
    the headings and labels its 一级 (and block) cells again."""
    from assistant.render.docx import PAGE_PT

    pages = docx_pages(docx_xml(record, tmp_path))
    assert len(pages) >= 3
    headings = {heading for _, heading in record_template(record)["columns"]}
    for number, page in enumerate(pages):
        rows = [tr for element in page if element.tag == f"{W}tbl" for tr in element.findall(f"{W}tr")]
        # Paragraphs with text (title, subtitle, caption) take at most 30 pt each.
        paragraphs = sum(1 for element in page if element.tag == f"{W}p" and element.find(f".//{W}t") is not None)
        assert sum(twips_height(tr) for tr in rows) + 30 * paragraphs <= PAGE_PT * 1.02, number
        if not number or not rows:
            continue
        header = [tr for tr in rows if tr.find(f"{W}trPr/{W}tblHeader") is not None]
        body = [tr for tr in rows if tr.find(f"{W}trPr/{W}tblHeader") is None]
        if header:  # a page of indicator rows
            assert headings <= {text for tr in header for text in row_texts(tr)}
            first = row_texts(body[0])
            assert first[0] and first[1], (number, first)  # block label and 一级 labelled again
        else:  # the goals (or tasks) continue: their block label again
            assert row_texts(rows[0])[0], number


def test_docx_page_numbers_language_and_fonts(tmp_path):
    record = record_of("000_budget_it")
    footer = docx_xml(record, tmp_path, "word/footer1.xml")
    instructions = [f.get(f"{W}instr").strip() for f in footer.iter(f"{W}fldSimple")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(f"{W}t")).replace("1", "N") == "第 N 页 共 N 页"
    styles = docx_xml(record, tmp_path, "word/styles.xml")
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "zh-CN"
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "宋体"
    form = build_form(record)
    fangsong = form_docx(type(form)(**{**form.__dict__, "font": "仿宋"}))
    with zipfile.ZipFile(__import__("io").BytesIO(fangsong)) as archive:
        assert 'w:eastAsia="仿宋"' in archive.read("word/styles.xml").decode()


def test_docx_captions_keep_with_their_table(tmp_path):
    body = docx_xml(record_of("002_selfeval_1_investigation"), tmp_path)
    children = list(body.find(f"{W}body"))
    for index, child in enumerate(children[:-1]):
        if child.tag == f"{W}p" and "".join(t.text or "" for t in child.iter(f"{W}t")) == "分项得分汇总":
            assert child.find(f"{W}pPr/{W}keepNext") is not None
            assert children[index + 1].tag == f"{W}tbl"
            break
    else:
        raise AssertionError("no caption 分项得分汇总")


def test_render_package_imports_no_office_library():
    code = (
        "import sys, assistant.render as r; r.render_markdown; "
        "bad = [m for m in ('docx', 'openpyxl', 'lxml') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([__import__("sys").executable, "-c", code], check=True, cwd=HERE.parent)


# --------------------------------------------------------------------------
# PDF through LibreOffice
# --------------------------------------------------------------------------

TOOLS = shutil.which("soffice") and shutil.which("pdftotext")
needs_tools = pytest.mark.skipif(not TOOLS, reason="LibreOffice (soffice) 或 pdftotext 未安装：跳过 PDF 分页检查")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """PDF of the XLSX and of the DOCX of each long form, one soffice run."""
    folder = tmp_path_factory.mktemp("pages")
    sources = []
    for stem in LONG_FORMS:
        for path in write_forms(record_of(stem), folder, stem, ("xlsx",)):
            sources.append(path)
        docx_path = write_forms(record_of(stem), folder, f"{stem}-docx", ("docx",))[0]
        sources.append(docx_path)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "pdf"),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {
        (stem, kind): folder / "pdf" / f"{stem}{'-docx' if kind == 'docx' else ''}.pdf"
        for stem in LONG_FORMS
        for kind in ("xlsx", "docx")
    }


def page_blocks(pdf: Path) -> list[list[str]]:
    """Per page, the text of each block pdftotext finds (whitespace removed)."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html))
    return [
        ["".join(word.text or "" for word in block.iter(f"{XHTML}word")) for block in page.iter(f"{XHTML}block")]
        for page in root.iter(f"{XHTML}page")
    ]


def subsequence(needle: str, haystack: str) -> bool:
    chars = iter(haystack)
    return all(ch in chars for ch in needle)


def indicator_names(record: dict) -> list[str]:
    """Indicator names that are printed nowhere else on the form (not in a goal or task)."""
    rows = record["indicators"]
    rows = rows["mid_term"] + rows["annual"] if isinstance(rows, dict) else rows
    elsewhere = "".join(goals_of(record) + [re.sub(r"\s", "", t["name"]) for t in record.get("tasks", [])])
    names = [re.sub(r"\s", "", row["name"]) for row in rows if len(row["name"]) >= 4]
    return [name for name in names if name not in elsewhere]


def goals_of(record: dict) -> list[str]:
    goals = record["goals"]
    goals = goals["mid_term"] + goals["annual"] if isinstance(goals, dict) else goals
    return [re.sub(r"\s", "", goal) for goal in goals]


@needs_tools
@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize("stem", LONG_FORMS)
def test_pdf_pages_carry_headings_and_whole_goals(stem, kind, pdfs):
    record = record_of(stem)
    pages = page_blocks(pdfs[(stem, kind)])
    assert len(pages) >= 2
    headings = [heading for _, heading in record_template(record)["columns"]]
    names = indicator_names(record)
    with_rows = 0
    for blocks in pages:
        text = "".join(blocks)
        if any(name in text for name in names):
            with_rows += 1
            assert all(heading in text for heading in headings), (kind, pages.index(blocks) + 1)
    assert with_rows >= 2  # the indicator table runs over pages, headings on each
    if kind == "docx":  # the pages fall where the writer put them
        assert len(pages) == len(docx_pages(docx_xml(record, pdfs[(stem, kind)].parent / stem)))
    for goal in goals_of(record):
        assert any(subsequence(goal, block) for blocks in pages for block in blocks), goal


def test_pdf_without_libreoffice_says_how_to_install(monkeypatch, tmp_path):
    from assistant.render import pdf

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JIXIAO_SOFFICE", raising=False)
    with pytest.raises(pdf.PdfUnavailable, match="LibreOffice.*apt-get install"):
        write_forms(copy.deepcopy(record_of("001_network_leasing")), tmp_path / "out", "x", ("pdf",))
    assert not (tmp_path / "out" / "x.pdf").exists()


@needs_tools
def test_pdf_export(tmp_path):
    path = write_forms(record_of("001_network_leasing"), tmp_path, "x", ("pdf",))[0]
    assert path.read_bytes().startswith(b"%PDF")


def test_docx_a_little_over_one_page_prints_on_one_page_in_a_smaller_size(tmp_path):
    def size(stem: str) -> int:
        styles = docx_xml(record_of(stem), tmp_path / stem, "word/styles.xml")
        return int(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz").get(f"{W}val"))

    assert len(docx_pages(docx_xml(record_of("000_fund_supervision"), tmp_path / "a"))) == 1
    assert 17 <= size("000_fund_supervision") < 21
    assert size("000_budget_it") == 21 and size("001_network_leasing") == 21  # 五号


def test_a_single_very_long_goal_goes_on_several_rows(tmp_path):
    record = record_of("000_budget_it")
    sentence = "开展医保基金监管专项检查，覆盖全部定点医药机构，发现问题及时整改到位。"
    record["goals"]["annual"][0] = sentence * 40  # 1,400 characters
    sheet = sheet_of(record, tmp_path)
    assert max(heights(sheet)) <= MAX_ROW_PT
    texts = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    pieces = [text for text in texts if sentence in text]
    assert len(pieces) >= 3 and all(len(piece) <= 600 for piece in pieces)
    assert "".join(pieces).endswith(sentence) and pieces[1].startswith(sentence)  # cut after a sentence
    assert "".join(pieces) == "1. " + sentence * 40
