"""What every rule needs to look at a record, whatever its form kind: the
indicator sets with their paths and budgets, parsed values (each parsed once),
the active framework and the knowledge base."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Any, NamedTuple

from assistant import record_path
from assistant.forms import ANNUAL, MID_TERM, kind_of
from assistant.knowledge import IndicatorSearch, KnowledgeBase, Level2
from assistant.knowledge.base import Framework
from assistant.knowledge.templates import framework_levels, record_template
from assistant.lazy_regex import lazy_regex
from assistant.values import IndicatorValue, ValueParseError, compose_value, parse_value
from assistant.values import to_decimal as number
from assistant.values.period import mid_term_years


class Row:
    """One indicator row of one set. A check reads a row's name and value
    hundreds of times and never changes the record: both are read once."""

    def __init__(self, path: str, value_key: str, data: dict[str, Any], level2: Level2 | None):
        self.path = path  # e.g. indicators.annual[3]
        self.value_key = value_key  # "value" on declarations, "target" on self-evaluations
        self.data = data
        self.level2 = level2

    @cached_property
    def name(self) -> str:
        return _text(self.data.get("name"))

    @cached_property
    def value(self) -> str:
        """The 指标值 as the rules read it: where the template prints the operator and
        the unit in their own columns (指标性质, 度量单位), they are put back together."""
        value = _text(self.data.get(self.value_key))
        if self.data.get("nature") or self.data.get("unit"):
            return compose_value(value, self.data.get("nature"), self.data.get("unit"))
        return value

    @property
    def role(self) -> str | None:
        return self.level2.role if self.level2 else None

    @property
    def value_path(self) -> str:
        return f"{self.path}.{self.value_key}"

    @property
    def name_path(self) -> str:
        return f"{self.path}.name"


class IndicatorSet(NamedTuple):
    """One indicator table of a record (年度, 中期 or a department's) with the budget its costs must fit."""

    path: str  # indicators.annual, indicators.mid_term, indicators
    label: str  # 年度, 中期, 年度 (部门)
    rows: list[Row]
    budget: Decimal | None  # the funds this set's costs must fit in (万元)
    years: int = 1  # a 每年 amount counts this many times


_NOT_APPLICABLE = lazy_regex(r"^(此|本)?指标?不适用$|^不适用$")


def is_not_applicable(row: Row) -> bool:
    """`本指标不适用` rows say a category does not apply; they are not indicators."""
    return bool(_NOT_APPLICABLE.match(row.name.replace(" ", ""))) or (
        not row.name and bool(_NOT_APPLICABLE.match(row.value.replace(" ", "")))
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class Context:
    """A record being checked, with the knowledge and what the rules compute once for it."""

    def __init__(self, record: dict[str, Any], kb: KnowledgeBase, search: IndicatorSearch, others: Any = None):
        self.record = record
        self.kb = kb
        self.search = search
        self.others = [] if others is None else others  # [(label, record)] or a store matcher
        self._parsed: dict[tuple[str, bool], IndicatorValue | ValueParseError] = {}

    @property
    def form(self) -> str:
        return self.record.get("form", "")

    @cached_property
    def framework(self) -> Framework:
        return self.kb.framework(self.record.get("framework"))

    @cached_property
    def template(self) -> dict[str, Any]:
        """The record's local template (knowledge/templates), default of its form."""
        return record_template(self.record)

    def prints(self, column: str) -> bool:
        """Does the record's template have this indicator column (weight, score, deviation…)?"""
        return any(key == column for key, _ in self.template["columns"])

    @property
    def params(self) -> dict[str, Any]:
        return self.kb.params

    @cached_property
    def project_text(self) -> str:
        """Name and goals: what the project is about (for served-people and type checks)."""
        project = self.record.get("project") or {}
        parts = [_text(project.get("name")) if isinstance(project, dict) else ""]
        parts.append(_text(self.record.get("department")))
        parts.extend(_text(text) for _, text in goal_texts(self.record))
        return " ".join(p for p in parts if p)

    @cached_property
    def indicator_sets(self) -> list[IndicatorSet]:
        """The form's indicator sets the record has (a mid-term one only when filled)."""
        kind = kind_of(self.form)
        sets: list[IndicatorSet] = []
        for spec in kind.indicator_sets if kind else ():
            rows = set_rows(self.record, spec.path)
            if rows is None or (spec.period != ANNUAL and not rows):
                continue
            years = 1
            if spec.period == MID_TERM:
                project = self.record.get("project") or {}
                years = mid_term_years(project.get("period"))
            budget = number(record_path.get(self.record, spec.budget))
            sets.append(IndicatorSet(spec.path, spec.label, self._rows(spec.path, rows, spec.value_key), budget, years))
        return sets

    def _rows(self, path: str, rows: Any, value_key: str) -> list[Row]:
        if not isinstance(rows, list):
            return []
        result = []
        for index, data in enumerate(rows):
            if not isinstance(data, dict):
                continue
            level1, level2_name = _text(data.get("level1")), _text(data.get("level2"))
            if not level2_name and (data.get("label1") or data.get("label2")):
                # a row that kept only its printed labels: map them through the template
                level1, level2_name = framework_levels(
                    data.get("label1"), data.get("label2"), self.template, self.framework
                )
            level2 = self.framework.level2(level2_name)
            if level2 is not None and level2.level1 != level1:
                level2 = None
            row = Row(f"{path}[{index}]", value_key, data, level2)
            if level2 is None and not level1 and not level2_name:
                row.level2 = self._flat_cost(row)
            result.append(row)
        return result

    def _flat_cost(self, row: Row) -> Level2 | None:
        """On a flat list (a layout with no 一级/二级 columns) an amount of money named a
        成本 is the cost indicator: 项目成本概算 ≤3584万元. Nothing else is guessed."""
        if any(key in ("level1", "level2") for key, _ in self.template["columns"]) or "成本" not in row.name:
            return None
        value = self.parsed(row)
        if not isinstance(value, IndicatorValue) or value.unit_category != "money":
            return None
        return next((l2 for l2 in self.framework.level2s if l2.role == "cost"), None)

    def money_context(self, row: Row) -> bool:
        """Does a bare `万` in this row mean 万元? Always for costs, never for counts,
        rates and satisfaction (`缴费期内参保人数 31.7万` is people), and for benefits
        when the name is about money (挽回医保资金 ≥200万)."""
        if row.role == "cost":
            return True
        if row.role in ("quantity", "quality", "timeliness", "satisfaction"):
            return False
        return any(word in row.name for word in self.params["money_name_words"])

    def parsed(self, row: Row) -> IndicatorValue | ValueParseError | None:
        """The row's value parsed once; None when empty."""
        if not row.value:
            return None
        key = (row.value, self.money_context(row))
        if key not in self._parsed:
            try:
                self._parsed[key] = parse_value(row.value, money_context=key[1])
            except ValueParseError as exc:
                self._parsed[key] = exc
        return self._parsed[key]

    def quantitative(self, row: Row) -> IndicatorValue | None:
        value = self.parsed(row)
        if isinstance(value, IndicatorValue) and value.is_quantitative:
            return value
        return None


def set_rows(record: Any, path: str) -> list | None:
    """The rows of the list set at `path` (indicators, goals): [] where the
    object holding a nested set has none yet (a project's `indicators` without
    `mid_term`), None where the record has no such set at all (a top-level
    list missing, or a nested set's holder that is not an object)."""
    parts = record_path.parse(path)
    rows = record_path.get(record, parts)
    if len(parts) > 1 and not isinstance(record_path.get(record, parts[:-1]), dict):
        return None
    if isinstance(rows, list):
        return rows
    return [] if len(parts) > 1 else None


def goal_texts(record: Any, period: str | None = None) -> list[tuple[str, str]]:
    """(path, text) of every goal the record's form has (of its sets of one
    `period`, if given): `goals.annual[0]`, `goals[2]`, or `goals[1].expected`
    where goals are objects."""
    kind = kind_of(record.get("form")) if isinstance(record, dict) else None
    found = []
    for spec in kind.goal_sets if kind else ():
        if period is not None and spec.period != period:
            continue
        for i, goal in enumerate(set_rows(record, spec.path) or []):
            if spec.text_key is None:
                if isinstance(goal, str):
                    found.append((f"{spec.path}[{i}]", goal))
            elif isinstance(goal, dict) and isinstance(goal.get(spec.text_key), str):
                found.append((f"{spec.path}[{i}].{spec.text_key}", str(goal[spec.text_key])))
    return found
