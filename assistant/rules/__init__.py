"""Schema and semantic checks of records → findings. No UI."""

from assistant.rules.engine import check, has_errors
from assistant.rules.findings import ERROR, INFO, SEVERITY_LABEL, WARNING, Finding
from assistant.rules.registry import RULES

__all__ = ["ERROR", "INFO", "RULES", "SEVERITY_LABEL", "WARNING", "Finding", "check", "has_errors"]
