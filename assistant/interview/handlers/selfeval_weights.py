"""The weights (分值) of a self-evaluation's indicators, as one table question:
proposed from the scoring profile; Enter accepts, `3 10` changes row 3,
`执行率 20` the 执行率 weight, several at once separated by commas."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.interview.commands import ACCEPT_WORDS
from assistant.interview.handlers.base import ask
from assistant.interview.handlers.record_parts import rows_of
from assistant.interview.handlers.selfeval_common import (
    level1_weights,
    profile_of,
    profile_summary,
    pts,
    rescore,
    status_line,
    tidy,
    weights_total,
)
from assistant.interview.model import Reply
from assistant.values import to_decimal

WEIGHTS = "indicators:weights"  # the weights table question; in `closed` once accepted
_EDIT = re.compile(
    r"(?:(?P<row>\d+)\s*(?:号|项)?(?:\s*[:：=为]\s*|\s+)|(?P<execution>预算执行率|执行率)\s*[:：=为]?\s*)"
    r"(?P<weight>\d+(?:\.\d+)?)\s*分?"
)
_SEPARATORS = re.compile(r"^[\s,，;；、]*$")


class WeightsTable:
    """The weights question of the self-evaluation's indicators handler."""

    def _weights_question(self, iv, entry, key: str):
        record = iv.record
        rows = rows_of(iv, entry.field)
        lines = [
            f"{i:>2}. {r.get('level2', '')} · {r.get('name', '')}（{r.get('target', '')}）  {pts(r.get('weight'))} 分"
            for i, r in enumerate(rows, 1)
        ]
        execution = record["execution"]
        lines.append(f"    预算执行率  {pts(execution.get('weight'))} 分")
        sums = "、".join(f"{k} {pts(v)}" for k, v in level1_weights(record).items())
        profile = profile_of(iv.kb, record)
        lines.append(
            f"合计 {pts(weights_total(record))} 分：{sums}、预算执行率 {pts(execution.get('weight'))}"
            f"（评分方案：{profile_summary(profile)}）"
        )
        return ask(
            entry,
            key,
            section="分值",
            note="\n".join(lines),
            default="采用",
            prompt=(
                "这些是建议的分值。采用吗？回车 = 采用；要改就输入“编号 分值”，如“3 10”，"
                "一次可以改几项（用逗号隔开）；“执行率 20”改预算执行率的分值。"
            ),
            help=(
                "分值是各指标在 100 分里占的分量：一级指标的分值按评分方案（中央模板：产出 50、效益 30、"
                "满意度 10、预算执行率 10），在同一一级指标内平均分配（取整，多出的 1 分给排在前面的指标）。"
                "重要的指标可以多给，但各项合计必须是 100 分。"
            ),
            example="3 10, 4 10",
            format="回车 / 编号 分值",
        )

    def _apply_weight(self, iv, entry, question, index, text):
        return self._apply_weights(iv, entry, question, text)

    def _apply_weights(self, iv, entry, question, text):
        record = iv.record
        if text.lower() in ACCEPT_WORDS:
            total = weights_total(record)
            if total != 100:
                return Reply.error(f"分值合计 {pts(total)} 分，应为 100 分。请继续修改，例如“3 10”。")
            iv.state.closed.add(WEIGHTS)
            iv.state.answered.add(entry.field)
            iv.remember(question.key, text)
            rescore(record, iv.kb)
            notices = [f for f in iv.findings(["selfeval.weights_split"])]
            return Reply(
                True, message="分值已确定。接下来逐项填写实际完成值。" + status_line(record, iv.kb), notices=notices
            )
        edits = self._parse_edits(iv, entry, text)
        if isinstance(edits, str):
            return Reply.error(edits)
        rows = rows_of(iv, entry.field)
        for which, weight in edits:
            if which is None:
                record["execution"]["weight"] = weight
            else:
                _set_weight(rows[which], weight)
        iv.state.closed.discard(WEIGHTS)
        iv.remember(question.key, text)
        rescore(record, iv.kb)
        total = weights_total(record)
        gap = (
            "回车采用"
            if total == 100
            else (f"还差 {pts(100 - total)} 分" if total < 100 else f"多了 {pts(total - 100)} 分")
        )
        return Reply(True, message=f"已修改。分值合计 {pts(total)} 分，{gap}。")

    def _parse_edits(self, iv, entry, text):
        rows = rows_of(iv, entry.field)
        edits, rest = [], _EDIT.sub("", text)
        if not _SEPARATORS.match(rest) or not _EDIT.search(text):
            return "看不懂。回车采用建议分值；要修改就写“编号 分值”，如“3 10”或“3 10, 4 10”；执行率写“执行率 20”。"
        for match in _EDIT.finditer(text):
            which, weight = match.group("row"), Decimal(match.group("weight"))
            if weight > 100:
                return f"分值 {pts(weight)} 太大了：全部指标加执行率一共只有 100 分。"
            if which is not None:
                number = int(which)
                if not 1 <= number <= len(rows):
                    return f"没有第 {number} 项，编号是 1–{len(rows)}。"
                edits.append((number - 1, tidy(weight)))
            else:
                edits.append((None, tidy(weight)))
        return edits


def _set_weight(row: dict, weight: Decimal) -> None:
    """A qualitative score keeps its share of the weight when the weight changes."""
    old, score = to_decimal(row.get("weight")), to_decimal(row.get("score"))
    if score is not None and old and "achievement" in row:
        row["score"] = tidy(score * weight / old)
    row["weight"] = weight
