"""Interview effort and answer latency, for each example transcript.

    python bench/bench_interview.py [--scale N] [--rounds N]

For each transcripts/*.jsonl it prints one JSON object per line
({"name", "value", "unit"}):

- effort ratio: characters the user typed (Σ len(event["text"])) ÷ the visible
  characters of the finished form — the text of its title and of every cell, as a
  reader sees it on paper, without spaces (not the Markdown, whose pipes and
  dashes flattered the figure 1.8×). Aim ≤ 0.35. Also pooled over all transcripts.
  A breakdown says where the typing went (goals, indicator names, values, rest).
- answer latency: the transcript's answers replayed through a fresh Interview,
  timing resolve + answer per answer, p50 and p95 in ms — once with the real
  knowledge base and once with it scaled ×N (default 50) by synthetic standard
  indicators (the search index over it is built once, as the app does per
  process). Aim p95 ≤ 20 ms.

The synthetic indicators are clones of the real ones with made-up names,
aliases and keywords (random characters from the knowledge base's own
alphabet, fixed seed), so the search has N× the work but the interview takes
the same path: the bench checks that every answer is still accepted.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.interview.engine import Interview  # noqa: E402
from assistant.interview.replay import replay  # noqa: E402
from assistant.interview.transcript import read  # noqa: E402
from assistant.knowledge import IndicatorSearch, KnowledgeBase, load  # noqa: E402
from assistant.render.forms import build_form  # noqa: E402
from assistant.render.grid import display  # noqa: E402

TRANSCRIPTS = ROOT / "transcripts"


def scaled_kb(kb: KnowledgeBase, factor: int, seed: int = 20240601) -> KnowledgeBase:
    """The knowledge base with (factor - 1) synthetic clones of every indicator."""
    rng = random.Random(seed)
    alphabet = sorted(
        {
            ch
            for ind in kb.indicators
            for text in (ind.name, *ind.aliases, *ind.keywords)
            for ch in text
            if "\u4e00" <= ch <= "\u9fff"
        }
    )

    def word(length: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(length))

    clones = []
    for copy in range(1, factor):
        for ind in kb.indicators:
            clones.append(
                ind._replace(
                    id=f"{ind.id}~{copy}",
                    name=word(len(ind.name)),
                    aliases=tuple(word(len(a)) for a in ind.aliases),
                    keywords=tuple(word(len(k)) for k in ind.keywords),
                    project_types=(),
                )
            )
    return KnowledgeBase(
        frameworks=kb.frameworks,
        indicators=[*kb.indicators, *clones],
        project_types=kb.project_types,
        params=kb.params,
        scoring=kb.scoring,
        release=f"{kb.version}x{factor}",
    )


def answers(path: Path) -> list[str]:
    return [event["text"] for _, event in read(path).events]


def latencies(path: Path, kb: KnowledgeBase | None, search: IndicatorSearch | None = None) -> tuple[list[float], int]:
    """Milliseconds per answer (resolve + answer), and how many answers were refused.
    `search` is the index over `kb`, built once per process as the app does."""
    header = read(path).header
    # As replay does: a self-evaluation interview starts from the declaration it carries.
    form, source = header.get("form"), header.get("source")
    interview = (
        Interview(form, kb=kb, search=search, source=source) if kb is not None else Interview(form, source=source)
    )
    times, refused = [], 0
    for text in answers(path):
        start = time.perf_counter()
        reply = interview.answer(interview.resolve(text))
        times.append((time.perf_counter() - start) * 1000)
        refused += not reply.accepted
    return times, refused


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1]


def effort(path: Path) -> dict[str, float]:
    transcript = read(path)
    typed = {"goals": 0, "names": 0, "values": 0, "other": 0}
    for _, event in transcript.events:
        key, text = event["q"], event["text"]
        if key.startswith("goals."):
            part = "goals"
        elif ":" in key and not key.endswith((":confirm", ":derive")) and text != "完成":
            part = "names"
        elif key.endswith(".value"):
            part = "values"
        else:
            part = "other"
        typed[part] += len(text)
    form = visible_chars(replay(path).record)
    total = sum(typed.values())
    return {"typed": total, "form": form, "ratio": total / form, **{f"typed_{k}": v for k, v in typed.items()}}


def visible_chars(record: dict) -> int:
    """Characters a reader sees on the printed form: title, subtitle and cells."""
    form = build_form(record)
    texts = [form.title, form.subtitle] + [display(placed.cell) for table in form.tables for placed in table.cells]
    texts += [table.caption or "" for table in form.tables]
    return sum(len("".join(text.split())) for text in texts)


def emit(name: str, value, unit: str) -> None:
    print(json.dumps({"name": name, "value": value, "unit": unit}, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=50, help="knowledge base scale factor (default 50)")
    parser.add_argument("--rounds", type=int, default=3, help="timed replays per transcript (default 3)")
    args = parser.parse_args()
    paths = sorted(TRANSCRIPTS.glob("*.jsonl"))
    if not paths:
        raise SystemExit("no transcripts in transcripts/")
    big = scaled_kb(load(), args.scale)
    kbs = {"kb": (None, None), f"kb_x{args.scale}": (big, IndicatorSearch(big))}
    pooled = [effort(path) for path in paths]
    emit(
        "pooled.effort_ratio",
        round(sum(f["typed"] for f in pooled) / sum(f["form"] for f in pooled), 3),
        "typed chars / visible form chars",
    )
    for path in paths:
        name = path.stem
        figures = effort(path)
        emit(f"{name}.effort_ratio", round(figures["ratio"], 3), "typed chars / visible form chars")
        emit(f"{name}.typed_chars", figures["typed"], "chars")
        emit(f"{name}.form_chars", figures["form"], "chars")
        for part in ("goals", "names", "values", "other"):
            emit(f"{name}.typed_{part}", figures[f"typed_{part}"], "chars")
        emit(f"{name}.answers", len(answers(path)), "answers")
        for label, (kb, search) in kbs.items():
            latencies(path, kb, search)  # warm-up: imports, the search index
            times: list[float] = []
            refused = 0
            for _ in range(max(1, args.rounds)):
                round_times, round_refused = latencies(path, kb, search)
                times += round_times
                refused = max(refused, round_refused)
            emit(f"{name}.latency_p50.{label}", round(percentile(times, 50), 2), "ms")
            emit(f"{name}.latency_p95.{label}", round(percentile(times, 95), 2), "ms")
            emit(f"{name}.latency_max.{label}", round(max(times), 2), "ms")
            emit(f"{name}.refused.{label}", refused, "answers")


if __name__ == "__main__":
    main()
