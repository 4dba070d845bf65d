"""Write transcripts/000_dept_selfeval.jsonl: the clerk of 宿州市医疗保障局 who
filed the 2022 部门整体支出绩效目标申报表 in jixiao (tests/fixtures/good/
department_2022.json, the seed 000 department form as a clean record) fills
its 部门整体支出绩效自评表 after the year ends.

The declaration is carried in the transcript header, as `jixiao new --form
department-self-eval --from ID` does: department, year, the 12 tasks with
their budgets, the goals and the 11 indicators come from it. The clerk types
only what the year-end accounts say — the funds (年初 1057.49, 全年 1080.49
after a 23万 supplement, 执行 1043.2), the 基本/项目 split, each task's 执行数,
each goal's 实际完成情况 and each indicator's 实际完成值 — and takes the
proposed weights. Two outcomes fall short (培训 9 of ≥10 次, 系统正常运行率
88% of ≥90%), so the engine asks their 偏差原因.

The year-end figures are illustrative: the seed publishes the declaration
only. (The corpus's two real department self-evaluations, 022 and 023, lost
their amounts and most rows when they were stored; 022 is a fixture in
tests/fixtures/dse/ instead.)

    .venv/bin/python transcripts/make_dept_selfeval_example.py

Checked field for field by tests/test_dept_selfeval.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from clerk_writer import write_interview

from assistant.interview.engine import Interview
from assistant.interview.transcript import new_header

HERE = Path(__file__).resolve().parent
OUT = HERE / "000_dept_selfeval.jsonl"
SOURCE = HERE.parent / "tests" / "fixtures" / "good" / "department_2022.json"
FORM = "department-self-evaluation"
CREATED = "2023-01-20T09:00:00+00:00"

FIELDS = {
    "profile": "",
    "funds.total": "1057.49 1080.49 1043.2",
    "funds.fiscal": "",
    "funds.basic": "512.6 512.6 508.35",
}
EXECUTED = ["415.8", "20", "29.6", "69.2", "88.5", "89.1", "24.3", "19.5", "44.2", "113.8", "55", "74.2"]
ACTUALS = [
    "全年保障机关和12个医保经办机构正常运转，完成党建、党风廉政建设年度任务，未发生违纪问题",
    "全年开展医保业务基础知识及专题培训9次，1次专题培训因疫情改为线上自学",
    "开展医保违法违规行为专项治理2次，检查定点医药机构全覆盖，追回违规资金386万元",
    "落实药品耗材集中带量采购，组织专家评审5次",
    "医保信息系统全年正常运行率88%，智慧医保平台一期上线",
]
INDICATOR_ACTUALS = {
    "医保业务培训次数": "9",
    "打击欺诈骗保专项行动次数": "2",
    "医疗服务价格项目专家评审次数": "5",
    "定点医药机构检查覆盖率": "100",
    "医保信息系统正常运行率": "88",
    "年度重点任务按时完成率": "100",
    "部门整体支出总额": "1043.2",
    "参保群众就医体验改善程度": "达成",
    "医保基金安全平稳运行": "达成",
    "参保群众满意度": "96",
    "定点医药机构满意度": "92",
}
DEVIATIONS = {
    "医保业务培训次数": "1次专题培训因疫情防控暂停，改为线上自学；下年度提前排定培训计划并预留线上方式。",
    "医保信息系统正常运行率": "机房空调故障导致系统两次中断；已更换设备并签订运维应急响应协议。",
}


class Clerk:
    def answer(self, iv, question) -> str:
        key = question.key
        if key in FIELDS:
            return FIELDS[key]
        if key.startswith("tasks[") and key.endswith(".executed"):
            return EXECUTED[int(key[6 : key.index("]")])]
        if key.startswith("goals[") and key.endswith(".actual"):
            return ACTUALS[int(key[6 : key.index("]")])]
        if key == "indicators:weights":
            return "采用"
        if key.startswith("indicators[") and key.endswith((".actual", ".deviation")):
            name = iv.record["indicators"][int(key[11 : key.index("]")])]["name"]
            return INDICATOR_ACTUALS[name] if key.endswith(".actual") else DEVIATIONS[name]
        if key.endswith(".score") or key in ("summary", "review"):
            return ""  # the default: full marks in the 达成 band, 继续, 确认
        raise SystemExit(f"unexpected question {key}: {question.prompt}")


def main() -> int:
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    iv = Interview(FORM, source=source)
    header = new_header(
        FORM, iv.kb.version, source=source, title="宿州市医疗保障局 2022 部门整体支出绩效自评（从申报表开始）"
    )
    header["created"] = CREATED
    return write_interview(iv, Clerk(), OUT, header)


if __name__ == "__main__":
    sys.exit(main())
