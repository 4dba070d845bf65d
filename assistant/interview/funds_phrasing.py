"""Funds answers in a sentence: `35万，全部财政拨款`, `总额50万其中财政拨款30万`,
`财政拨款30万，其他资金20万`, or just `48`; and a named amount
(`一、名称，417.29万，全部财政拨款`, a department task) split into name and funds.
The other way round, amounts written for a reply (`amounts_text`) or as an
answer that reads back to the same amounts (`funds_phrase`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assistant.values import ValueParseError, format_wan, parse_money, to_decimal

FUND_KEYS = ("total", "fiscal", "other")

_AMOUNT = (
    r"([0-9０-９][0-9,，.０-９]*\s*(?:万元|万|元|亿元|亿)?|[零〇一二两三四五六七八九十百千万亿点]+(?:万元|元|亿元)?)"
)
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
            rest = rest[: match.start()] + " " + rest[match.end() :]
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


def amounts_text(row: dict) -> str:
    """`417.29 万元（财政拨款 417.29，其他资金 0）`; a pending 财政拨款 is left out."""
    if row.get("fiscal") is None:
        return f"{format_wan(row.get('total'))} 万元"
    return (
        f"{format_wan(row.get('total'))} 万元（财政拨款 {format_wan(row.get('fiscal'))}，"
        f"其他资金 {format_wan(row.get('other'))}）"
    )


def funds_phrase(row: dict) -> str:
    """An answer that parses back to the same amounts: `20万，全部财政拨款`."""
    total, fiscal, other = (to_decimal(row.get(k)) for k in FUND_KEYS)
    if fiscal is None:
        return f"{format_wan(total)}万"
    if not other:
        return f"{format_wan(total)}万，全部财政拨款"
    return f"{format_wan(total)}万，财政拨款{format_wan(fiscal)}万，其他资金{format_wan(other)}万"


_TASK_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[、.．)）]|[（(][一二三四五六七八九十\d]{1,3}[)）])\s*"
)
_SEPARATOR = re.compile(r"[，,；;：:\s]+")
_AMOUNT_START = re.compile(
    r"^(?:资金总额|总额|合计|总计|共计|一共|本年财政拨款|财政拨款|财政资金|财政|其他资金|其他|自筹资金|自筹)?"
    r"\s*[:：为是]?\s*(?:[0-9０-９]|[零〇一二两三四五六七八九十百千]+\s*(?:万|元|亿))"
)
# What a funds phrase may consist of; anything else after the split belongs to the name.
_FUNDS_WORDS = re.compile(
    r"资金总额|总额|合计|总计|总共|共计|一共|本年财政拨款|财政拨款|财政资金|本级财政|财政|其他资金|其他|"
    r"自筹资金|自筹|全部|全额|都是|均为|其中|没有|万元|亿元|万|元|亿|人民币|[是为由共无]|"
    r"[0-9０-９.,，．零〇一二两三四五六七八九十百千点；;：:、。\s]"
)


def parse_task(text: str) -> dict[str, Any]:
    """`一、名称，417.29万，全部财政拨款` → {"name", "total", "fiscal", "other"};
    `fiscal`/`other` are None when the answer does not say. Raises ValueError."""
    text = " ".join(text.split())
    for match in _SEPARATOR.finditer(text):
        name, rest = text[: match.start()], text[match.end() :]
        if not rest or not _AMOUNT_START.match(rest) or _FUNDS_WORDS.sub("", rest):
            continue
        name = _TASK_NUMBERING.sub("", name).strip(" ，,；;：:、")
        if len(name) < 2:
            break
        if len(name) > 200:
            raise ValueError("任务名称太长了（超过 200 字），请写任务的简短名称。")
        try:
            funds = parse_funds(rest)
        except ValueParseError as exc:
            raise ValueError(str(exc)) from None
        if funds.total is None:
            raise ValueError(f"“{rest}”里没有总额。请写任务的总金额，例如：{name}，20万，全部财政拨款。")
        return {"name": name, "total": funds.total, "fiscal": funds.fiscal, "other": funds.other}
    raise ValueError(
        "请在任务名称后面写预算金额（万元），用逗号隔开，例如：巩固医保脱贫成果有效衔接乡村振兴，20万，全部财政拨款。"
    )
