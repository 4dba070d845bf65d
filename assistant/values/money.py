"""Money answers (元 / 万元 / 亿元, Arabic or Chinese numerals) as exact Decimal 万元."""

from __future__ import annotations

from decimal import Decimal

from assistant.values.indicator_value import ValueParseError
from assistant.values.normalise import normalise
from assistant.values.numerals import ARABIC, chinese_numeral_run, parse_arabic, parse_chinese

_FACTORS = {
    "元": Decimal("0.0001"),
    "块": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万": Decimal(1),
    "万元": Decimal(1),
    "亿": Decimal(10000),
    "亿元": Decimal(10000),
}
_PLACES = Decimal("0.0001")
_CEILING = Decimal("100000000")  # 1 万亿元 in 万元: no budget project is larger
MONEY_EXAMPLE = "例如 48、48万元、480000元 或 四十八万"


def parse_money(text: str, *, default_unit: str = "万元") -> Decimal:
    """`35万` → 35, `350000元` → 35, `1.2亿` → 12000, `三十五万` → 35, `48` → 48 (万元).

    Raises ValueParseError with a Chinese message. Amounts are exact to 1 元
    (four decimals of 万元); negative amounts are refused.
    """
    if not isinstance(text, str):
        raise ValueParseError("金额必须是文字，" + MONEY_EXAMPLE + "。")
    compact = normalise(text).replace(",", "")  # full-width digits and commas fold to ASCII
    compact = compact.removeprefix("人民币").removeprefix("￥").removeprefix("¥")
    if compact.startswith(("-", "－", "负")):
        raise ValueParseError(f"金额“{text}”不能是负数。")
    if not compact:
        raise ValueParseError("金额是空的，" + MONEY_EXAMPLE + "。")
    match = ARABIC.match(compact)
    if match:
        number, unit = parse_arabic(match.group()), compact[match.end() :]
    else:
        number, unit = _chinese_amount(compact, text)
    if unit == "":
        unit = default_unit
    if unit not in _FACTORS:
        raise ValueParseError(f"看不懂金额“{text}”的单位“{unit}”。金额请用元、万元或亿元，{MONEY_EXAMPLE}。")
    wan = number * _FACTORS[unit]
    if wan > _CEILING:
        raise ValueParseError(f"金额“{text}”大得不合常理（超过 1 万亿元）。请检查是否多写了零，或单位是否写错。")
    if wan != wan.quantize(_PLACES):
        raise ValueParseError(f"金额“{text}”比 1 元还精细。请精确到元（万元的四位小数）。")
    return _plain(wan)


def _plain(amount: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (1.2E+4)."""
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1))
    return amount.normalize()


def _chinese_amount(compact: str, original: str) -> tuple[Decimal, str]:
    numeral = chinese_numeral_run(compact)
    if not numeral:
        raise ValueParseError(f"“{original}”不是金额，{MONEY_EXAMPLE}。")
    after = compact[len(numeral) :]
    # 三十五万 reads as 三十五 + the unit 万 (not 350000 of the default unit).
    if numeral[-1] in "万亿" and len(numeral) > 1 and numeral[-1] + after in _FACTORS:
        try:
            return parse_chinese(numeral[:-1]), numeral[-1] + after
        except ValueError:
            pass
    try:
        return parse_chinese(numeral), after
    except ValueError:
        pass
    raise ValueParseError(f"“{original}”不是金额，{MONEY_EXAMPLE}。")


def format_wan(amount: Decimal | int | None) -> str:
    """48 → '48', 6.999 → '6.999', None → ''. Never float noise."""
    if amount is None:
        return ""
    return format(_plain(Decimal(amount)), "f")


def to_decimal(value) -> Decimal | None:
    """A JSON number (int, Decimal, float) as a Decimal; None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    return None
