"""What changed between two versions of a record, said in a few words for
the store's history (`jixiao history`): `修改后重新定稿：年度指标“专线网络可用率”
≥99.9% → ≥99.5%`."""

from __future__ import annotations

import re
from typing import Any

from assistant.records.store import diff_paths

SHOWN = 3
_ROW = re.compile(r"^indicators(?:\.(?P<set>annual|mid_term))?\[(?P<i>\d+)\](?:\.(?P<field>\w+))?")
_GOAL = re.compile(r"^goals(?:\.(?P<set>annual|mid_term))?\[(?P<i>\d+)\]")
SET = {"annual": "年度", "mid_term": "中期", None: ""}
FIELDS = {
    "project.name": "项目名称",
    "project.code": "项目编码",
    "project.department": "主管部门",
    "project.unit": "实施单位",
    "project.attribute": "项目属性",
    "project.period": "项目期",
    "year": "年度",
    "funds.annual": "年度资金",
    "funds.mid_term": "中期资金",
    "funds": "资金",
    "spending_plan": "资金支出计划",
    "tasks": "年度主要任务",
    "total": "金额合计",
    "execution": "预算执行率",
}


def _get(record: Any, parts: list) -> Any:
    for part in parts:
        if isinstance(record, dict):
            record = record.get(part)
        elif isinstance(record, list) and isinstance(part, int) and part < len(record):
            record = record[part]
        else:
            return None
    return record


def _rows(record: dict, set_name: str | None) -> list:
    indicators = record.get("indicators")
    rows = indicators.get(set_name) if isinstance(indicators, dict) else indicators
    return rows if isinstance(rows, list) else []


def describe(path: str, before: dict, after: dict) -> str:
    row = _ROW.match(path)
    if row:
        index, set_name, field = int(row.group("i")), row.group("set"), row.group("field")
        old, new = _rows(before, set_name), _rows(after, set_name)
        item = (new[index] if index < len(new) else old[index]) if index < max(len(old), len(new)) else {}
        name = f"{SET[set_name]}指标“{item.get('name', '')}”"
        if field in ("value", "target", "actual", "score", "weight") and index < len(old) and index < len(new):
            return f"{name} {old[index].get(field, '')} → {new[index].get(field, '')}"
        return name if index < len(old) and index < len(new) else (f"删除{name}" if index < len(old) else f"增加{name}")
    goal = _GOAL.match(path)
    if goal:
        return f"{SET[goal.group('set')]}目标第 {int(goal.group('i')) + 1} 条"
    for prefix, label in FIELDS.items():
        if path == prefix or path.startswith((f"{prefix}.", f"{prefix}[")):
            return label
    return path


def change_note(before: dict, after: dict, head: str = "修改后重新定稿") -> str:
    said = list(dict.fromkeys(describe(p, before, after) for p in diff_paths(before, after)))
    if not said:
        return f"{head}（内容未变）"
    more = f" 等 {len(said)} 处" if len(said) > SHOWN else ""
    return f"{head}：{'；'.join(said[:SHOWN])}{more}"


__all__ = ["change_note", "describe"]
