"""Every handler by plan-entry kind, and each form's skeleton and prefilled
answers, from one explicit list of form modules. A new form kind adds its
module to FORM_MODULES; nothing registers itself on import."""

from __future__ import annotations

from typing import Any

from assistant.interview.handlers import department, dept_selfeval, selfeval
from assistant.interview.handlers.base import Handler
from assistant.interview.handlers.fields import (
    ChoiceHandler,
    FundsHandler,
    PeriodHandler,
    ScalarHandler,
    SpendingPlanHandler,
    YearHandler,
)
from assistant.interview.handlers.goals import GoalsHandler
from assistant.interview.handlers.indicators import IndicatorsHandler
from assistant.interview.handlers.mid_term import MidTermIndicatorsHandler
from assistant.interview.handlers.review import ReviewHandler

# The project declaration is the default form: its kinds are the common ones.
COMMON_KINDS: dict[str, Handler] = {
    "text": ScalarHandler(),
    "year": YearHandler(),
    "choice": ChoiceHandler(),
    "period": PeriodHandler(),
    "funds": FundsHandler(),
    "spending_plan": SpendingPlanHandler(),
    "goals": GoalsHandler(),
    "indicators": IndicatorsHandler(),
    "mid_term_indicators": MidTermIndicatorsHandler(),
    "review": ReviewHandler(),
}
FORM_MODULES = (department, selfeval, dept_selfeval)

HANDLERS: dict[str, Handler] = {
    **COMMON_KINDS,
    **{kind: h for module in FORM_MODULES for kind, h in module.KINDS.items()},
}
SKELETONS: dict[str, Any] = {module.FORM: module.skeleton for module in FORM_MODULES}
PREFILLED: dict[str, Any] = {module.FORM: module.prefilled for module in FORM_MODULES if hasattr(module, "prefilled")}


def handler(kind: str) -> Handler:
    return HANDLERS[kind]
