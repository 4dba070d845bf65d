"""Writes 019_first_time_clerk.jsonl: a first-time clerk's three-year
declaration (医保服务大厅劳务派遣) with the mistakes of issue 19, each handled:

    .venv/bin/python transcripts/make_mistakes_example.py

a mistyped command (跳国 → 是不是想输入“跳过”？ → 是), 返回 then 跳过 on 项目编码,
questions asked in the chat (answered, and one it cannot answer), mid-term
funds that do not add up (refused, then given right), three goals pasted as
`目标1：…；目标2：…；目标3：…`, a vague goal changed in words, and a derived
mid-term indicator changed by naming its set (修改 中期 …). Replay must rebuild
the same record: tests/test_ux_interview.py checks it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.interview.session import Session  # noqa: E402

# (answer, accepted?) in order, up to the indicators.
OPENING = [
    ("2023", True),
    ("医保服务大厅劳务派遣", True),
    ("跳国", False),
    ("是", True),  # near miss of 跳过, then yes
    ("返回", True),
    ("跳过", True),  # back to 项目编码, skipped again: moves on
    ("什么是时效指标？", True),
    ("食堂几点开饭？", True),  # chat questions: answered / 答不上来
    ("中卫市沙坡头区医疗保障局", True),
    ("", True),
    ("", True),
    ("3年", True),
    ("126.9万，财政拨款120万，其他资金5万", False),  # 120 + 5 ≠ 126.9: refused
    ("126.9万，全部财政拨款", True),
    ("42.3万，全部财政拨款", True),
    ("跳过", True),
    (
        "目标1：2023—2025年每年派遣9名前台工作人员；目标2：保障医保服务大厅窗口全年正常开放；"
        "目标3：群众办事平均等候时间不超过20分钟",
        True,
    ),
    ("完城", False),
    ("完成", True),  # near miss of 完成
    ("保障工作顺利进行", True),
    ("把 保障工作顺利进行 改成 派遣9名前台工作人员，保障医保服务大厅窗口全年正常开放", True),
    ("中期目标和年度目标有什么区别？", True),
    ("完成", True),
]
ROWS = {
    "数量指标": ("劳务派遣人员数量", "9人"),
    "质量指标": ("派遣人员考核合格率", "=100%"),
    "时效指标": ("派遣人员到岗时间", "年底前"),
    "成本指标": ("劳务派遣费用", "≤42.3万元"),
    "社会效益指标": ("窗口正常开放率", "=100%"),
    "服务对象满意度指标": ("办事群众满意度", "≥90%"),
}
CLOSING = [
    ("是", True),  # derive the mid-term set
    ("修改 办事群众满意度 为 ≥95%", False),  # in both sets: which one?
    ("修改 中期 办事群众满意度 为 ≥95%", True),
    ("确认", True),
]


def send(session: Session, text: str, accepted: bool) -> None:
    key = session.interview.question().key
    reply = session.send(text).reply
    if reply.accepted is not accepted:
        raise SystemExit(f"{key}: {text!r} {'refused' if accepted else 'accepted'}: {reply.message}")


def main() -> None:
    path = Path(__file__).resolve().parent / "019_first_time_clerk.jsonl"
    path.unlink(missing_ok=True)
    session = Session.start(path, "project-declaration", title="医保服务大厅劳务派遣")
    iv = session.interview
    for text, accepted in OPENING:
        send(session, text, accepted)
    while (key := iv.question().key).startswith("indicators.annual"):
        rows = iv.record["indicators"]["annual"]
        if key.endswith(":confirm"):
            text = "否"  # keep the clerk's own name
        elif key.count(":") == 1 and "[" not in key:
            level2 = key.split(":")[1]
            text = ROWS[level2][0] if level2 in ROWS and not any(r["level2"] == level2 for r in rows) else "完成"
        elif key.endswith(".value"):
            name = rows[int(key.split("[")[1].split("]")[0])]["name"]
            text = next(value for row_name, value in ROWS.values() if row_name == name)
        else:
            text = ""  # description, 计划标准
        send(session, text, True)
    for text, accepted in CLOSING:
        send(session, text, accepted)
    if not iv.finished:
        raise SystemExit("the interview did not finish")
    print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
