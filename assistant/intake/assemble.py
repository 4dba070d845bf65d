"""The reader's findings → a record of its form (DESIGN.md §3 and the
templates contract's optional keys, where the installed schema has them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.forms import ANNUAL, MID_TERM, SELF_EVALUATIONS, kind_of
from assistant.intake import fields as F
from assistant.intake import levels
from assistant.intake.grid import Cell, squash
from assistant.intake.recognise import Printed, printed_header_fields, recognise
from assistant.intake.table import clean_value, resolve_labels
from assistant.rules.copy_paste import indicator_rows

_PROJECT_KEYS = ("name", "code", "department", "unit", "attribute", "period")
_NUMERIC = ("weight", "score")
_REPAIRED = ("value", "target", "actual")


_FISCAL_LEVEL = re.compile(r"^(中央|省|市|县|区|地方|上级|本级)")
_MOF_ONLY = {"经济成本指标", "社会成本指标", "生态环境成本指标"}


def assemble(reader) -> dict[str, Any]:
    record = _assemble(reader)
    template = recognise(reader.kind, _printed(reader, record))
    head: dict[str, Any] = {"form": record["form"]}
    if template:
        head["template"] = template
        if record.get("profile"):
            from assistant.knowledge.templates import template as template_of

            record["profile"] = template_of(template).get("scoring") or record["profile"]
    if any(row.get("level2") in _MOF_ONLY for row in indicator_rows(record)):
        head["framework"] = "mof-2021"  # 成本指标 as a 一级 of its own (财预〔2021〕101号)
    return {**head, **{k: v for k, v in record.items() if k != "form"}}


def _printed(reader, record) -> Printed:
    columns = [key for table in reader.tables[:1] for key, *_ in table[1].sets[0].columns]
    if reader.kind in SELF_EVALUATIONS:
        columns = ["target" if key == "value" else key for key in columns]
    mid = (
        any(len(t.sets) > 1 or caption == "mid_term" for caption, t in reader.tables)
        or bool(reader.goals.get("mid_term"))
        or "mid_term" in reader.funds
    )
    from assistant.intake.labels import normalise_label

    labels = {
        normalise_label(text)
        for _, table in reader.tables
        for entries in table.entries
        for entry in entries
        for text in (entry.label1, entry.label2)
        if text
    }
    return Printed(
        squash(reader.segment.title or ""),
        printed_header_fields(reader.header_labels),
        columns,
        mid,
        reader.unit_line,
        reader.grade_line,
        labels,
        set(reader.fund_labels),
    )


def _assemble(reader) -> dict[str, Any]:
    kind = reader.kind
    problems = reader.problems
    year = reader.segment.year
    if year is None:
        problems.append(
            (
                reader.segment.where or "开头",
                "没有找到年度（如“(2022年度)”）：表上没有印年度，请用 --year 指定，或在记录里补上 year。",
            )
        )
    record: dict[str, Any] = {"form": kind, "year": year}
    _lone_unit(reader)
    indicators = _indicators(reader)
    return _BUILDERS.get(kind, _project_declaration)(reader, record, indicators)


def _project(reader, record: dict) -> None:
    project = {key: reader.project.get(key) for key in _PROJECT_KEYS}
    project["name"] = project["name"] or ""  # a string in every schema; project.field_missing says it
    if reader.extra and "extra" in F.schema_keys(reader.kind, "project"):
        project["extra"] = dict(reader.extra)
    elif reader.extra:
        _extra_lost(reader)
    record["project"] = project


def _project_declaration(reader, record: dict, indicators: dict[str, list]) -> dict:
    _project(reader, record)
    record["funds"] = {
        "mid_term": _period_funds(reader, "mid_term"),
        "annual": _period_funds(reader, "annual") or {"total": None, "fiscal": None, "other": None},
    }
    record["spending_plan"] = reader.plan or None
    record["goals"] = reader.goals
    record["indicators"] = indicators
    return record


def _department_declaration(reader, record: dict, indicators: dict[str, list]) -> dict:
    record["department"] = (
        reader.project.get("department_name") or reader.project.get("department") or reader.project.get("unit")
    )
    if reader.extra and "extra" in F.schema_keys(reader.kind, "extra"):
        record["extra"] = dict(reader.extra)
    elif reader.extra:
        _extra_lost(reader)
    record["tasks"] = reader.tasks
    record["total"] = reader.total or {"total": None, "fiscal": None, "other": None}
    record["goals"] = reader.goals["annual"] + reader.goals["mid_term"]
    record["indicators"] = indicators["annual"] + indicators["mid_term"]
    return record


def _self_evaluation(reader, record: dict, indicators: dict[str, list]) -> dict:
    _project(reader, record)
    record["profile"] = "central"
    record["funds"] = {
        key: reader.funds.get(key) or {"initial": None, "adjusted": None, "executed": None}
        if key == "total"
        else reader.funds.get(key)
        for key in ("total", "fiscal", "carryover", "other")
    }
    execution = getattr(reader, "execution", None) or {}
    record["execution"] = {"weight": execution.get("weight"), "score": execution.get("score"), "deviation": ""}
    record["goals"] = reader.goals.get("list", [])
    record["indicators"] = indicators["annual"] + indicators["mid_term"]
    record["total_score"] = reader.total_score
    record["grade"] = reader.grade or _grade(reader.total_score)
    return record


def _department_self_evaluation(reader, record: dict, indicators: dict[str, list]) -> dict:
    """部门整体支出绩效自评表: the department, its funds (total, fiscal), 执行率,
    goals, indicators (often without 一级/二级), total and grade."""
    record["profile"] = "central"
    record["department"] = (
        reader.project.get("department") or reader.project.get("department_name") or reader.project.get("unit")
    )
    if reader.extra:
        record["extra"] = dict(reader.extra)
    funds = {"total": reader.funds.get("total") or {"initial": None, "adjusted": None, "executed": None}}
    if reader.funds.get("fiscal"):
        funds["fiscal"] = reader.funds["fiscal"]
    record["funds"] = funds
    execution = getattr(reader, "execution", None) or {}
    record["execution"] = {"weight": execution.get("weight"), "score": execution.get("score")}
    if execution.get("rate") is not None:
        record["execution"]["rate"] = execution["rate"]  # as printed (%)
    record["goals"] = reader.goals.get("list", [])
    # 一级/二级 may be "" here: this form often prints none
    record["indicators"] = indicators["annual"] + indicators["mid_term"]
    record["total_score"] = reader.total_score
    if reader.grade:
        record["grade"] = reader.grade
    return record


# Each form's record, from what its reader found (a form of no known kind: a project declaration).
_BUILDERS: dict[str, Callable[[Any, dict, dict[str, list]], dict]] = {
    "project-declaration": _project_declaration,
    "department-declaration": _department_declaration,
    "self-evaluation": _self_evaluation,
    "department-self-evaluation": _department_self_evaluation,
}


def _extra_lost(reader) -> None:
    for label, text in reader.extra.items():
        reader.problems.append((reader.segment.where, f"“{label}”一栏（{text[:40]}）在记录里没有位置，没有读入。"))


def _period_funds(reader, period: str) -> dict | None:
    slot = reader.funds.get(period)
    if (
        not slot
        or all(slot.get(k) is None for k in ("total", "fiscal"))
        and not any((slot.get("sources") or {}).values())
    ):
        return None  # a block printed but left blank (000's mid-term column of a 1-year project)
    out = {"total": slot.get("total"), "fiscal": slot.get("fiscal"), "other": slot.get("other")}
    if slot.get("sources") and "sources" in F.schema_keys(reader.kind, "funds_period"):
        out["sources"] = dict(slot["sources"])
        levels_only = all(_FISCAL_LEVEL.search(name) for name in out["sources"])
        if out["fiscal"] is None and levels_only and all(v is not None for v in out["sources"].values()):
            # money split only by fiscal level (中央补助 | 地方资金): 财政拨款 is their sum
            out["fiscal"] = F.plain(sum(out["sources"].values()))
    return out


def _grade(total) -> str | None:
    """A form without a grade line: the grade its stated total gives (RULES.md §3)."""
    if total is None:
        return None
    for floor, grade in ((90, "优"), (80, "良"), (60, "中")):
        if total >= floor:
            return grade
    return "差"


def _lone_unit(reader) -> None:
    """A line of its own before the table naming the unit (`450001…医疗保障局(本级)`)."""
    for cell in reader.lone:
        if not reader.project.get("unit") and not reader.project.get("department") and _looks_like_unit(cell.text):
            reader.project["unit"] = reader.project["department"] = cell.text
            continue
        reader.problems.append((cell.where, f"表格外的一行“{cell.text[:60]}”没有读入。"))


def _looks_like_unit(text: str) -> bool:
    key = squash(text)
    return 2 < len(key) <= 40 and any(
        word in key
        for word in ("局", "中心", "委", "院", "厅", "办", "所", "站", "学校", "政府", "本级", "部", "处", "馆", "队")
    )


def _indicators(reader) -> dict[str, list]:
    out: dict[str, list] = {"mid_term": [], "annual": []}
    kind = kind_of(reader.kind)
    side_by_side = kind is not None and len(kind.indicator_sets) > 1  # 中期 and 年度 column sets
    for caption, table in reader.tables:
        periods = [ANNUAL]
        if table.periods and side_by_side:
            periods = table.periods
        elif len(table.sets) > 1 and side_by_side:
            periods = [MID_TERM, ANNUAL]
        elif caption:
            periods = [caption]
        for index, entries in enumerate(table.entries):
            if index >= len(periods):
                for entry in entries:
                    if entry.cells:
                        reader.problems.append(
                            (entry.where, "指标表多出的一组列没有读入：" + "｜".join(entry.cells.values()))
                        )
                continue
            out[periods[index]] += [
                row
                for row in (
                    _row(reader, label2, label1, entry, table.sets[index])
                    for label2, label1, entry in resolve_labels(entries)
                )
                if row
            ]
    return out


def _row(reader, label2, label1, entry, column_set) -> dict | None:
    kind = reader.kind
    cells = dict(entry.cells)
    if kind in SELF_EVALUATIONS and "value" in cells:
        cells.setdefault("target", cells.pop("value"))
    if not any(cells.get(k) for k in ("name", "value", "target", "actual")):
        return None  # a placeholder (指标1:) or an empty row
    level1, level2 = _levels(reader, label1, label2, entry)
    row: dict[str, Any] = {"level1": level1 or "", "level2": level2 or ""}
    allowed = F.schema_keys(kind, "row")
    for key in _row_fields(kind):
        text = cells.pop(key, "")
        if key in _NUMERIC:
            number = F.number_of(_text_cell(text, entry.where)) if text else None
            if text and number is None:
                reader.problems.append(
                    (entry.where, f"{'分值' if key == 'weight' else '得分'}“{text}”不是数字，没有读入。")
                )
            row[key] = number
        else:
            row[key] = clean_value(text) if key in _REPAIRED and reader.segment.repair else text
    if (
        kind not in SELF_EVALUATIONS
        and row["basis"]
        and row["basis"] not in ("计划标准", "历史标准", "行业标准", "其他标准")
        and "extra" in allowed
    ):
        row.setdefault("extra", {})["指标值确定依据"] = row.pop("basis")
        row["basis"] = ""
    for printed, key in (("label1", label1), ("label2", label2)):
        name = level1 if printed == "label1" else level2
        if key and printed in allowed and levels.normalise_label(key) != name:
            row[printed] = key
    extras = {}
    for key, text in cells.items():
        if key in ("unit", "nature", "adjusted") and key in allowed:
            row[key] = text
        elif key == "weight" and "weight" in allowed:
            row["weight"] = F.number_of(_text_cell(text, entry.where))
        elif key.startswith("extra:") and "extra" in allowed:
            extras[key[6:]] = text
        elif text:
            header = next((c[3] for c in column_set.columns if c[0] == key), key.removeprefix("extra:"))
            reader.problems.append((entry.where, f"“{header}”一栏的“{text[:40]}”在记录里没有位置，没有读入。"))
    if extras:
        row.setdefault("extra", {}).update(extras)
    return row


def _levels(reader, label1, label2, entry) -> tuple[str | None, str | None]:
    level1 = level2 = None
    if label2:
        found = levels.classify(label2) or levels.shortened(label2)
        if found and found[-1].kind == "level2":
            level2 = found[-1].name
        elif found:  # a 一级 printed in the 二级 column (满意度指标 | 满意度指标)
            kids = levels.children(found[-1].name)
            level2 = kids[0] if len(kids) == 1 else None
            level1 = found[-1].name
    if label1 and not level1:
        found = levels.classify(label1)
        if found and found[0].kind == "level1":
            level1 = found[0].name
    if level2:
        level1 = levels.parent(level2) or level1
    form = kind_of(reader.kind)
    if not level2 and (label1 or label2 or not (form and form.unlevelled_rows)):
        reader.problems.append((entry.where, f"指标“{entry.cells.get('name', '')}”前面没有二级指标，请补上。"))
    return level1, level2


def _row_fields(form: str) -> tuple[str, ...]:
    kind = kind_of(form)
    if kind is None:
        raise KeyError(form)
    return kind.row_fields


def _text_cell(text: str, where: str) -> Cell:
    """A cell standing for text already taken out of the grid (for `F.number_of`)."""
    return Cell(text, 0, 0, where)
