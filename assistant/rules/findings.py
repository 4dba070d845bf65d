"""A finding: one thing a reviewer would raise about a record."""

from __future__ import annotations

from typing import NamedTuple

ERROR = "error"  # the form is wrong; a record with errors cannot be finalised
WARNING = "warning"  # a reviewer would send it back
INFO = "info"  # a suggestion

SEVERITY_LABEL = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


class Finding(NamedTuple):
    """One problem a rule found: the rule id, its severity, the record path and a Chinese message."""

    rule: str
    severity: str
    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return self._asdict()

    def line(self) -> str:
        where = f" [{self.path}]" if self.path else ""
        return f"{SEVERITY_LABEL[self.severity]} {self.rule}{where}：{self.message}"
