"""Every check that can run on an answer runs in the chat reply.

Handlers refuse what they can (a value that does not parse, funds that do
not add up); whatever error the full rule set still finds about the field
just answered is added to the reply's notices, and the reply is flagged so
the UI does not show the acceptance as a plain ✓ while the error stands.
"""

from __future__ import annotations

from assistant import record_path, rules
from assistant.interview.model import ANSWER, FIX, Question, Reply
from assistant.rules import ERROR, check

_SUBFIELD = (".fiscal", ".total", ".other")
# Which rule families can raise an error about a field, by the field's first part:
# only those run after an answer (a full check per answer would cost more than the answer).
FAMILIES = {
    "indicators": ("indicator.", "selfeval."),
    "funds": ("funds.",),
    "goals": ("goal.",),
    "project": ("project.",),
    "year": ("project.",),
    "tasks": ("dept.", "funds."),
    "total": ("dept.", "funds."),
    "spending_plan": ("plan.",),
    "execution": ("selfeval.",),
    "department": ("project.", "dept."),
}


def concerned_path(key: str) -> str | None:
    """The record path whose findings are about the answer to `key`, or None
    for questions that fill no single field (a category pick, the review)."""
    if not key or ":" in key or key == "review":
        return None
    ref = record_path.row(key)
    if ref is not None and key in (ref.item, f"{ref.item}.{ref.field}"):
        return ref.item
    for suffix in _SUBFIELD:
        if key.endswith(suffix) and key.startswith("funds."):
            return key[: -len(suffix)]
    return key


def about(path: str, base: str) -> bool:
    return path == base or path.startswith(f"{base}.") or path.startswith(f"{base}[")


def error_rules(base: str) -> list[str]:
    try:
        root = str(record_path.parse(base)[0])
    except ValueError:  # not a field of the record: every rule may concern it
        root = base
    families = FAMILIES.get(root)
    return [
        r.id
        for r in rules.RULES.values()
        if r.severity == ERROR and r.id != "schema.invalid" and (families is None or r.id.startswith(families))
    ]


def errors_about(iv, key: str) -> list:
    base = concerned_path(key)
    if base is None or _pending(iv, base):
        return []
    found = check(iv.final_record(), kb=iv.kb, search=iv.search, rules=error_rules(base))
    return [f for f in found if f.severity == ERROR and about(f.path, base)]


def _pending(iv, base: str) -> bool:
    """A funds row whose 财政拨款 is still to be asked is not checked yet."""
    row = record_path.get(iv.record, base) if "[" not in base else None
    return isinstance(row, dict) and "total" in row and any(row.get(k) is None for k in ("fiscal", "other"))


def flag_errors(iv, question: Question | None, reply: Reply, key: str | None = None) -> Reply:
    """Add the standing errors about the answered field to an accepted reply."""
    if iv.quiet or iv.form is None or not reply.accepted or reply.kind not in (ANSWER, FIX):
        return reply
    key = key or (question.key if question is not None else None)
    if key is None:
        return reply
    errors = errors_about(iv, key)
    if not errors:
        return reply
    shown = {(f.rule, f.path) for f in reply.notices}
    reply.notices.extend(f for f in errors if (f.rule, f.path) not in shown)
    reply.flagged = True
    return reply


__all__ = ["about", "concerned_path", "errors_about", "flag_errors"]
