"""The department-wide declaration (部门（单位）整体支出绩效目标申报表).

Kinds registered here:

- `tasks` and `tasks_total`: 年度主要任务 and 金额合计 (department_tasks.py);
- `numbered_goals`: 年度总体目标; also takes a pasted `1. … 2. …` list.
- `department_indicators`: the generic indicators, asking 绩效标准 for `basis`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from assistant.interview.funds_phrasing import parse_task
from assistant.interview.handlers.department_store import store_candidates
from assistant.interview.handlers.department_tasks import DECLINE, IMPORT_PREFIX, TasksHandler, TasksTotalHandler
from assistant.interview.handlers.goals import GoalsHandler, split_numbered
from assistant.interview.handlers.indicators import IndicatorsHandler

FORM = "department-declaration"


# -------------------------------------------------------------------- goals

# Goals one per answer, or a pasted numbered list split into items (GoalsHandler does both).
NumberedGoalsHandler = GoalsHandler


# --------------------------------------------------------------- indicators


class DepartmentIndicatorsHandler(IndicatorsHandler):
    """The generic indicators; on this form the 指标值确定依据 column is called 绩效标准."""

    def _row_question(self, iv, entry, index, field, revisit=False):
        question = super()._row_question(iv, entry, index, field, revisit)
        if field != "basis":
            return question
        return replace(
            question,
            prompt=question.prompt.replace("指标值确定依据", "绩效标准"),
            help="绩效标准说明指标值从哪来：按工作计划定的是计划标准；按往年实际定的是历史标准；"
            "按行业规范定的是行业标准。",
        )


# ------------------------------------------------------------- registration


def skeleton(source: dict | None, kb) -> dict[str, Any]:
    return {
        "form": FORM,
        "year": None,
        "department": "",
        "tasks": [],
        "total": {"total": 0, "fiscal": 0, "other": 0},
        "goals": [],
        "indicators": [],
    }


KINDS = {
    "tasks": TasksHandler(),
    "tasks_total": TasksTotalHandler(),
    "numbered_goals": NumberedGoalsHandler(),
    "department_indicators": DepartmentIndicatorsHandler(),
}

__all__ = [
    "DECLINE",
    "FORM",
    "KINDS",
    "IMPORT_PREFIX",
    "parse_task",
    "split_numbered",
    "store_candidates",
]
