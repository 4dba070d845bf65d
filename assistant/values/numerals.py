"""Numbers as people type them: Arabic (with thousands separators) or Chinese
numerals (三十五, 一万二千, 两千五百, 三点五, 壹佰万), optionally followed by 万/亿."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from assistant.lazy_regex import lazy_regex, run_end

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    # 大写 (financial) digits, as on amounts: 壹拾贰万伍仟元
    "壹": 1,
    "贰": 2,
    "貳": 2,
    "叁": 3,
    "參": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "陸": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + "点"

ARABIC = lazy_regex(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_NUMERAL_SET = frozenset(CHINESE_NUMERAL_CHARS)


def chinese_numeral_run(text: str) -> str:
    """The run of Chinese numeral characters `text` starts with ("" if none): what
    `[<CHINESE_NUMERAL_CHARS>]+` matches at its start (that class of 30 CJK
    characters costs ~0.2 ms to compile)."""
    return text[: run_end(text, 0, _NUMERAL_SET.__contains__)]


def parse_arabic(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - ARABIC guarantees digits
        raise ValueError(text) from exc


def parse_chinese(text: str) -> Decimal:
    """三十五 → 35, 一万二千 → 12000, 三点五 → 3.5. Raises ValueError if not a numeral."""
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise ValueError(text)
    if "点" in text:
        whole, _, frac = text.partition("点")
        if not frac or any(ch not in _DIGITS for ch in frac):
            raise ValueError(text)
        integer = parse_chinese(whole) if whole else Decimal(0)
        return integer + Decimal("0." + "".join(str(_DIGITS[ch]) for ch in frac))
    total = Decimal(0)  # finished 万/亿 groups
    section = 0  # current group below 万
    digit = None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                raise ValueError(text)  # two digits in a row: 三五 is not a numeral
            digit = _DIGITS[ch] if _DIGITS[ch] else None
        elif ch in _SMALL_UNITS:
            section += (digit if digit is not None else 1) * _SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                raise ValueError(text)  # 万 alone is a multiplier, not a number
            if ch == "亿":
                total = (total + section) * _BIG_UNITS[ch]
            else:  # 万 scales only the group before it: 一亿零五百万 = 1亿 + 500万
                total += section * _BIG_UNITS[ch]
            section = 0
    return total + section + (digit or 0)
