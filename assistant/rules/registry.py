"""The rule registry: every check has a stable id (RULES.md §2), a severity,
the form kinds it applies to, and a function that yields findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from assistant.forms import FORM_IDS
from assistant.rules.context import Context
from assistant.rules.findings import Finding

ALL_FORMS = FORM_IDS


class Rule(NamedTuple):
    """A registered check: its id, severity, the forms it applies to, a title and its function."""

    id: str
    severity: str
    forms: tuple[str, ...]
    title: str
    check: Callable[[Context], Iterable[Finding]]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, title: str, forms: tuple[str, ...] = ALL_FORMS):
    """Register a check. The function yields (path, message) pairs, or full Findings
    when it needs another severity (indicator.required_missing is E or W)."""

    def register(func: Callable[[Context], Iterable]) -> Callable:
        def run(ctx: Context) -> Iterable[Finding]:
            for item in func(ctx):
                if isinstance(item, Finding):
                    yield item
                else:
                    path, message = item
                    yield Finding(rule_id, severity, path, message)

        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, forms, title, run)
        return func

    return register
