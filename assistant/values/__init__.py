"""Parse 指标值 and money as Chinese budget forms write them. No UI, no I/O beyond the unit catalogue."""

from assistant.values.indicator_value import (
    DEADLINE,
    QUALITATIVE,
    QUANTITATIVE,
    IndicatorValue,
    ValueParseError,
    compose_value,
    parse_value,
    unit_catalogue,
)
from assistant.values.money import format_wan, parse_money, to_decimal

__all__ = [
    "DEADLINE", "QUALITATIVE", "QUANTITATIVE", "IndicatorValue", "ValueParseError", "compose_value",
    "format_wan", "parse_money", "parse_value", "to_decimal", "unit_catalogue",
]
