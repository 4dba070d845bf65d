"""Export and replay of printed forms from the command line: --template
overrides the record's template, --format pdf goes through LibreOffice or
says in Chinese how to install it."""

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from assistant.cli.main import main

ROOT = Path(__file__).parent.parent
TRANSCRIPT = ROOT / "transcripts" / "000_labour_dispatch.jsonl"
needs_soffice = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) 未安装：跳过 PDF 导出")


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("JIXIAO_HOME", str(home))
    return home


def imported(capsys, path) -> str:
    assert main(["import", str(path)]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if "→ 记录" in line)
    return line.split("记录 ")[1].split("（")[0]


def test_export_template_overrides_the_records(home, capsys, tmp_path):
    record_id = imported(capsys, FIXTURES / "records" / "001_network_leasing.json")
    out = tmp_path / "out"
    assert main(["export", record_id, "--format", "md", "--out", str(out)]) == 0
    assert (out / f"{record_id}.md").read_text(encoding="utf-8").startswith("# 部门项目支出预算绩效目标申报表")
    assert main(["export", record_id, "--format", "md", "--template", "project-itemised", "--out", str(out)]) == 0
    text = (out / f"{record_id}.md").read_text(encoding="utf-8")
    assert text.startswith("# 绩效目标表") and "单位：万元" in text and "综合评定等级" not in text


def test_export_template_of_another_form_is_refused(home, capsys, tmp_path):
    record_id = imported(capsys, FIXTURES / "records" / "001_network_leasing.json")
    capsys.readouterr()
    assert (
        main(["export", record_id, "--format", "md", "--template", "selfeval-central", "--out", str(tmp_path / "out")])
        == 2
    )
    assert "表样 selfeval-central" in capsys.readouterr().err
    assert not (tmp_path / "out" / f"{record_id}.md").exists()


def test_pdf_without_libreoffice_says_how_to_install(home, capsys, tmp_path, monkeypatch):
    record_id = imported(capsys, FIXTURES / "records" / "001_network_leasing.json")
    monkeypatch.setenv("JIXIAO_SOFFICE", "no-such-soffice")
    assert main(["export", record_id, "--format", "pdf", "--out", str(tmp_path / "out")]) == 2
    assert "LibreOffice" in capsys.readouterr().err
    assert main(["replay", str(TRANSCRIPT), "--format", "json,pdf", "--out", str(tmp_path / "r")]) == 2
    assert "apt-get install" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


@needs_soffice
def test_export_and_replay_pdf(home, capsys, tmp_path):
    record_id = imported(capsys, FIXTURES / "records" / "001_network_leasing.json")
    out = tmp_path / "out"
    assert main(["export", record_id, "--format", "pdf", "--out", str(out)]) == 0
    assert (out / f"{record_id}.pdf").read_bytes().startswith(b"%PDF")
    assert main(["replay", str(TRANSCRIPT), "--format", "pdf", "--out", str(tmp_path / "r"), "--jobs", "1"]) == 0
    assert [p.suffix for p in (tmp_path / "r").iterdir()] == [".pdf"]
