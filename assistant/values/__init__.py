"""Parse 指标值 and money as Chinese budget forms write them. No UI, no I/O beyond the unit catalogue.

Names load on first use (PEP 562): a module that only needs
`assistant.values.user_numbers` does not compile the value grammar.
"""

from importlib import import_module

_EXPORTS = {
    "DEADLINE": "indicator_value",
    "QUALITATIVE": "indicator_value",
    "QUANTITATIVE": "indicator_value",
    "IndicatorValue": "indicator_value",
    "ValueParseError": "indicator_value",
    "compose_value": "operators",
    "parse_value": "indicator_value",
    "unit_catalogue": "indicator_value",
    "format_wan": "money",
    "parse_money": "money",
    "to_decimal": "money",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(f"assistant.values.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'assistant.values' has no attribute {name!r}")
