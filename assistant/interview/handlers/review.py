"""The review step: every finding, numbered; jump to a field, accept a warning
with a reason, or finalise when no error is left."""

from __future__ import annotations

import re

from assistant import record_path
from assistant.interview.commands import FINAL_WORDS
from assistant.interview.handlers.base import Handler, ask, clip
from assistant.interview.handlers.indicator_fields import ROW_FIELDS
from assistant.interview.handlers.item_list import item_key
from assistant.interview.handlers.selfeval_goals import EXPECTED
from assistant.interview.handlers.selfeval_indicators import SE_FIELDS
from assistant.interview.model import Reply
from assistant.rules import ERROR, SEVERITY_LABEL, Finding
from assistant.values.user_numbers import user_int

_JUMP = re.compile(r"^(?:跳转|修改|改)?\s*(\d+)$")
_ACCEPT = re.compile(r"^接受\s*(\d+)\s*[，,:：]?\s*(.*)$")
# A finding about a row's field the row questions do not ask is changed through its value.
_ASKED_FIELDS = (*ROW_FIELDS, *SE_FIELDS, EXPECTED)
_FIELD_ASKED_AS = {"level1": "level2", "target": "value"}


def review_text(findings: list[Finding]) -> str:
    if not findings:
        return "没有发现问题。"
    lines = [f"{n}. {SEVERITY_LABEL[f.severity]}（{f.rule}）{f.message}" for n, f in enumerate(findings, 1)]
    errors = sum(1 for f in findings if f.severity == ERROR)
    head = f"共 {len(findings)} 条：{errors} 个错误。" if errors else f"共 {len(findings)} 条，没有错误。"
    return head + "\n" + "\n".join(lines)


def key_for_path(iv, path: str) -> str | None:
    """The question that changes the field a finding points at."""
    row = record_path.row(path)
    if row is not None and row.field is not None:
        field = _FIELD_ASKED_AS.get(row.field, row.field)
        return item_key(row.rows, row.index, field if field in _ASKED_FIELDS else "value")
    for prefix in ("funds.mid_term", "funds.annual", "spending_plan"):
        if path.startswith(prefix):
            return prefix
    if path.startswith(("project.", "year", "department")):
        return path
    if path == "total" or path.startswith("total."):  # department form: 金额合计
        return "total"
    if row is not None and row.rows.split(".")[0] == "goals":  # a goal itself: `goals.annual[2]`
        return item_key(row.rows, row.index)
    return None


def reopen(iv, path: str) -> None:
    """Set-level findings (a missing category, too few goals): reopen that list."""
    iv.state.closed = {c for c in iv.state.closed if not c.startswith(f"{path}:") and c != path}
    iv.state.answered.discard(f"{path}:derive")


class ReviewHandler(Handler):
    def next_question(self, iv, entry):
        findings = iv.findings()
        return ask(
            entry,
            "review",
            prompt=(
                "全部填完了。请看审查结果：输入编号跳到那一项修改；警告可以“接受 编号 原因”保留；"
                "没有错误时输入“确认”定稿。"
            ),
            note=review_text(findings),
            default="确认" if not any(f.severity == ERROR for f in findings) else None,
        )

    def question_for(self, iv, entry, key):
        return self.next_question(iv, entry) if key == "review" else None

    def apply(self, iv, entry, question, text):
        findings = iv.findings()
        if text.lower() in FINAL_WORDS:
            errors = [f for f in findings if f.severity == ERROR]
            if errors:
                return Reply.error(f"还有 {len(errors)} 个错误，改正后才能定稿。输入编号跳到要改的地方，例如“1”。")
            iv.remember("review", text)
            iv.state.finished = True
            return Reply(True, message="已定稿。", finished=True)
        accept = _ACCEPT.match(text)
        if accept:
            return self._accept(iv, findings, user_int(accept.group(1)) or 0, accept.group(2).strip())
        jump = _JUMP.match(text)
        if jump:
            number = user_int(jump.group(1)) or 0
            if not 1 <= number <= len(findings):
                return Reply.error(f"没有第 {number} 条。请输入 1–{len(findings)}。")
            finding = findings[number - 1]
            key = key_for_path(iv, finding.path)
            if key is None:
                reopen(iv, finding.path)
            else:
                iv.jump(key)
            iv.remember("review", text)
            return Reply(True, message=f"去修改：{finding.message}")
        return Reply.error("请输入编号（跳到那一项）、“接受 编号 原因”或“确认”。")

    def _accept(self, iv, findings, number, reason) -> Reply:
        if not 1 <= number <= len(findings):
            return Reply.error(f"没有第 {number} 条。")
        finding = findings[number - 1]
        if finding.severity == ERROR:
            return Reply.error("错误不能接受，必须改正。输入编号跳过去修改。")
        if len(reason) < 2:
            return Reply.error("请写一句保留的理由，例如：接受 2 本项目按省厅统一口径填报。")
        iv.record.setdefault("accepted", []).append({"rule": finding.rule, "path": finding.path, "reason": reason})
        iv.remember("review", f"接受 {number} {reason}")
        return Reply(True, message=f"已接受：{clip(finding.message)}（理由：{reason}）")
