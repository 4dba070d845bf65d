"""`jixiao check FILE.json [FILE.json …] [--json]`."""

from __future__ import annotations

import json
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from assistant.fileio import InputError, dumps, parse_user_json, read_user_text
from assistant.forms import FORM_LABELS, SELF_EVALUATIONS
from assistant.records.home import describe_oserror
from assistant.rules import SEVERITY_LABEL
from assistant.rules.scoring import summary




class UnreadableRecord(Exception):
    """A file that cannot be checked at all; the message names the file (Chinese)."""


def read_record(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        record = parse_user_json(read_user_text(path))
    except InputError as exc:
        raise UnreadableRecord(f"{path}：{exc}，未检查。") from None
    except FileNotFoundError:
        raise UnreadableRecord(f"{path}：找不到这个文件。") from None
    except IsADirectoryError:
        raise UnreadableRecord(f"{path}：这是一个目录，请给出表格文件（用 jixiao review 审查整个目录）。") from None
    except UnicodeDecodeError:
        raise UnreadableRecord(f"{path}：不是 UTF-8 编码的文本文件。") from None
    except json.JSONDecodeError as exc:
        raise UnreadableRecord(f"{path}：不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）。") from None
    except OSError as exc:
        reason, _ = describe_oserror(exc)
        raise UnreadableRecord(f"{path}：无法读取（{reason}）。") from None
    except ValueError as exc:   # e.g. a number beyond Python's own limits
        raise UnreadableRecord(f"{path}：不是有效的 JSON（{exc}）。") from None
    record = _current_version(record)
    if not isinstance(record, dict) or not isinstance(record.get("form"), str):
        raise UnreadableRecord(f"{path}：不是 jixiao 记录文件——缺少 form 字段或它不是文字"
                               f"（应为 {'、'.join(FORM_LABELS)} 之一）。")
    return record


def _current_version(data: Any) -> Any:
    """A file of the store (`db/records/<id>.json`: id, created, versions) is
    checked as its current version; anything else as it is."""
    if isinstance(data, dict) and "form" not in data and isinstance(data.get("versions"), list) and data["versions"]:
        last = data["versions"][-1]
        if isinstance(last, dict) and isinstance(last.get("record"), dict):
            return last["record"]
    return data


def describe(record: dict[str, Any]) -> str:
    project = record.get("project") if isinstance(record.get("project"), dict) else {}
    name = project.get("name") or record.get("department") or ""
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
        reading = [{"file": s.label, "where": where, "message": message}
                   for s in sources for where, message in s.problems]
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
        "indicators": [{"name": line.name, "level1": line.level1, "weight": line.weight,
                        "stated": line.stated, "computed": rounded(line.computed)} for line in result.lines],
        "by_level1": [{"level1": level1, "weight": weight, "score": rounded(score)}
                      for level1, weight, score in result.by_level1()],
        "total": rounded(result.total), "grade": result.grade,
        "stated_total": result.stated_total, "stated_grade": result.stated_grade,
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
