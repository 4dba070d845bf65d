"""Rules about indicator rows and indicator sets (RULES.md §2, indicator.*)."""

from __future__ import annotations

from decimal import Decimal

from assistant.forms import ANNUAL, MID_TERM, MULTI_YEAR, kind_of
from assistant.knowledge.templates import framework_levels
from assistant.rules.common import is_placeholder_name as _is_placeholder_name
from assistant.rules.common import is_placeholder_value as _is_placeholder_value
from assistant.rules.common import name_key as _name_key
from assistant.rules.common import real_rows as _real_rows
from assistant.rules.common import rows as _rows
from assistant.rules.context import Context, Row, is_not_applicable
from assistant.rules.field_rules import value_placeholder
from assistant.rules.findings import ERROR, INFO, WARNING, Finding
from assistant.rules.registry import rule
from assistant.values import IndicatorValue, ValueParseError, format_wan


@rule("indicator.hierarchy", ERROR, "二级指标不属于该一级指标，或名称不在指标体系中")
def hierarchy(ctx: Context):
    framework = ctx.framework
    for _, row in _rows(ctx):
        level1, level2 = row.data.get("level1"), row.data.get("level2")
        if row.level2 is not None or _unclassified(row, framework):
            continue
        if level1 not in framework.level1_names:
            yield (
                f"{row.path}.level1",
                (
                    f"一级指标“{level1}”不在{framework.name}中。应为 {'、'.join(framework.level1_names)} 之一。"
                    + _printed_label_hint(ctx, row)
                ),
            )
            continue
        children = [l2.name for l2 in framework.children(level1)]
        owner = next((l2.level1 for l2 in framework.level2s if l2.name == level2), None)
        hint = f"“{level2}”属于{owner}。" if owner else f"“{level2}”不是规范的二级指标名称。"
        yield (
            f"{row.path}.level2",
            (f"二级指标“{level2}”不能放在“{level1}”下：{hint}“{level1}”下的二级指标为 {'、'.join(children)}。"),
        )


def _printed_label_hint(ctx: Context, row: Row) -> str:
    """A local label written where the framework level belongs (项目完成指标, 产出指标(50分)):
    say which level it stands for and where the printed label goes."""
    mapped1, mapped2 = framework_levels(row.data.get("level1"), row.data.get("level2"), ctx.template, ctx.framework)
    if not mapped1:
        return ""
    target = f"{mapped1}/{mapped2}" if mapped2 else mapped1
    return (
        f"表上的“{row.data.get('level1')}”对应{target}：一级、二级指标请写指标体系的名称，"
        "表上印的名称放在 label1、label2。"
    )


def _unclassified(row: Row, framework) -> bool:
    """A row of a form that prints no 二级 (a flat list), or whose label the copy lost:
    no level to check. An unknown or mismatched label is still checked."""
    level1, level2 = row.data.get("level1") or "", row.data.get("level2") or ""
    return not level2 and (not level1 or level1 in framework.level1_names)


def _levelled(ctx: Context) -> bool:
    """Does the record's template print 一级/二级 columns at all?"""
    return any(key in ("level1", "level2") for key, _ in ctx.template["columns"])


def _served(ctx: Context) -> bool:
    return any(word in ctx.project_text for word in ctx.params["served_people_words"])


@rule("indicator.required_missing", ERROR, "必填的二级指标没有指标")
def required_missing(ctx: Context):
    if not _levelled(ctx):
        return  # a flat list of indicators (部门整体自评): no categories to require
    for ind_set in ctx.indicator_sets:
        if ind_set.rows and not any(r.level2 for r in ind_set.rows):
            continue  # the form prints no levels (corpus 025, 027): no category to look for
        present = {r.level2.name for r in _real_rows(ind_set) if r.level2 and r.value}
        roles_present = {r.level2.role for r in _real_rows(ind_set) if r.level2 and r.value}
        for l2 in ctx.framework.level2s:
            if l2.requirement == "required" and l2.name not in present:
                yield Finding(
                    "indicator.required_missing",
                    ERROR,
                    ind_set.path,
                    f"{ind_set.label}指标缺少“{l2.name}”（必填）。{l2.help}",
                )
        if "benefit" not in roles_present:
            yield Finding(
                "indicator.required_missing",
                ERROR,
                ind_set.path,
                f"{ind_set.label}指标没有任何效益指标（经济、社会、生态或可持续影响，至少填一项）。"
                "请写出项目对群众或社会带来的实际效果，例如 政策知晓率 ≥90%。",
            )
        if "satisfaction" not in roles_present and _served(ctx):
            yield Finding(
                "indicator.required_missing",
                WARNING,
                ind_set.path,
                f"{ind_set.label}指标没有服务对象满意度指标。项目有服务对象，请加一项，例如 服务对象满意度 ≥90%。",
            )


@rule("indicator.empty", ERROR, "指标名称或指标值为空或是占位符")
def empty(ctx: Context):
    placeholders = ctx.params["placeholders"]
    value_placeholders = ctx.params["value_placeholders"]
    for _, row in _rows(ctx):
        if is_not_applicable(row):
            continue
        if not row.name and not _has_name_column(ctx) and row.data.get("description"):
            pass  # the template has no 三级 name: the 指标描述 says what is measured
        elif not row.name or _is_placeholder_name(row.name, placeholders):
            shown = f"“{row.name}”" if row.name else "空的"
            yield (
                row.name_path,
                (f"指标名称是{shown}，不是一个指标。请写出要衡量的内容，例如 村卫生室专线数量；不需要这一行就删除它。"),
            )
        elif not row.value or _is_placeholder_value(row.value, value_placeholders):
            yield (
                row.value_path,
                (f"指标“{row.name}”没有指标值。请填写目标值，例如 ≥200人、=100%、≤48万元 或 年底前完成。"),
            )


def _has_name_column(ctx: Context) -> bool:
    return any(key == "name" for key, _ in ctx.template["columns"])


@rule("indicator.value_unparsed", ERROR, "指标值既不是“符号+数字+单位”也不是规范的定性描述")
def value_unparsed(ctx: Context):
    for _, row in _rows(ctx):
        if value_placeholder(row.value, ctx):
            continue  # form.placeholder_left says it
        parsed = ctx.parsed(row)
        if isinstance(parsed, ValueParseError) and not _is_placeholder_value(
            row.value, ctx.params["value_placeholders"]
        ):
            yield row.value_path, f"指标“{row.name}”的指标值看不懂：{parsed}"
        elif isinstance(parsed, IndicatorValue) and parsed.vague:
            # Readable, only not measurable: a reviewer asks for a number, so a warning.
            yield Finding(
                "indicator.value_unparsed",
                WARNING,
                row.value_path,
                (
                    f"指标“{row.name}”的指标值“{row.value}”看得懂，但没有说明要达到什么程度，无法考核。"
                    "请改成可衡量的目标：写数量、比率或完成时间，例如 ≥200人、≥90%、年底前完成；"
                    "定性指标写明方向和程度，例如 明显提升、全部达标。"
                ),
            )


@rule("indicator.no_unit", WARNING, "定量指标值没有单位")
def no_unit(ctx: Context):
    for _, row in _rows(ctx):
        value = ctx.quantitative(row)
        if value is not None and not value.unit:
            yield (
                row.value_path,
                (
                    f"指标“{row.name}”的指标值“{row.value}”没有单位，看不出是人、次还是万元。"
                    f"请加上单位，例如 {_with_unit_example(row)}。"
                ),
            )


def _with_unit_example(row: Row) -> str:
    if row.role == "cost":
        return f"≤{row.value}万元"
    return f"{row.value}人 或 {row.value}次"


@rule("indicator.percent_range", ERROR, "百分比小于0或大于100")
def percent_range(ctx: Context):
    for _, row in _rows(ctx):
        value = ctx.quantitative(row)
        if value is None:
            continue
        for part in value.parts or (value,):
            if part.unit == "%" and part.number is not None:
                for n in (part.number, part.upper):
                    if n is not None and not (0 <= n <= 100):
                        yield (
                            row.value_path,
                            (
                                f"指标“{row.name}”的百分比 {format_wan(n)}% 超出 0–100% 的范围。"
                                "比率不可能超过 100%；若要写增长幅度请改用具体数量。"
                            ),
                        )
                        break


@rule("indicator.ge_100", WARNING, "写成≥100%")
def ge_100(ctx: Context):
    for _, row in _rows(ctx):
        value = ctx.quantitative(row)
        if value and value.unit == "%" and value.operator in ("≥", ">") and value.number == 100:
            yield row.value_path, f"指标“{row.name}”写成“{row.value}”：比率不可能超过 100%，请写 =100%。"


@rule("indicator.satisfaction_range", WARNING, "满意度目标低于下限或恰为100%")
def satisfaction_range(ctx: Context):
    floor = Decimal(str(ctx.params["satisfaction_floor"]))
    for _, row in _rows(ctx):
        value = ctx.quantitative(row)
        if row.role != "satisfaction" or value is None:
            continue
        for part in value.parts or (value,):
            if part.unit != "%" or part.number is None:
                continue
            if part.number < floor:
                yield (
                    row.value_path,
                    (
                        f"满意度指标“{row.name}”的目标 {format_wan(part.number)}% 低于 "
                        f"{format_wan(floor)}%。满意度目标一般不低于 {format_wan(floor)}%，常用 ≥90%。"
                    ),
                )
                break
            if part.number == 100:
                yield (
                    row.value_path,
                    (
                        f"满意度指标“{row.name}”写成 100%：满意度调查几乎不可能全部满意，"
                        "目标不切实际。请写 ≥90% 或 ≥95%。"
                    ),
                )
                break


@rule("indicator.duplicate", WARNING, "同一套指标中名称重复")
def duplicate(ctx: Context):
    for ind_set in ctx.indicator_sets:
        seen: dict[str, Row] = {}
        for row in _real_rows(ind_set):
            key = _name_key(row.name)
            if not key:
                continue  # a form with no 三级 names (指标描述 only)
            if key in seen:
                yield (
                    row.name_path,
                    (
                        f"{ind_set.label}指标“{row.name}”重复出现（另见 {seen[key].path}）。"
                        "同一个名称在不同二级指标下不能说明不同的事，请分别写清数量、质量、时效各衡量什么。"
                    ),
                )
            else:
                seen[key] = row


# The operators a value cell may hold: none is part of another, so a count of each
# is what findall of their alternation counted.
_OPERATORS = ("≥", "≤", "≧", "≦", "不少于", "不低于", "不超过", "不高于", ">", "<", "＞", "＜")


@rule("indicator.multi_value", WARNING, "一个指标值里写了多个目标")
def multi_value(ctx: Context):
    for _, row in _rows(ctx):
        parsed = ctx.parsed(row)
        several = (isinstance(parsed, IndicatorValue) and parsed.multi) or sum(map(row.value.count, _OPERATORS)) >= 2
        if several:
            yield (
                row.value_path,
                (
                    f"指标“{row.name}”的指标值“{row.value}”包含多个目标。"
                    "一个指标只能有一个目标值，请拆成几行，每行一个名称和一个值。"
                ),
            )


@rule("indicator.approximate", WARNING, "指标值是约数")
def approximate(ctx: Context):
    for _, row in _rows(ctx):
        value = ctx.quantitative(row)
        if value and value.approximate:
            yield (
                row.value_path,
                (f"指标“{row.name}”的指标值“{row.value}”是约数，无法考核是否达成。请写明确的目标，例如 ≥95%。"),
            )


@rule("indicator.nonstandard_name", INFO, "名称接近但不同于标准指标")
def nonstandard_name(ctx: Context):
    for _, row in _rows(ctx):
        if not row.name or len(row.name) < 4 or is_not_applicable(row):
            continue
        level2 = row.level2.classic if row.level2 else None
        hit = ctx.search.closest(row.name, level2=level2, cutoff=80)
        # A name that contains a standard one (窗口服务对象满意度) is a deliberate
        # specialisation, not a misspelling.
        if hit and hit.matched != row.name and hit.matched not in row.name:
            ind = hit.indicator
            yield (
                row.name_path,
                (
                    f"“{row.name}”与标准指标“{ind.name}”（{ind.level2}，常用值 {ind.typical}）"
                    "很接近。用标准名称更便于审核和汇总。"
                ),
            )


@rule("indicator.mid_term_copy", WARNING, "中期指标照抄年度指标", MULTI_YEAR)
def mid_term_copy(ctx: Context):
    kind = kind_of(ctx.form)
    specs = [kind.indicator_set(period) if kind else None for period in (MID_TERM, ANNUAL)]
    sets = {s.path: s for s in ctx.indicator_sets}
    mid, annual = (sets.get(spec.path) if spec else None for spec in specs)
    if not mid or not annual:
        return
    annual_pairs = {(_name_key(r.name), r.value.replace(" ", "")) for r in _real_rows(annual)}
    mid_rows = _real_rows(mid)
    same = [r for r in mid_rows if (_name_key(r.name), r.value.replace(" ", "")) in annual_pairs]
    if len(mid_rows) >= 3 and len(same) >= 0.8 * len(mid_rows):
        yield (
            mid.path,
            (
                f"中期指标有 {len(same)}/{len(mid_rows)} 项与年度指标名称和数值完全相同。中期指标衡量整个实施期"
                "（一般三年），数量和金额应为三年合计或写明“每年”，而不是照抄年度指标。"
            ),
        )


@rule("indicator.too_few", WARNING, "一套指标少于3个")
def too_few(ctx: Context):
    minimum = ctx.params["too_few"]
    for ind_set in ctx.indicator_sets:
        count = len(_real_rows(ind_set))
        if count < minimum:
            yield (
                ind_set.path,
                (
                    f"{ind_set.label}只有 {count} 个指标，少于 {minimum} 个，不足以说明项目绩效。"
                    "请至少覆盖数量、质量、时效、成本、效益和满意度。"
                ),
            )
