"""`jixiao review DIR [--out report.xlsx] [--json] [--jobs N]`: a reviewer's
pass over a folder of submissions.

Every form file in the folder (recursively) is read and checked on all
cores; then the copy-paste comparison runs once over all forms through one
pair index, and linked forms are grouped into clusters. The workbook has
汇总 (one row per form), 问题明细 (one row per finding) and 雷同 (clusters,
with the indicator rows they share)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.cli.parser import UsageError


@dataclass
class Reviewed:
    source: Any  # cli.sources.Source
    findings: list  # rules.Finding


def form_files(directory: Path, skip: Path | None = None) -> list[Path]:
    from assistant.intake import SUFFIXES

    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith((".", "~$")) or path.suffix.lower() not in SUFFIXES:
                continue
            if skip is not None and path.resolve() == skip:
                continue
            found.append(path)
    return found


def review(
    directory: str, jobs: int | None = None, progress=None, year: int | None = None
) -> tuple[list[Reviewed], list[list[str]], list[dict], Any]:
    """(forms with findings, clusters of labels, unreadable files, the pair index)."""
    from assistant.cli.sources import check_all
    from assistant.knowledge import load

    files = [str(p) for p in form_files(Path(directory), skip=getattr(progress, "skip", None))]
    checked, unreadable, others = check_all(files, jobs, progress, parallel_from=9, year=year)
    reviewed = [Reviewed(source, findings) for source, findings in checked]
    failed = [{"file": _file_of(message, files), "message": message} for message in unreadable]
    threshold = load().params["copy_paste_share"]
    return reviewed, clusters(others, [r.source.label for r in reviewed], threshold), failed, others


def _file_of(message: str, files: list[str]) -> str:
    """The file an unreadable-file message (which starts with its name) is about."""
    return max((f for f in files if message.startswith(f)), key=len, default="")


def clusters(others, labels: list[str], threshold: float) -> list[list[str]]:
    """Forms linked by copy-paste (either way), as connected groups of two or more."""
    parent = {label: label for label in labels}

    def find(label):
        while parent[label] != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    for label in labels:
        for other in others.linked(label, threshold):
            parent[find(other)] = find(label)
    groups: dict[str, list[str]] = {}
    for label in labels:
        groups.setdefault(find(label), []).append(label)
    return [group for group in groups.values() if len(group) > 1]


def shared_rows(others, group: list[str]) -> list[tuple[str, str]]:
    """The (name, value) pairs every form of a cluster has; else those most of them have."""
    from collections import Counter

    counts = Counter(pair for label in group for pair in others.index.pairs_of(label))
    if not counts:
        return []
    top = max(counts.values())
    return sorted(pair for pair, n in counts.items() if n == top)


def run(directory: str, out: str | None, as_json: bool, jobs: int | None, year: int | None = None) -> int:
    from assistant.cli import review_report

    root = Path(directory)
    if not root.is_dir():
        raise UsageError(f"jixiao review：{directory} 不是目录。请给出收到的表格所在的目录。")
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs 应为正整数。")
    progress = review_report.Progress(sys.stderr)
    progress.skip = Path(out).resolve() if out else None
    reviewed, groups, unreadable, others = review(directory, jobs, progress, year)
    progress.done()
    if out:
        from assistant.fileio import write_atomic

        write_atomic(
            out, review_report.workbook(reviewed, groups, unreadable, lambda group: shared_rows(others, group))
        )
    if as_json:
        from assistant.fileio import dumps

        print(dumps(review_report.as_json(reviewed, groups, unreadable)), end="")
    else:
        review_report.print_text(reviewed, groups, unreadable, out)
    if unreadable:
        return 2
    return 1 if any(f.severity == "error" for r in reviewed for f in r.findings) else 0
