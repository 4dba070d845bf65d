"""Funds answers in a sentence: `35万，全部财政拨款`, `总额50万其中财政拨款30万`,
`财政拨款30万，其他资金20万`, or just `48`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.values import ValueParseError, parse_money

_AMOUNT = r"([0-9０-９][0-9,，.０-９]*\s*(?:万元|万|元|亿元|亿)?|[零〇一二两三四五六七八九十百千万亿点]+(?:万元|元|亿元)?)"
_LABELLED = {
    "total": re.compile(r"(?:资金总额|总额|合计|总计|总共|共计|一共|共)\s*[:：为是]?\s*" + _AMOUNT),
    "fiscal": re.compile(r"(?:本年财政拨款|财政拨款|财政资金|财政)\s*[:：为是]?\s*" + _AMOUNT),
    "other": re.compile(r"(?:其他资金|其他|自筹资金|自筹)\s*[:：为是]?\s*" + _AMOUNT),
}
_ALL_FISCAL = re.compile(r"全部(?:是|为|由)?(?:财政|本级财政)|全额财政|都是财政|均为财政")
_NO_OTHER = re.compile(r"(?:没有|无)其他资金|其他资金(?:为|是)?(?:0|零|无)")
_BARE = re.compile(r"^\s*" + _AMOUNT)


@dataclass(frozen=True)
class Funds:
    total: Decimal | None
    fiscal: Decimal | None
    other: Decimal | None


def parse_funds(text: str) -> Funds:
    """Amounts in 万元 that the sentence states or implies; raises ValueParseError."""
    found: dict[str, Decimal] = {}
    rest = text
    for key, pattern in _LABELLED.items():
        match = pattern.search(rest)
        if match:
            found[key] = parse_money(match.group(1))
            rest = rest[: match.start()] + " " + rest[match.end():]
    if "total" not in found:
        bare = _BARE.match(rest)
        if bare and bare.group(1).strip():
            found["total"] = parse_money(bare.group(1))
    if not found:
        raise ValueParseError(f"没有从“{text}”里读出金额。例如：35万，全部财政拨款；或 总额50万其中财政拨款30万。")
    total, fiscal, other = found.get("total"), found.get("fiscal"), found.get("other")
    if _ALL_FISCAL.search(text):
        if total is None:
            total = fiscal
        fiscal, other = total, Decimal(0)
    if _NO_OTHER.search(text):
        other = Decimal(0)
    if total is None and fiscal is not None and other is not None:
        total = fiscal + other
    if total is not None and fiscal is not None and other is None:
        other = total - fiscal
    if total is not None and other is not None and fiscal is None:
        fiscal = total - other
    for label, amount in (("财政拨款", fiscal), ("其他资金", other)):
        if amount is not None and amount < 0:
            raise ValueParseError(f"{label}算出来是负数：总额 {total} 万元小于各来源之和。请核对金额。")
    return Funds(total, fiscal, other)
