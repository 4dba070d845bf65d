"""Knowledge base: its size, `jixiao kb search` start-up, and answer latency with it ×N.

    python bench/bench_kb.py [--runs N] [--scale N]

Prints one JSON object per figure ({"name", "value", "unit"}):

- counts: indicators, project types, sectors, indicators with a source, with a
  URL source, with a typical value;
- `kb search` in a fresh process (`jixiao kb search 水质达标率`, and `szdbl`),
  median wall and CPU time of --runs, and the median ratio to `python -c pass`
  run in turns with it (aim ≤ 8×, and ≤ 0.12 s);
- answer → next question for a water-project interview (农村饮水安全工程维修养护经费)
  through its indicator section, each answer timed with building the next
  question *and its suggestions* (what the UI shows), p50/p95 in ms, with the
  real knowledge base and with it scaled ×N (default 50) as in bench_interview.py.
  Aim p95 ≤ 20 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_interview import emit, percentile, scaled_kb  # noqa: E402

from assistant.interview.engine import Interview  # noqa: E402
from assistant.knowledge import IndicatorSearch, load  # noqa: E402

# The water project's opening answers (shared with the tests), then its goal.
HEADER = [
    *json.loads((ROOT / "tests" / "fixtures" / "openings.json").read_text(encoding="utf-8"))["water"],
    "完成全县32处农村集中供水工程维修养护，保障12万农村人口饮水安全",
    "完成",
]


def _timed(command: list[str], ok: tuple[int, ...]) -> tuple[float, float]:
    """Wall and CPU time (user + system) of one run of the command, in s; it must
    exit with one of the `ok` codes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode not in ok:
        raise subprocess.CalledProcessError(done.returncode, command)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def fresh(command: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Median wall time and median CPU time of the command, in s. CPU time says
    more on a shared machine: it does not count waiting for a core."""
    times = [_timed(command, ok) for _ in range(runs)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def against_reference(
    reference: list[str], commands: dict[str, list[str]], runs: int, ok: tuple[int, ...] = (0,)
) -> tuple[tuple[float, float], dict[str, tuple[float, float, float, float]]]:
    """Each command beside a reference command, run in turns (reference, then each
    command, `runs` rounds), so that both see the same machine: a shared VM's
    speed drifts by a third within a minute. Gives the reference's median wall and
    CPU time, and for each command its median wall and CPU time and the median over
    rounds of its wall and CPU ratio to the reference of the same round."""
    rounds: list[tuple[tuple[float, float], dict[str, tuple[float, float]]]] = []
    for _ in range(runs):
        base = _timed(reference, (0,))
        rounds.append((base, {label: _timed(command, ok) for label, command in commands.items()}))
    base_wall = statistics.median(base[0] for base, _ in rounds)
    base_cpu = statistics.median(base[1] for base, _ in rounds)
    figures = {}
    for label in commands:
        figures[label] = (
            statistics.median(times[label][0] for _, times in rounds),
            statistics.median(times[label][1] for _, times in rounds),
            statistics.median(times[label][0] / base[0] for base, times in rounds),
            statistics.median(times[label][1] / max(base[1], 1e-6) for base, times in rounds),
        )
    return (base_wall, base_cpu), figures


def emit_against_reference(commands: dict[str, list[str]], runs: int, ok: tuple[int, ...] = (0,)) -> None:
    """The figures of `against_reference` with `python -c pass` as the reference."""
    (wall, cpu), figures = against_reference([sys.executable, "-c", "pass"], commands, runs, ok)
    emit("python_pass.fresh_process", round(wall, 3), "s")
    emit("python_pass.fresh_process_cpu", round(cpu, 3), "s")
    for label, (wall, cpu, wall_ratio, cpu_ratio) in figures.items():
        emit(f"{label}.fresh_process", round(wall, 3), "s")
        emit(f"{label}.fresh_process_cpu", round(cpu, 3), "s")
        emit(f"{label}.vs_python_pass", round(wall_ratio, 1), "×")
        emit(f"{label}.vs_python_pass_cpu", round(cpu_ratio, 1), "×")


def jixiao() -> list[str]:
    script = Path(sys.executable).parent / "jixiao"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli.main"]


def answer_for(iv: Interview) -> str | None:
    """What a clerk taking the suggestions types; None once the indicators are done."""
    question = iv.question()
    if question is None or question.key in ("review", "indicators.mid_term:derive"):
        return None
    key = question.key
    if key.endswith(".value"):
        if question.default:
            return ""
        row = iv.record["indicators"]["annual"][int(key.split("[")[1].split("]")[0])]
        standard = next((i for i in iv.kb.indicators if i.name == row["name"]), None)
        if standard is None or standard.direction == "定性" or not standard.unit:
            return "显著提升"
        return f"{'≤' if standard.direction == '反向' else '≥'}10{standard.unit}"
    if key.count(":") == 1 and "[" not in key and key.startswith("indicators.annual"):
        level2 = key.split(":")[1]
        filled = any(r["level2"] == level2 for r in iv.record["indicators"]["annual"])
        return "1" if question.suggestions and not filled else "完成"
    return "" if question.default is not None or question.optional else None


def latencies(kb=None, search=None) -> list[float]:
    iv = Interview("project-declaration", kb=kb, search=search) if kb is not None else Interview("project-declaration")
    for text in HEADER:
        iv.answer(iv.resolve(text))
    times = []
    for _ in range(200):
        text = answer_for(iv)
        if text is None:
            break
        start = time.perf_counter()
        iv.answer(iv.resolve(text))
        question = iv.question()
        if question is not None:
            len(question.suggestions)  # the UI lists them
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per command (default 7)")
    parser.add_argument("--scale", type=int, default=50, help="knowledge base scale factor (default 50)")
    args = parser.parse_args()
    kb = load()
    emit("kb.indicators", len(kb.indicators), "indicators")
    emit("kb.project_types", len(kb.project_types), "types")
    emit("kb.sectors", len(kb.sectors), "sectors")
    emit("kb.with_source", sum(1 for i in kb.indicators if i.source), "indicators")
    emit("kb.with_url_source", sum(1 for i in kb.indicators if i.source.startswith("http")), "indicators")
    emit("kb.with_typical", sum(1 for i in kb.indicators if i.typical), "indicators")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # children inherit it: cache bytecode as an install does
    searches = {f"kb_search.{q}": [*jixiao(), "kb", "search", q] for q in ("水质达标率", "szdbl")}
    for command in searches.values():
        fresh(command, 1)  # warm-up: the bytecode cache
    emit_against_reference(searches, args.runs)
    big = scaled_kb(kb, args.scale)
    for label, (base, search) in {"kb": (None, None), f"kb_x{args.scale}": (big, IndicatorSearch(big))}.items():
        latencies(base, search)  # warm-up: imports, the search index
        times = latencies(base, search) + latencies(base, search)
        emit(f"water_interview.answers.{label}", len(times) // 2, "answers")
        emit(f"water_interview.latency_p50.{label}", round(percentile(times, 50), 2), "ms")
        emit(f"water_interview.latency_p95.{label}", round(percentile(times, 95), 2), "ms")
        emit(f"water_interview.latency_max.{label}", round(max(times), 2), "ms")


if __name__ == "__main__":
    main()
