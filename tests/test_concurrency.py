"""Several writers on one record or one interview: nothing acknowledged is lost.

8 processes each make 50 quick fixes of one record at once (each its own
indicator); every fix must be in the final record, in its history (no version
undoes another) and in a replay of its transcript. Two sessions on one
interview follow each other instead of diverging."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import good

from assistant.interview.replay import replay
from assistant.interview.session import Session
from assistant.interview.transcript import read
from assistant.records import Store

ROOT = Path(__file__).resolve().parent.parent

# indicator name -> value of the j-th fix (all accepted by the engine, all different)
FIXES = [
    ("村卫生室专线数量", "={}条", lambda j: 100 + j),
    ("社区民生服务站专线数量", "={}条", lambda j: 1 + j),
    ("专线网络可用率", "≥{}%", lambda j: 40 + j),
    ("结算信息上传率", "≥{}%", lambda j: 40 + j),
    ("结算信息上传及时率", "≥{}%", lambda j: 40 + j),
    ("村卫生室专线单价", "≤{}元/条·年", lambda j: 2000 + j),
    ("社区民生服务站专线单价", "≤{}元/条·年", lambda j: 12000 + j),
    ("参保群众满意度", "≥{}%", lambda j: 40 + j),
]
WORKER = """
import sys
from assistant.records import Store
from assistant.interview.quickfix import fix
sys.path.insert(0, {tests!r})
from test_concurrency import FIXES
home, record_id, k, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
name, pattern, value = FIXES[k]
store = Store(home, lock_timeout=120)
for j in range(count):
    result = fix(store, record_id, name, pattern.format(value(j)))
    print("OK", result.after, flush=True)
"""


def value_of(record, name):
    return next(row["value"] for row in record["indicators"]["annual"] if row["name"] == name)


def test_8_processes_x_50_fixes_on_one_record_lose_nothing(tmp_path):
    writers, count = 8, 50
    home = tmp_path / "home"
    store = Store(home)
    record_id = store.save(good("project_network_leasing_2023"), status="final")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = WORKER.format(tests=str(ROOT / "tests"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(home), record_id, str(k), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for k in range(writers)
    ]
    acknowledged = {}
    for k, proc in enumerate(procs):
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-2000:]
        acknowledged[k] = [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("OK ")]
    tried = writers * count
    assert sum(len(v) for v in acknowledged.values()) == tried

    final = store.get(record_id)
    for k, (name, pattern, value) in enumerate(FIXES[:writers]):
        assert acknowledged[k] == [pattern.format(value(j)) for j in range(count)]
        assert value_of(final, name) == acknowledged[k][-1]

    # history: one version per fix, each changing only its own indicator, in each writer's order
    history = store.history(record_id)
    assert len(history) == 1 + tried
    seen = {name: [] for name, _, _ in FIXES[:writers]}
    previous = store.version(record_id, 1)
    for entry in history[1:]:
        current = store.version(record_id, entry["version"])
        changed = [name for name, _, _ in FIXES if value_of(current, name) != value_of(previous, name)]
        assert len(changed) == 1, (entry, changed)  # no version undid another fix
        seen[changed[0]].append(value_of(current, changed[0]))
        previous = current
    for k, (name, _, _) in enumerate(FIXES[:writers]):
        assert seen[name] == acknowledged[k]

    # the transcript has every fix, and replays to the final record
    transcript = read(store.transcript_path(record_id))
    assert not transcript.problems
    assert sum(1 for _, e in transcript.events if e["text"].startswith("修改 ")) == tried
    assert replay(store.transcript_path(record_id)).record == final


ANSWERS = ["2023", "社保专线网络租赁费", "跳过", "中卫市沙坡头区医疗保障局", "", "2", "1年"]


def test_two_sessions_on_one_interview_follow_each_other(tmp_path):
    path = tmp_path / "t.jsonl"
    first = Session.start(path, "project-declaration")
    first.send(ANSWERS[0])
    second = Session.resume(path)
    first.send(ANSWERS[1])
    reply = second.send("另一个项目名称").reply  # typed against a question that has moved on
    assert not reply.accepted and "另一个窗口" in reply.message
    assert second.interview.question().key == first.interview.question().key
    for text in ANSWERS[2:4]:
        assert second.send(text).reply.accepted
    first.follow()
    assert first.send(ANSWERS[4]).reply is not None
    second.follow()
    expected = Session.start(tmp_path / "ref.jsonl", "project-declaration")
    for text in ANSWERS[:5]:
        expected.send(text)
    for session in (first, second, Session.resume(path)):
        assert session.interview.final_record() == expected.interview.final_record()
    assert [e["text"] for _, e in read(path).events] == ANSWERS[:5]


def test_a_fix_while_the_record_is_open_in_a_window_is_followed(tmp_path):
    from assistant.interview.quickfix import fix, open_for_fix

    store = Store(tmp_path / "home")
    record_id = store.save(good("project_network_leasing_2023"), status="final")
    _, path, _, _ = open_for_fix(store, record_id, "参保群众满意度")
    window = Session.resume(path)
    fix(store, record_id, "村卫生室专线数量", "=120条")
    reply = window.send("跳转 indicators.annual[0].value").reply
    assert not reply.accepted and "另一个窗口" in reply.message
    assert value_of(window.interview.final_record(), "村卫生室专线数量") == "=120条"


def test_a_fix_that_cannot_get_the_lock_says_so_and_changes_nothing(tmp_path, monkeypatch):
    from assistant.interview import transcript
    from assistant.interview.quickfix import FixError, fix

    store = Store(tmp_path / "home")
    record_id = store.save(good("project_network_leasing_2023"), status="final")
    path = store.transcript_path(record_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert holder.stdout.readline().strip() == "held"
    monkeypatch.setattr(transcript, "LOCK_TIMEOUT", 0.2)
    try:
        with pytest.raises(FixError, match="正在被另一个 jixiao 窗口或命令修改"):
            fix(store, record_id, "参保群众满意度", "≥95%")
    finally:
        holder.kill()
        holder.wait()
    assert store.history(record_id)[-1]["version"] == 1 and not path.exists()


HOLD = """
import sys, time
from pathlib import Path
from assistant.interview.transcript import TranscriptWriter
with TranscriptWriter(Path(sys.argv[1])).locked():
    print("held", flush=True)
    time.sleep(60)
"""
