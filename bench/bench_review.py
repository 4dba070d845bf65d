"""`jixiao check` and `jixiao review` on many forms, and reading a long DOCX.

    python bench/bench_review.py [--small 100] [--large 1000]

Prints one JSON object per figure ({"name", "value", "unit"}):

- check / review of `small` and `large` record files (variants of the seed
  fixtures: every 4th one keeps its indicators, so copy-paste clusters exist,
  the others get their own values), in forms per second and the large ÷ small
  cost ratio. Aim: ratio ≤ 12 (×10 forms), ≥ 150 forms/s.
- review of a folder of `small` XLSX/DOCX exports (reading Office files).
- reading a 50-page DOCX (one project form with ~900 indicator rows). Aim ≤ 5 s.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.cli import check_cmd, review_cmd  # noqa: E402
from assistant.fileio import dumps, load_file  # noqa: E402
from assistant.intake import read_path  # noqa: E402
from assistant.render import write_forms  # noqa: E402

RECORDS = sorted((ROOT / "tests" / "fixtures" / "records").glob("*.json"))


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}, ensure_ascii=False), flush=True)


def variants(count: int) -> list[dict]:
    bases = [load_file(p) for p in RECORDS]
    out = []
    for n in range(count):
        record = copy.deepcopy(bases[n % len(bases)])
        if isinstance(record.get("project"), dict):
            record["project"]["name"] = f"{record['project']['name']}{n}"
        else:
            record["department"] = f"{record['department']}{n}"
        if n % 4:
            rows = record["indicators"]
            for row in (rows["mid_term"] + rows["annual"]) if isinstance(rows, dict) else rows:
                row["name"] = f"{row['name']}（{n}）"
        out.append(record)
    return out


def write_records(directory: Path, records: list[dict]) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, record in enumerate(records):
        path = directory / f"{n:05d}.json"
        path.write_text(dumps(record), encoding="utf-8")
        paths.append(str(path))
    return paths


CPU: dict[int, float] = {}


def timed(function) -> float:
    """Wall seconds; the CPU seconds (this process and its workers) go to CPU[id(function)]."""
    import os

    before = os.times()
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        function()
    after = os.times()
    CPU[id(function)] = sum(after[:4]) - sum(before[:4])
    return time.perf_counter() - start


def long_docx(directory: Path, pages: int = 50) -> Path:
    """One project form per page, built with python-docx: a 50-page document."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    rows = load_file(ROOT / "tests" / "fixtures" / "records" / "000_budget_it.json")["indicators"]["annual"]
    for page in range(pages):
        document.add_paragraph("项目支出绩效目标申报表")
        document.add_paragraph("（2022年度）")
        table = document.add_table(rows=0, cols=5)
        for texts in (
            ["项目名称", f"项目{page}", "", "", ""],
            ["实施单位", "某局", "", "", ""],
            ["项目资金（万元）", "年度资金总额：", "105", "", ""],
            ["", "其中：财政拨款", "105", "", ""],
            ["年度总体目标", f"第{page}个项目的目标", "", "", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
            *(["", row["level1"], row["level2"], row["name"], row["value"]] for row in rows),
        ):
            for cell, text in zip(table.add_row().cells, texts):
                cell.text = text
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    path = directory / "long.docx"
    document.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=1000)
    args = parser.parse_args()
    # warm up: knowledge base, schemas, search index (loaded once per process)
    timed(lambda: check_cmd.run([str(RECORDS[0])], True))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        costs, cpu = {}, {}
        for size in (args.small, args.large):
            paths = write_records(tmp / f"r{size}", variants(size))
            for command, run in (
                ("check", lambda: check_cmd.run(paths, True)),
                ("review", lambda: review_cmd.run(str(tmp / f"r{size}"), None, True, None)),
            ):
                costs[(command, size)] = timed(run)
                cpu[(command, size)] = CPU[id(run)]
        for command in ("check", "review"):
            for size in (args.small, args.large):
                emit(f"{command} {size} forms", size / costs[(command, size)], "forms/s")
                # independent of what else the machine runs: forms per CPU-second (×2 cores ≈ idle rate)
                emit(f"{command} {size} forms per CPU-second", size / cpu[(command, size)], "forms/cpu-s")
            emit(
                f"{command} cost ratio {args.large}/{args.small}",
                costs[(command, args.large)] / costs[(command, args.small)],
                "x",
            )
        office = tmp / "office"
        for n, record in enumerate(variants(args.small)):
            write_forms(record, office, f"{n:05d}", ["xlsx" if n % 2 else "docx"])
        cost = timed(lambda: review_cmd.run(str(office), None, True, None))
        emit(f"review {args.small} xlsx/docx files", args.small / cost, "forms/s")
        path = long_docx(tmp)
        start = time.perf_counter()
        intake = read_path(path)
        elapsed = time.perf_counter() - start
        rows = sum(len(form.record["indicators"]["annual"]) for form in intake.forms)
        emit(f"read a 50-page DOCX ({len(intake.forms)} forms, {rows} indicator rows)", elapsed, "s")


if __name__ == "__main__":
    main()
