"""The department form's offer to take its tasks from the stored project
declarations of the same department and year (the interview's store view)."""

from __future__ import annotations

import re
from typing import Any

from assistant.forms import kind_of
from assistant.interview.funds_phrasing import FUND_KEYS
from assistant.values import to_decimal

_CODE_PREFIX = re.compile(r"^[0-9A-Za-z]+\s*[-－—:：]\s*")


def _norm(name: Any) -> str:
    if not isinstance(name, str):
        return ""
    return _CODE_PREFIX.sub("", "".join(name.split()))


def store_candidates(iv) -> list[dict]:
    """Tasks derived from the stored records the form's tasks can come from
    (`FormKind.tasks_from`: the project declarations) of this department and
    year: one per project, its name and 年度资金. They are asked of the
    interview's store view (interview/store_view.py) when the offer is
    considered; an empty view means no offer."""
    kind = kind_of(iv.form)
    department, year = _norm(iv.record.get("department")), iv.record.get("year")
    if kind is None or kind.tasks_from is None or not department or year is None:
        return []
    return _candidates(iv.store.records(kind.tasks_from, year), department, year)


def _candidates(records, department: str, year: int) -> list[dict]:
    found = []
    for record in records:
        if not isinstance(record, dict) or record.get("year") != year:
            continue
        project = record.get("project") or {}
        if department not in {_norm(project.get("department")), _norm(project.get("unit"))}:
            continue
        annual = (record.get("funds") or {}).get("annual") or {}
        total, fiscal, other = (to_decimal(annual.get(k)) for k in FUND_KEYS)
        name = " ".join(str(project.get("name") or "").split())
        if total is None or len(name) < 2:
            continue
        if fiscal is None and other is not None:
            fiscal = total - other
        if fiscal is not None and other is None:
            other = total - fiscal
        found.append({"name": name, "total": total, "fiscal": fiscal, "other": other})
    return found
