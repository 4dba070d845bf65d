"""`jixiao replay TRANSCRIPT|DIR [--out DIR] [--format json,md,xlsx,docx]`."""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.cli.parser import UsageError
from assistant.interview.replay import replay, write_outputs
from assistant.interview.transcript import TranscriptError
from assistant.rules import SEVERITY_LABEL

FORMATS = ("json", "md", "xlsx", "docx")


def run(target: str, out: str, formats: str) -> int:
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(f"--format 可选 {','.join(FORMATS)}，不认识：{','.join(unknown) or '（空）'}")
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
    failed = unreadable = 0
    for number, file in enumerate(files, 1):
        if len(files) > 1:
            _progress(number, len(files), file.name)
        try:
            result = replay(file)
        except TranscriptError as exc:
            print(f"\n无法重放 {exc}", file=sys.stderr)
            unreadable += 1
            continue
        write_outputs(result, out, chosen)
        failed += bool(result.failures)
        _summary(result, verbose=len(files) == 1 or bool(result.failures))
    if len(files) > 1:
        print(f"\n共 {len(files)} 份：{len(files) - failed - unreadable} 份全部通过，{failed} 份有不再通过的回答，"
              f"{unreadable} 份无法读取。输出在 {out}")
    return 2 if unreadable and not failed and unreadable == len(files) else (1 if failed or unreadable else 0)


def _progress(done: int, total: int, name: str) -> None:
    width = 30
    filled = width * done // total
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}", end="", file=sys.stderr, flush=True)


def _summary(result, verbose: bool) -> None:
    record = result.record
    name = (record.get("project") or {}).get("name") or record.get("department") or ""
    state = "已定稿" if result.finished else f"未完成（停在：{_where(result)}）"
    print(f"\n== {result.path.name}：{name}（{record.get('year')}）{state}")
    for problem in result.problems:
        print(f"  注意：{problem.message}")
    for failure in result.failures:
        print(f"  不通过：{failure.text()}")
    if verbose:
        findings = result.findings()
        counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITY_LABEL}
        print(f"  审查：{counts['error']} 个错误、{counts['warning']} 个警告、{counts['info']} 个提示")
        for finding in findings:
            if finding.severity == "error":
                print("  " + finding.line())
        for path in result.outputs:
            print(f"  已写出 {path}")


def _where(result) -> str:
    question = result.interview.question()
    return question.prompt[:30] if question else "—"
