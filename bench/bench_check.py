"""`jixiao check FILE.json` in a fresh process, beside `python -c pass` in the same run.

    python bench/bench_check.py [--runs N]

Each command runs --runs times (default 9) in a fresh process with bytecode
caching on (PYTHONDONTWRITEBYTECODE unset, one warm-up run first writes the
.pyc files, as an installed jixiao has them). Records checked: a project
declaration, a self-evaluation and a department declaration from
tests/fixtures/records. Prints one JSON object per figure ({"name", "value",
"unit"}): median wall and CPU time of each command, and the median ratio of
each check to `python -c pass` run in turns with it, wall and CPU (aim ≤ 8×).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_kb import emit_against_reference, fresh, jixiao  # noqa: E402

RECORDS = {
    "project": "tests/fixtures/records/001_network_leasing.json",
    "self_eval": "tests/fixtures/records/002_selfeval_1_investigation.json",
    "department": "tests/fixtures/records/000_department.json",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="fresh processes per command (default 9)")
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # children inherit it: cache bytecode as an install does
    checks = {f"check.{label}": [*jixiao(), "check", str(ROOT / path)] for label, path in RECORDS.items()}
    for command in checks.values():
        fresh(command, 1, ok=(0, 1))  # warm-up: writes the bytecode cache
    emit_against_reference(checks, args.runs, ok=(0, 1))


if __name__ == "__main__":
    main()
