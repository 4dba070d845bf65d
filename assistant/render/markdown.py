"""Markdown in the manner of the self-evaluation seed: the title, the year in
brackets, then each table as a pipe table whose first grid row is the header
row; a merged cell shows its text in its top-left position only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .grid import Form, Table, display

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def render_markdown(record: dict, findings: list[dict] | None = None, template: str | None = None) -> str:
    from .forms import build_form

    return form_markdown(build_form(record, template), findings)


def form_markdown(form: Form, findings: list[dict] | None = None) -> str:
    lines = [f"# {form.title}", ""]
    if form.subtitle:
        lines += [form.subtitle, ""]
    for left, right in form.lines:
        lines += [f"{left}　　{right}".strip(), ""]
    for table in form.tables:
        if table.caption:
            lines += [f"## {table.caption}", ""]
        lines += table_lines(table) + [""]
    if findings is not None:
        lines += findings_lines(findings)
    return "\n".join(lines).rstrip("\n") + "\n"


def table_lines(table: Table) -> list[str]:
    rows = [[_escape(display(placed.cell)) if placed else "" for placed in row] for row in table.matrix()]
    if not rows:
        return []
    separator = ["---"] * table.ncols
    return [_row(rows[0]), _row(separator), *(_row(row) for row in rows[1:])]


def findings_lines(findings: Iterable[dict]) -> list[str]:
    findings = list(findings)
    lines = ["## 审查意见", ""]
    if not findings:
        return lines + ["未发现问题。", ""]
    lines += [_row(["级别", "规则", "位置", "意见"]), _row(["---"] * 4)]
    for finding in findings:
        severity = str(finding.get("severity") or "")
        lines.append(
            _row(
                [
                    _escape(_SEVERITY.get(severity, severity)),
                    _escape(finding.get("rule")),
                    _escape(finding.get("path")),
                    _escape(finding.get("message")),
                ]
            )
        )
    return lines + [""]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _escape(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.split("\n"))
