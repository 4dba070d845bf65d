"""The department form's offer to take its tasks from the stored project
declarations of the same department and year (`iv.store_records`)."""

from __future__ import annotations

import re
from typing import Any

from assistant.interview.funds_phrasing import FUND_KEYS
from assistant.values import to_decimal

_CODE_PREFIX = re.compile(r"^[0-9A-Za-z]+\s*[-－—:：]\s*")


def _norm(name: Any) -> str:
    if not isinstance(name, str):
        return ""
    return _CODE_PREFIX.sub("", "".join(name.split()))


def store_candidates(iv) -> list[dict]:
    """Tasks derived from the stored project declarations of this department and
    year: one per project, its name and 年度资金.

    `iv.store_records` is set by whoever runs the interview (session, TUI,
    tests): a list of records, or of (id, record) pairs, or a callable
    `(department, year) -> such a list`, called lazily once per department and
    year (see `store_source`). Absent means no store: no offer.
    """
    source = getattr(iv, "store_records", None)
    department, year = _norm(iv.record.get("department")), iv.record.get("year")
    if source is None or not department or year is None:
        return []
    cache = iv.__dict__.setdefault("_store_candidates", {})
    key = (department, year, id(source))
    if key not in cache:
        records = source(iv.record.get("department"), year) if callable(source) else source
        cache[key] = _candidates(records or [], department, year)
    return cache[key]


def _candidates(records, department: str, year: int) -> list[dict]:
    found = []
    for item in records:
        record = item[1] if isinstance(item, tuple) else item
        if not isinstance(record, dict) or record.get("form") != "project-declaration" or record.get("year") != year:
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


def store_source(store):
    """`iv.store_records` for a record store (`assistant.records.Store`): the project
    declarations of the year asked for, read only when the offer is considered."""

    def records(department, year):
        return [store.get(meta["id"]) for meta in store.list(year=year, form="project-declaration")]

    return records
