"""Dates, months, periods and deadlines as 指标值 (时效指标 targets).

A time expression is built from parts, not listed: a calendar date in its usual
spellings (2021年12月31日, 2021年12月, 12月31日, 2021.12.31, 2021-12, 2020年),
a point of the year (年底, 年末, 年内, 上半年, 第三季度末, 全年 …), optional
底/末/初/上旬/中旬/下旬, optional 前/之前/以前/内/以内, optional 每年/每季度/每月,
and an optional short completion phrase (完成, 到位, 100%到位, 完成验收 …).
Two dates joined by a dash or 至 are a period (2020年1月--2020年11月, 2021年1月-12月).
Chinese numerals in dates (十二月底前, 二〇二一年) are read too.
"""

import re
from decimal import Decimal
from typing import NamedTuple

from assistant.lazy_regex import lazy_regex
from assistant.values.grammar import MANY, ahead, alt, chars, ends, full_match, match_end, opt, seq, words

_CN_DIGITS = {
    "〇": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}

# The grammar, in the notation of regular expressions (each part tried in this order):
#   YEAR (?:19|20)\d{2}    MONTH (?:1[0-2]|0?[1-9])    DAY (?:3[01]|[12]\d|0?[1-9])
#   DATE  YEAR年度?(?:MONTH月份?(?:DAY[日号])?)? | MONTH月份?(?:DAY[日号])? | YEAR[./-]MONTH(?:[./-]DAY)?
#   TIME  DATE PHASE? POINT? | POINT | SPAN(?=BEFORE)
#   a deadline  EVERY? TIME BEFORE? (?:[≥=]?\d+(?:\.\d+)?%)? ACTION?
#   a period    DATE PHASE? TO DATE PHASE? ACTION?
#   a span of months (2023年1-12月)  YEAR年度? MONTH月? TO MONTH月份? ACTION?
# ACTION (1–8 CJK characters: 完成, 验收到位) is cut off in plain code (`_heads`), the rest
# is read by the parsers of values/grammar.py: as patterns the heads took ~2 ms to compile.
_DIGIT = chars(str.isdecimal)
_YEAR = seq(words("19", "20"), chars(str.isdecimal, 2, 2))
_MONTH = alt(seq(words("1"), chars("012")), seq(opt(words("0")), chars("123456789")))
_DAY = alt(seq(words("3"), chars("01")), seq(chars("12"), _DIGIT), seq(opt(words("0")), chars("123456789")))
_MONTH_DAY = seq(_MONTH, words("月"), opt(words("份")), opt(seq(_DAY, chars("日号"))))
_DATE = alt(
    seq(_YEAR, words("年"), opt(words("度")), opt(_MONTH_DAY)),
    _MONTH_DAY,
    seq(_YEAR, chars("./-"), _MONTH, opt(seq(chars("./-"), _DAY))),
)
_PHASE = words("底", "末", "初", "中", "上旬", "中旬", "下旬")
_POINT = alt(
    words(
        *("年底", "年末", "年初", "年中", "年内", "年度内", "年度", "当年"),
        *("本年度", "本年", "全年度", "全年", "上半年", "下半年", "年前"),
    ),
    seq(opt(words("第")), chars("1234一二三四"), words("季度"), opt(words("末", "底"))),
    words("季度末", "季末", "月底", "月末", "当月", "当季", "次年", "本月"),
)
_BEFORE = words("之前", "以前", "前", "之内", "以内", "内")
_EVERY = words(
    *("每年度", "每年", "每季度", "每半年", "每月", "每周"),
    *("当年", "次年", "本年度", "本年", "今年", "明年", "翌年", "年度内"),
)
_SPAN = alt(
    seq(
        alt(seq(chars("123456789"), opt(_DIGIT)), chars("一二两三四五六七八九十", 1, MANY)),
        opt(words("个")),
        words("年", "月", "季度", "周", "个工作日", "工作日", "天", "日"),
    ),
    words("半年", "半个月"),
)
_TIME = alt(seq(_DATE, opt(_PHASE), opt(_POINT)), _POINT, seq(_SPAN, ahead(_BEFORE)))
_HEAD = seq(opt(_EVERY), _TIME, opt(_BEFORE))
_PERCENT_ONLY = lazy_regex(r"[≥=]?\d+(?:\.\d+)?%")
_TO_SIGNS = ("-", "~", "至", "到")
_TO = words(*_TO_SIGNS)
_DATE_PHASE = seq(_DATE, opt(_PHASE))
_PERIOD_END = seq(_TO, _DATE_PHASE)
_MONTHS_HEAD = seq(
    _YEAR, words("年"), opt(words("度")), _MONTH, opt(words("月")), _TO, _MONTH, words("月"), opt(words("份"))
)
# The words a deadline may end with (12月底前完成, 年底前100%到位), searched anywhere in them.
_ACTION_WORDS = (
    "完成",
    "到位",
    "结束",
    "完毕",
    "完工",
    "竣工",
    "验收",
    "实施",
    "开工",
    "启动",
    "支付",
    "拨付",
    "发放",
    "兑付",
    "上线",
    "投入使用",
    "办结",
    "提交",
    "报送",
    "交付",
    "达成",
    "落实",
    "执行",
    "覆盖",
    "开展",
    "前",
    "内",
)
_PCT_IN = lazy_regex(r"(\d+(?:\.\d+)?)%")


class TimeTarget(NamedTuple):
    """A deadline or period read from a 指标值 (a 时效指标 target)."""

    text: str
    period: bool  # two ends (2021年1月-12月), not a deadline
    percent: Decimal | None = None  # 12月底前100%到位 → 100


_CN_DIGIT_SET = frozenset(_CN_DIGITS)
_CN_YEAR = lazy_regex(f"([{''.join(_CN_DIGITS)}]{{4}})年")
_CN_SMALL_DIGITS = "一二三四五六七八九十"
_CN_SMALL_SET = frozenset(_CN_SMALL_DIGITS)
_DAY_OR_MONTH = "月日号"
_CN_SMALL = lazy_regex(f"([{_CN_SMALL_DIGITS}]{{1,3}})([{_DAY_OR_MONTH}])")


def _small_number(digits: str) -> int | None:
    """一 to 九十九 in Chinese numerals (三, 十二, 二十, 二十一), or None for a run
    of numerals that is no number (十十, 一二三): it is left as it was written."""
    if "十" not in digits:
        return int(_CN_DIGITS[digits]) if len(digits) == 1 else None
    tens, _, ones = digits.partition("十")
    if len(tens) > 1 or len(ones) > 1 or ones == "十":
        return None
    return (int(_CN_DIGITS[tens]) if tens else 1) * 10 + (int(_CN_DIGITS[ones]) if ones else 0)


def _arabic_dates(text: str) -> str:
    """二〇二一年十二月 → 2021年12月: Chinese numerals directly before 年/月/日."""

    def year(match: re.Match) -> str:
        return "".join(_CN_DIGITS[c] for c in match.group(1)) + "年"

    if "年" in text and not _CN_DIGIT_SET.isdisjoint(text):
        text = _CN_YEAR.sub(year, text)

    def small(match: re.Match) -> str:
        value = _small_number(match.group(1))
        return match.group(0) if value is None else f"{value}{match.group(2)}"

    if _CN_SMALL_SET.isdisjoint(text) or not any(mark in text for mark in _DAY_OR_MONTH):
        return text  # the pattern needs both: it is compiled only for a text that has them
    return _CN_SMALL.sub(small, text)


# Every time expression above holds one of these characters (a date, a point of
# the year and a span all name 年, 月, 季, 周, 日 or 天) or is a numeric date
# (2021.12, 2021-12-31): a text with neither is no time, and the three long
# patterns, 1–2 ms each to compile, are not needed for it (most 指标值 are not times).
_TIME_CHARACTERS = frozenset("年月季周日天")
_NUMERIC_DATE = seq(_YEAR, chars("./-"))


def _may_be_time(text: str) -> bool:
    if not _TIME_CHARACTERS.isdisjoint(text):
        return True
    return any(sign in text for sign in "./-") and any(match_end(_NUMERIC_DATE, text, at) for at in range(len(text)))


def _heads(text: str) -> list[str]:
    """`text` less each trailing run of 0–8 CJK characters: the parts a pattern
    ending in `{_ACTION}?$` may match before its action (`$` allows a final newline)."""
    if text.endswith("\n"):
        text = text[:-1]
    heads = [text]
    for cut in range(1, min(8, len(text)) + 1):
        if not "\u4e00" <= text[-cut] <= "\u9fff":
            break
        heads.append(text[:-cut])
    return heads


def _has_to_sign(text: str) -> bool:
    """A period and a span of months join two ends with one of _TO_SIGNS: without
    one their patterns are not compiled."""
    return any(sign in text for sign in _TO_SIGNS)


def _is_months(text: str) -> bool:
    return _has_to_sign(text) and any(full_match(_MONTHS_HEAD, head) for head in _heads(text))


def _period_start(text: str) -> str | None:
    """The start of the period `text` is (2021年1月 of 2021年1月-12月完成), or None."""
    if not _has_to_sign(text):
        return None
    for head in _heads(text):
        for start in _DATE_PHASE(head, 0):  # the first start a whole period follows
            if full_match(_PERIOD_END, head, start):
                return head[:start]
    return None


def _is_deadline(text: str) -> bool:
    # Each head is a prefix of `text`: one the head grammar matches whole is among
    # its ends on the whole text, and only those are parsed again.
    possible = ends(_HEAD, text)
    if not possible:
        return False
    for head in _heads(text):
        if len(head) in possible and full_match(_HEAD, head):
            return True
        if head.endswith("%"):  # a percent between the time and the action
            if any(
                cut in possible and _PERCENT_ONLY.fullmatch(head[cut:]) and full_match(_HEAD, head[:cut])
                for cut in range(1, len(head) - 1)
            ):
                return True
    return False


def read_time(compact: str) -> TimeTarget | None:
    """A deadline or period in `compact` (already normalised), else None."""
    if not _may_be_time(compact):
        return None
    text = _arabic_dates(compact)
    if _is_months(text):
        return TimeTarget(compact, True)
    start = _period_start(text)
    if start and (re.search(r"年|[./-]\d", start) or "日" in start):
        return TimeTarget(compact, True)
    if not _is_deadline(text):
        return None
    tail = text[match_end(_HEAD, text) or 0 :]  # a deadline's head matches: what follows it
    percent = _PCT_IN.search(tail)
    words = _PCT_IN.sub("", tail).lstrip("≥=")
    if words and not any(word in words for word in _ACTION_WORDS):
        return None  # 2020年收入增长 is not a deadline
    return TimeTarget(compact, False, Decimal(percent.group(1)) if percent else None)
