"""Faults and bad input, counted: tried / failed / lost for each (issue 18).

    .venv/bin/python bench/bench_faults.py [--quick]

Prints one JSON object per line, e.g.
{"name": "faults.concurrent_fixes", "tried": 400, "failed": 0, "lost": 0}.
"failed" counts operations that ended in a traceback or a wrong result,
"lost" acknowledged data that is not there afterwards. The tests assert the
same properties (tests/test_concurrency.py, test_faults.py, test_bad_input.py,
test_fuzz.py); this script measures them at a larger scale.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from assistant.fileio import load_file  # noqa: E402
from assistant.interview.engine import Interview  # noqa: E402
from assistant.interview.quickfix import fix  # noqa: E402
from assistant.interview.replay import replay  # noqa: E402
from assistant.records import Store  # noqa: E402

GOOD = ROOT / "tests" / "fixtures" / "good"


def emit(name: str, **figures) -> None:
    print(json.dumps({"name": name, **figures}, ensure_ascii=False), flush=True)


def fuzz_interviews(count: int) -> None:
    """Random answers (Unicode digits, symbols, commands) in every form: crashes."""
    from test_fuzz import COMMANDS, PLAUSIBLE, UNICODE_DIGITS

    pool = COMMANDS + PLAUSIBLE + UNICODE_DIGITS + ["", "", "≥", "①②", "²³"]
    crashed = 0
    for n in range(count):
        rng = random.Random(n)
        interview = Interview(rng.choice([None, "project-declaration", "department-declaration", "self-evaluation"]))
        try:
            for _ in range(rng.randint(5, 60)):
                if interview.question() is None:
                    break
                interview.answer(interview.resolve(rng.choice(pool)))
        except Exception:  # noqa: BLE001 - counted
            crashed += 1
    emit("faults.fuzz_interviews", tried=count, failed=crashed, lost=0)


def concurrent_fixes(writers: int, count: int) -> None:
    from test_concurrency import FIXES, WORKER, value_of

    home = Path(tempfile.mkdtemp(prefix="jixiao-faults-"))
    store = Store(home)
    rid = store.save(load_file(GOOD / "project_network_leasing_2023.json"), status="final")
    code = WORKER.format(tests=str(ROOT / "tests"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(home), rid, str(k), str(count)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for k in range(writers)
    ]
    acknowledged = {
        k: [line[3:] for line in p.communicate()[0].splitlines() if line.startswith("OK ")] for k, p in enumerate(procs)
    }
    failed = sum(count - len(v) for v in acknowledged.values())
    final, history = store.get(rid), store.history(rid)
    transcript_record = replay(store.transcript_path(rid)).record
    lost = 0
    for k, values in acknowledged.items():
        name = FIXES[k][0]
        notes = [h["note"] for h in history if f"“{name}”" in h["note"]]
        lost += sum(1 for v in values if not any(n.endswith(f"→ {v}") for n in notes))
        if values and (value_of(final, name) != values[-1] or value_of(transcript_record, name) != values[-1]):
            lost += 1
    emit("faults.concurrent_fixes", tried=writers * count, failed=failed, lost=lost)


def disk_full(trials: int) -> None:
    from test_faults import fill_up, interview_until_full

    from assistant.interview.transcript import read

    mount = Path(tempfile.mkdtemp(prefix="jixiao-full-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        emit("faults.disk_full", skipped="cannot mount a tmpfs (needs root)")
        return
    tried = refused = lost = failed = 0
    try:
        for trial in range(trials):
            fill_up(mount, trial)
            path = mount / "t.jsonl"
            answers, _, refusals, session = interview_until_full(path)
            tried, refused = tried + answers, refused + refusals
            if session is not None:
                transcript = read(path)
                failed += bool(transcript.problems) or not path.read_bytes().endswith(b"\n")
                lost += session.events - len(transcript.events)
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
    emit("faults.disk_full", trials=trials, tried=tried, refused_in_chinese=refused, failed=failed, lost=lost)


def damaged_lines(trials: int) -> None:
    """Garble a random line of a record's transcript, then fix another indicator."""
    lost = failed = 0
    for trial in range(trials):
        rng = random.Random(trial)
        home = Path(tempfile.mkdtemp(prefix="jixiao-damaged-"))
        store = Store(home)
        rid = store.save(load_file(GOOD / "project_network_leasing_2023.json"), status="final")
        done = [("参保群众满意度", "≥95%"), ("专线网络可用率", "≥99%"), ("结算信息上传率", "≥98%")]
        for name, value in done:
            fix(store, rid, name, value)
        path = store.transcript_path(rid)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        n = rng.randrange(len(lines))
        lines[n] = lines[n][: rng.randrange(1, 30)] + "\x00garbled\n"
        path.write_text("".join(lines), encoding="utf-8")
        try:
            fix(store, rid, "村卫生室专线数量", "=120条")
        except Exception:  # noqa: BLE001 - counted
            failed += 1
            continue
        rows = {r["name"]: r["value"] for r in store.get(rid)["indicators"]["annual"]}
        lost += sum(rows[name] != value for name, value in done + [("村卫生室专线数量", "=120条")])
        failed += replay(path).record != store.get(rid)
    emit("faults.damaged_transcript_line", tried=trials, failed=failed, lost=lost)


def bad_inputs() -> None:
    from test_bad_input import BAD_FILES

    from assistant.cli.main import main

    tried = tracebacks = wrong_code = 0
    with tempfile.TemporaryDirectory() as tmp:
        for _name, text in BAD_FILES.items():
            path = Path(tmp) / "bad.json"
            path.write_text(text, encoding="utf-8")
            for command in (
                ["check", str(path)],
                ["check", str(path), "--json"],
                ["--home", str(Path(tmp) / "h"), "import", str(path)],
            ):
                tried += 1
                err = io.StringIO()
                try:
                    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                        code = main(command)
                except BaseException:  # noqa: BLE001 - counted
                    tracebacks += 1
                    continue
                wrong_code += code != 2 or "Traceback" in err.getvalue()
    emit("faults.bad_input_files", tried=tried, failed=tracebacks + wrong_code, lost=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts")
    args = parser.parse_args()
    quick = args.quick
    fuzz_interviews(300 if quick else 2000)
    bad_inputs()
    damaged_lines(5 if quick else 20)
    disk_full(40)
    concurrent_fixes(4 if quick else 8, 10 if quick else 50)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
