"""`jixiao replay TRANSCRIPT|DIR [--out DIR] [--format json,md,xlsx,docx,pdf] [--jobs N]`."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from assistant.cli.parser import UsageError
from assistant.forms import title_of
from assistant.interview.transcript import TranscriptError

FORMATS = ("json", "md", "xlsx", "docx", "pdf")


@dataclass
class FileSummary:
    """What one replay produced, small enough to send back from a worker process."""

    name: str
    title: str = ""
    finished: bool = False
    stopped_at: str = ""
    failures: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    unreadable: str = ""


def replay_file(path: Path, out: str, formats: tuple[str, ...], durable: bool = True) -> FileSummary:
    from assistant.interview.replay import replay, write_outputs

    summary = FileSummary(path.name)
    try:
        result = replay(path)
    except TranscriptError as exc:
        summary.unreadable = str(exc)
        return summary
    write_outputs(result, out, formats, durable=durable)
    record = result.record
    name = title_of(record)
    question = result.interview.question()
    summary.title = f"{name}（{record.get('year')}）"
    summary.finished = result.finished
    summary.stopped_at = question.prompt[:30] if question else "—"
    summary.failures = [f.text() for f in result.failures]
    summary.problems = [p.message for p in result.problems]
    findings = result.findings()
    summary.counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in ("error", "warning", "info")}
    summary.errors = [f.line() for f in findings if f.severity == "error"]
    summary.outputs = [str(p) for p in result.outputs]
    return summary


def run(target: str, out: str, formats: str, jobs: int | None = None) -> int:
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(f"--format 可选 {','.join(FORMATS)}，不认识：{','.join(unknown) or '（空）'}")
    if "pdf" in chosen:
        from assistant.render.pdf import missing

        if missing():
            raise UsageError(missing())
    path = Path(target)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise UsageError(f"目录 {path} 里没有 .jsonl 访谈记录。")
    elif path.exists():
        files = [path]
    else:
        print(f"找不到 {path}。", file=sys.stderr)
        return 2
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    summaries = _replay_all(files, out, chosen, jobs)
    failed = sum(1 for s in summaries if s.failures)
    unreadable = sum(1 for s in summaries if s.unreadable)
    for summary in summaries:
        _print(summary, verbose=len(files) == 1 or bool(summary.failures))
    if len(files) > 1:
        print(
            f"\n共 {len(files)} 份：{len(files) - failed - unreadable} 份全部通过，{failed} 份有不再通过的回答，"
            f"{unreadable} 份无法读取。输出在 {out}"
        )
    if unreadable == len(files):
        return 2
    return 1 if failed or unreadable else 0


def _replay_all(files: list[Path], out: str, formats: tuple[str, ...], jobs: int) -> list[FileSummary]:
    """Replays in order; a directory is spread over `jobs` processes (one per core
    by default), with a progress bar. Every output is written whole as it is made
    and flushed to disk once at the end (fileio.sync_all), before anything is reported."""
    from assistant.fileio import can_sync_all, sync_all

    durable = not can_sync_all()
    summaries = []
    if jobs == 1:
        for number, file in enumerate(files, 1):
            if len(files) > 1:
                _progress(number, len(files), file.name)
            summaries.append(replay_file(file, out, formats, durable))
    else:
        # "spawn" keeps workers independent of whatever the parent has imported or locked.
        with get_context("spawn").Pool(jobs) as pool:
            tasks = [(file, out, formats, durable) for file in files]
            chunk = max(1, len(files) // (jobs * 8))
            for number, summary in enumerate(pool.imap(_replay_task, tasks, chunksize=chunk), 1):
                summaries.append(summary)
                _progress(number, len(files), summary.name)
    if not durable:
        sync_all()
    return summaries


def _replay_task(task: tuple[Path, str, tuple[str, ...], bool]) -> FileSummary:
    return replay_file(*task)


def _progress(done: int, total: int, name: str) -> None:
    if not sys.stderr.isatty():  # a bar redrawn with \r is noise in a log file
        return
    width = 30
    filled = width * done // total
    print(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}",
        end="",
        file=sys.stderr,
        flush=True,
    )


def _print(summary: FileSummary, verbose: bool) -> None:
    if summary.unreadable:
        print(f"\n无法重放 {summary.unreadable}", file=sys.stderr)
        return
    state = "已定稿" if summary.finished else f"未完成（停在：{summary.stopped_at}）"
    print(f"\n== {summary.name}：{summary.title}{state}")
    for problem in summary.problems:
        print(f"  注意：{problem}")
    for failure in summary.failures:
        print(f"  不通过：{failure}")
    if verbose:
        counts = summary.counts
        print(f"  审查：{counts['error']} 个错误、{counts['warning']} 个警告、{counts['info']} 个提示")
        for line in summary.errors:
            print("  " + line)
        for output in summary.outputs:
            print(f"  已写出 {output}")
