"""Rendering speed: milliseconds per record for Markdown, XLSX and DOCX,
and XLSX+DOCX records per second (aim: at least 30).

    python bench/bench_render.py [--rounds N]

Renders every record in tests/fixtures/records/ in memory (no disk writes),
each in its own template, and prints one JSON object per line:
{"name", "value", "unit"}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.fileio import load_file  # noqa: E402
from assistant.render.docx import docx_bytes  # noqa: E402
from assistant.render.markdown import render_markdown  # noqa: E402
from assistant.render.xlsx import xlsx_bytes  # noqa: E402

RENDERERS = {"md": render_markdown, "xlsx": xlsx_bytes, "docx": docx_bytes}


def records() -> list[dict]:
    paths = sorted((ROOT / "tests" / "fixtures" / "records").glob("*.json"))
    if not paths:
        raise SystemExit("no records in tests/fixtures/records/")
    return [load_file(path) for path in paths]


def ms_per_record(render, items: list[dict], rounds: int) -> float:
    for record in items:  # warm-up: imports, templates, caches
        render(record)
    start = time.perf_counter()
    for _ in range(rounds):
        for record in items:
            render(record)
    return (time.perf_counter() - start) * 1000 / (rounds * len(items))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    items = records()
    times = {}
    for name, render in RENDERERS.items():
        times[name] = ms_per_record(render, items, max(1, args.rounds))
        print(json.dumps({"name": f"render_{name}", "value": round(times[name], 2), "unit": "ms/record"}))
    office = 1000 / (times["xlsx"] + times["docx"])
    print(json.dumps({"name": "render_xlsx_docx", "value": round(office, 1), "unit": "records/s"}))


if __name__ == "__main__":
    main()
