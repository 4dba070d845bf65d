"""Writes suggested_<sector>.jsonl: first-time clerks of five other sectors who
rely on jixiao's suggestions, as bench/bench_interview.py measures effort on.

    .venv/bin/python transcripts/make_sector_examples.py

Each clerk types the header facts, the funds sentence and one goal in their
own words (the project names are real ones from published forms of that
sector), takes suggestion 1 in every category the project type has, types a
target only where the standard indicator has no usual value (a plain target
in the indicator's unit), and takes every other default with Enter. Amounts
and targets are illustrative.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.interview.session import Session  # noqa: E402

# sector → (header answers, goal)
PROJECTS = {
    "water": (
        {
            "year": "2024",
            "project.name": "农村饮水安全工程维修养护经费",
            "project.code": "跳过",
            "project.department": "某县水利局",
            "funds.annual": "80万，全部财政拨款",
            "spending_plan": "跳过",
        },
        "维修养护农村集中供水工程25处，保障12万农村群众饮水安全，水质达标率不低于95%",
    ),
    "transport": (
        {
            "year": "2019",
            "project.name": "镇际联网路升级改造工程一期",
            "project.code": "跳过",
            "project.department": "某市交通运输局",
            "funds.annual": "919万，全部财政拨款",
            "spending_plan": "跳过",
        },
        "升级改造镇际联网路8.6公里，交工验收合格，缩短沿线群众出行时间",
    ),
    "forestry": (
        {
            "year": "2022",
            "project.name": "古昌镇大青冈村乡村振兴绿化美化项目",
            "project.code": "跳过",
            "project.department": "区林业局",
            "funds.annual": "153.5万，全部财政拨款",
            "spending_plan": "跳过",
        },
        "在大青冈村道路两侧和房前屋后绿化美化3500米，苗木成活率不低于90%",
    ),
    "culture": (
        {
            "year": "2020",
            "project.name": "图书馆资源购置和信息共享等专项经费",
            "project.code": "跳过",
            "project.department": "某市文化和旅游局",
            "funds.annual": "60万，全部财政拨款",
            "spending_plan": "跳过",
        },
        "购置纸质图书和数字资源，开展图书馆信息共享服务，年接待读者不少于20万人次",
    ),
    "civil_affairs": (
        {
            "year": "2024",
            "project.name": "2024年开展“助老颐养”公益项目资金",
            "project.code": "跳过",
            "project.department": "肇庆市民政局",
            "funds.annual": "50万，全部财政拨款",
            "spending_plan": "跳过",
        },
        "为辖区困难老年人提供助餐、探访和健康服务，服务老年人不少于3000人次",
    ),
}


def target(iv, question) -> str:
    """A plain target in the standard indicator's unit, where it has no usual value."""
    from assistant.interview.handlers.record_parts import rows_of

    index = int(question.key[question.key.index("[") + 1 : question.key.index("]")])
    row = rows_of(iv, "indicators.annual")[index]
    ind = iv.search.by_name.get(row.get("name", ""))
    unit = (ind.unit if ind else "") or ""
    downward = ind is not None and ind.direction == "反向"
    if row.get("level2") == "成本指标" or unit.startswith(("万元", "元")):
        budget = iv.record["funds"]["annual"]["total"]
        if "/" in unit:  # a unit price: well inside the budget for ten units
            return f"≤{format(budget / 50 if unit.startswith('万元') else budget * 200, 'f').rstrip('0').rstrip('.')}{unit}"
        return f"≤{budget}万元" if unit != "元" else "≤500元"
    if ind is not None and ind.direction == "定性":
        return "显著提升"
    if unit == "%":
        return "≤5%" if downward else "≥95%"
    if unit in ("天", "小时", "分钟", "个工作日", "工作日"):
        return f"≤30{unit}"
    return f"{'≤' if downward else '≥'}10{unit}"


def write(sector: str) -> Path:
    header, goal = PROJECTS[sector]
    path = Path(__file__).resolve().parent / f"suggested_{sector}.jsonl"
    path.unlink(missing_ok=True)
    session = Session.start(path, "project-declaration")
    iv = session.interview
    taken: set[str] = set()
    while (question := iv.question()) is not None:
        key = question.key
        if key in header:
            text = header[key]
        elif key == "goals.annual":
            text = "完成" if iv.record["goals"]["annual"] else goal
        elif key.startswith("indicators.annual:") and not key.endswith(":confirm"):
            level2 = key.split(":")[1]
            text = "1" if level2 not in taken and question.suggestions else "完成"
            taken.add(level2)
        elif key.startswith("indicators.annual[") and key.endswith(".value") and not question.default:
            text = target(iv, question)
        elif key == "review" and any(f.severity == "error" for f in iv.findings()):
            raise SystemExit(f"{sector}: the review found errors: " + "; ".join(f.message for f in iv.findings()))
        else:
            text = ""  # the default: 实施单位, 延续项目, 1年, usual value, 计划标准, 确认
        reply = session.send(text).reply
        if not reply.accepted:
            raise SystemExit(f"{sector}: refused at {key}: {text!r}: {reply.message}")
    return path


def main() -> None:
    for sector in PROJECTS:
        print(f"wrote {write(sector).name}")


if __name__ == "__main__":
    main()
