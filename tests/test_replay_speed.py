"""What makes replay fast keeps its promises: a directory's outputs are
written whole and flushed to disk once, after the last one and before the
report; a worker for JSON and Markdown loads no render library for Office."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from assistant import fileio
from assistant.cli.main import main

TRANSCRIPTS = Path(__file__).resolve().parent.parent / "transcripts"


def test_write_atomic_not_durable_writes_whole_without_fsync(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    fileio.write_atomic(target, "新内容", durable=False)
    assert target.read_text(encoding="utf-8") == "新内容"
    assert synced == [] and [p.name for p in tmp_path.iterdir()] == ["a.json"]  # no temporary file left
    fileio.write_atomic(target, "再写", durable=True)
    assert len(synced) == 2  # the file, then its directory


def test_a_replayed_directory_is_synced_once_after_every_output(tmp_path, monkeypatch, capsys):
    source = tmp_path / "in"
    source.mkdir()
    for name in ("001_operating_funds", "003_bookkeeping"):
        shutil.copy(TRANSCRIPTS / f"{name}.jsonl", source)
    out = tmp_path / "out"
    events = []
    monkeypatch.setattr(os, "fsync", lambda fd: events.append("fsync"))
    monkeypatch.setattr(os, "sync", lambda: events.append(sorted(p.name for p in out.iterdir())))
    assert main(["replay", str(source), "--out", str(out), "--format", "json,md", "--jobs", "1"]) == 0
    assert events == [
        ["001_operating_funds.json", "001_operating_funds.md", "003_bookkeeping.json", "003_bookkeeping.md"]
    ]
    assert "共 2 份：2 份全部通过" in capsys.readouterr().out


def test_without_sync_all_each_output_is_made_durable_itself(tmp_path, monkeypatch):
    out = tmp_path / "out"
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    monkeypatch.delattr(os, "sync")
    assert main(["replay", str(TRANSCRIPTS / "003_bookkeeping.jsonl"), "--out", str(out), "--format", "json"]) == 0
    assert len(synced) == 2


PROBE = """
import sys
from assistant.cli.replay_cmd import replay_file
from pathlib import Path
summary = replay_file(Path({transcript!r}), {out!r}, ("json", "md"))
assert summary.finished and not summary.failures, summary
heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'openpyxl', 'jsonschema', 'textual', 'rich'))
print(heavy)
"""


def test_a_json_and_markdown_replay_loads_no_office_library_nor_jsonschema(tmp_path):
    transcript = str(TRANSCRIPTS / "003_bookkeeping.jsonl")
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(transcript=transcript, out=str(tmp_path))],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_question_text_given_as_a_function_is_built_on_first_read_only():
    from assistant.interview.model import Question

    calls = []

    def example() -> str:
        calls.append(1)
        return "例子"

    question = Question(key="k", entry="e", section="s", prompt="p", help="h", example=example, format="f")
    moved = question.progressed(3, 9)
    assert calls == [] and (moved.step, moved.steps) == (3, 9)
    assert moved.example == "例子" and moved.example == "例子" and calls == [1]
    assert Question(key="k", entry="e", section="s", prompt="p", help="h", example="现成", format="f").example == "现成"
    assert moved == question.progressed(3, 9) and moved.note == ""


def test_replay_builds_no_indicator_example_or_sector_note(monkeypatch):
    """Their knowledge searches are for the person who sees the question; replay does not."""
    from assistant.interview.handlers import indicators, sector_choice
    from assistant.interview.replay import replay

    built = []
    original = indicators.IndicatorsHandler._example
    monkeypatch.setattr(indicators.IndicatorsHandler, "_example", lambda *a: built.append("example") or original(*a))
    monkeypatch.setattr(sector_choice, "note", lambda iv: built.append("note") or "")
    result = replay(TRANSCRIPTS / "001_operating_funds.jsonl")
    assert result.ok and built == []
    question = indicators.IndicatorsHandler()._pick_question(
        result.interview,
        result.interview.entry_for("indicators.annual"),
        result.interview.kb.framework(None).level2s[0],
    )
    assert question.example and built == ["example"]
    assert isinstance(question.note, str)
    assert built == ["example", "note"]
