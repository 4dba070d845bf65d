"""`schema.invalid`: JSON Schema errors, said in Chinese with the field path.

Errors about an indicator row's 一级/二级 pair are left to
`indicator.hierarchy`, which can say which names the framework allows."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant import record_path
from assistant.forms import kind_of
from assistant.rules.context import Context
from assistant.rules.findings import ERROR
from assistant.rules.registry import rule
from assistant.rules.schema import record_errors

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

FIELD_NAMES = {
    "form": "表类型",
    "year": "年度",
    "project": "项目信息",
    "name": "名称",
    "code": "项目编码",
    "department": "主管部门",
    "unit": "实施单位",
    "attribute": "项目属性",
    "period": "项目期",
    "funds": "项目资金",
    "mid_term": "中期",
    "annual": "年度",
    "total": "资金总额",
    "fiscal": "财政拨款",
    "other": "其他资金",
    "carryover": "上年结转",
    "initial": "年初预算数",
    "adjusted": "全年预算数",
    "executed": "全年执行数",
    "spending_plan": "资金支出计划",
    "month": "月份",
    "percent": "累计支出比例",
    "goals": "绩效目标",
    "indicators": "绩效指标",
    "level1": "一级指标",
    "level2": "二级指标",
    "value": "指标值",
    "description": "绩效指标描述",
    "basis": "指标值确定依据",
    "tasks": "年度主要任务",
    "execution": "预算执行率",
    "weight": "分值",
    "score": "得分",
    "deviation": "偏差原因分析及改进措施",
    "target": "年度指标值",
    "actual": "实际完成值",
    "expected": "预期目标",
    "total_score": "总分",
    "grade": "评价等级",
    "profile": "评分方案",
    "framework": "指标体系",
    "template": "表样",
    "label1": "一级指标（表上标签）",
    "label2": "二级指标（表上标签）",
    "nature": "指标性质",
    "sources": "资金来源明细",
    "extra": "其他栏目",
}
_TYPE_NAMES = {
    "string": "文字",
    "number": "数字",
    "integer": "整数",
    "object": "对象",
    "array": "列表",
    "null": "空值",
    "boolean": "是/否",
}


def _indicator_row(form: str, path: str) -> bool:
    """Is `path` an indicator row of one of the form's sets (`indicators.annual[3]`)?"""
    kind = kind_of(form)
    ref = record_path.row(path)
    return (
        kind is not None
        and ref is not None
        and ref.field is None
        and any(ref.rows == spec.path for spec in kind.indicator_sets)
    )


def _label(path) -> str:
    names = [FIELD_NAMES.get(p, str(p)) for p in path if not isinstance(p, int)]
    return "·".join(names) if names else "记录"


def chinese_message(error: ValidationError) -> str:
    where = _label(error.absolute_path)
    kind = error.validator
    if kind == "jixiao":  # our own errors are written in Chinese already
        return error.message
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        field = FIELD_NAMES.get(missing[0], missing[0]) if missing else "字段"
        return f"{where}缺少“{field}”（{missing[0] if missing else ''}）。请补上这一项。"
    if kind == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        return f"{where}里有不认识的字段 {', '.join(extra)}。请检查拼写，或删除这些字段。"
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        names = "或".join(_TYPE_NAMES.get(t, str(t)) for t in expected)
        return f"{where}应为{names}，现在是 {error.instance!r}。"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{where}不能小于 {error.validator_value}，现在是 {error.instance}。"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{where}不能大于 {error.validator_value}，现在是 {error.instance}。"
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        shown = "、".join(str(a) for a in allowed if a not in ("", None))
        return f"{where}应为 {shown} 之一，现在是 {error.instance!r}。"
    if kind == "minLength":
        return f"{where}不能为空。"
    if kind == "oneOf":
        return f"{where}格式不对：应为空（null）或完整填写。"
    return f"{where}格式不对：{error.message}"


@rule("schema.invalid", ERROR, "记录不符合格式（缺字段、多字段、类型错误）")
def schema_invalid(ctx: Context):
    for error in record_errors(ctx.record):
        path = record_path.format(error.absolute_path)
        if error.validator in ("anyOf", "if") and _indicator_row(ctx.form, path):
            continue  # indicator.hierarchy reports this with better advice
        if error.validator == "if":
            continue
        yield path, chinese_message(error)
