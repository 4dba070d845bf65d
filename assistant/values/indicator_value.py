"""Parse a 指标值 as written on a form into operator, number and unit, or
recognise it as qualitative (定性) or a deadline.

Real forms write the same thing many ways: `≥25000份`, `不少于10个项目`,
`每年≥ 3次`, `≦30万`, `=100百分比`, `4.7万元/人、年`, `约95%`, `6-9月`,
`≥70%、≥70%、≥85%`, `显著提高`, `2022年12月31日前`. The parser normalises the
spelling but keeps the original text: records store values as written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache

from assistant.paths import knowledge_dir
from assistant.values.numerals import ARABIC, CHINESE, parse_arabic, parse_chinese

QUANTITATIVE = "quantitative"
QUALITATIVE = "qualitative"
DEADLINE = "deadline"


class ValueParseError(ValueError):
    """The text is not a 指标值 we understand. `str(err)` is a Chinese explanation."""


@dataclass(frozen=True)
class IndicatorValue:
    text: str
    kind: str                       # quantitative | qualitative | deadline
    operator: str | None = None     # ≥ ≤ = > < ; None when the form wrote a bare number
    number: Decimal | None = None
    upper: Decimal | None = None    # ranges such as 6-9月
    unit: str = ""                  # canonical spelling (百分比 → %)
    unit_category: str | None = None  # count money rate percent time measure score date; None if unknown
    per_year: bool = False          # 每年…
    approximate: bool = False       # 约95%, 95%左右
    multi: bool = False             # several targets in one cell
    label: str = ""                 # words before the operator: 电话≥6000个 → 电话
    parts: tuple["IndicatorValue", ...] = field(default=(), repr=False)

    @property
    def is_quantitative(self) -> bool:
        return self.kind == QUANTITATIVE

    @property
    def effective_operator(self) -> str:
        """A bare number means an exact target."""
        return self.operator or "="

    def money_wan(self) -> Decimal | None:
        """The amount in 万元 when the unit is money (元, 万元, 亿元), else None."""
        if self.number is None or self.unit_category != "money":
            return None
        return self.number * unit_catalogue()[self.unit].to_wan


@dataclass(frozen=True)
class Unit:
    unit: str
    category: str
    canonical: str
    to_wan: Decimal | None


@cache
def unit_catalogue() -> dict[str, Unit]:
    with open(knowledge_dir() / "units.json", encoding="utf-8") as handle:
        rows = json.load(handle)["units"]
    return {
        row["unit"]: Unit(row["unit"], row["category"], row.get("canonical", row["unit"]),
                          Decimal(row["to_wan"]) if "to_wan" in row else None)
        for row in rows
    }


@cache
def qualitative_phrases() -> frozenset[str]:
    with open(knowledge_dir() / "rule_params.json", encoding="utf-8") as handle:
        return frozenset(json.load(handle)["qualitative_values"])


# Operators, longest spelling first so 不少于 wins over 少于.
_PREFIX_OPERATORS = [
    ("大于等于", "≥"), ("大于或等于", "≥"), ("不少于", "≥"), ("不低于", "≥"), ("不小于", "≥"),
    ("至少", "≥"), ("≥", "≥"), ("≧", "≥"), (">=", "≥"), ("＞＝", "≥"), ("⩾", "≥"),
    ("小于等于", "≤"), ("小于或等于", "≤"), ("不超过", "≤"), ("不高于", "≤"), ("不多于", "≤"),
    ("不大于", "≤"), ("至多", "≤"), ("控制在", "≤"), ("≤", "≤"), ("≦", "≤"), ("<=", "≤"),
    ("＜＝", "≤"), ("⩽", "≤"),
    ("等于", "="), ("达到", "="), ("==", "="), ("=", "="), ("＝", "="), ("═", "="),
    ("大于", ">"), ("高于", ">"), ("超过", ">"), (">", ">"), ("＞", ">"),
    ("小于", "<"), ("低于", "<"), ("<", "<"), ("＜", "<"),
]
_SUFFIX_OPERATORS = [("以上", "≥"), ("及以上", "≥"), ("以内", "≤"), ("之内", "≤"), ("以下", "≤"),
                     ("及以下", "≤")]
_APPROX_PREFIX = ("大约", "约", "大概", "预计")
_APPROX_SUFFIX = ("左右", "上下")
_PER_YEAR_PREFIX = ("每年度", "每年", "年均")

_DEADLINE = re.compile(
    r"^(?:每年|每季度|每月)?(?:"
    r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末)?(?:之前|以前|前)(?:完成)?"
    r"|年底前(?:完成)?|年末前(?:完成)?|年内(?:完成)?|[一1二2三3]年内(?:完成)?|当年(?:完成)?"
    r"|(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:底|末)?(?:前)?完成"
    r"|[一二三四1-4]季度(?:末|底)?(?:前)?(?:完成)?"
    r")$"
)
# Short phrases that say a direction or a state rather than a number.
_QUALITATIVE_ENDINGS = (
    "提高", "提升", "增强", "改善", "完成", "覆盖", "推进", "影响", "显著", "下降", "降低", "减少",
    "减轻", "缩短", "满意", "良好", "稳定", "运行", "执行", "达标", "合格", "及时", "规范", "展开",
    "优化", "到位", "加强", "保障", "有效", "明显", "结余", "平衡", "不适用", "服务", "落实",
)
_MULTI_SPLIT = re.compile(r"[、，,；;/和及]+")
_SPACES = re.compile(r"\s+")
_RATE_SEPARATORS = re.compile(r"(?<=[人条台件套户次亩项个㎡])[、/.·•・](?=[年月天日次])")

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
    compact = _SPACES.sub("", text).strip("。.;；,，")
    if not compact:
        raise ValueParseError("指标值是空的。请写出目标值，" + EXAMPLES + "。")
    if len(compact) > 200:
        raise ValueParseError("指标值太长了（超过 200 字）。指标值只写目标，说明放在“绩效指标描述”里。")

    qualitative = _qualitative(compact)
    if qualitative:
        return IndicatorValue(text=original, kind=qualitative)

    parts = _split_multi(compact)
    if len(parts) > 1:
        parsed = tuple(_parse_single(p, original, money_context) for p in parts)
        first = parsed[0]
        return IndicatorValue(
            text=original, kind=QUANTITATIVE, operator=first.operator, number=first.number,
            upper=first.upper, unit=first.unit, unit_category=first.unit_category,
            per_year=any(p.per_year for p in parsed), approximate=any(p.approximate for p in parsed),
            multi=True, parts=parsed)
    return _parse_single(compact, original, money_context)


def _qualitative(compact: str) -> str | None:
    body = compact
    for prefix in _PER_YEAR_PREFIX:
        if body.startswith(prefix) and len(body) > len(prefix):
            body = body[len(prefix):]
            break
    if _DEADLINE.match(body) or _DEADLINE.match(compact):
        return DEADLINE
    phrases = qualitative_phrases()
    if compact in phrases or body in phrases:
        return QUALITATIVE
    has_digit = bool(ARABIC.search(body))
    if not has_digit and len(body) <= 12 and body.endswith(_QUALITATIVE_ENDINGS):
        # 显著提高, 缩短流程 are qualitative; 三十五人 is not (it has a numeral + unit).
        if not _looks_like_chinese_count(body):
            return QUALITATIVE
    return None


def _looks_like_chinese_count(body: str) -> bool:
    match = CHINESE.match(body)
    if not match:
        return False
    try:
        parse_chinese(match.group())
    except ValueError:
        return False
    return True


def _split_multi(compact: str) -> list[str]:
    """`≥70%、≥70%、≥85%` → three targets; `4.7万元/人、年` stays one (a rate unit)."""
    protected = _RATE_SEPARATORS.sub("·", compact)
    pieces = [p for p in _MULTI_SPLIT.split(protected) if p]
    numbered = [p for p in pieces if ARABIC.search(p) or CHINESE.search(p)]
    if len(pieces) > 1 and len(numbered) == len(pieces) and all(_has_number_start(p) for p in pieces):
        return pieces
    return [protected] if protected != compact else [compact]


def _has_number_start(piece: str) -> bool:
    stripped = _strip_operators(piece)[0]
    return bool(ARABIC.match(stripped) or CHINESE.match(stripped))


def _strip_operators(text: str) -> tuple[str, str | None, bool, bool]:
    """Remove 每年/约/operator prefixes and 以上/左右 suffixes."""
    per_year = approximate = False
    operator = None
    changed = True
    while changed:
        changed = False
        for prefix in _PER_YEAR_PREFIX:
            if text.startswith(prefix):
                text, per_year, changed = text[len(prefix):], True, True
        for prefix in _APPROX_PREFIX:
            if text.startswith(prefix):
                text, approximate, changed = text[len(prefix):], True, True
        if operator is None:
            for spelling, op in _PREFIX_OPERATORS:
                if text.startswith(spelling):
                    text, operator, changed = text[len(spelling):], op, True
                    break
    for suffix in _APPROX_SUFFIX:
        if text.endswith(suffix):
            text, approximate = text[: -len(suffix)], True
    for suffix, op in _SUFFIX_OPERATORS:
        if text.endswith(suffix) and operator is None:
            text, operator = text[: -len(suffix)], op
    return text, operator, per_year, approximate


_LABEL = re.compile(r"^([^\d≥≤=<>≧≦＝═＞＜]{1,8}?)(?=[≥≤=<>≧≦＝═＞＜]|不少于|不低于|不超过|不高于)")
_PERCENT_WORDS = re.compile(f"^百分之([{''.join(sorted(set('零〇一二两三四五六七八九十百点')))}]+)$")


def _parse_single(piece: str, original: str, money_context: bool) -> IndicatorValue:
    label, yearly = "", False
    for prefix in _PER_YEAR_PREFIX:
        if piece.startswith(prefix):
            piece, yearly = piece[len(prefix):], True
            break
    match = _LABEL.match(piece)
    if match and not match.group(1).startswith(_APPROX_PREFIX):
        label, piece = match.group(1), piece[match.end():]
    rest, operator, per_year, approximate = _strip_operators(piece)
    per_year = per_year or yearly
    percent_words = _PERCENT_WORDS.match(rest)
    if percent_words:
        rest = str(parse_chinese(percent_words.group(1))) + "%"
    chinese_numeral = not ARABIC.match(rest)
    number, rest = _take_number(rest, original)
    upper = None
    range_match = re.match(r"^[-~～—至到]", rest)
    if range_match:
        try:
            upper, rest = _take_number(rest[range_match.end():], original)
        except ValueParseError:
            upper = None
    for per in ("/年", "每年", "/每年"):
        if rest.endswith(per) and rest[: -len(per)] in unit_catalogue():
            rest, per_year = rest[: -len(per)], True
    unit_text, number = _unit_and_scale(rest, number, money_context)
    if chinese_numeral and unit_text and unit_text not in unit_catalogue():
        unit_text = None  # 百姓幸福感… is a word that starts with 百, not a number
    if unit_text is None:
        raise ValueParseError(
            f"“{original}”里的“{rest}”看不懂。"
            f"指标值应写成“符号+数字+单位”或定性描述，{EXAMPLES}。")
    unit = unit_catalogue().get(unit_text)
    return IndicatorValue(
        text=original, kind=QUANTITATIVE, operator=operator, number=number, upper=upper,
        unit=unit.canonical if unit else unit_text,
        unit_category=unit.category if unit else None,
        per_year=per_year, approximate=approximate, label=label)


def _take_number(text: str, original: str) -> tuple[Decimal, str]:
    match = ARABIC.match(text)
    if match:
        return parse_arabic(match.group()), text[match.end():]
    match = CHINESE.match(text)
    if match:
        # Take the longest prefix that is a numeral: 三十五人 → 三十五 + 人.
        for end in range(len(match.group()), 0, -1):
            try:
                return parse_chinese(match.group()[:end]), text[end:]
            except ValueError:
                continue
    raise ValueParseError(
        f"“{original}”里没有找到数字。定量指标写成“符号+数字+单位”，定性指标写明方向，"
        f"{EXAMPLES}。")


_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000)}


def _unit_and_scale(rest: str, number: Decimal, money_context: bool) -> tuple[str | None, Decimal]:
    """Return the unit spelling and the number scaled by a 万/亿 multiplier."""
    catalogue = unit_catalogue()
    rest = _normalise_rate(rest, money_context)
    if rest == "" or rest in catalogue:
        return rest, number
    if rest[0] in _MULTIPLIERS:
        head, tail = rest[0], rest[1:]
        if tail == "" and money_context:
            return "万元" if head == "万" else ("亿元" if head == "亿" else "千元"), number
        if tail == "" or tail in catalogue:
            return tail, number * _MULTIPLIERS[head]
    # Unknown but plausible unit word (公平度, 工作日内…): keep it, category unknown.
    if len(rest) <= 4 and not ARABIC.search(rest) and not any(op in rest for op, _ in _PREFIX_OPERATORS):
        return rest, number
    return None, number


def _normalise_rate(rest: str, money_context: bool) -> str:
    """万/人/年 → 万元/人·年 ; 元/人、年 → 元/人·年."""
    if "/" not in rest and "·" not in rest:
        return rest
    rest = _RATE_SEPARATORS.sub("·", rest)
    head, sep, tail = rest.partition("/")
    if sep and head in ("万", "亿") and (money_context or tail):
        head += "元"
    tail = tail.replace("/", "·")
    return head + sep + tail if sep else rest
