"""What changed between two versions of a record, said in a few words for
the store's history (`jixiao history`): `修改后重新定稿：年度指标“专线网络可用率”
≥99.9% → ≥99.5%`."""

from __future__ import annotations

from assistant import forms, record_path
from assistant.records.store import diff_paths
from assistant.rules.context import set_rows

SHOWN = 3
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


def _set_label(label: str, sets: tuple) -> str:
    """年度/中期 where the form has several such sets, nothing where it has one."""
    return label if len(sets) > 1 else ""


def describe(path: str, before: dict, after: dict) -> str:
    kind = forms.kind_of(after.get("form") or before.get("form"))
    ref = record_path.row(path)
    if kind is not None and ref is not None:
        indicators = next((s for s in kind.indicator_sets if s.path == ref.rows), None)
        if indicators is not None:
            index, field = ref.index, ref.field
            old, new = set_rows(before, ref.rows) or [], set_rows(after, ref.rows) or []
            item = (new[index] if index < len(new) else old[index]) if index < max(len(old), len(new)) else {}
            name = f"{_set_label(indicators.label, kind.indicator_sets)}指标“{item.get('name', '')}”"
            if field in ("value", "target", "actual", "score", "weight") and index < len(old) and index < len(new):
                return f"{name} {old[index].get(field, '')} → {new[index].get(field, '')}"
            if index < len(old) and index < len(new):
                return name
            return f"删除{name}" if index < len(old) else f"增加{name}"
        goals = next((s for s in kind.goal_sets if s.path == ref.rows), None)
        if goals is not None:
            return f"{_set_label(goals.label, kind.goal_sets)}目标第 {ref.index + 1} 条"
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
