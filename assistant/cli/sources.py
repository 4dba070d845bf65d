"""Files given to `check`, `import` and `review` → the forms they hold.

A `.json` file is one record; a text table, workbook, document or PDF may
hold many forms (read by `assistant.intake`), each named by its project.
The copy-paste comparison across many files uses one inverted pair index
(`records.similarity.PairIndex`) built once, instead of re-normalising every
other record's indicators for each record (which made `check` quadratic)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from assistant.records.similarity import PairIndex, record_pairs
from assistant.rules.copy_paste import project_label


def form_label(kind: object) -> str:
    """The Chinese name of a form kind, department self-evaluations included."""
    from assistant.forms import FORM_LABELS

    return FORM_LABELS.get(kind) or str(kind)


NO_YEAR = "没有找到年度"


class UnreadableSource(Exception):
    """A file that cannot be read at all; the message names the file (Chinese)."""


class Source:
    """One form read from a file given on the command line, with the problems of reading it."""

    def __init__(self, label: str, file: str, record: dict[str, Any], problems: list[tuple[str, str]] | None = None):
        self.label = label  # the file, or "file（project）" when the file holds several forms
        self.file = file
        self.record = record
        self.problems = problems if problems is not None else []  # (where, Chinese message) of reading


def read_sources(name: str, year: int | None = None) -> list[Source]:
    """The forms of a file; `year` is given to forms that print none (`--year`)."""
    sources = _read_sources(name)
    if year is not None:
        for source in sources:
            if isinstance(source.record, dict) and source.record.get("year") is None and "form" in source.record:
                source.record["year"] = year
                source.problems = [(w, m) for w, m in source.problems if not m.startswith(NO_YEAR)]
    return sources


def _read_sources(name: str) -> list[Source]:
    from assistant.cli.record_files import UnreadableRecord, read_record

    path = Path(name)
    if path.suffix.lower() == ".json" or path.is_dir():
        try:
            return [Source(name, name, read_record(name))]
        except UnreadableRecord as exc:
            raise UnreadableSource(str(exc)) from None
    from assistant.intake import IntakeError, read_path  # the readers of forms filled elsewhere

    try:
        intake = read_path(path)
    except IntakeError as exc:
        raise UnreadableSource(str(exc)) from None
    if not intake.forms:
        reasons = "；".join(f"{where}：{message}" for where, message in intake.problems[:3])
        raise UnreadableSource(f"{name}：没有找到可以读入的绩效表（申报表或自评表）。{reasons}")
    many = len(intake.forms) > 1
    sources = []
    seen: dict[str, int] = {}
    for form in intake.forms:
        label = name
        if many:
            seen[form.name] = seen.get(form.name, 0) + 1
            suffix = f"（{form.name}）" if seen[form.name] == 1 else f"（{form.name}·{seen[form.name]}）"
            label = f"{name}{suffix}"
        sources.append(Source(label, name, form.record, list(form.problems)))
    if intake.problems:
        sources[0].problems = list(intake.problems) + sources[0].problems
    return sources


class BatchOthers:
    """The other records of one `check`/`review` run as the `others` of a
    check: records.copy_paste asks `copy_paste_matches` (see
    assistant.rules.copy_paste) and gets the same matches and labels as the
    plain list would give, from one index."""

    def __init__(self, sources: list[Source]):
        self.index = PairIndex()
        self.records: dict[str, dict[str, Any]] = {}
        self.pairs: dict[str, frozenset] = {}  # each record's pairs, normalised once
        for source in sources:
            self.pairs[source.label] = record_pairs(source.record)
            self.index.add(source.label, "", self.pairs[source.label])
            self.records[source.label] = source.record
        self._label_of = {id(source.record): source.label for source in sources}

    def __bool__(self) -> bool:
        return len(self.records) > 1

    def copy_paste_matches(self, record: dict[str, Any], threshold: float) -> list[tuple[str, float]]:
        own = self._label_of.get(id(record))
        pairs = self.pairs[own] if own else record_pairs(record)
        found = []
        for label, share in self.index.matches(
            pairs, min_share=threshold, exclude_ids=[own] if own else [], normalised=True
        ):
            found.append((f"{label} {project_label(self.records[label])}", share))
        return found

    def linked(self, label: str, threshold: float) -> list[str]:
        """Labels of the records holding `threshold` of this record's pairs."""
        return [
            other
            for other, _ in self.index.matches(
                self.pairs[label], min_share=threshold, exclude_ids=[label], normalised=True
            )
        ]


COPY_PASTE = "records.copy_paste"


def _read_and_check(name: str, year: int | None = None) -> tuple[list, str | None]:
    """Worker: the forms of one file with their findings, copy-paste left out
    (it needs every form; the caller runs it once over one index)."""
    from assistant.rules import RULES, check

    try:
        sources = read_sources(name, year)
    except UnreadableSource as exc:
        return [], str(exc)
    rules = [rule for rule in RULES if rule != COPY_PASTE]
    return [(source, check(source.record, rules=rules)) for source in sources], None


def check_all(
    names: list[str], jobs: int | None = None, progress=None, parallel_from: int = 64, year: int | None = None
) -> tuple[list[tuple[Source, list]], list[str], BatchOthers]:
    """Every form of every file with all its findings (copy-paste across all
    of them included), the files that could not be read (Chinese messages),
    and the index used. Many files are read and checked on all cores."""
    import os

    from assistant.rules import check
    from assistant.rules.findings import SEVERITY_ORDER

    results: list[tuple[list, str | None]] = []
    workers = max(1, min(jobs or os.cpu_count() or 1, len(names)))
    if workers > 1 and len(names) >= parallel_from:
        from concurrent.futures import ProcessPoolExecutor

        from assistant.forms import FORM_IDS
        from assistant.knowledge import load, searcher
        from assistant.rules.schema import predicate, validator

        load(), searcher()  # loaded once here: forked workers inherit them
        for form in FORM_IDS:
            predicate(form), validator(form)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(names) // (workers * 8))
            task = partial(_read_and_check, year=year)
            for n, result in enumerate(pool.map(task, names, chunksize=chunk), 1):
                results.append(result)
                if progress:
                    progress(n, len(names))
    else:
        for n, name in enumerate(names, 1):
            results.append(_read_and_check(name, year))
            if progress:
                progress(n, len(names))
    checked: list[tuple[Source, list]] = []
    unreadable: list[str] = []
    for forms, error in results:
        if error:
            unreadable.append(error)
        checked += [(source, list(findings)) for source, findings in forms]
    others = BatchOthers([source for source, _ in checked])
    if others:
        for source, findings in checked:
            findings += check(source.record, others=others, rules=[COPY_PASTE])
            findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.path, f.rule))
    return checked, unreadable, others
