"""Launch → first question on screen, headless, beside a bare Textual app.

    python bench/bench_tui.py [--runs N]

Each run starts a fresh Python process the way `jixiao` starts (CLI module,
data directory check, Textual app) with an empty JIXIAO_HOME, runs the app
headless, and reports as soon as the frame showing the first question has
been rendered: `jixiao` (the form question) and `jixiao new --form project`
(the first question of the interview, after the engine has loaded). The
reference, run in turns with them (each ratio against the bare app of its own
round, the median over rounds), is a bare Textual app (Header + RichLog + Input)
reporting its first frame. Times are measured in this process, from just
before the child is spawned to the moment it reports, so interpreter start-up
and every import are included. Aims: ≤ 0.5 s and ≤ 1.5× the bare app.
Prints one JSON object per line: {"name", "value", "unit"}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys
from assistant.cli import main as _cli          # what `jixiao` imports first
from assistant.records.home import resolve_home
home = resolve_home(None)
from assistant.tui.app import JixiaoApp


def ready(app):
    from assistant.tui.widgets import BotMessage
    shown = [m for m in app.query(BotMessage) if "question" in m.classes]
    if not shown or not shown[-1].region.height:      # not painted yet: look again after the next frame
        app.call_after_refresh(ready, app)
        return
    sys.__stdout__.write(f"READY {app.asked_key}\n")
    sys.__stdout__.flush()
    app.exit()


JixiaoApp(home, FORM, offer_resume=FORM is None, on_ready=ready).run(headless=True, size=(120, 40))
"""

BARE = r"""
import sys
from textual.app import App
from textual.widgets import Header, Input, RichLog


class Bare(App):
    def compose(self):
        yield Header()
        yield RichLog()
        yield Input()

    def on_mount(self):
        self.query_one(RichLog).write("您要填哪一种表？")
        self.call_after_refresh(self.ready)

    def ready(self):
        sys.__stdout__.write("READY bare\n")
        sys.__stdout__.flush()
        self.exit()


Bare().run(headless=True, size=(120, 40))
"""


CASES = {  # name → (child program, what it reports when ready)
    "bare_textual": (BARE, "READY bare"),
    "jixiao": (CHILD.replace("FORM", "None"), "READY form"),
    "jixiao_new_project": (CHILD.replace("FORM", "'project-declaration'"), "READY year"),
}


def one_run(case: str) -> float:
    program, expected = CASES[case]
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, JIXIAO_HOME=home, PYTHONPATH=str(ROOT))
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", program],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        _, err = child.communicate(timeout=30)
        if not line.startswith(expected):
            raise SystemExit(f"{case} did not show its first question:\n{line}{err}")
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for case in CASES:
        one_run(case)  # warm the OS file cache and .pyc files
    # In turns, each ratio against the bare app of its own round: a shared VM's
    # speed drifts too much between one block of runs and the next.
    rounds = [{case: one_run(case) for case in CASES} for _ in range(max(1, args.runs))]
    for case in CASES:
        median = statistics.median(times[case] for times in rounds)
        print(json.dumps({"name": f"tui.first_question_s.{case}", "value": round(median, 3), "unit": "s"}))
    for case in ("jixiao", "jixiao_new_project"):
        ratio = statistics.median(times[case] / times["bare_textual"] for times in rounds)
        print(
            json.dumps({"name": f"tui.first_question_ratio.{case}", "value": round(ratio, 2), "unit": "× bare Textual"})
        )


if __name__ == "__main__":
    main()
