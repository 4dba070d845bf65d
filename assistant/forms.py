"""The form kinds jixiao knows: one `FormKind` per form, registered in one tuple.

Every layer asks this module what a form looks like (its Chinese name, its
command-line aliases, its schema, where its indicator rows, goals, funds and
tasks live, which key holds an indicator's target, which field names the
form, which declaration a self-evaluation starts from) instead of repeating
lists of form ids and `if form == …` branches.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from assistant import record_path

ANNUAL, MID_TERM = "annual", "mid_term"


class IndicatorSetSpec(NamedTuple):
    """Where one set of indicator rows lives in a record."""

    path: str  # "indicators.annual", "indicators"
    label: str  # 年度, 中期
    value_key: str  # "value" on declarations, "target" on self-evaluations
    budget: str  # the amount its costs must fit in: "funds.annual.total", "total.total"
    period: str = ANNUAL  # a mid-term set is checked only when filled, its 每年 amounts × years


class GoalSetSpec(NamedTuple):
    """Where one set of goals lives: a list of texts, or of objects holding the text."""

    path: str  # "goals.annual", "goals"
    label: str = "年度"  # 年度, 中期
    period: str = ANNUAL
    text_key: str | None = None  # "expected" where each goal is {"expected", "actual"}


class FundsRowSpec(NamedTuple):
    """A declared funds row {total, fiscal, other}: total = 财政拨款 + 其他资金."""

    path: str  # "funds.annual", "total"
    label: str  # 年度, 中期, 金额合计
    period: str = ANNUAL


class FormKind(NamedTuple):
    """One kind of form: its titles, command-line spellings and where its parts sit in a record."""

    id: str
    label: str  # the official title
    short: str  # a short Chinese name for menus
    aliases: tuple[str, ...]  # command-line spellings (`--form self-eval`)
    indicator_sets: tuple[IndicatorSetSpec, ...]  # the annual set first
    goal_sets: tuple[GoalSetSpec, ...]
    row_fields: tuple[str, ...]  # the printed columns of an indicator row a form is read into
    printed_titles: tuple[str, ...]  # titles it is printed under (its label among them), for reading a form
    template: str  # its standard layout in knowledge/templates (a record may name another)
    sheet: str  # the name of its sheet in a workbook
    funds_rows: tuple[FundsRowSpec, ...] = ()  # declared {total, fiscal, other} rows
    tasks: str | None = None  # the list of 年度主要任务, on department-wide forms
    tasks_from: str | None = None  # the stored form of the year whose records can become its tasks
    title_field: str = "project.name"  # what names one form of this kind
    derived: tuple[tuple[str, str], ...] = ()  # (a field computed, the answer it is computed from)
    source_form: str | None = None  # the declaration a self-evaluation starts from
    self_evaluation: bool = False  # scored: 分值/得分/执行率/等级
    department_wide: bool = False  # a department's form: `department`, no `project`
    unlevelled_rows: bool = False  # its indicators may be printed without 一级/二级 (flat local forms)

    @property
    def schema(self) -> str:
        return self.id

    @property
    def budget(self) -> str:
        """Where the year's total funds are: what the annual indicators are checked against."""
        return self.indicator_sets[0].budget

    def indicator_set(self, period: str) -> IndicatorSetSpec | None:
        return next((s for s in self.indicator_sets if s.period == period), None)

    def goal_set(self, period: str) -> GoalSetSpec | None:
        return next((s for s in self.goal_sets if s.period == period), None)

    def funds_row(self, period: str) -> FundsRowSpec | None:
        return next((s for s in self.funds_rows if s.period == period), None)


def shown(sets: tuple, multi_year: bool) -> list:
    """The sets (indicators, goals, funds rows) a record shows: the mid-term
    ones only for a multi-year project."""
    return [s for s in sets if s.period == ANNUAL or multi_year]


_LIST_GOALS = (GoalSetSpec("goals"),)
_SCORED_GOALS = (GoalSetSpec("goals", text_key="expected"),)
_DECLARED_ROW = ("name", "value", "description", "basis")
_SCORED_ROW = ("name", "target", "actual", "weight", "score")
_SCORED_INDICATORS = (IndicatorSetSpec("indicators", "年度", "target", "funds.total.adjusted"),)

FORM_KINDS: tuple[FormKind, ...] = (
    FormKind(
        "project-declaration",
        "项目支出绩效目标申报表",
        "项目申报表",
        ("project",),
        (
            IndicatorSetSpec("indicators.annual", "年度", "value", "funds.annual.total"),
            IndicatorSetSpec("indicators.mid_term", "中期", "value", "funds.mid_term.total", MID_TERM),
        ),
        goal_sets=(GoalSetSpec("goals.annual"), GoalSetSpec("goals.mid_term", "中期", MID_TERM)),
        row_fields=_DECLARED_ROW,
        printed_titles=(
            "项目支出绩效目标申报表",
            "部门项目支出预算绩效目标申报表",
            "项目绩效目标表",
            "项目支出绩效目标表",
            "绩效目标表",
        ),
        funds_rows=(FundsRowSpec("funds.annual", "年度"), FundsRowSpec("funds.mid_term", "中期", MID_TERM)),
        template="project-standard",
        sheet="项目申报表",
    ),
    FormKind(
        "department-declaration",
        "部门整体支出绩效目标申报表",
        "部门整体申报表",
        ("department",),
        (IndicatorSetSpec("indicators", "年度", "value", "total.total"),),
        goal_sets=_LIST_GOALS,
        row_fields=_DECLARED_ROW,
        printed_titles=("部门（单位）整体支出绩效目标申报表", "部门整体支出绩效目标申报表", "部门整体绩效目标表"),
        funds_rows=(FundsRowSpec("total", "金额合计"),),
        tasks="tasks",
        tasks_from="project-declaration",
        title_field="department",
        template="department-standard",
        sheet="部门申报表",
        department_wide=True,
    ),
    FormKind(
        "self-evaluation",
        "项目支出绩效自评表",
        "项目自评表",
        ("self-eval",),
        _SCORED_INDICATORS,
        goal_sets=_SCORED_GOALS,
        row_fields=(*_SCORED_ROW, "deviation"),
        printed_titles=("项目支出绩效自评表", "项目绩效自评表"),
        source_form="project-declaration",
        template="selfeval-central",
        sheet="项目自评表",
        self_evaluation=True,
    ),
    FormKind(
        "department-self-evaluation",
        "部门整体支出绩效自评表",
        "部门整体自评表",
        ("department-self-eval", "dept-self-eval"),
        _SCORED_INDICATORS,
        goal_sets=_SCORED_GOALS,
        row_fields=_SCORED_ROW,
        printed_titles=("部门整体支出绩效自评表", "部门（单位）整体支出绩效自评表"),
        tasks="tasks",
        title_field="department",
        derived=(("funds.project", "funds.basic"),),  # 项目支出 = 总额 − 基本支出
        source_form="department-declaration",
        template="department-selfeval-central",
        sheet="部门自评表",
        self_evaluation=True,
        department_wide=True,
        unlevelled_rows=True,
    ),
)

KINDS: dict[str, FormKind] = {kind.id: kind for kind in FORM_KINDS}
FORM_IDS: tuple[str, ...] = tuple(KINDS)
SELF_EVALUATIONS: tuple[str, ...] = tuple(k.id for k in FORM_KINDS if k.self_evaluation)
DECLARATIONS: tuple[str, ...] = tuple(k.id for k in FORM_KINDS if not k.self_evaluation)
PROJECT_FORMS: tuple[str, ...] = tuple(k.id for k in FORM_KINDS if not k.department_wide)
# forms with a 中期 part (funds, goals, indicators) that a multi-year project fills
MULTI_YEAR: tuple[str, ...] = tuple(
    k.id for k in FORM_KINDS if k.indicator_set(MID_TERM) or k.goal_set(MID_TERM) or k.funds_row(MID_TERM)
)
FORM_LABELS: dict[str, str] = {kind.id: kind.label for kind in FORM_KINDS}
FORM_ALIASES: dict[str, str] = {alias: kind.id for kind in FORM_KINDS for alias in (*kind.aliases, kind.id)}


def kind_of(form: object) -> FormKind | None:
    return KINDS.get(form) if isinstance(form, str) else None


def kind_by(*, department_wide: bool, self_evaluation: bool) -> FormKind | None:
    """The form of this breadth (a department's, a project's) and stage (declared, self-evaluated)."""
    return next(
        (k for k in FORM_KINDS if k.department_wide == department_wide and k.self_evaluation == self_evaluation), None
    )


def value_key(form: object) -> str:
    """The key of an indicator row's target on this form: `value` or `target`."""
    kind = kind_of(form)
    return kind.indicator_sets[0].value_key if kind else "value"


def title_of(record: Any) -> str:
    """What names a record: its project's name, or its department on a
    department-wide form (one that has only the other, or is of no known
    form: whichever it has); "" when it has none."""
    kind = kind_of(record.get("form")) if isinstance(record, dict) else None
    for path in dict.fromkeys(([kind.title_field] if kind else []) + [k.title_field for k in FORM_KINDS]):
        title = record_path.get(record, path)
        if title:
            return title if isinstance(title, str) else str(title)
    return ""
