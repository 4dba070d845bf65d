"""Write transcripts/002_selfeval_investigation.jsonl: a clerk of 明光市医疗保障
基金管理中心 types the 2022 项目支出绩效自评表 of 市外医疗专项调查费 (seed 002,
project 1) into jixiao, starting from nothing.

The clerk copies the paper form: project, funds (10 10 10), the goal with its
实际完成情况, the nine indicators category by category with the form's names
and targets (a "您是不是要找…?" offer is declined so the form's names stay),
then the form's 分值 over the proposed ones (数量 10, 质量 20, … — typed in
three goes, the second one a point short), and the actual values as the form
writes them: bare numbers (the engine adds the target's unit) and 达成预期指标
for the two qualitative targets, taking full marks in the 达成 band.

The one difference from the seed: the 可持续影响 target `确保基金安全确保`
(garbled on the form) is refused as unreadable, so the clerk types `持续影响`.

    .venv/bin/python transcripts/make_selfeval_example.py

Answers are resolved and written as Session.send writes them; `created` is
fixed so a re-run gives the same file. Checked by tests/test_selfeval.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clerk_writer import write_interview

from assistant.interview.engine import Interview
from assistant.interview.transcript import new_header

OUT = Path(__file__).with_name("002_selfeval_investigation.jsonl")
FORM = "self-evaluation"
CREATED = "2023-01-16T09:00:00+00:00"

FIELDS = {
    "year": "2022",
    "project.name": "市外医疗专项调查费",
    "project.code": "跳过",
    "project.department": "206-明光市医疗保障局",
    "project.unit": "206002-明光市医疗保障基金管理中心",
    "profile": "central",
    "funds.total": "10 10 10",
    "funds.fiscal": "10 10 10",
}
GOALS = [
    (
        "通过实地调查可防止套保骗保行为的发生，维护基金安全，预计可预防误拨资金200万元",
        "通过实地调查可防止套保骗保行为的发生，维护基金安全。",
    )
]
# 二级指标 → (三级指标, 年度指标值, 实际完成值 as on the form)
INDICATORS = {
    "数量指标": [("外出稽核次数", "≥12次", "12")],
    "质量指标": [("确保每一分基金钱用到实处", "=100百分比", "100")],
    "时效指标": [("快速反应", "全面展开", "达成预期指标")],
    "成本指标": [("出差费用", "=20000元", "20000")],
    "经济效益指标": [("挽回医保资金", "≥200万", "200")],
    "社会效益指标": [("保障参合患者的权益", "≥99度", "99")],
    "生态效益指标": [("组织人员进小区文明创建", "≥48次数", "48")],
    "可持续影响指标": [("威慑不法分子投机套取基金", "持续影响", "达成预期指标")],  # form: 确保基金安全确保
    "服务对象满意度指标": [("满意度", "≥95度", "95")],
}
WEIGHTS = ["1 10, 2 20, 3 10, 4 10", "5 5, 6 10, 7 10, 8 4", "8 5", "采用"]


class Clerk:
    def __init__(self):
        self.expected = [expected for expected, _ in GOALS]
        self.pending = {level2: list(rows) for level2, rows in INDICATORS.items()}
        self.actuals = [row for rows in INDICATORS.values() for row in rows]
        self.weights = list(WEIGHTS)

    def answer(self, iv, question) -> str:
        key = question.key
        if key in FIELDS:
            return "" if FIELDS[key] == question.default else FIELDS[key]
        if key == "goals":
            return self.expected.pop(0) if self.expected else "完成"
        if key.startswith("goals[") and key.endswith(".actual"):
            return GOALS[int(key[6 : key.index("]")])][1]
        if key == "indicators:weights":
            return self.weights.pop(0)
        if key.endswith(":confirm"):
            return "否"
        if key.startswith("indicators:"):
            rows = self.pending[key.split(":")[1]]
            return rows[0][0] if rows else "完成"
        if key.startswith("indicators[") and key.endswith(".value"):
            name = iv.record["indicators"][int(key[11 : key.index("]")])]["name"]
            level2 = next(l2 for l2, rows in self.pending.items() if rows and rows[0][0] == name)
            return self.pending[level2].pop(0)[1]
        if key.endswith(".actual"):
            index = int(key[11 : key.index("]")])
            return next(actual for name, _, actual in self.actuals if name == iv.record["indicators"][index]["name"])
        if key.endswith(".score") or key in ("summary", "review"):
            return ""  # the default: full marks in the 达成 band, 继续, 确认
        raise SystemExit(f"unexpected question {key}: {question.prompt}")


def main() -> int:
    iv = Interview(FORM)
    header = new_header(FORM, iv.kb.version, title="市外医疗专项调查费（002 项目 1，2022 绩效自评，从头填写）")
    header["created"] = CREATED
    return write_interview(iv, Clerk(), OUT, header)


if __name__ == "__main__":
    sys.exit(main())
