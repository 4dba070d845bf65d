"""The blocks above the indicator table: header fields, funds, 资金支出计划
and goals, read by their printed labels."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from assistant.intake.grid import Cell, Row, squash
from assistant.values import ValueParseError, parse_money

# funds row labels -> key; checked in order on the squashed label
_FUND_KEYS = (
    ("carryover", re.compile(r"上年结转|结转资金|结余")),
    # finer sources beside the fiscal subtotal (templates contract: funds rows' `sources`)
    (
        "source",
        re.compile(
            r"^(其中[:：])?(一般公共预算|政府性基金|国有资本经营预算|事业收入|经营性?收入|"
            r"中央补助|中央资金|省级资金|市级资金|县级资金|地方资金|上级补助|专项债券?)(资金)?$"
        ),
    ),
    ("fiscal", re.compile(r"财政拨|财政资|财政性资金|本年财政")),
    ("other", re.compile(r"其他资|其它资|其他收入|自筹|单位资金")),
    ("total", re.compile(r"资金总额|^(其中[:：])?预算数$|预算金额$|总额$|合计$|资金总计|金额合计")),
)
_SELF_EVAL_HEADS = (
    ("initial", re.compile(r"年初预算")),
    ("adjusted", re.compile(r"全年预算|调整后预算|预算数$")),
    ("executed", re.compile(r"执行数|实际支出|全年执行")),
    ("weight", re.compile(r"^分值$|权重")),
    ("score", re.compile(r"得分")),
    ("rate", re.compile(r"执行率")),
)
GOAL_LABELS = re.compile(r"^(年度|中期|项目|部门|整体)?(总体|绩效)?(总体)?目标$|^总体$|^年度总体目标$|^绩效目标$")
PLAN_LABEL = re.compile(r"资金支出计划|支出进度计划|资金使用计划")
_MONTH = re.compile(r"(\d{1,2})\s*月")
_QUARTER = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[%％]?\s*$")
_DASH = {"—", "-", "/", "／", "－", "——", "无"}


def fund_key(text: str) -> str | None:
    from assistant.intake.vocab import fund_label_key, fund_labels

    key = squash(text).rstrip(":：")
    if len(key) > 20 or not key:
        return None
    known = fund_labels().get(fund_label_key(text))
    if known:
        return known[1]
    for name, pattern in _FUND_KEYS:
        if pattern.search(key):
            return name
    return None


def fund_period(text: str) -> str | None:
    from assistant.intake.vocab import fund_label_key, fund_labels

    known = fund_labels().get(fund_label_key(text))
    if known and known[0]:
        return known[0]
    key = squash(text)
    if key.startswith("中期") or "实施周期" in key:
        return "mid_term"
    if key.startswith("年度") or key.startswith("本年"):
        return "annual"
    return None


def self_eval_head(text: str) -> str | None:
    key = squash(text)
    if len(key) > 12:
        return None
    for name, pattern in _SELF_EVAL_HEADS:
        if pattern.search(key):
            return name
    return None


def source_name(text: str) -> str:
    """The source a funds row names (一般公共预算, 中央资金): as the template spells it."""
    from assistant.intake.vocab import fund_label_key, fund_labels

    known = fund_labels().get(fund_label_key(text))
    return known[2] if known and known[2] else fund_label_key(text)


def money_unit(text: str) -> str | None:
    """单位：万元 / (元) / 单位:元 → the unit money is written in."""
    key = squash(text)
    match = re.search(r"单位[:：]?(万元|元)|[（(](万元|元)[)）]", key)
    return (match.group(1) or match.group(2)) if match else None


def unit_line(text: str) -> str | None:
    """A cell that only says what unit money is in: 单位：万元, (元)."""
    match = re.fullmatch(r"(?:金额)?单位[:：]?(万元|元)|[（(](万元|元)[)）]", squash(text))
    return (match.group(1) or match.group(2)) if match else None


class Money:
    """Amounts in 万元, exact, from a cell written in the form's unit."""

    def __init__(self, problems: list, unit: str = "万元"):
        self.problems = problems
        self.unit = unit

    def read(self, cell: Cell | None, unit: str | None = None) -> Decimal | None:
        if cell is None:
            return None
        text = squash(cell.text).rstrip("。")
        if text in _DASH or not text:
            return None
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?(万元|元|万)?", text):
            text = text.replace(",", "")  # 1,681,680 as Excel shows thousands
        try:
            return parse_money(text, default_unit=unit or self.unit)
        except ValueParseError as exc:
            self.problems.append((cell.where, f"金额“{cell.text}”读不出来：{exc}"))
            return None


def month_of(text: str) -> int | None:
    key = squash(text)
    match = _MONTH.search(key)
    if match and 1 <= int(match.group(1)) <= 12:
        return int(match.group(1))
    quarter = re.search(r"第?([一二三四1-4])季度", key)
    return _QUARTER[quarter.group(1)] if quarter else None


def percent_of(cell: Cell) -> Decimal | None:
    match = _PERCENT.match(squash(cell.text))
    if not match:
        return None
    return plain(Decimal(match.group(1)))


def plain(number: Decimal) -> Decimal:
    """48.00 → 48, 6.9990 → 6.999 (exact; no exponent)."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return Decimal(format(number.normalize(), "f"))


def number_of(cell: Cell | None) -> Decimal | None:
    if cell is None:
        return None
    text = squash(cell.text).rstrip("分")
    try:
        return plain(Decimal(text))
    except ArithmeticError:
        return None


def by_column(cells: list[Cell], heads: list[tuple[str, int, int]]) -> dict[str, Cell] | None:
    """Cells under the heading covering their column; None if any cell is
    under no heading or two cells under one."""
    out: dict[str, Cell] = {}
    for cell in cells:
        hit = next((key for key, col, last in heads if col <= cell.col <= last), None)
        if hit is None or hit in out:
            return None
        out[hit] = cell
    return out


def nearest_head(cell: Cell, heads: list[tuple[str, int]]) -> str:
    """The heading at or left of the cell (goals under 中期目标 | 年度目标)."""
    chosen = heads[0][0]
    for key, col in sorted(heads, key=lambda h: h[1]):
        if col <= cell.col:
            chosen = key
    return chosen


@cache
def schema_keys(form: str, where: str) -> frozenset[str]:
    """Keys the installed record schema allows at `where` ("row", "project"),
    so optional keys (extra, label1, …) are written only where the schema has them."""
    from assistant.rules.schema import validator

    schema = validator(form).schema
    if where == "row":
        node = schema.get("$defs", {}).get("row", {})
    elif where == "extra":
        return frozenset(schema.get("properties", {}))
    elif where == "funds_period":
        node = schema.get("properties", {}).get("funds", {}).get("properties", {}).get("annual", {})
    else:
        node = schema.get("properties", {}).get(where, {})
    return frozenset(node.get("properties", {}))


def row_text(row: Row) -> str:
    return "｜".join(cell.text for cell in row.cells)
