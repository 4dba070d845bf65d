"""Schema and semantic checks of records → findings. No UI.

Names are loaded on first use (PEP 562): `from assistant.rules import check`
is light, and the rules, jsonschema and the knowledge base load on the first
call of `check` (an interview asks its first questions before any rule runs).
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "RULES": "registry",
    "ERROR": "findings",
    "INFO": "findings",
    "SEVERITY_LABEL": "findings",
    "WARNING": "findings",
    "Finding": "findings",
}
__all__ = sorted([*_EXPORTS, "check", "has_errors"])


def check(record: Any, **kwargs: Any) -> list:
    """All findings for `record`, errors first (assistant.rules.engine.check)."""
    from assistant.rules.engine import check as run

    return run(record, **kwargs)


def has_errors(findings: Any) -> bool:
    from assistant.rules.engine import has_errors as run

    return run(findings)


def __getattr__(name):
    if name in _EXPORTS:
        module = import_module(f"assistant.rules.{_EXPORTS[name]}")
        if name == "RULES":
            import_module("assistant.rules.engine")  # registers every rule
        return getattr(module, name)
    raise AttributeError(f"module 'assistant.rules' has no attribute {name!r}")
