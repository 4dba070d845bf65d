"""Scoring a self-evaluation (RULES.md §3, 财预〔2020〕10号 central template).

执行率 = 全年执行数 ÷ 全年预算数; its score = min(执行率, 1) × its weight.
An indicator of weight w, target A, actual B:
  ≥ : w if B ≥ A else w·B/A        ≤ : w if B ≤ A else w·A/B
  = : w if B = A else w·min/max     定性: a band of w chosen by 达成/部分达成/未达成
never above w. Grade: 优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from assistant import record_path
from assistant.forms import kind_of
from assistant.values import IndicatorValue, ValueParseError, parse_value
from assistant.values import to_decimal as _dec

TWO_PLACES = Decimal("0.01")


class Expected(NamedTuple):
    """What the score of one line should be: exact, or a band for qualitative ones."""

    low: Decimal
    high: Decimal

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def contains(self, score: Decimal, tolerance: Decimal) -> bool:
        return self.low - tolerance <= score <= self.high + tolerance

    def text(self) -> str:
        if self.exact:
            return f"{self.low.quantize(TWO_PLACES, ROUND_HALF_UP)}"
        return f"{self.low.quantize(TWO_PLACES)}–{self.high.quantize(TWO_PLACES)}"


def execution_rate(funds: dict[str, Any]) -> Decimal | None:
    """全年执行数 ÷ 全年预算数, or None when the adjusted budget is 0 or missing."""
    total = funds.get("total") if isinstance(funds, dict) else None
    if not isinstance(total, dict):
        return None
    adjusted, executed = _dec(total.get("adjusted")), _dec(total.get("executed"))
    if adjusted is None or executed is None or adjusted == 0:
        return None
    return executed / adjusted


def record_execution_rate(record: dict[str, Any]) -> Decimal | None:
    """执行率 from the record's amounts; where the amounts are not stated (a form
    that prints only the rate, or lost them), the 执行率 it states, in %."""
    rate = execution_rate(record.get("funds") or {})
    if rate is not None:
        return rate
    execution = record.get("execution")
    stated = _dec(execution.get("rate")) if isinstance(execution, dict) else None
    return stated / 100 if stated is not None else None


def execution_score(rate: Decimal | None, weight: Decimal) -> Decimal | None:
    if rate is None:
        return None
    return min(rate, Decimal(1)) * weight


def grade_for(total: Decimal, grades: list[dict[str, Any]]) -> str:
    for band in sorted(grades, key=lambda g: -g["min"]):
        if total >= Decimal(str(band["min"])):
            return band["grade"]
    return grades[-1]["grade"]


def indicator_expected(
    row: dict[str, Any], bands: dict[str, list[float]], *, money_context: bool = False
) -> Expected | None:
    """The score this row should get, or None when it cannot be computed (no
    weight, unparseable target or actual)."""
    weight = _dec(row.get("weight"))
    if weight is None:
        return None
    target = parse_or_none(row.get("target"), money_context)
    if target is None:
        return None
    if not target.is_quantitative or target.number is None:
        achievement = row.get("achievement") or _infer_achievement(row.get("actual"))
        if achievement not in bands:
            return None
        low, high = bands[achievement]
        return Expected(weight * Decimal(str(low)) / 100, weight * Decimal(str(high)) / 100)
    actual = parse_or_none(row.get("actual"), money_context)
    if actual is None or not actual.is_quantitative or actual.number is None:
        return None
    a, b = target.number, _same_scale(actual, target)
    score = _ratio_score(target.effective_operator, a, b, weight)
    return Expected(score, score)


def _ratio_score(operator: str, a: Decimal, b: Decimal, weight: Decimal) -> Decimal:
    if operator in ("≥", ">"):
        score = weight if b >= a else (weight * b / a if a else weight)
    elif operator in ("≤", "<"):
        score = weight if b <= a else (weight * a / b if b else weight)
    else:
        if a == b:
            score = weight
        else:
            high = max(a, b)
            score = weight * min(a, b) / high if high else weight
    return max(Decimal(0), min(score, weight))


def _same_scale(actual: IndicatorValue, target: IndicatorValue) -> Decimal:
    """An actual written `200` against a target `≥200万元` is 200万元; one written
    `2000000元` is converted; otherwise the numbers are compared as written."""
    if actual.unit and target.unit and actual.unit != target.unit:
        a_wan, t_wan = actual.money_wan(), target.money_wan()
        if a_wan is not None and t_wan is not None and target.number:
            return a_wan * target.number / t_wan
    return actual.number


def _infer_achievement(actual: Any) -> str | None:
    if not isinstance(actual, str) or not actual.strip():
        return None
    text = actual.replace(" ", "")
    if "未达成" in text or "未完成" in text or "未达到" in text:
        return "未达成"
    if "部分" in text or "基本" in text:
        return "部分达成"
    return "达成"


def parse_or_none(text: Any, money_context: bool) -> IndicatorValue | None:
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return parse_value(text, money_context=money_context)
    except ValueParseError:
        return None


class LineScore(NamedTuple):
    """One indicator of a self-evaluation: its weight, the stated and the computed score."""

    name: str
    level1: str
    weight: Decimal | None
    stated: Decimal | None
    computed: Decimal | None  # what the rules give; within the band for qualitative lines


class Summary(NamedTuple):
    """A self-evaluation's computed 执行率, scores, total and grade beside what the preparer stated."""

    rate: Decimal | None
    execution_weight: Decimal
    execution_score: Decimal | None
    lines: tuple[LineScore, ...]
    total: Decimal | None
    grade: str | None
    stated_total: Decimal | None
    stated_grade: str | None

    def by_level1(self) -> list[tuple[str, Decimal, Decimal | None]]:
        """(一级, weight, computed score) in form order, 预算执行率 last. A line the
        rules cannot score counts with its stated score, as in `total`."""
        order: dict[str, tuple[Decimal, Decimal | None]] = {}
        for line in self.lines:
            weight, score = order.setdefault(line.level1, (Decimal(0), Decimal(0)))
            value = line.computed if line.computed is not None else line.stated
            order[line.level1] = (
                weight + (line.weight or 0),
                None if score is None or value is None else score + value,
            )
        rows = [(level1, pair[0], pair[1]) for level1, pair in order.items()]
        rows.append(("预算执行率", self.execution_weight, self.execution_score))
        return rows

    def line(self) -> str:
        rate = (
            "无法计算（全年预算数为 0 或未填）"
            if self.rate is None
            else f"{(self.rate * 100).quantize(TWO_PLACES, ROUND_HALF_UP)}%"
        )
        total = "—" if self.total is None else f"{self.total.quantize(TWO_PLACES, ROUND_HALF_UP)}"
        stated = "" if self.stated_total is None else f"（填写 {self.stated_total}）"
        grade = self.grade or "—"
        stated_grade = f"（填写 {self.stated_grade}）" if self.stated_grade else ""
        unscored = sum(1 for line in self.lines if line.computed is None)
        note = f"（{unscored} 项无法按规则计分，沿用填写的得分）" if unscored else ""
        return f"计算结果：执行率 {rate}；总分 {total}{stated}；等级 {grade}{stated_grade}{note}。"


def summary(record: dict[str, Any], kb=None) -> Summary:
    """Compute 执行率, each score, the total and the grade of a self-evaluation."""
    if kb is None:
        from assistant.knowledge import load

        kb = load()
    bands = kb.scoring["qualitative_bands"]
    money_words = kb.params["money_name_words"]
    execution: dict[str, Any] = record["execution"] if isinstance(record.get("execution"), dict) else {}
    exec_weight = _dec(execution.get("weight"))
    if exec_weight is None:
        profiles = kb.scoring["profiles"]
        exec_weight = Decimal(
            str(profiles.get(record.get("profile"), profiles[kb.scoring["default"]])["execution_weight"])
        )
    rate = record_execution_rate(record)
    exec_score = execution_score(rate, exec_weight)
    lines = []
    for _, row in scored_rows(record)[1]:
        money = row.get("level2") in ("成本指标", "经济成本指标") or any(
            w in str(row.get("name", "")) for w in money_words
        )
        expected = indicator_expected(row, bands, money_context=money)
        stated = _dec(row.get("score"))
        if expected is None:
            computed = None
        elif expected.exact:
            computed = expected.low
        else:  # the preparer picks within the band; keep their pick if it is inside
            computed = min(max(stated if stated is not None else expected.high, expected.low), expected.high)
        lines.append(
            LineScore(str(row.get("name", "")), str(row.get("level1", "")), _dec(row.get("weight")), stated, computed)
        )
    # A line the rules cannot score (unparseable target or actual) keeps its stated
    # score, so one bad cell does not hide the rest of the arithmetic.
    scores = [line.computed if line.computed is not None else line.stated for line in lines]
    known = [s for s in scores if s is not None]
    total = None if exec_score is None or len(known) < len(scores) else exec_score + sum(known, Decimal(0))
    grade = grade_for(total, kb.scoring["grades"]) if total is not None else None
    return Summary(
        rate,
        exec_weight,
        exec_score,
        tuple(lines),
        total,
        grade,
        _dec(record.get("total_score")),
        record.get("grade") or None,
    )


def scored_rows(record: Any) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """The path of a self-evaluation's (scored) indicator set, from its FormKind,
    and the set's rows that are objects, with their indexes."""
    kind = kind_of(record.get("form")) if isinstance(record, dict) else None
    if kind is None:
        return "", []
    path = kind.indicator_sets[0].path
    rows = record_path.get(record, path)
    return path, [(i, r) for i, r in enumerate(rows) if isinstance(r, dict)] if isinstance(rows, list) else []
