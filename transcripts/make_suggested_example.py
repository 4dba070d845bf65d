"""Writes suggested_network_leasing.jsonl: a first-time clerk preparing the 2023
社保专线网络租赁费 declaration who takes jixiao's suggestions and defaults.

    .venv/bin/python transcripts/make_suggested_example.py

The clerk types the header facts, the funds sentence and one goal in their own
words; for each indicator category takes suggestion 1 (and 2 where the project
has two kinds of line), accepts the usual value and 计划标准 with Enter, and
confirms the review. It measures the effort the interview asks of someone
who relies on it (bench/bench_interview.py), beside the seed reproductions,
whose clerks typed their own names and goals.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.interview.session import Session  # noqa: E402

HEADER = {
    "year": "2023",
    "project.name": "社保专线网络租赁费",
    "project.code": "跳过",
    "project.department": "中卫市沙坡头区医疗保障局",
    "funds.annual": "48万，全部财政拨款",
    "spending_plan": "25 50 75 100",
}
GOAL = "为136个村卫生室和11个社区民生服务站租用社保专线网络，保障门诊统筹费用及时结算"
TAKE = {"数量指标": 2, "生态效益指标": 0}  # suggestions taken per category; 1 elsewhere


def main() -> None:
    path = Path(__file__).resolve().parent / "suggested_network_leasing.jsonl"
    path.unlink(missing_ok=True)
    session = Session.start(path, "project-declaration")
    iv = session.interview
    taken: dict[str, int] = {}
    while (question := iv.question()) is not None:
        key = question.key
        if key in HEADER:
            text = HEADER[key]
        elif key == "goals.annual":
            text = "完成" if iv.record["goals"]["annual"] else GOAL
        elif key.startswith("indicators.annual:") and not key.endswith(":confirm"):
            level2 = key.split(":")[1]
            done = taken.get(level2, 0) >= TAKE.get(level2, 1) or not question.suggestions
            text = "完成" if done else "1"
            taken[level2] = taken.get(level2, 0) + (not done)
        elif key == "review" and any(f.severity == "error" for f in iv.findings()):
            raise SystemExit("the review found errors: " + "; ".join(f.message for f in iv.findings()))
        else:
            text = ""  # the default: 实施单位, 延续项目, 1年, usual value, 计划标准, 确认
        reply = session.send(text).reply
        if not reply.accepted:
            raise SystemExit(f"refused at {key}: {text!r}: {reply.message}")
    print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
