"""Where interviews live between runs (assistant/interview/workspace.py): no Textual."""

from __future__ import annotations

import pytest
from conftest import good

from assistant.interview import workspace
from assistant.interview.replay import replay
from assistant.interview.transcript import read
from assistant.records import Store

PROJECT = "project-declaration"


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def answered(home, answers, form=PROJECT):
    session = workspace.start_session(home, form)
    for text in answers:
        assert session.send(text).reply.accepted, text
    return session


def test_transcript_ids_look_like_a_start_time(home):
    session = workspace.start_session(home, PROJECT)
    assert session.path.parent == home / "transcripts"
    assert workspace._UNFINISHED.match(session.path.stem), session.path.name


def test_list_unfinished_reads_titles_and_where_it_stopped(home):
    empty = workspace.start_session(home, PROJECT)  # left without an answer: not offered
    first = answered(home, ["2023", "社保专线网络租赁费", "跳过"])
    second = answered(home, ["1", "2024"], form=None)  # the form chosen inside the interview
    found = workspace.list_unfinished(home)
    assert {u.path for u in found} == {first.path, second.path}
    by_path = {u.path: u for u in found}
    assert by_path[first.path].title == "社保专线网络租赁费"
    assert by_path[first.path].form == PROJECT and by_path[first.path].form_label == "项目支出绩效目标申报表"
    assert by_path[first.path].prompt == "基本信息 › 项目编码是多少"
    assert by_path[second.path].title == "（未命名）" and by_path[second.path].form == PROJECT
    assert workspace.discard_if_empty(empty) and not empty.path.exists()
    assert not workspace.discard_if_empty(first)


def test_a_resumed_session_continues_where_it_stopped(home):
    session = answered(home, ["2023", "社保专线网络租赁费"])
    resumed = workspace.resume_session(session.path)
    assert resumed.interview.question().key == "project.code"
    resumed.send("跳过")
    assert [e["answer"] for _, e in read(session.path).events] == ["2023", "社保专线网络租赁费", "跳过"]


def test_draft_then_final_is_one_record_and_the_transcript_moves_next_to_it(home):
    record = good("project_network_leasing_2023")
    # Start from the finished record: the interview opens at the review (as `jixiao fix` does).
    session = workspace.start_session(home, PROJECT, source=record)
    assert session.interview.question().key == "review"
    draft_id = workspace.save_draft(home, session)
    assert draft_id and read(session.path).header["record_id"] == draft_id
    assert [u.path for u in workspace.list_unfinished(home)] == []  # no answers yet: nothing to offer
    session.send("确认")
    record_id, paths = workspace.finish(home, session)
    assert record_id == draft_id
    store = Store(home)
    assert store.meta(record_id)["status"] == "final"
    assert [v["status"] for v in store.history(record_id)][-1] == "final"
    assert session.path == store.transcript_path(record_id) and session.path.exists()
    assert [p.name for p in paths] == [f"{record_id}.md", f"{record_id}.xlsx", f"{record_id}.docx"]
    assert all(p.parent == home / "exports" for p in paths)
    assert workspace.list_unfinished(home) == []
    # Fixes later append to the moved transcript, and replay gives the stored record.
    assert replay(session.path).record == store.get(record_id)


def test_a_record_too_incomplete_for_the_store_is_not_saved_as_a_draft(home):
    session = answered(home, ["2023"])
    session.interview.state.record["year"] = None  # not a valid record yet
    assert workspace.save_draft(home, session) is None
    assert [u.path for u in workspace.list_unfinished(home)] == [session.path]


def test_a_missing_plan_is_reported_in_chinese(home, monkeypatch):
    monkeypatch.setattr(workspace, "plan_available", lambda form: form == PROJECT)
    with pytest.raises(workspace.PlanMissing, match="部门整体支出绩效目标申报表.*还没有准备好"):
        workspace.start_session(home, "department-declaration")
    assert workspace.FORM_ALIASES["self-eval"] == "self-evaluation"


# -- a kill during the final save: completed on the next start, never duplicated --

import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KILLED_FINISH = """
import os, sys
from pathlib import Path
import assistant.render
from assistant.interview import workspace
home, path, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
session = workspace.resume_session(path, home)
die = lambda *a, **k: os._exit(9)
if step in ("after_save", "draft_after_save"):
    workspace._set_record_id = die
elif step == "before_move":
    workspace._complete = die
elif step == "mid_forms":
    def half(record, out, stem, formats=("md", "xlsx", "docx")):
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{stem}.md").write_text("half")
        (out / f".{stem}.xlsx.ab12cd.tmp").write_bytes(b"PK")
        os._exit(9)
    assistant.render.write_forms = half
if step == "draft_after_save":
    workspace.save_draft(home, session)
else:
    workspace.finish(home, session)
"""


def _killed(home, step):
    transcripts = home / "transcripts"
    transcripts.mkdir(parents=True, exist_ok=True)
    path = transcripts / "20261123-153012-ab12.jsonl"
    shutil.copy(ROOT / "transcripts" / "000_labour_dispatch.jsonl", path)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_FINISH, str(home), str(path), step], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 9, done.stderr
    return path


@pytest.mark.parametrize("step", ["after_save", "before_move", "mid_forms"])
def test_a_kill_during_finish_is_completed_on_next_start(home, step):
    path = _killed(home, step)
    assert workspace.list_unfinished(home) == []  # completed, not offered again
    store = Store(home)
    (meta,) = store.list()
    record_id = meta["id"]
    assert meta["status"] == "final"
    target = store.transcript_path(record_id)
    assert not path.exists() and read(target).header["record_id"] == record_id
    exports = home / "exports"
    assert sorted(p.name for p in exports.iterdir()) == [f"{record_id}.{fmt}" for fmt in ("docx", "md", "xlsx")]
    assert (exports / f"{record_id}.md").read_text(encoding="utf-8") != "half"
    assert not list((home / "transcripts").glob(".*.finishing"))
    assert replay(target).record == store.get(record_id)


def test_a_kill_right_after_a_draft_save_gives_one_record_on_resume(home):
    path = _killed(home, "draft_after_save")
    assert "record_id" not in read(path).header  # the id never reached the header
    (unfinished,) = workspace.list_unfinished(home)
    session = workspace.resume_session(unfinished.path, home)
    record_id, _ = workspace.finish(home, session)
    assert [m["id"] for m in Store(home).list()] == [record_id]
    assert [v["note"] for v in Store(home).history(record_id)] == ["访谈中途保存", "访谈定稿"]
