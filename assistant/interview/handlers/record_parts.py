"""What handlers read off the record under interview: the rows of an indicator
set, and what the project is about (for recognising its sector)."""

from __future__ import annotations

from assistant import record_path


def rows_of(iv, set_path: str) -> list[dict]:
    rows = record_path.get(iv.record, set_path)
    return rows if isinstance(rows, list) else []


def project_parts(iv) -> tuple[str, str, str]:
    """The project's name, its goals and its department, apart: what the project
    is is recognized from each with its own weight (knowledge/recognize.py)."""
    record = iv.record
    project = record.get("project") if isinstance(record.get("project"), dict) else {}
    name = project.get("name") or ""
    goals = record.get("goals")
    if isinstance(goals, dict):
        texts = goals.get("annual") or []
    elif isinstance(goals, list):
        texts = [g if isinstance(g, str) else g.get("expected", "") for g in goals]
    else:
        texts = []
    department = project.get("department") or record.get("department") or ""
    tasks = record.get("tasks") if isinstance(record.get("tasks"), list) else []
    texts = [*texts, *(t.get("name", "") for t in tasks if isinstance(t, dict))]
    return (
        name,
        " ".join(t for t in texts if isinstance(t, str) and t),
        department if isinstance(department, str) else "",
    )
