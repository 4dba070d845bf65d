"""Faults from outside: a killed process, a cut or garbled transcript, hostile files."""

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from assistant.interview.replay import replay
from assistant.interview.session import Session
from assistant.interview.transcript import TranscriptError, read

ANSWERS = [
    "2023",
    "社保专线网络租赁费",
    "跳过",
    "中卫市沙坡头区医疗保障局",
    "",
    "2",
    "1年",
    "48万，全部财政拨款",
    "跳过",
    "为136个村卫生室租用社保专线网络，保障门诊统筹费用及时结算",
    "完成",
    "1",
    "",
    "",
    "2",
    "=11条",
    "",
    "完成",
    "1",
    "",
    "",
]

DRIVER = """
import sys
from pathlib import Path
from assistant.interview.session import Session
path = Path(sys.argv[1])
session = Session.start(path, "project-declaration")
for line in sys.stdin:
    session.send(line.rstrip("\\n"))
    print("SENT", flush=True)
"""


@pytest.mark.parametrize("seed", range(4))
def test_kill_9_mid_interview_loses_no_flushed_answer(tmp_path, seed):
    rng = random.Random(seed)
    kill_after = rng.randint(1, len(ANSWERS) - 1)
    path = tmp_path / "t.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    acknowledged = 0
    for answer in ANSWERS[:kill_after]:
        proc.stdin.write(answer + "\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "SENT"
        acknowledged += 1
    proc.stdin.write(ANSWERS[kill_after] + "\n")  # may or may not reach the disk
    proc.stdin.flush()
    time.sleep(rng.random() * 0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    transcript = read(path)
    assert len(transcript.events) >= acknowledged
    assert [e["text"] for _, e in transcript.events][:acknowledged] == ANSWERS[:acknowledged]
    resumed = Session.resume(path)
    expected = Session.start(tmp_path / "ref.jsonl", "project-declaration")
    for answer in ANSWERS[: len(transcript.events)]:
        expected.send(answer)
    assert resumed.interview.final_record() == expected.interview.final_record()
    assert resumed.interview.question().key == expected.interview.question().key


def _write_transcript(path, answers):
    session = Session.start(path, "project-declaration")
    for answer in answers:
        session.send(answer)
    return session


def test_garbled_middle_line_is_reported_by_number_and_the_rest_replays(tmp_path):
    path = tmp_path / "t.jsonl"
    _write_transcript(path, ANSWERS[:8])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = '{"type": "answer", "q": "project.code", "te\n'  # line 4: the 跳过 of 项目编码
    path.write_text("".join(lines), encoding="utf-8")
    result = replay(path)
    assert [p.line for p in result.problems] == [4]
    assert "第 4 行" in result.problems[0].message
    # The 跳过 was lost, so the next answer (the department) lands on 项目编码 —
    # every later answer still replays and none is refused.
    assert result.record["project"]["name"] == "社保专线网络租赁费"


def test_cut_tail_is_ignored_and_resume_appends_on_a_fresh_line(tmp_path):
    path = tmp_path / "t.jsonl"
    _write_transcript(path, ANSWERS[:5])
    with open(path, "ab") as handle:
        handle.write('{"type": "answer", "q": "project.attribute", "text": "延'.encode()[:-1])
    resumed = Session.resume(path)
    assert resumed.problems and resumed.interview.question().key == "project.attribute"
    resumed.send("2")
    transcript = read(path)
    assert not transcript.problems and transcript.events[-1][1]["answer"] == "2"


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "空的"),
        (b"not json\n", "文件头"),
        (json.dumps({"type": "header", "format": "other"}).encode() + b"\n", "文件头"),
        (b"\xff\xfe\x00garbage", "文件头"),
    ],
)
def test_foreign_files_are_refused_in_chinese(tmp_path, content, words):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(TranscriptError, match=words):
        read(path)


def test_hostile_event_fields_are_rejected_by_schema(tmp_path):
    path = tmp_path / "t.jsonl"
    _write_transcript(path, ANSWERS[:2])
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"type": "answer", "q": "x", "text": "a", "answer": "b", "evil": 1}) + "\n")
        handle.write(json.dumps({"type": "answer", "q": "x", "text": "a", "answer": "x" * 30000}) + "\n")
    transcript = read(path)
    assert [p.line for p in transcript.problems] == [4, 5]
    assert len(transcript.events) == 2


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from assistant.interview.transcript import _part_validator, event_is_valid  # noqa: E402

_values = st.one_of(
    st.text(max_size=5),
    st.integers(),
    st.none(),
    st.booleans(),
    st.just("x" * 20001),
    st.lists(st.text(max_size=2), max_size=2),
)
_events = st.dictionaries(
    st.sampled_from(["type", "q", "text", "answer", "at", "extra"]), _values
) | st.fixed_dictionaries(
    {"type": st.sampled_from(["answer", "header", "refused"]), "q": _values, "text": _values, "answer": _values},
    optional={"at": _values},
)


@given(_events)
@settings(max_examples=500, deadline=None)
def test_fast_event_check_agrees_with_the_schema(event):
    assert event_is_valid(event) == _part_validator("event").is_valid(event)


def test_a_malformed_source_record_in_the_header_is_refused(tmp_path):
    from conftest import FIXTURES

    from assistant.fileio import load_file

    record = load_file(FIXTURES / "good" / "project_network_leasing_2023.json")
    path = tmp_path / "fixed.jsonl"
    Session.start(path, "project-declaration", source=record)
    assert read(path).header["source"]["project"]["name"] == "社保专线网络租赁费"
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    header["source"]["funds"]["annual"]["total"] = "四十八"
    header["source"]["evil"] = {"x": 1}
    path.write_text(json.dumps(header, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match="起始记录不符合格式"):
        read(path)


# -- disk full: an answer is on disk whole or not at all, and never acknowledged half --


@pytest.fixture
def small_disk(tmp_path):
    """A 64 KB tmpfs (needs root, as in CI); skipped with the reason otherwise."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill_up(mount, seed: int) -> None:
    """Empty the small disk, then fill it until 2-16 KB are left."""
    for old in mount.iterdir():
        old.unlink()
    free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
    with open(mount / "filler", "wb") as handle:
        with contextlib.suppress(OSError):
            handle.write(b"x" * max(0, free - random.Random(seed).randrange(2, 16) * 1024))


def interview_until_full(path):
    """Answer until the disk is full: (answers tried, acknowledged, refused, session or None)."""
    from assistant.interview.transcript import TranscriptWriteError

    try:
        session = Session.start(path, "project-declaration")
    except TranscriptWriteError as exc:
        assert "磁盘已满" in exc.strerror and not path.exists()
        return 0, 0, 1, None
    tried = 0
    for answer in ANSWERS * 3:
        tried += 1
        try:
            session.send(answer + "很长的说明" * 40)
        except TranscriptWriteError as exc:
            assert "磁盘已满" in exc.strerror and "没有保存" in exc.strerror
            return tried, tried - 1, 1, session
    return tried, tried, 0, session


def test_a_full_disk_never_acknowledges_a_half_written_answer(small_disk):
    tried = acknowledged = refused = lost = 0
    for trial in range(12):  # each trial: the disk nearly full, then an interview
        fill_up(small_disk, trial)
        path = small_disk / "t.jsonl"
        counts = interview_until_full(path)
        tried, acknowledged, refused = tried + counts[0], acknowledged + counts[1], refused + counts[2]
        session = counts[3]
        if session is None:
            continue
        assert counts[0] == counts[1] + counts[2]  # every answer tried was acknowledged or refused
        transcript = read(path)
        assert not transcript.problems  # no half line anywhere
        assert path.read_bytes().endswith(b"\n")
        lost += session.events - len(transcript.events)
        (small_disk / "filler").unlink()  # room to resume
        assert Session.resume(path).interview.final_record() == session.interview.final_record()
    assert refused >= 10, "the disk never filled up"
    assert lost == 0 and acknowledged > 0


def test_a_short_write_is_continued(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    path = tmp_path / "t.jsonl"
    session = Session.start(path, "project-declaration")
    for answer in ANSWERS[:4]:
        session.send(answer)
    monkeypatch.undo()
    assert [e["text"] for _, e in read(path).events] == ANSWERS[:4]


# -- a damaged line: never silently undoes a saved change, kept aside, the user told --


def test_a_damaged_transcript_line_does_not_undo_an_earlier_fix(tmp_path):
    from conftest import good

    from assistant.interview.quickfix import fix
    from assistant.records import Store

    store = Store(tmp_path / "home")
    record_id = store.save(good("project_network_leasing_2023"), status="final")
    fix(store, record_id, "参保群众满意度", "≥95%")
    path = store.transcript_path(record_id)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    damaged = lines[1][:25] + "\x00garbled\n"
    lines[1] = damaged  # line 2: the first fix
    path.write_text("".join(lines), encoding="utf-8")
    result = fix(store, record_id, "村卫生室专线数量", "=120条")
    current = store.get(record_id)
    rows = {row["name"]: row["value"] for row in current["indicators"]["annual"]}
    assert rows["参保群众满意度"] == "≥95%" and rows["村卫生室专线数量"] == "=120条"
    assert store.history(record_id)[-1]["changed"] == ["indicators.annual[0].value"]
    assert any("第 2 行" in note for note in result.notes) and any(".old" in note for note in result.notes)
    kept = list(path.parent.glob(f"{path.name}.*.old"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8").startswith(lines[0])
    assert replay(path).record == current  # the new transcript reproduces the store
    assert (path.parent / f"{path.name}.damaged").read_text(encoding="utf-8").count("garbled") == 1


def test_resume_sets_damaged_lines_aside_and_says_so(tmp_path):
    path = tmp_path / "t.jsonl"
    _write_transcript(path, ANSWERS[:6])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = '{"type": "answer", "q": "project.code", "te\n'
    path.write_text("".join(lines), encoding="utf-8")
    resumed = Session.resume(path)
    assert [p.line for p in resumed.problems] == [4] and "t.jsonl.damaged" in resumed.problems[0].message
    assert '"te' in (tmp_path / "t.jsonl.damaged").read_text(encoding="utf-8")
    assert not read(path).problems and len(read(path).events) == 5
    assert Session.resume(path).problems == []  # said once, not on every resume


def test_a_damaged_header_during_fix_is_kept_aside_not_a_traceback(tmp_path):
    from conftest import good

    from assistant.interview.quickfix import fix
    from assistant.records import Store

    store = Store(tmp_path / "home")
    record_id = store.save(good("project_network_leasing_2023"), status="final")
    fix(store, record_id, "参保群众满意度", "≥95%")
    path = store.transcript_path(record_id)
    path.write_bytes(b"\xff garbage\n" + path.read_bytes().split(b"\n", 1)[1])
    result = fix(store, record_id, "村卫生室专线数量", "=120条")
    assert any("文件头" in note for note in result.notes)
    assert replay(path).record == store.get(record_id)
