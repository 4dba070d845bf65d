"""Launch → first question on screen, headless.

    python bench/bench_tui.py [--runs N]

Each run starts a fresh Python process the way `jixiao` starts (CLI module,
data directory check, Textual app) with an empty JIXIAO_HOME, runs the app
headless, and reports as soon as the frame showing the first question has
been rendered. The time is measured in this process, from just before the
child is spawned to the moment it reports, so interpreter start-up and every
import are included. Prints one JSON object per line: {"name", "value", "unit"}.
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


JixiaoApp(home, None, offer_resume=True, on_ready=ready).run(headless=True, size=(120, 40))
"""


def one_run() -> float:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, JIXIAO_HOME=home, PYTHONPATH=str(ROOT))
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        _, err = child.communicate(timeout=30)
        if not line.startswith("READY form"):
            raise SystemExit(f"the app did not show the first question:\n{line}{err}")
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    one_run()  # warm the OS file cache and .pyc files
    times = [one_run() for _ in range(max(1, args.runs))]
    print(json.dumps({"name": "tui.first_question_s", "value": round(statistics.median(times), 3), "unit": "s"}))


if __name__ == "__main__":
    main()
