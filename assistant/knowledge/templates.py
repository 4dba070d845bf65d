"""Local form templates (knowledge/templates/<id>.json): which header fields a
form prints, its indicator columns, its level labels and how they map onto the
framework, its money unit and scoring layout. Pure data access, no UI.

Printed level labels vary in spelling more than in meaning (`产 出 指 标`,
`产出指标(50分)`, `【产出指标-数量指标】`, `成本`, `可持续性`). `framework_levels`
normalises a label once and then looks it up: the template's own mapping
first, then the framework's names, then a shortened framework name.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import cache
from typing import Any

from assistant.forms import FORM_IDS, FORM_KINDS
from assistant.knowledge.errors import KnowledgeError
from assistant.lazy_regex import lazy_regex
from assistant.paths import knowledge_dir

FORMS = FORM_IDS
_DEFAULTS = {kind.id: kind.template for kind in FORM_KINDS}


@cache
def _ids() -> frozenset[str]:
    """The ids of the bundled templates: their file names, read without their contents."""
    names = os.listdir(knowledge_dir() / "templates")
    ids = frozenset(name.removesuffix(".json") for name in names if name.endswith(".json"))
    missing = [t for t in _DEFAULTS.values() if t not in ids]
    if missing:
        raise KnowledgeError(f"知识库缺少默认表样：{'、'.join(missing)}。请重新安装 jixiao。")
    return ids


@cache
def _one(template_id: str) -> dict[str, Any]:
    """One bundled template (an id of `_ids()`), read alone: a check needs its record's
    template only. Like the rest of the bundled knowledge base the
    templates are not re-validated at every start: tests/test_templates.py validates
    each file against schemas/template.schema.json."""
    path = knowledge_dir() / "templates" / f"{template_id}.json"
    try:
        data = json.loads(path.read_bytes())
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"表样文件 {path.name} 不是有效的 JSON（第 {exc.lineno} 行）：{exc.msg}") from exc
    if not isinstance(data, dict) or data.get("id") != template_id:
        found_id = data.get("id") if isinstance(data, dict) else None
        raise KnowledgeError(f"表样文件 {path.name} 的 id 是“{found_id}”，应与文件名一致。")
    return data


def template_ids() -> list[str]:
    return sorted(_ids())


def template(template_id: str) -> dict[str, Any]:
    """The template with this id. Raises KnowledgeError (Chinese) for an unknown id."""
    if template_id not in _ids():
        raise KnowledgeError(f"没有名为“{template_id}”的表样。可用的表样：{'、'.join(template_ids())}。")
    return _one(template_id)


def templates_for(form: str) -> list[dict[str, Any]]:
    """Every template of a form kind, the default first."""
    default = _DEFAULTS.get(form)
    found = (_one(template_id) for template_id in _ids())
    return sorted((t for t in found if t["form"] == form), key=lambda t: (t["id"] != default, t["id"]))


def default_template(form: str) -> str:
    if form not in _DEFAULTS:
        raise KnowledgeError(f"表类型“{form}”没有默认表样。应为 {'、'.join(FORMS)} 之一。")
    return _DEFAULTS[form]


def record_template(record: dict[str, Any]) -> dict[str, Any]:
    """The record's own template when it names one of its form, else its form's default."""
    form = record.get("form") if isinstance(record, dict) else None
    named = record.get("template") if isinstance(record, dict) else None
    if isinstance(named, str) and named in _ids() and _one(named)["form"] == form:
        return _one(named)
    return template(_DEFAULTS.get(form, "project-standard") if isinstance(form, str) else "project-standard")


def header_paths(tmpl: dict[str, Any]) -> set[str]:
    """Record paths of the header fields this template prints (project.name, year…)."""
    return {path for path, _ in tmpl["header_fields"]}


# ----------------------------------------------------------------------------
# Level labels
# ----------------------------------------------------------------------------

_POINTS = lazy_regex(r"[(（]\s*[\d.]+\s*(?:[-~～—至]\s*[\d.]+)?\s*分?\s*[)）]\s*分?$")
_NUMBERING = lazy_regex(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）])")
_BRACKETS = lazy_regex(r"^[【\[]\s*(.+?)\s*[】\]]$")


def normalise_label(label: str | None) -> str:
    """`产 出 指 标` → 产出指标, `产出指标 (40-50)分` → 产出指标, `一、产出指标` → 产出指标."""
    if not isinstance(label, str):
        return ""
    text = unicodedata.normalize("NFKC", label)
    text = re.sub(r"\s+", "", text)
    text = _NUMBERING.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _POINTS.sub("", text)
    return text


def split_label(label: str | None) -> tuple[str, str]:
    """`【产出指标-数量指标】`, `产出指标-数量指标` → (产出指标, 数量指标); other labels → (label, "")."""
    text = normalise_label(label)
    match = _BRACKETS.match(text)
    inner = match.group(1) if match else text
    head, sep, tail = re.sub(r"[—–－/|]", "-", inner).partition("-")
    if sep and head and tail:
        return normalise_label(head), normalise_label(tail)
    return normalise_label(inner), ""


def _lookup(label: str, tmpl: dict[str, Any]) -> list | None:
    for printed, target in tmpl.get("level_labels", {}).items():
        if normalise_label(printed) == label:
            return target
    return None


def _framework_names(framework) -> tuple[list[str], list[tuple[str, str]]]:
    level1s = list(framework.level1_names)
    pairs = [(l2.level1, l2.name) for l2 in framework.level2s]
    return level1s, pairs


def _shortened(label: str, names: list[str]) -> str | None:
    """成本 → 成本指标, 可持续性 → 可持续影响指标, 服务对象或受益者满意度指标 →
    服务对象满意度指标: the one framework name sharing the longest head (≥ 2 characters)."""
    stem = label.removesuffix("指标")
    if len(stem) < 2:
        return None
    scored = sorted(((len(os.path.commonprefix([stem, name])), name) for name in names), reverse=True)
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def framework_levels(label1: str | None, label2: str | None, tmpl: dict[str, Any], framework) -> tuple[str, str]:
    """Map printed 一级/二级 labels onto the framework's (level1, level2); "" where unknown."""
    level1s, pairs = _framework_names(framework)
    l1, l2 = normalise_label(label1), normalise_label(label2)
    if l1 and not l2:
        l1, l2 = split_label(label1)
    l1 = l1 if l1 else ""
    out1, out2 = "", ""
    mapped = _lookup(l1, tmpl) if l1 else None
    if mapped:
        out1, out2 = mapped[0], mapped[1] or ""
    elif l1 in level1s:
        out1 = l1
    elif l1 in [name for _, name in pairs] and not l2:
        l2 = l1  # a 二级 name printed in the 一级 column (社会效益指标 as the block label)
    elif l1:
        out1 = _shortened(l1, level1s) or ""
    if l2:
        mapped2 = _lookup(l2, tmpl)
        names2 = [name for _, name in pairs]
        if mapped2:
            out1, out2 = mapped2[0], mapped2[1] or out2
        elif l2 in names2:
            out2 = l2
        elif l2 in level1s and len([n for p, n in pairs if p == l2]) == 1:
            out2 = next(n for p, n in pairs if p == l2)  # 满意度指标 printed as its own 二级
        else:
            out2 = _shortened(l2, names2) or ""
        owner = next((p for p, n in pairs if n == out2), "")
        if out2 and (not out1 or out1 != owner):
            out1 = owner
    return out1, out2


# ----------------------------------------------------------------------------
# Which template a printed form follows
# ----------------------------------------------------------------------------


def _printed(tmpl: dict[str, Any]) -> set[str]:
    """Every label the template prints, normalised: header, columns, funds, levels, title."""
    labels = [label for _, label in tmpl["header_fields"]] + [label for _, label in tmpl["columns"]]
    labels += [label for _, label in tmpl.get("funds_rows", [])] + list(tmpl["level_labels"]) + [tmpl["title"]]
    return {normalise_label(label) for label in labels if label}


def best_template(form: str, labels) -> str:
    """The template of `form` whose printed labels best match the labels read off a
    form (header labels, column headers, level labels, title). Labels only a few
    templates print weigh more than the ones every template has; the form's
    default wins ties and the case where nothing distinctive matches."""
    seen = {normalise_label(label) for label in labels if isinstance(label, str) and label.strip()}
    candidates = templates_for(form)
    if not candidates:
        return default_template(form)
    printed = {t["id"]: _printed(t) for t in candidates}
    common = {label: sum(label in p for p in printed.values()) for p in printed.values() for label in p}
    best, best_score = candidates[0]["id"], 0.0
    for tmpl in candidates:
        hits = seen & printed[tmpl["id"]]
        score = sum(1 / common[label] for label in hits) - 0.01 * len(printed[tmpl["id"]] - seen)
        if score > best_score + 1e-9:
            best, best_score = tmpl["id"], score
    return best
