"""What `jixiao review` prints and writes: text, JSON and the workbook
(汇总, 问题明细, 雷同), plus its progress bar on stderr."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from assistant import record_path
from assistant.cli.sources import form_label
from assistant.forms import KINDS, SELF_EVALUATIONS, kind_of, title_of


class Progress:
    """`审查中 12/100 [####      ]` on stderr, only when stderr is a terminal."""

    def __init__(self, stream, minimum: int = 20):
        self.stream = stream
        self.minimum = minimum
        self.active = False
        self.skip = None
        try:
            self.tty = stream.isatty()
        except (AttributeError, ValueError):
            self.tty = False

    def __call__(self, done: int, total: int) -> None:
        if not self.tty or total < self.minimum:
            return
        width = 30
        filled = width * done // total
        self.stream.write(f"\r审查中 {done}/{total} [{'#' * filled}{' ' * (width - filled)}]")
        self.stream.flush()
        self.active = True

    def done(self) -> None:
        if self.active:
            self.stream.write("\n")
            self.stream.flush()


def _project(record: dict) -> dict:
    return record.get("project") if isinstance(record.get("project"), dict) else {}


def _unit(record: dict) -> str:
    project = _project(record)
    return project.get("unit") or project.get("department") or record.get("department") or ""


def _funds(record: dict) -> Decimal | None:
    """The year's total funds (a record of no known form: read as a project declaration)."""
    kind = kind_of(record.get("form")) or KINDS["project-declaration"]
    return record_path.get(record, kind.budget)


def _counts(findings) -> tuple[int, int]:
    return (sum(1 for f in findings if f.severity == "error"), sum(1 for f in findings if f.severity == "warning"))


def _scores(record: dict) -> dict | None:
    if record.get("form") not in SELF_EVALUATIONS:
        return None
    from assistant.rules.scoring import summary

    result = summary(record)
    two = Decimal("0.01")
    total = result.total.quantize(two) if result.total is not None else None
    return {
        "computed_total": total,
        "computed_grade": result.grade,
        "stated_total": result.stated_total,
        "stated_grade": result.stated_grade,
    }


def as_json(reviewed, groups, unreadable) -> dict[str, Any]:
    forms = []
    for item in reviewed:
        record, findings = item.source.record, item.findings
        errors, warnings = _counts(findings)
        entry = {
            "file": item.source.label,
            "form": record.get("form"),
            "name": title_of(record),
            "errors": errors,
            "warnings": warnings,
            "findings": [f.as_dict() for f in findings],
        }
        scores = _scores(record)
        if scores:
            entry["scores"] = scores
        if item.source.problems:
            entry["reading"] = [{"where": w, "message": m} for w, m in item.source.problems]
        forms.append(entry)
    out: dict[str, Any] = {"forms": forms, "clusters": groups}
    if unreadable:
        out["unreadable"] = unreadable
    return out


def print_text(reviewed, groups, unreadable, out: str | None) -> None:
    for item in reviewed:
        record = item.source.record
        errors, warnings = _counts(item.findings)
        name = title_of(record)
        print(f"{item.source.label}  {form_label(record.get('form'))}：{name}  {errors} 个错误、{warnings} 个警告")
        scores = _scores(record)
        if scores:
            print(
                f"    自评得分：填报 {scores['stated_total']}（{scores['stated_grade'] or '未填等级'}），"
                f"计算 {scores['computed_total']}（{scores['computed_grade']}）"
            )
        for finding in [f for f in item.findings if f.severity == "error"][:3]:
            print("    " + finding.line())
    for group in groups:
        print(f"雷同（复制粘贴）：{'、'.join(group)}")
    for entry in unreadable:
        print(f"无法审查 {entry['message']}")
    errors = sum(_counts(r.findings)[0] for r in reviewed)
    print(
        f"共审查 {len(reviewed)} 张表，{errors} 个错误，{len(groups)} 组雷同，{len(unreadable)} 个文件无法读取。"
        + (f"汇总表已写到 {out}。" if out else "")
    )


def workbook(reviewed, groups, unreadable, shared: Callable[[list[str]], list[tuple[str, str]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    bold = Font(bold=True)
    summary = book.active
    summary.title = "汇总"
    summary.append(
        [
            "文件",
            "表",
            "单位",
            "项目",
            "年度",
            "资金（万元）",
            "错误",
            "警告",
            "主要问题",
            "填报总分",
            "计算总分",
            "填报等级",
            "计算等级",
        ]
    )
    details = book.create_sheet("问题明细")
    details.append(["文件", "项目", "级别", "规则", "位置", "问题"])
    for item in reviewed:
        record, findings = item.source.record, item.findings
        errors, warnings = _counts(findings)
        top = "；".join(f.message for f in findings[:3])
        scores = _scores(record) or {}
        funds = _funds(record)
        summary.append(
            [
                item.source.label,
                form_label(record.get("form")),
                _unit(record),
                title_of(record),
                record.get("year"),
                funds if isinstance(funds, (int, Decimal)) else None,
                errors,
                warnings,
                top,
                scores.get("stated_total"),
                scores.get("computed_total"),
                scores.get("stated_grade"),
                scores.get("computed_grade"),
            ]
        )
        from assistant.rules import SEVERITY_LABEL

        name = title_of(record)
        for finding in findings:
            details.append(
                [item.source.label, name, SEVERITY_LABEL[finding.severity], finding.rule, finding.path, finding.message]
            )
        for where, message in item.source.problems:
            details.append([item.source.label, name, "读入", "intake", where, message])
    for entry in unreadable:
        summary.append([entry["file"], "无法读取", None, None, None, None, None, None, entry["message"]])
    same = book.create_sheet("雷同")
    same.append(["组", "文件", "相同的指标（名称｜指标值）"])
    for number, group in enumerate(groups, 1):
        rows = shared(group)
        text = "\n".join(f"{name}｜{value}" for name, value in rows)
        for label in group:
            same.append([number, label, text])
    for sheet in (summary, details, same):
        for cell in sheet[1]:
            cell.font = bold
        for column in sheet.columns:
            letter = column[0].column_letter
            sheet.column_dimensions[letter].width = min(60, max(8, *(len(str(c.value or "")) for c in column[:50])))
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
