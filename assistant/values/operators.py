"""How a 指标值 writes its operator: the words and symbols before and after the
number (不少于, ≥, 以上, 以内), 约/左右, 每年; and the value of a form that
prints operator, number and unit in columns of their own (`compose_value`).
Part of the value grammar (values.indicator_value)."""

from __future__ import annotations

from assistant.values.normalise import normalise
from assistant.values.numerals import ARABIC
from assistant.values.units import unit_catalogue

# Operators in words, longest spelling first so 不少于 wins over 少于. Symbols
# arrive as ≥ ≤ = < > only: `normalise` folded every other spelling.
PREFIX_OPERATORS = [
    ("大于或等于", "≥"),
    ("大于等于", "≥"),
    ("高于或等于", "≥"),
    ("不少于", "≥"),
    ("不低于", "≥"),
    ("不小于", "≥"),
    ("不得少于", "≥"),
    ("不得低于", "≥"),
    ("至少", "≥"),
    ("最少", "≥"),
    ("≥", "≥"),
    ("小于或等于", "≤"),
    ("小于等于", "≤"),
    ("低于或等于", "≤"),
    ("不超过", "≤"),
    ("不得超过", "≤"),
    ("未超过", "≤"),
    ("不高于", "≤"),
    ("不多于", "≤"),
    ("不大于", "≤"),
    ("至多", "≤"),
    ("最多", "≤"),
    ("控制在", "≤"),
    ("≤", "≤"),
    ("等于", "="),
    ("达到", "="),
    ("=", "="),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("多于", ">"),
    (">", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("不足", "<"),
    ("<", "<"),
    ("到", "="),
]
SUFFIX_OPERATORS = [
    ("及以上", "≥"),
    ("以上", "≥"),
    ("(含)以上", "≥"),
    ("以内", "≤"),
    ("之内", "≤"),
    ("及以下", "≤"),
    ("以下", "≤"),
    ("内", "≤"),
]
APPROX_PREFIX = ("大约", "约", "大概", "预计", "近")
APPROX_SUFFIX = ("左右", "上下", "余", "多")
PER_YEAR_PREFIX = ("每年度", "每年", "年均", "年平均")


def strip_per_year(compact: str) -> str:
    for prefix in PER_YEAR_PREFIX:
        if compact.startswith(prefix) and len(compact) > len(prefix):
            return compact[len(prefix) :]
    return compact


def strip_operators(text: str) -> tuple[str, str | None, bool, bool]:
    """Remove 每年/约/operator prefixes and 以上/左右 suffixes."""
    per_year = approximate = False
    operator = None
    changed = True
    while changed:
        changed = False
        for prefix in PER_YEAR_PREFIX:
            if text.startswith(prefix):
                text, per_year, changed = text[len(prefix) :], True, True
        for prefix in APPROX_PREFIX:
            if text.startswith(prefix):
                text, approximate, changed = text[len(prefix) :], True, True
        if operator is None:
            for spelling, op in PREFIX_OPERATORS:
                if text.startswith(spelling) and len(text) > len(spelling):
                    text, operator, changed = text[len(spelling) :], op, True
                    break
    changed = True
    while changed:
        changed = False
        for suffix in APPROX_SUFFIX:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, approximate, changed = text[: -len(suffix)], True, True
        for suffix, op in SUFFIX_OPERATORS:
            if text.endswith(suffix) and operator is None and len(text) > len(suffix):
                text, operator, changed = text[: -len(suffix)], op, True
    return text, operator, per_year, approximate


def is_operator_word(words: str) -> bool:
    return any(words.startswith(spelling) for spelling, _ in PREFIX_OPERATORS if spelling[0] not in "≥≤=<>")


def tail_operator(rest: str, operator: str | None) -> tuple[str, str | None]:
    """`30分钟以内`, `200人以上`: the operator written after the unit."""
    for suffix, op in SUFFIX_OPERATORS:
        if (
            rest.endswith(suffix)
            and len(rest) > len(suffix)
            and (rest[: -len(suffix)] in unit_catalogue() or suffix != "内")
        ):
            return rest[: -len(suffix)], op if operator is None else None
    return rest, None


_NATURE_OPERATORS = {"正向": "≥", "反向": "≤", "正向指标": "≥", "反向指标": "≤"}


def compose_value(value: str, nature: str | None = None, unit: str | None = None) -> str:
    """The 指标值 of a form that prints operator, number and unit in separate columns
    (指标性质/计算符号 | 指标值 | 度量单位): `≥` + `90` + `%` → `≥90%`. A 定性 or 定量
    nature adds nothing; a value that already carries its operator or unit keeps it."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return text
    compact = normalise(text)
    unit_text = normalise(unit) if isinstance(unit, str) else ""
    if unit_text and ARABIC.fullmatch(compact.lstrip("≥≤=<>")) and not compact.endswith(unit_text):
        text += unit_text
    operator = normalise(nature) if isinstance(nature, str) else ""
    operator = _NATURE_OPERATORS.get(operator, operator)
    if operator in ("≥", "≤", "=", "<", ">") and not compact.startswith(("≥", "≤", "=", "<", ">")):
        text = operator + text
    return text
