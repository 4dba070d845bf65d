"""The form kinds jixiao knows: one `FormKind` per form, registered in one tuple.

Every layer asks this module what a form looks like (its Chinese name, its
command-line aliases, its schema, where its indicator rows live and which key
holds their target) instead of repeating lists of form ids.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorSetSpec:
    """Where one set of indicator rows lives in a record."""

    path: str  # "indicators.annual", "indicators"
    label: str  # 年度, 中期
    value_key: str  # "value" on declarations, "target" on self-evaluations
    budget: str | None = None  # the path of the amount its costs must fit in: "funds.annual.total"


@dataclass(frozen=True)
class FormKind:
    id: str
    label: str  # the official title
    short: str  # a short Chinese name for menus
    aliases: tuple[str, ...]  # command-line spellings (`--form self-eval`)
    indicator_sets: tuple[IndicatorSetSpec, ...]
    self_evaluation: bool = False  # scored: 分值/得分/执行率/等级
    department_wide: bool = False  # a department's form: `department`, no `project`
    declaration: str | None = None  # the declaration a self-evaluation starts from

    @property
    def schema(self) -> str:
        return self.id


_ANNUAL_VALUE = IndicatorSetSpec("indicators", "年度", "value", "total.total")
_ANNUAL_TARGET = IndicatorSetSpec("indicators", "年度", "target", "funds.total.adjusted")

FORM_KINDS: tuple[FormKind, ...] = (
    FormKind(
        "project-declaration",
        "项目支出绩效目标申报表",
        "项目申报表",
        ("project",),
        (
            IndicatorSetSpec("indicators.annual", "年度", "value", "funds.annual.total"),
            IndicatorSetSpec("indicators.mid_term", "中期", "value", "funds.mid_term.total"),
        ),
    ),
    FormKind(
        "department-declaration",
        "部门整体支出绩效目标申报表",
        "部门整体申报表",
        ("department",),
        (_ANNUAL_VALUE,),
        department_wide=True,
    ),
    FormKind(
        "self-evaluation",
        "项目支出绩效自评表",
        "项目自评表",
        ("self-eval",),
        (_ANNUAL_TARGET,),
        self_evaluation=True,
        declaration="project-declaration",
    ),
    FormKind(
        "department-self-evaluation",
        "部门整体支出绩效自评表",
        "部门整体自评表",
        ("department-self-eval", "dept-self-eval"),
        (_ANNUAL_TARGET,),
        self_evaluation=True,
        department_wide=True,
        declaration="department-declaration",
    ),
)

KINDS: dict[str, FormKind] = {kind.id: kind for kind in FORM_KINDS}
FORM_IDS: tuple[str, ...] = tuple(KINDS)
SELF_EVALUATIONS: tuple[str, ...] = tuple(k.id for k in FORM_KINDS if k.self_evaluation)
DECLARATIONS: tuple[str, ...] = tuple(k.id for k in FORM_KINDS if not k.self_evaluation)
FORM_LABELS: dict[str, str] = {kind.id: kind.label for kind in FORM_KINDS}
FORM_ALIASES: dict[str, str] = {alias: kind.id for kind in FORM_KINDS for alias in (*kind.aliases, kind.id)}


def kind_of(form: object) -> FormKind | None:
    return KINDS.get(form) if isinstance(form, str) else None


def value_key(form: object) -> str:
    """The key of an indicator row's target on this form: `value` or `target`."""
    kind = kind_of(form)
    return kind.indicator_sets[0].value_key if kind else "value"
