"""Parse a 指标值 as written on a form into operator, number and unit, or
recognise it as a deadline or period, a yes/no answer, a grade or a
qualitative phrase. One grammar, used by rules, interview, import and render.

Real forms write the same thing many ways: `≥25000份`, `不少于10个项目`,
`每年≥ 3次`, `≦30万`, `＞＝９０％`, `=100百分比`, `4.7万元/人、年`, `≤11000元/处·年`,
`约95%`, `6-9月`, `±3%以内`, `≥70%、≥70%、≥85%`, `显著提高`, `2022年12月31日前`,
`12月底前100%到位`, `是`. The text is normalised once (`values.normalise`); the
original is kept: records store values as written.
"""

import json
import re
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, NamedTuple

from assistant.lazy_regex import lazy_regex
from assistant.paths import knowledge_dir
from assistant.values.dates import read_time
from assistant.values.normalise import normalise
from assistant.values.numerals import ARABIC, chinese_numeral_run, parse_arabic, parse_chinese
from assistant.values.operators import (
    APPROX_PREFIX,
    PER_YEAR_PREFIX,
    compose_value,
    is_operator_word,
    strip_operators,
    strip_per_year,
    tail_operator,
)
from assistant.values.qualitative import garbled, read_words
from assistant.values.units import MONEY_WAN, Unit, is_bare_unit, read_unit, unit_catalogue
from assistant.values.value_parts import (
    RANGE_SIGNS,
    fraction_words,
    multi_pieces,
    percent_words,
    unit_range,
    value_label,
)

QUANTITATIVE = "quantitative"
QUALITATIVE = "qualitative"
DEADLINE = "deadline"

__all__ = [
    "DEADLINE",
    "EXAMPLES",
    "QUALITATIVE",
    "QUANTITATIVE",
    "IndicatorValue",
    "Unit",
    "ValueParseError",
    "compose_value",
    "parse_value",
    "unit_catalogue",
]


class ValueParseError(ValueError):
    """The text is not a 指标值 we understand. `str(err)` is a Chinese explanation."""


class IndicatorValue(NamedTuple):
    """A 指标值 read by the value grammar: its kind, operator, number, unit and wording."""

    text: str
    kind: str  # quantitative | qualitative | deadline
    operator: str | None = None  # ≥ ≤ = > < ; None when the form wrote a bare number
    number: Decimal | None = None
    upper: Decimal | None = None  # ranges such as 6-9月
    unit: str = ""  # canonical spelling (百分比 → %, 元/人、天 → 元/人·天)
    unit_category: str | None = None  # count money rate percent time measure score date; None if unknown
    per_year: bool = False  # 每年…, …/年
    approximate: bool = False  # 约95%, 95%左右, 近700余份
    multi: bool = False  # several targets in one cell
    label: str = ""  # words before the number: 电话≥6000个 → 电话
    parts: tuple[Any, ...] = ()  # the IndicatorValue of each target of a several-target cell
    per: tuple[str, ...] = ()  # denominators of a per-unit: 元/人·天 → (人, 天)
    tolerance: bool = False  # ±3%以内: the deviation is at most the number
    period: bool = False  # 2021年1月-12月: a time span, not a deadline
    answer: str | None = None  # 是 / 否
    grade: str | None = None  # 高, 优, 良好 …
    vague: bool = False  # readable words that say nothing measurable

    @property
    def is_quantitative(self) -> bool:
        return self.kind == QUANTITATIVE

    @property
    def effective_operator(self) -> str:
        """A bare number means an exact target."""
        return self.operator or "="

    @property
    def is_money(self) -> bool:
        """An amount of money, or money per something (元/人·天, 万元/处)."""
        return self.unit_category == "money" or (self.unit_category == "rate" and self.money_numerator is not None)

    @property
    def money_numerator(self) -> str | None:
        head = self.unit.split("/", 1)[0]
        return head if head in MONEY_WAN else None

    def money_wan(self) -> Decimal | None:
        """The amount in 万元 when the unit is money (元, 万元, 亿元), else None."""
        if self.number is None or self.unit_category != "money" or self.unit is None:
            return None
        to_wan = unit_catalogue()[self.unit].to_wan
        return None if to_wan is None else self.number * to_wan

    def unit_price_wan(self) -> Decimal | None:
        """万元 per unit of a per-unit money value (≤1.1万元/处 → 1.1), else None."""
        head = self.money_numerator
        if self.number is None or self.unit_category != "rate" or head is None:
            return None
        return self.number * MONEY_WAN[head]


@cache
def qualitative_phrases() -> frozenset[str]:
    with open(knowledge_dir() / "rule_params.json", encoding="utf-8") as handle:
        return frozenset(json.load(handle)["qualitative_values"])


_THOUSANDS = lazy_regex(r"(?<=\d),(?=\d{3}(?!\d))")
_RATIO = lazy_regex(r"^:(\d+(?:\.\d+)?)")
_REMARK = lazy_regex(r"\([^()]*\)$")
_MAX_DIGITS = 20

EXAMPLES = "例如 ≥200人、=100%、≤48万元、≥99.9%、年底前完成、显著提升"


def parse_value(text: str, *, money_context: bool = False) -> IndicatorValue:
    """Parse a 指标值. `money_context` (a cost row, or a name about money) makes a
    bare `万` mean 万元. Raises ValueParseError with a Chinese explanation."""
    if not isinstance(text, str):
        raise ValueParseError("指标值必须是文字。" + EXAMPLES)
    # Parsing is pure and the same few values are checked again and again
    # (every rule run, every replayed answer): keep the results.
    result = _parse_cached(text, money_context)
    if isinstance(result, ValueParseError):
        raise ValueParseError(str(result))
    return result


@lru_cache(maxsize=4096)
def _parse_cached(text: str, money_context: bool) -> IndicatorValue | ValueParseError:
    try:
        return _parse(text, money_context)
    except ValueParseError as exc:
        return exc


def _parse(text: str, money_context: bool) -> IndicatorValue:
    original = text
    compact = normalise(text)
    if not compact:
        raise ValueParseError("指标值是空的。请写出目标值，" + EXAMPLES + "。")
    if len(compact) > 200:
        raise ValueParseError("指标值太长了（超过 200 字）。指标值只写目标，说明放在“绩效指标描述”里。")
    if not re.search(r"[\w%]", compact):
        raise ValueParseError(f"“{original}”只是占位符号，不是目标值。请写出目标值，{EXAMPLES}。")
    letters = garbled(compact)
    if letters:
        raise ValueParseError(
            f"“{original}”里的“{letters}”不是数字，像是录入或扫描识别时出了错（例如把 1 认成 l、把 0 认成 O）。"
            f"请对照原表写出数字，{EXAMPLES}。"
        )
    if is_bare_unit(compact):
        raise ValueParseError(f"“{original}”只写了单位“{compact}”，没有数字。请在单位前写出目标数，{EXAMPLES}。")
    time = read_time(compact)
    if time is not None:
        return IndicatorValue(
            text=original,
            kind=DEADLINE,
            period=time.period,
            number=time.percent,
            unit="%" if time.percent is not None else "",
            unit_category="percent" if time.percent is not None else None,
            per_year=compact.startswith(("每年", "每年度")),
        )
    if not ARABIC.search(compact) and not _chinese_quantity(compact):
        reading = read_words(strip_per_year(compact), qualitative_phrases())
        return IndicatorValue(
            text=original, kind=QUALITATIVE, answer=reading.answer, grade=reading.grade, vague=reading.vague
        )
    parts = _split_multi(compact)
    if len(parts) > 1:
        parsed = tuple(_parse_single(p, original, money_context) for p in parts)
        first = parsed[0]
        return IndicatorValue(
            text=original,
            kind=QUANTITATIVE,
            operator=first.operator,
            number=first.number,
            upper=first.upper,
            unit=first.unit,
            unit_category=first.unit_category,
            per_year=any(p.per_year for p in parsed),
            approximate=any(p.approximate for p in parsed),
            multi=True,
            parts=parsed,
            per=first.per,
        )
    return _parse_single(parts[0], original, money_context)


def _chinese_quantity(compact: str) -> bool:
    """三十五人, ≥百分之九十: a Chinese numeral followed by a known unit."""
    body = strip_operators(strip_per_year(compact))[0]
    if percent_words(body) or fraction_words(body):
        return True
    numeral = chinese_numeral_run(body)
    if not numeral:
        return False
    for end in range(len(numeral), 0, -1):
        try:
            parse_chinese(numeral[:end])
        except ValueError:
            continue
        rest = body[end:]
        rest = rest[1:] if rest.startswith(("余", "多")) and len(rest) > 1 else rest
        return rest in unit_catalogue() or (rest == "" and end == len(body) and len(body) > 1)
    return False


def _cjk(text: str) -> bool:
    """Every character of `text` is in U+4E00–U+9FFF (as `[\u4e00-\u9fff]+` matches),
    in plain code: a pattern with that range takes ~1 ms to compile."""
    return all("\u4e00" <= c <= "\u9fff" for c in text)


def _protect_rate_separators(compact: str) -> str:
    """Each 、 between CJK characters (or ㎡ before it) becomes ·: what
    `re.sub(r"(?<=[\u4e00-\u9fff㎡])、(?=[\u4e00-\u9fff])", "·", compact)` does."""
    if "、" not in compact:
        return compact
    last = len(compact) - 1
    return "".join(
        "·"
        if c == "、" and 0 < i < last and (compact[i - 1] == "㎡" or _cjk(compact[i - 1])) and _cjk(compact[i + 1])
        else c
        for i, c in enumerate(compact)
    )


def _split_multi(compact: str) -> list[str]:
    """`≥70%、≥70%、≥85%` → three targets; `4.7万元/人、年` stays one (a rate unit)."""
    protected = _protect_rate_separators(compact)
    protected = _THOUSANDS.sub("", protected) if "," in protected else protected
    pieces = multi_pieces(protected)
    if len(pieces) > 1 and all(ARABIC.search(p) or _chinese_quantity(p) for p in pieces):
        return pieces
    return [protected]


def _parse_single(piece: str, original: str, money_context: bool) -> IndicatorValue:
    label, yearly, tolerance = "", False, False
    for prefix in PER_YEAR_PREFIX:
        if piece.startswith(prefix):
            piece, yearly = piece[len(prefix) :], True
            break
    found = value_label(piece)
    if found and not found.startswith(APPROX_PREFIX) and not is_operator_word(found):
        label, piece = found, piece[len(found) :]
    if piece.startswith("±"):
        piece, tolerance = piece[1:], True
    rest, operator, per_year, approximate = strip_operators(piece)
    if tolerance:
        operator = "≤"  # ±3%以内: a deviation of at most 3%
    per_year = per_year or yearly
    words = percent_words(rest)
    if words:
        rest = str(parse_chinese(words.group(1))) + "%" + rest[words.end() :]
    fraction = fraction_words(rest)
    if fraction:  # 三分之一 → 1/3
        rest = f"{parse_chinese(fraction.group(2))}/{parse_chinese(fraction.group(1))}" + rest[fraction.end() :]
    number, rest = _take_number(rest, original)
    ratio = _RATIO.match(rest) or re.match(r"^/(\d+(?:\.\d+)?)$", rest)
    if ratio and Decimal(ratio.group(1)) != 0:  # 1:1, 1∶3, 1/3: a ratio or a fraction
        number, rest = number / Decimal(ratio.group(1)), rest[ratio.end() :]
    if rest.startswith(("余", "多")) and len(rest) > 1:
        rest, approximate = rest[1:], True  # 20余家, 千余人
    upper = None
    both_ends = unit_range(rest)
    if both_ends:  # 90%-100%, 6月~9月: the unit is written at both ends
        unit, sign_end = both_ends
        try:
            upper, tail = _take_number(rest[sign_end:], original)
            rest = unit if tail in ("", unit) else rest
            upper = upper if tail in ("", unit) else None
        except ValueParseError:
            upper = None
    elif rest.startswith(RANGE_SIGNS):
        try:
            upper, rest = _take_number(rest[1:], original)
        except ValueParseError:
            upper = None
    rest, written_after = tail_operator(rest, operator)
    operator = operator or written_after
    reading = read_unit(rest, money_context) or _unit_with_remark(rest, money_context)
    if reading is None:
        raise ValueParseError(f"“{original}”里的“{rest}”看不懂。指标值应写成“符号+数字+单位”或定性描述，{EXAMPLES}。")
    scale = reading.scale
    return IndicatorValue(
        text=original,
        kind=QUANTITATIVE,
        operator=operator,
        number=number * scale,
        upper=upper * scale if upper is not None else None,
        unit=reading.unit,
        unit_category=reading.category,
        per_year=per_year or reading.per_year,
        approximate=approximate,
        label=label,
        per=reading.per,
        tolerance=tolerance,
    )


def _unit_with_remark(rest: str, money_context: bool):
    """`%(含)`, `%(含90%)`: a unit and a remark in brackets; `%完成`, `人参加培训`: a unit
    and the words that say what is counted or reached. The unit is read, the words
    stay in the text only."""
    bare = _REMARK.sub("", rest)
    if bare != rest:
        return read_unit(bare, money_context) or _unit_with_remark(bare, money_context)
    for cut in range(len(rest) - 1, 0, -1):
        head, words = rest[:cut], rest[cut:]
        if head in unit_catalogue() and 1 <= len(words) <= 12 and _cjk(words):
            return read_unit(head, money_context)
    return None


def _take_number(text: str, original: str) -> tuple[Decimal, str]:
    if text.startswith("-") and ARABIC.match(text[1:]):  # -5%: a decrease written with a minus sign
        number, rest = _take_number(text[1:], original)
        return -number, rest
    match = ARABIC.match(text)
    if match:
        if len(match.group().replace(",", "").replace(".", "")) > _MAX_DIGITS:
            raise ValueParseError(f"“{original}”里的数字位数太多，看不出是多少。请写出实际的目标数，{EXAMPLES}。")
        return parse_arabic(match.group()), text[match.end() :]
    numeral = chinese_numeral_run(text)
    if numeral:
        # Take the longest prefix that is a numeral: 三十五人 → 三十五 + 人.
        for end in range(len(numeral), 0, -1):
            try:
                return parse_chinese(numeral[:end]), text[end:]
            except ValueError:
                continue
    raise ValueParseError(f"“{original}”里没有找到数字。定量指标写成“符号+数字+单位”，定性指标写明方向，{EXAMPLES}。")
