"""Replay throughput over 1,000 transcripts: JSON + Markdown, then with XLSX + DOCX.

The example transcripts in transcripts/ are cloned with a numbered project
(or department) name, so every replay is a distinct interview. Prints one
JSON object per figure: {"name", "value", "unit"}. Beside each wall-clock
throughput, `*_cpu_bound` is what the same number of quiet cores would do:
transcripts × jobs / the workers' CPU seconds (start-up included), since on a
shared machine the wall clock also counts waiting for a core.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.cli.replay_cmd import _replay_all  # noqa: E402
from assistant.fileio import can_sync_all, sync_all  # noqa: E402
from assistant.interview.replay import replay, write_outputs  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
NAME_KEYS = ("project.name", "department")


def clone(source: Path, target: Path, number: int) -> None:
    lines = source.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    renamed = False
    for line in lines[1:]:
        event = json.loads(line)
        if not renamed and event.get("q") in NAME_KEYS and event.get("type") == "answer":
            event["text"] = event["answer"] = f"{event['answer']}（{number}）"
            renamed = True
        out.append(json.dumps(event, ensure_ascii=False))
    target.write_text("\n".join(out) + "\n", encoding="utf-8")


def run(files: list[Path], out: Path, formats: tuple[str, ...]) -> tuple[float, int]:
    """In this process, written as `jixiao replay` writes: whole, synced once at the end."""
    failures = 0
    start = time.perf_counter()
    for path in files:
        result = replay(path)
        write_outputs(result, out, formats, durable=not can_sync_all())
        failures += len(result.failures)
    if can_sync_all():
        sync_all()
    return time.perf_counter() - start, failures


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    examples = sorted((ROOT / "transcripts").glob("*.jsonl"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = []
        for number in range(COUNT):
            target = tmp / f"t{number:04d}.jsonl"
            clone(examples[number % len(examples)], target, number)
            files.append(target)
        replay(files[0])  # warm caches and imports, as a long-running replay would be
        cpu = time.process_time()
        elapsed, failures = run(files, tmp / "out-md", ("json", "md"))
        cpu = time.process_time() - cpu
        print(
            json.dumps(
                {"name": "replay.json_md_serial_per_s", "value": round(COUNT / elapsed, 1), "unit": "transcripts/s"}
            )
        )
        print(json.dumps({"name": "replay.json_md_serial_cpu", "value": round(cpu / COUNT * 1000, 2), "unit": "ms"}))
        print(json.dumps({"name": "replay.json_md_failures", "value": failures, "unit": "answers"}))
        jobs = os.cpu_count() or 1
        for formats, name in (
            (("json", "md"), "replay.json_md_per_s"),
            (("json", "md", "xlsx", "docx"), "replay.all_formats_per_s"),
        ):
            before = children_cpu()
            start = time.perf_counter()
            summaries = _replay_all(files, str(tmp / f"out-{len(formats)}"), formats, jobs)
            elapsed = time.perf_counter() - start
            cpu = children_cpu() - before  # the workers' CPU, start-up and imports included
            assert not any(s.failures or s.unreadable for s in summaries)
            print(json.dumps({"name": name, "value": round(COUNT / elapsed, 1), "unit": "transcripts/s", "jobs": jobs}))
            # What `jobs` quiet cores would do: a busy shared machine slows the wall-clock figure.
            capacity = round(COUNT * jobs / cpu, 1)
            print(json.dumps({"name": f"{name}_cpu_bound", "value": capacity, "unit": "transcripts/s", "jobs": jobs}))


if __name__ == "__main__":
    main()
