"""`jixiao check FILE.json [FILE.json …] [--json]`."""

from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assistant.cli.record_files import UnreadableRecord, read_record  # noqa: F401  (re-exported)
from assistant.fileio import dumps
from assistant.forms import SELF_EVALUATIONS, title_of
from assistant.rules import SEVERITY_LABEL
from assistant.rules.scoring import summary


def describe(record: dict[str, Any]) -> str:
    name = title_of(record)
    from assistant.cli.sources import form_label

    return f"{form_label(record.get('form'))}：{name}（{record.get('year', '')}年度）"


def print_rules(as_json: bool) -> int:
    """`jixiao check --rules`: the rule catalogue."""
    from assistant.rules import catalogue

    print(dumps({"rules": catalogue.entries()}) if as_json else catalogue.text(), end="")
    return 0


def run(files: list[str], as_json: bool, year: int | None = None) -> int:
    from assistant.cli.sources import check_all

    # Files are read and checked on all cores when there are many; the
    # copy-paste comparison then runs once over one pair index.
    checked, unreadable, _ = check_all(files, year=year)
    sources = [source for source, _ in checked]
    results = [(s.label, s.record, findings) for s, findings in checked]
    if as_json:
        findings = []
        for name, _, found in results:
            for finding in found:
                item = finding.as_dict()
                if len(results) > 1 or len(files) > 1:
                    item["file"] = name
                findings.append(item)
        out: dict[str, Any] = {"findings": findings}
        reading = [
            {"file": s.label, "where": where, "message": message} for s in sources for where, message in s.problems
        ]
        if reading:
            out["reading"] = reading
        scores = [_scores(name, record) for name, record, _ in results if record.get("form") in SELF_EVALUATIONS]
        if scores:
            out["scores"] = scores
        if unreadable:
            out["unreadable"] = unreadable
        print(dumps(out), end="")
    else:
        for source, (name, record, found) in zip(sources, results):
            _print_text(name, record, found)
            for where, message in source.problems:
                print(f"  读入提示：{where}：{message}")
    for message in unreadable:
        print(f"无法检查 {message}", file=sys.stderr)
    if unreadable:
        return 2
    return 1 if any(f.severity == "error" for _, _, found in results for f in found) else 0


def _scores(name: str, record: dict[str, Any]) -> dict[str, Any]:
    """The computed 执行率, scores, total and grade of a self-evaluation, beside
    what the preparer stated (`check --json` key "scores", one per file)."""
    result = summary(record)
    two = Decimal("0.01")

    def rounded(value: Decimal | None) -> Decimal | None:
        return None if value is None else value.quantize(two, ROUND_HALF_UP)

    return {
        "file": name,
        "execution_rate": rounded(result.rate * 100) if result.rate is not None else None,
        "execution": {"weight": result.execution_weight, "score": rounded(result.execution_score)},
        "indicators": [
            {
                "name": line.name,
                "level1": line.level1,
                "weight": line.weight,
                "stated": line.stated,
                "computed": rounded(line.computed),
            }
            for line in result.lines
        ],
        "by_level1": [
            {"level1": level1, "weight": weight, "score": rounded(score)}
            for level1, weight, score in result.by_level1()
        ],
        "total": rounded(result.total),
        "grade": result.grade,
        "stated_total": result.stated_total,
        "stated_grade": result.stated_grade,
    }


def _print_text(name: str, record: dict[str, Any], findings) -> None:
    print(f"== {name}  {describe(record)}")
    for finding in findings:
        print("  " + finding.line())
    if record.get("form") in SELF_EVALUATIONS:
        print("  " + summary(record).line())
    counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITY_LABEL}
    verdict = "可以提交" if not counts["error"] else "有错误，需修改后才能定稿"
    print(f"  共 {counts['error']} 个错误、{counts['warning']} 个警告、{counts['info']} 个提示——{verdict}。")
