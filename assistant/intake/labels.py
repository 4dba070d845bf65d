"""Printed labels: what a cell says, whatever the template's spelling.

Labels are compared squashed (NFKC, no blanks), without point suffixes
(`产出指标 (50分)`), 必填 notes (`数量指标 (必填硬性指标)`) or trailing colons, and
then fuzzily (rapidfuzz) against the spellings below, so `项目资金(万元)`,
`项目资金（万元）` and `項目名称` all land on their field.
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process

from assistant.intake.grid import squash

_NOTE = re.compile(r"[（(【\[][^)）】\]]*(分|必填|选填|万元|元|%|％)[^)）】\]]*[)）】\]]")

# field -> printed spellings (squashed). Order matters only for ties.
HEADER_LABELS = {
    "name": ("项目名称", "项目全称"),
    "code": ("项目编码", "项目代码", "项目编号"),
    "department": ("主管部门及代码", "主管部门", "主管单位", "主管部门（单位）", "主管部门名称"),
    "unit": ("实施单位", "项目实施单位", "预算单位", "项目单位", "单位名称"),
    "attribute": ("项目属性", "项目类型"),
    "period": ("项目期", "项目日期", "项目周期", "实施期限", "项目实施期", "执行期限"),
    "dept_name": ("部门（单位）名称", "部门名称", "单位（部门）名称", "部门(单位)名称"),
}

# indicator-table column headings -> row key
COLUMN_LABELS = {
    "level1": ("一级指标", "一级/二级指标", "指标类别", "指标类型"),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "绩效指标名称", "三级指标名称"),
    "value": (
        "指标值",
        "目标值",
        "年度指标值",
        "年度目标值",
        "指标目标值",
        "预期指标值",
        "中期指标值",
        "预期目标值",
        "计划指标值",
        "年初指标值",
        "年初目标值",
    ),
    "description": ("绩效指标描述", "指标描述", "指标解释", "指标说明", "指标内容"),
    "basis": ("指标值确定依据", "绩效标准", "评价标准", "确定依据", "指标值设定依据", "标准"),
    "actual": ("实际完成值", "全年实际值", "实际值", "实际完成情况值", "全年完成值", "全年实际完成值"),
    "weight": ("分值", "权重", "权重（分值）", "指标分值", "指标权重"),
    "score": ("得分", "自评得分", "指标得分"),
    "adjusted": ("调整指标值", "调整后指标值"),
    "deviation": ("偏差原因分析及改进措施", "偏差原因分析", "未完成原因分析", "偏差原因及改进措施", "偏差原因"),
    "unit": ("度量单位", "计量单位", "单位"),
    "nature": ("指标性质", "计算符号", "指标方向"),
    "seq": ("序号", "编号", "行次"),  # layout numbering: read past, not kept
}

# Local 一级 labels mapped onto the classic framework.
LEVEL1_ALIASES = {
    "产出指标": "产出指标",
    "项目完成指标": "产出指标",
    "预期产出指标": "产出指标",
    "产出": "产出指标",
    "效益指标": "效益指标",
    "项目效益指标": "效益指标",
    "效果指标": "效益指标",
    "预期效果指标": "效益指标",
    "效益": "效益指标",
    "满意度指标": "满意度指标",
    "满意度": "满意度指标",
    "服务对象满意度": "满意度指标",
    "成本指标": "成本指标",
}


_POINTS = re.compile(r"[(（]\s*[\d.]+\s*(?:[-~～—至]\s*[\d.]+)?\s*分?\s*[)）]\s*分?$")


def normalise_label(text: str) -> str:
    """`产出指标 (50分)` → 产出指标, `成本指标(0-20)分` → 成本指标, `数量指标 (必填硬性指标)` →
    数量指标, `【产出指标-数量指标】` stays one label (split by `split_levels`)."""
    value = _POINTS.sub("", _NOTE.sub("", squash(text)))
    value = re.sub(r"[（(][^)）]*必填[^)）]*[)）]?$", "", value)
    return value.rstrip(":：").strip("【】[]")


def split_levels(text: str) -> list[str]:
    """【产出指标-数量指标】 → [产出指标, 数量指标]; `产出指标\n数量指标` (both levels
    in one cell, a line each) too."""
    lines = [line for line in (text or "").split("\n") if line.strip()]
    if len(lines) == 2 and all(normalise_label(line).endswith("指标") for line in lines):
        return [normalise_label(line) for line in lines]
    value = normalise_label(text)
    parts = re.split(r"[-—－/|]", value) if re.search(r"指标[-—－/|]", value) else [value]
    return [p for p in parts if p]


def best(text: str, choices: dict[str, tuple[str, ...]], cutoff: int = 86) -> str | None:
    """The field whose spelling `text` is (fuzzily), or None."""
    key = normalise_label(text)
    if not key or len(key) > 24:
        return None
    flat = _flat(tuple((field, tuple(spellings)) for field, spellings in choices.items()))
    if key in flat:
        return flat[key]
    found = process.extractOne(key, list(flat), scorer=fuzz.ratio, score_cutoff=cutoff)
    if found is None and re.search(r"[（(【\[]", key):  # 指标值（2023年）: the heading without its note
        return best(re.sub(r"[（(【\[][^)）】\]]*[)）】\]]?", "", key), choices, cutoff)
    return flat[found[0]] if found else None


@cache
def _flat(items: tuple) -> dict[str, str]:
    out: dict[str, str] = {}
    for field, spellings in items:
        for spelling in spellings:
            out.setdefault(squash(spelling), field)
    return out


# A template's header field (a record path) → the header field id intake reads it as.
TEMPLATE_PATHS = {
    "project.name": "name",
    "project.code": "code",
    "project.department": "department",
    "project.unit": "unit",
    "project.attribute": "attribute",
    "project.period": "period",
    "department": "dept_name",
    "year": "year",
}


@cache
def header_labels() -> dict[str, tuple[str, ...]]:
    """The built-in spellings plus every header label the local templates
    print (knowledge/templates: 专项名称, 业务主管部门, 建设周期 …)."""
    merged = {field: list(spellings) for field, spellings in HEADER_LABELS.items()}
    merged["year"] = ["年度", "预算年度", "填报年度"]
    try:
        from assistant.knowledge.templates import template, template_ids

        for template_id in template_ids():
            for path, label in template(template_id)["header_fields"]:
                field = TEMPLATE_PATHS.get(path)
                if field and squash(label) not in {squash(s) for spellings in merged.values() for s in spellings}:
                    merged[field].append(label)
    except Exception:  # noqa: BLE001 - no templates installed: the built-in spellings
        pass
    return {field: tuple(spellings) for field, spellings in merged.items()}


def header_field(text: str) -> str | None:
    return best(text, header_labels())


@cache
def column_labels() -> dict[str, tuple[str, ...]]:
    """The built-in headings plus every heading the local templates print."""
    from assistant.intake.vocab import column_labels as printed

    merged = {key: list(spellings) for key, spellings in COLUMN_LABELS.items()}
    known = {squash(s) for spellings in merged.values() for s in spellings}
    for key, spellings in printed().items():
        merged.setdefault(key, [])
        merged[key] += [s for s in spellings if squash(s) not in known]
    return {key: tuple(spellings) for key, spellings in merged.items()}


def column_key(text: str) -> str | None:
    return best(text, column_labels(), cutoff=88)
