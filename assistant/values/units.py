"""Units after the number: simple (人, 万元, %, ㎡), scaled (万人, 1.1万元, 31.7万)
and per-unit (元/人·月, 元/人、天, 万元/处, 元/㎡, 元每人每天, 次/月).

A per-unit is a numerator unit and one or more denominators, written with any
of the ways forms say "per": `/`, `每`, `/每`, and between several
denominators `·`, `、`, `/`, `.`, `・`, `*`. Its canonical spelling is
`numerator/denominator·denominator` (元/人·天). A denominator is any short word
(处, 村, 人, 亩, ㎡ …): the set of things a price can be per is open.
"""

import json
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from assistant.paths import knowledge_dir


class Unit(NamedTuple):
    """A unit of the catalogue: its spelling, category, canonical spelling and factor to 万元 for money."""

    unit: str
    category: str
    canonical: str
    to_wan: Decimal | None


@cache
def unit_catalogue() -> dict[str, Unit]:
    with open(knowledge_dir() / "units.json", encoding="utf-8") as handle:
        rows = json.load(handle)["units"]
    return {
        row["unit"]: Unit(
            row["unit"],
            row["category"],
            row.get("canonical", row["unit"]),
            Decimal(row["to_wan"]) if "to_wan" in row else None,
        )
        for row in rows
    }


MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百万": Decimal(1_000_000)}
MONEY_WAN = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": Decimal(10_000)}
TIME_WORDS = frozenset(("年", "半年", "季度", "季", "月", "周", "旬", "天", "日", "次", "小时", "期", "批"))
# Read in plain code (`_per_sign`, `_denominators`): as classes of full-width signs
# they cost ~0.2 ms each to compile.
_PER_SIGNS = "/每"  # 元/人, 元每人, 元/每人
_JOINS = "·、/.・*•每"  # between the denominators of a rate: 元/人·年, 元/人/天


def _per_sign(text: str) -> tuple[int, int] | None:
    """Where the first / or 每 of `text` starts and ends (/每 is one sign), or None."""
    start = next((i for i, c in enumerate(text) if c in _PER_SIGNS), None)
    if start is None:
        return None
    return start, start + (2 if text.startswith("/每", start) else 1)


def _denominators(text: str) -> tuple[str, ...]:
    """The non-empty parts of `text` between the signs that join denominators."""
    parts: list[str] = []
    part: list[str] = []
    for c in text:
        if c in _JOINS:
            parts.append("".join(part))
            part = []
        else:
            part.append(c)
    parts.append("".join(part))
    return tuple(p for p in parts if p)


_SPELLED_UNITS = frozenset(("㎡", "m³", "平方米", "立方米"))


def _is_unit_word(text: str) -> bool:
    """One unit word: 1–4 CJK characters, 1–5 latin letters, ㎡, m³, 平方米 or 立方米.
    What `^(?:[\u4e00-\u9fff]{1,4}|㎡|m³|[A-Za-z]{1,5}|平方米|立方米)$` matches, in
    plain code: that CJK range costs 0.8 ms to compile and most checks read a unit."""
    if text.endswith("\n"):  # as `$` allows
        text = text[:-1]
    if text in _SPELLED_UNITS:
        return True
    if 1 <= len(text) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in text):
        return True
    return 1 <= len(text) <= 5 and all(c.isascii() and c.isalpha() for c in text)


class UnitReading(NamedTuple):
    """What a unit spelling in a value means: its canonical unit, category, scale and denominators."""

    unit: str  # canonical spelling
    category: str | None  # count money rate percent time measure score date; None if unknown
    scale: Decimal = Decimal(1)  # 万人 read as 人 × 10000 when 万人 is not a unit of its own
    per: tuple[str, ...] = ()  # denominators of a per-unit
    numerator: str = ""  # 元 of 元/人·天
    per_year: bool = False  # 1次/年 is 1次 per year


def read_unit(rest: str, money_context: bool) -> UnitReading | None:
    """The unit written after a number, or None when `rest` is not a unit."""
    catalogue = unit_catalogue()
    if rest == "":
        return UnitReading("", None)
    if rest in catalogue:
        unit = catalogue[rest]
        head, _, tail = unit.canonical.partition("/")
        per = _denominators(tail) if unit.category == "rate" else ()
        return UnitReading(unit.canonical, unit.category, numerator=head, per=per)
    slash = _per_sign(rest)
    if slash and slash[0] > 0:
        return _per_unit(rest[: slash[0]], rest[slash[1] :], money_context)
    return _simple(rest, money_context)


def _has_number_sign(text: str) -> bool:
    """A digit, an operator or % in `text`: it holds more than a unit word."""
    return any(c.isdecimal() or c in "≥≤=<>%" for c in text)


def _simple(rest: str, money_context: bool) -> UnitReading | None:
    catalogue = unit_catalogue()
    for head in sorted(MULTIPLIERS, key=len, reverse=True):
        if rest.startswith(head):
            tail = rest[len(head) :]
            if tail == "":
                if money_context and head in ("万", "亿", "千"):
                    return UnitReading(head + "元", "money", numerator=head + "元")
                return UnitReading("", None, MULTIPLIERS[head])
            if tail in catalogue:
                unit = catalogue[tail]
                return UnitReading(unit.canonical, unit.category, MULTIPLIERS[head], numerator=unit.canonical)
            if _is_unit_word(tail):
                return UnitReading(tail, None, MULTIPLIERS[head], numerator=tail)
            return None
    if _is_unit_word(rest) or (len(rest) <= 4 and not _has_number_sign(rest)):
        return UnitReading(rest, None, numerator=rest)  # an unusual unit word (公平度, 工作日内)
    return None


def _per_unit(head: str, tail: str, money_context: bool) -> UnitReading | None:
    if head in ("万", "亿", "千"):
        head += "元"  # 4.7万/人/年, 620万/月: a bare 万 before "per" is money
    numerator = _simple(head, money_context) if head not in unit_catalogue() else None
    if head in unit_catalogue():
        unit = unit_catalogue()[head]
        numerator = UnitReading(unit.canonical, unit.category, numerator=unit.canonical)
    if numerator is None or not numerator.unit:
        return None
    denominators = _denominators(tail.strip("()（）"))
    if not denominators or not all(_is_unit_word(d) for d in denominators):
        return None
    if denominators == ("年",) and numerator.category in ("count", "measure"):
        return UnitReading(numerator.unit, numerator.category, numerator.scale, numerator=numerator.unit, per_year=True)
    compound = f"{numerator.unit}/{'·'.join(denominators)}"
    if numerator.category in ("count", "measure", "time") and all(d in TIME_WORDS for d in denominators):
        # 1次/季度, 2小时/次 is still a count or a time, only how often: not a price
        return UnitReading(compound, numerator.category, numerator.scale, denominators, numerator.unit)
    return UnitReading(compound, "rate", numerator.scale, denominators, numerator.unit)


def is_bare_unit(compact: str) -> bool:
    """`百分比`, `万元`, `元/㎡`: a unit written with no number."""
    reading = read_unit(compact, money_context=True)
    return reading is not None and (compact in unit_catalogue() or bool(reading.per))
