"""Run every applicable rule on a record and return its findings."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import InvalidOperation
from typing import Any

from assistant.knowledge import IndicatorSearch, KnowledgeBase, load, searcher

# Importing the rule modules registers their rules.
from assistant.rules import (  # noqa: F401
    actual_rules,
    category_rules,
    copy_paste,
    cost_rules,
    dept_selfeval_rules,
    field_rules,
    fit_rules,
    goal_rules,
    header_rules,
    indicator_rules,
    record_rules,
    schema_rules,
    selfeval_rules,
)
from assistant.rules.context import Context
from assistant.rules.findings import SEVERITY_ORDER, Finding
from assistant.rules.registry import RULES


def check(
    record: Any,
    *,
    others: Any = (),
    kb: KnowledgeBase | None = None,
    search: IndicatorSearch | None = None,
    rules: Iterable[str] | None = None,
) -> list[Finding]:
    """All findings for `record`, errors first. `others` are (label, record) pairs
    compared by records.copy_paste (or a matcher over the store, see
    assistant.records.copy_paste_source). `rules` limits the run to some rule ids."""
    if kb is None:
        kb, search = load(), search or searcher()
    search = search or IndicatorSearch(kb)
    if not isinstance(record, dict):
        return [Finding("schema.invalid", "error", "", "记录文件的顶层必须是一个 JSON 对象。")]
    ctx = Context(record, kb, search, others=others if hasattr(others, "copy_paste_matches") else list(others))
    findings: list[Finding] = []
    selected = RULES.values() if rules is None else [RULES[r] for r in rules]
    for spec in selected:
        if ctx.form not in spec.forms and spec.id != "schema.invalid":
            continue
        try:
            findings.extend(spec.check(ctx))
        except (TypeError, KeyError, AttributeError, ValueError, InvalidOperation, ZeroDivisionError):
            # The record's shape is broken where this rule looks; schema.invalid
            # already says where, so the rule stays silent rather than crash.
            if spec.id == "schema.invalid":
                raise
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.path, f.rule))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
