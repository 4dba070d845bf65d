"""Schema and semantic checks of records → findings. No UI.

Names are loaded on first use (PEP 562): `assistant.rules.findings` alone is
light, and the rules, jsonschema and the knowledge base load with `check`.
"""

from importlib import import_module

_EXPORTS = {
    "check": "engine", "has_errors": "engine", "RULES": "registry",
    "ERROR": "findings", "INFO": "findings", "SEVERITY_LABEL": "findings", "WARNING": "findings",
    "Finding": "findings",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        module = import_module(f"assistant.rules.{_EXPORTS[name]}")
        if name == "RULES":
            import_module("assistant.rules.engine")  # registers every rule
        return getattr(module, name)
    raise AttributeError(f"module 'assistant.rules' has no attribute {name!r}")
