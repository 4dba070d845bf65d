"""Rules about what a row's words say, with word lists and patterns learnt from
real forms of every sector (knowledge/rule_params.json): a target written into
the name, an input or process item used as an indicator, a row filed under the
wrong heading, the operator a category needs, template placeholders left in."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.lazy_regex import ends_with, gated_search, lazy_regex, rstrip_space_and
from assistant.rules.common import is_placeholder_name, rows
from assistant.rules.context import Context, Row, is_not_applicable
from assistant.rules.findings import ERROR, WARNING, Finding
from assistant.rules.goal_rules import goal_texts
from assistant.rules.name_targets import target_in_name
from assistant.rules.registry import rule
from assistant.values import (
    DEADLINE,
    QUANTITATIVE,
    IndicatorValue,
    ValueParseError,
    format_wan,
    parse_value,
)

_LEADING_NUMBER = lazy_regex(r"^\s*(?:指标\s*\d+\s*[:：.．、]?|\d+\s*[:：.．、]|[（(]\d+[)）])\s*")
# What a leading number starts with once spaces go: the pattern is compiled only for
# a name that starts so (most do not).
_NUMBER_STARTS = ("指标", "（", "(")


def _compact(name: str) -> str:
    head = name.lstrip()
    if head[:1].isdecimal() or head.startswith(_NUMBER_STARTS):
        name = _LEADING_NUMBER.sub("", name)
    return rstrip_space_and(name, "。.,，、;；:：").replace(" ", "")


_YEAR = lazy_regex(r"(?:19|20)\d\d\s*年")


def _words_beside_numbers(name: str) -> int:
    """How many characters of `name` are not digits, spaces or the signs of a
    date or range (.-—~至:：)."""
    return sum(not (c.isdecimal() or c.isspace() or c in ".-—~至:：") for c in name)


def _name_is_value(name: str) -> bool:
    """A name that is only a target or a time: `2020年`, `100万`, `1年`, `2021年12月31日`."""
    if not re.search(r"\d", name) or _words_beside_numbers(name) > 4:
        return False
    try:
        value = parse_value(name)
    except ValueParseError:
        return False
    if value.label or (value.unit and value.unit_category is None):
        return False  # words around the number (孕产妇7天访视数) say what is measured
    return value.kind in (DEADLINE, QUANTITATIVE)


@rule("indicator.value_in_name", WARNING, "指标名称里写了目标值，或名称只是一个数值")
def value_in_name(ctx: Context):
    for _, row in rows(ctx):
        name = _compact(row.name)
        if not name or is_placeholder_name(row.name, None):
            continue
        if _name_is_value(name):
            yield (
                row.name_path,
                (
                    f"指标名称“{row.name}”只是一个数值或时间，看不出衡量什么。名称写衡量的事项，"
                    "数值放到指标值里，例如 名称“项目完成时间”、指标值“2020年12月底前”。"
                ),
            )
            continue
        text = _YEAR.sub("", name)
        target = target_in_name(text)
        if target:
            yield (
                row.name_path,
                (
                    f"指标名称“{row.name}”里写了目标值“{target}”。名称只写衡量什么，"
                    "数字放到指标值里，例如 名称“村卫生室数量”、指标值“=136个”。"
                ),
            )


@lru_cache(maxsize=8)
def _patterns(patterns: tuple[str, ...]) -> tuple[Callable[[str], re.Match | None], ...]:
    """The search of each pattern of knowledge/: compiled only for a text holding
    one of the words every match of it holds (lazy_regex.gated_search)."""
    return tuple(_search(p) for p in patterns)


@lru_cache(maxsize=256)
def _search(pattern: str) -> Callable[[str], re.Match | None]:
    return gated_search(pattern)


def _in_process_block(row: Row, words: list[str]) -> bool:
    """Rows of a 项目决策/项目管理 block (full-evaluation layouts) are about inputs and
    process by design."""
    labels = f"{row.data.get('label1') or ''}{row.data.get('level1') or ''}"
    return any(word in labels for word in words)


def input_process_hit(name: str, params: dict) -> str | None:
    """The input or process item a name measures (资金拨付到位情况, 经费支出合规性), or None."""
    compact = _compact(name)
    if not compact or any(word in compact for word in params["input_process_exceptions"]):
        return None
    hit = next((item for item in params["input_process_items"] if item in compact), None)
    if hit:
        return hit
    for search in _patterns(tuple(params["input_process_patterns"])):
        match = search(compact)
        if match:
            return match.group()
    return None


@rule(
    "indicator.input_as_output",
    WARNING,
    "把投入或过程当成了绩效指标",
    ("project-declaration", "department-declaration", "self-evaluation"),
)  # 部门整体自评 scores 预算执行 and 管理 by design
def input_as_output(ctx: Context):
    for _, row in rows(ctx):
        if _in_process_block(row, ctx.params["process_level_words"]):
            continue
        hit = input_process_hit(row.name, ctx.params)
        if hit:
            yield (
                row.name_path,
                (
                    f"“{row.name}”衡量的是资金投入或管理过程（{hit}），不是项目的产出或效果。"
                    "资金到位、拨付、执行和合规是预算管理的要求，请改为这笔钱做成了什么，"
                    "例如 专线数量、结算及时率、受益人数。"
                ),
            )


def _is_percent(value: IndicatorValue | None) -> bool:
    return value is not None and value.unit_category == "percent"


@rule("indicator.misfiled", WARNING, "按名称看，指标放错了二级指标")
def misfiled(ctx: Context):
    for _, row in rows(ctx):
        name = _compact(row.name)
        if not name or row.level2 is None or is_not_applicable(row):
            continue
        for entry in ctx.params["misfiled_names"]:
            if row.role not in entry["roles"] or not _search(entry["pattern"])(name):
                continue
            if entry.get("unless") and _search(entry["unless"])(name):
                continue
            if entry.get("unless_percent") and _is_percent(ctx.quantitative(row)):
                continue  # indicator.unit_category already says a percentage is not a count
            yield (
                row.path + ".level2",
                (
                    f"“{row.name}”是{entry['what']}，却放在“{row.level2.name}”下。"
                    f"请把它移到“{entry['belongs']}”，或改写名称使它衡量{row.level2.name[:-2]}。"
                ),
            )
            break


def _negative(name: str, ctx: Context) -> bool:
    """Names of things to keep small: incidents, errors, complaints, losses."""
    return any(word in name for word in ctx.params["negative_words"])


@rule("indicator.output_ceiling", WARNING, "要完成的数量指标用了≤")
def output_ceiling(ctx: Context):
    for _, row in rows(ctx):
        value = ctx.quantitative(row)
        if row.role != "quantity" or value is None or value.operator not in ("≤", "<"):
            continue
        if value.unit_category in ("count", "measure") and not _negative(row.name, ctx):
            yield (
                row.value_path,
                (
                    f"数量指标“{row.name}”写成“{row.value}”：数量是要完成的量，≤ 表示做得越少越好。"
                    "请写 ≥（至少完成）或 =（正好完成），例如 ≥20场。"
                ),
            )


_NEEDS_OPERATOR = {
    "cost": ("成本是花费的上限", "≤"),
    "satisfaction": ("满意度是要达到的下限", "≥"),
    "quality": ("比率要写明是至少达到（≥）还是正好（=）", "≥ 或 ="),
    "timeliness": ("比率要写明是至少达到（≥）还是正好（=）", "≥ 或 ="),
}


def _stated_operator(row: Row) -> bool:
    """Templates with a 指标性质/计算符号 column keep the operator beside the value."""
    return bool(str(row.data.get("nature") or "").strip())


@rule("indicator.operator_missing", WARNING, "成本、满意度或比率目标没有写≥、≤或=")
def operator_missing(ctx: Context):
    for _, row in rows(ctx):
        value = ctx.quantitative(row)
        if (
            value is None
            or value.operator
            or value.multi
            or value.approximate
            or row.role not in _NEEDS_OPERATOR
            or _stated_operator(row)
        ):
            continue
        if row.role in ("quality", "timeliness", "satisfaction") and value.unit_category != "percent":
            continue
        if row.role == "cost" and not (value.unit_category == "money" or getattr(value, "is_money", False)):
            continue
        reason, operator = _NEEDS_OPERATOR[row.role]
        example = ("=" if value.number == 100 and value.unit_category == "percent" else operator[0]) + row.value.strip()
        yield (
            row.value_path,
            (f"指标“{row.name}”的目标“{row.value}”没有写符号：{reason}。请写成 {operator}，例如 {example}。"),
        )


def _placeholder(text: str, ctx: Context, value: bool) -> str | None:
    """The template placeholder left in a text (`≥**人`, `……`, `×××`, a bare `N`)."""
    keys = ("placeholder_patterns", "placeholder_value_patterns") if value else ("placeholder_patterns",)
    for key in keys:
        for search in _patterns(tuple(ctx.params[key])):
            match = search(text)
            if match:
                return match.group() or text
    return None


def value_placeholder(text: str, ctx: Context) -> str | None:
    return _placeholder(text.strip(), ctx, True) if text and text.strip() else None


@rule("form.placeholder_left", WARNING, "模板占位符没有替换（≥**人、……、×××、N）")
def placeholder_left(ctx: Context):
    for _, row in rows(ctx):
        hit = value_placeholder(row.value, ctx) if row.name else None
        if hit and row.value.replace(" ", "") not in ctx.params["value_placeholders"]:
            yield Finding(
                "form.placeholder_left",
                ERROR,
                row.value_path,
                (
                    f"指标“{row.name}”的指标值“{row.value}”还是模板占位符“{hit}”，目标没有填写。"
                    "请把占位符换成具体数字，例如 ≥200人。"
                ),
            )
        hit = _placeholder(row.name, ctx, False) if row.value else None
        if hit:
            yield (
                row.name_path,
                (f"指标名称“{row.name}”里留着模板占位符“{hit}”。请删去占位符，名称只写衡量什么，目标值写在指标值里。"),
            )
    for path, goal in goal_texts(ctx):
        hit = _placeholder(goal, ctx, False)
        if hit:
            yield path, (f"目标“{goal[:40]}”里留着模板占位符“{hit}”。请换成具体的数量和内容。")


@rule("indicator.description_copy", WARNING, "每个指标的描述（指标值说明）都一样")
def description_copy(ctx: Context):
    minimum = ctx.params["description_copy_min_rows"]
    for ind_set in ctx.indicator_sets:
        described = [(row, _compact(str(row.data.get("description") or ""))) for row in ind_set.rows if row.name]
        texts = [text for _, text in described if text]
        if len(texts) < minimum:
            continue
        common = max(set(texts), key=texts.count)
        if texts.count(common) >= minimum and texts.count(common) == len(described):
            yield (
                ind_set.path,
                (
                    f"{ind_set.label}指标的 {len(described)} 项描述都是“{common[:30]}”。绩效指标描述（指标值说明）"
                    "要分别说明每个指标衡量什么、指标值从哪里来（计划标准、历史标准、行业标准），请逐项填写。"
                ),
            )


_RATE_NAME = ("率", "比例", "占比")
_COUNT_NAME = ("人数", "次数", "个数", "场次", "人次", "件数", "户数", "份数", "数量")


@rule("indicator.name_value_mismatch", WARNING, "名称是比率而目标是个数或金额，或名称是个数而目标是百分比")
def name_value_mismatch(ctx: Context):
    for _, row in rows(ctx):
        value = ctx.quantitative(row)
        name = _compact(row.name)
        if value is None or not name or row.role in ("quantity", None):
            continue  # a 数量 row is indicator.unit_category's and indicator.misfiled's
        if (
            ends_with(name, _RATE_NAME)
            and value.unit in ("", "比例")
            and value.number is not None
            and 0 < value.number <= 1
        ):
            shown = format_wan(value.number * 100)
            yield (
                row.value_path,
                (
                    f"指标“{row.name}”的目标“{row.value}”把比率写成了小数。请写成百分比，"
                    f"例如 {value.operator or '='}{shown}%。"
                ),
            )
        elif ends_with(name, _RATE_NAME) and value.unit_category in ("count", "money"):
            yield (
                row.value_path,
                (
                    f"指标“{row.name}”的名称是比率，目标“{row.value}”却是{value.unit}。"
                    "比率的目标写百分比（例如 ≥95%）；要写个数就把名称改成“…数”。"
                ),
            )
        elif ends_with(name, _COUNT_NAME) and value.unit_category == "percent":
            yield (
                row.value_path,
                (
                    f"指标“{row.name}”的名称是个数，目标“{row.value}”却是百分比。"
                    "个数的目标写个数（例如 ≥200人），要写比例就把名称改成“…率”。"
                ),
            )


_BARE_SATISFACTION = lazy_regex(r"^(满意度|满意率|满意程度|满意)$")


@rule("indicator.satisfaction_subject", WARNING, "满意度指标没有写是谁的满意度")
def satisfaction_subject(ctx: Context):
    for _, row in rows(ctx):
        if row.role == "satisfaction" and _BARE_SATISFACTION.match(_compact(row.name)):
            yield (
                row.name_path,
                (
                    f"满意度指标只写了“{row.name}”，没有说是谁的满意度。请写明服务对象，"
                    "例如 参保群众满意度、受训学员满意度、定点医药机构满意度。"
                ),
            )
