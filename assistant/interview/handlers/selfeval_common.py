"""Scoring helpers of the self-evaluation interview: weight proposals from the
scoring profile, rescoring the record after every answer, the running status
line and the per-一级 score bars.

The record made by the interview carries the *computed* scores (RULES.md §3):
each indicator score and the 执行率 score rounded to 0.01 as the form shows
them (so that they add up to the exact total rounded), the total as the sum
of those, the grade from that total. So the
selfeval.* rules that compare stated and computed values stay quiet on it.
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assistant.rules.scoring import (
    Summary,
    execution_rate,
    execution_score,
    grade_for,
    indicator_expected,
    parse_or_none,
)
from assistant.values import to_decimal

TWO = Decimal("0.01")
FUND_ROWS = ("total", "fiscal", "carryover", "other")
FUND_LABELS = {
    "total": "年度资金总额",
    "fiscal": "其中：本年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
LEVELS = ("达成", "部分达成", "未达成")
EXECUTION_LABEL = "预算执行率"
COST_LEVEL2 = ("成本指标", "经济成本指标")


# ------------------------------------------------------------------ numbers
def tidy(value: Decimal) -> Decimal:
    """A score as the form writes it: two decimals, trailing zeros dropped."""
    rounded = Decimal(value).quantize(TWO, ROUND_HALF_UP)
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


def pts(value: Any) -> str:
    """Points for display: `10`, `8.33`, `—` when unknown."""
    number = to_decimal(value)
    if number is None:
        return "—"
    return format(tidy(number), "f")


def percent(rate: Decimal) -> str:
    return f"{(rate * 100).quantize(TWO, ROUND_HALF_UP)}%"


# ----------------------------------------------------------------- profiles
def profiles_for(kb, framework_id: str | None) -> list[str]:
    """Scoring profiles whose 一级 are exactly those of the framework, default first."""
    level1s = set(kb.framework(framework_id).level1_names)
    ids = [pid for pid, p in kb.scoring["profiles"].items() if set(p["level1_weights"]) == level1s]
    default = kb.scoring["default"]
    return sorted(ids, key=lambda pid: pid != default)


def default_profile(kb, framework_id: str | None) -> str:
    ids = profiles_for(kb, framework_id)
    return ids[0] if ids else kb.scoring["default"]


def profile_of(kb, record: dict) -> dict:
    profiles = kb.scoring["profiles"]
    return profiles.get(record.get("profile") or kb.scoring["default"], profiles[kb.scoring["default"]])


def profile_summary(profile: dict) -> str:
    parts = [f"{name.removesuffix('指标')} {weight}" for name, weight in profile["level1_weights"].items()]
    return "、".join(parts + [f"执行率 {profile['execution_weight']}"])


# ------------------------------------------------------------------ weights
def split_weight(total: Decimal, count: int) -> list[Decimal]:
    """`total` points over `count` rows, as equal as possible, adding up exactly.

    Whole points (50 over 4 → 13, 13, 12, 12; over 7 → 8, 7, 7 …): the
    official forms and every seed write 分值 as integers, and clerks edit
    integers more easily than 12.5. The odd points go to the first rows
    (数量 before 质量 …, the order of the form). Only when there are more
    rows than points, or the total is not whole, are hundredths used."""
    if count <= 0:
        return []
    total = Decimal(total)
    quantum = Decimal(1) if total == total.to_integral_value() and total >= count else TWO
    units = int(total / quantum)
    base, extra = divmod(units, count)
    return [tidy((base + (1 if i < extra else 0)) * quantum) for i in range(count)]


def propose_weights(record: dict, kb) -> None:
    """Set every indicator weight and the 执行率 weight from the record's profile."""
    profile = profile_of(kb, record)
    rows = [r for r in record.get("indicators") or [] if isinstance(r, dict)]
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row.get("level1", ""), []).append(row)
    for level1, members in groups.items():
        total = Decimal(str(profile["level1_weights"].get(level1, 0)))
        for row, weight in zip(members, split_weight(total, len(members))):
            row["weight"] = weight
    record.setdefault("execution", {})["weight"] = Decimal(str(profile["execution_weight"]))


def weights_total(record: dict) -> Decimal:
    rows = record.get("indicators") or []
    weights = [to_decimal(r.get("weight")) for r in rows] + [to_decimal((record.get("execution") or {}).get("weight"))]
    return sum((w for w in weights if w is not None), Decimal(0))


def level1_weights(record: dict) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for row in record.get("indicators") or []:
        sums[row.get("level1", "")] = sums.get(row.get("level1", ""), Decimal(0)) + (to_decimal(row.get("weight")) or 0)
    return sums


# --------------------------------------------------------------- indicators
def money_context(kb, row: dict) -> bool:
    return row.get("level2") in COST_LEVEL2 or any(w in str(row.get("name", "")) for w in kb.params["money_name_words"])


def is_qualitative(kb, row: dict) -> bool:
    """A target without a number (显著提升, 年底前完成, or one that does not parse)
    is scored by achievement band, not by ratio."""
    target = parse_or_none(row.get("target"), money_context(kb, row))
    return target is None or not target.is_quantitative or target.number is None


def band(kb, row: dict, level: str | None = None) -> tuple[Decimal, Decimal] | None:
    """The score range of a qualitative row for its achievement level."""
    weight = to_decimal(row.get("weight"))
    level = level or row.get("achievement")
    bands = kb.scoring["qualitative_bands"]
    if weight is None or level not in bands:
        return None
    low, high = bands[level]
    return tidy(weight * Decimal(str(low)) / 100), tidy(weight * Decimal(str(high)) / 100)


def band_default(kb, row: dict, level: str) -> Decimal | None:
    """达成 → the top of its band (full marks); otherwise the middle of the band."""
    limits = band(kb, row, level)
    if limits is None:
        return None
    low, high = limits
    return high if level == LEVELS[0] else tidy((low + high) / 2)


def needs_deviation(row: dict) -> bool:
    weight, score = to_decimal(row.get("weight")), to_decimal(row.get("score"))
    return weight is not None and score is not None and score < weight


def achievement_of(text: str) -> str | None:
    """达成 / 部分达成 / 未达成 from an answer (`部分达成：3个乡镇未覆盖`, `2`)."""
    compact = text.replace(" ", "")
    if compact in ("1", "2", "3"):
        return LEVELS[int(compact) - 1]
    if any(word in compact for word in ("未达成", "未完成", "未达到", "没有达成", "没有完成", "没达到")):
        return LEVELS[2]
    if any(word in compact for word in ("部分达成", "部分完成", "基本达成", "基本完成", "部分达到")):
        return LEVELS[1]
    if any(word in compact for word in ("达成", "完成", "达到")):
        return LEVELS[0]
    return None


# ------------------------------------------------------------------ scoring
def rescore(record: dict, kb) -> None:
    """Recompute 执行率 score, quantitative indicator scores, total and grade.
    Qualitative scores are the preparer's pick within the band and are kept.

    The scores are rounded to 0.01 so that they add up to the exact total
    rounded to 0.01 (largest remainder): the stated total is then both the sum
    of the stated scores and what `jixiao check` computes, and no stated score
    is more than 0.01 from its exact value."""
    execution = record.setdefault("execution", {"weight": None, "score": None, "deviation": ""})
    weight = to_decimal(execution.get("weight"))
    rate = execution_rate(record.get("funds") or {})
    exact: list[tuple[dict, str, Decimal]] = []  # (where, key, exact score) of the computed ones
    score = execution_score(rate, weight) if weight is not None else None
    execution["score"] = None
    if score is not None:
        exact.append((execution, "score", score))
    bands = kb.scoring["qualitative_bands"]
    rows = [r for r in record.get("indicators") or [] if isinstance(r, dict)]
    for row in rows:
        if is_qualitative(kb, row):
            continue
        expected = None
        if str(row.get("actual") or "").strip() and row.get("weight") is not None:
            expected = indicator_expected(row, bands, money_context=money_context(kb, row))
        row["score"] = None
        if expected is not None:
            exact.append((row, "score", expected.low))
    complete = score is not None and all(r.get("score") is not None or any(r is w for w, _, _ in exact) for r in rows)
    _round_to_total(exact, balance=complete)
    scores = [to_decimal(r.get("score")) for r in rows] + [to_decimal(execution["score"])]
    stated = [s for s in scores if s is not None]
    if rows and len(stated) == len(scores):
        total = tidy(sum(stated, Decimal(0)))
        record["total_score"], record["grade"] = total, grade_for(total, kb.scoring["grades"])
    else:
        record["total_score"], record["grade"] = None, None


def _round_to_total(exact: list[tuple[dict, str, Decimal]], balance: bool) -> None:
    """Write each score rounded to 0.01; once every score is known (`balance`),
    so that the rounded scores add up to the rounded sum of the exact ones: the
    cents lost (or gained) by rounding each go to the scores nearest to
    rounding the other way. (Qualitative scores are stated in cents already.)"""
    rounded = [Decimal(value).quantize(TWO, ROUND_HALF_UP) for _, _, value in exact]
    if not balance:
        for (where, key, _), value in zip(exact, rounded, strict=True):
            where[key] = tidy(value)
        return
    target = sum((Decimal(v) for _, _, v in exact), Decimal(0)).quantize(TWO, ROUND_HALF_UP)
    cents = int(((target - sum(rounded, Decimal(0))) / TWO).to_integral_value())
    step = TWO if cents > 0 else -TWO
    # Who moves: the largest remainder in the direction needed.
    order = sorted(
        range(len(exact)), key=lambda i: (Decimal(exact[i][2]) - rounded[i]) * (1 if cents > 0 else -1), reverse=True
    )
    for i in order[: abs(cents)]:
        rounded[i] += step
    for (where, key, _), value in zip(exact, rounded, strict=True):
        where[key] = tidy(value)


def status_line(record: dict, kb) -> str:
    """The running total and grade, shown after every scoring answer."""
    if record.get("total_score") is not None:
        return f"总分 {pts(record['total_score'])}，等级 {record.get('grade')}。"
    rows = [r for r in record.get("indicators") or [] if isinstance(r, dict)]
    if not rows or any(r.get("weight") is None for r in rows):
        return ""  # no weights yet: nothing to add up
    execution = record.get("execution") or {}
    pairs = [(to_decimal(r.get("weight")) or Decimal(0), to_decimal(r.get("score"))) for r in rows]
    pairs.append((to_decimal(execution.get("weight")) or Decimal(0), to_decimal(execution.get("score"))))
    got = sum((s for _, s in pairs if s is not None), Decimal(0))
    done = sum((w for w, s in pairs if s is not None), Decimal(0))
    open_points = sum((w for w, s in pairs if s is None), Decimal(0))
    if not done:
        return ""
    best = got + open_points
    return (
        f"已评 {pts(done)} 分中得 {pts(got)} 分，还有 {pts(open_points)} 分待评；"
        f"其余都得满分时总分 {pts(best)}，等级 {grade_for(best, kb.scoring['grades'])}。"
    )


# --------------------------------------------------------------------- bars
_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL, _EMPTY = "█", "░"


def score_bars(summary: Summary, *, points_per_cell: int = 2, grade: str | None = None) -> str:
    """Weight versus score per 一级 (and 预算执行率) as Unicode block bars.

    The bar is as long as the weight (one cell per `points_per_cell` points);
    the filled part is the score, `░` the points lost. Each line's score is
    rounded to 0.01 as on the form before it is added up, so the total equals
    the total of a record the interview made."""
    rows = _level1_rows(summary)
    cells = max((_cells(w, points_per_cell) for _, w, _ in rows), default=0)
    width = max((_width(name) for name, _, _ in rows), default=4)
    lines = []
    for name, weight, score in rows:
        bar = _bar(weight, score, points_per_cell)
        lines.append(f"{_pad(name, width)} {bar}{' ' * (cells - len(bar))} {_fixed(score)} / {pts(weight)}")
    given = [s for _, _, s in rows if s is not None]
    total = sum(given, Decimal(0)) if len(given) == len(rows) else None
    weights = sum((w for _, w, _ in rows), Decimal(0))
    shown_grade = grade or summary.grade or "—"
    lines.append(
        f"{_pad('合计', width)} {' ' * cells} {_fixed(total)} / {pts(weights)}  等级 {shown_grade if total is not None else '—'}"
    )
    return "\n".join(lines)


def _level1_rows(summary: Summary) -> list[tuple[str, Decimal, Decimal | None]]:
    order: dict[str, list] = {}
    for line in summary.lines:
        weight, score = order.setdefault(line.level1 or "（未填一级指标）", [Decimal(0), Decimal(0)])
        value = line.computed if line.computed is not None else line.stated
        order[line.level1 or "（未填一级指标）"] = [
            weight + (line.weight or 0),
            None if score is None or value is None else score + tidy(value),
        ]
    rows = [(name, weight, score) for name, (weight, score) in order.items()]
    execution = tidy(summary.execution_score) if summary.execution_score is not None else None
    rows.append((EXECUTION_LABEL, summary.execution_weight, execution))
    return rows


def _fixed(score: Decimal | None) -> str:
    """A score with two decimals, right-aligned, as the form's 得分 column."""
    return f"{'—' if score is None else format(Decimal(score).quantize(TWO, ROUND_HALF_UP), 'f'):>6}"


def _cells(weight: Decimal, per_cell: int) -> int:
    return int(-(-Decimal(weight) // per_cell)) if weight else 0


def _bar(weight: Decimal, score: Decimal | None, per_cell: int) -> str:
    cells = _cells(weight, per_cell)
    if score is None:
        return _EMPTY * cells
    score = max(min(Decimal(score), Decimal(weight)), Decimal(0))
    eighths = int((Decimal(score) * 8 / per_cell).to_integral_value(ROUND_HALF_UP))
    full, part = divmod(eighths, 8)
    bar = _FULL * full + (_EIGHTHS[part] if part else "")
    return bar + _EMPTY * max(cells - len(bar), 0)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def skeleton_head(form: str, source: dict[str, Any], kb) -> dict[str, Any]:
    """The first keys of a self-evaluation started from `source` (a stored
    declaration, possibly with its store id in `_id`, or {})."""
    framework = source.get("framework")
    record: dict[str, Any] = {"form": form, "year": source.get("year")}
    if framework:
        record["framework"] = framework
    if source.get("_id"):
        record["declaration_id"] = str(source["_id"])
    return record


def carried_indicators(rows: Any) -> list[dict[str, Any]]:
    """A declaration's indicator rows as self-evaluation rows: value → target,
    actual, weight and score still to be given."""
    return [
        {
            "level1": r.get("level1", ""),
            "level2": r.get("level2", ""),
            "name": r.get("name", ""),
            "target": r.get("value", ""),
            "actual": "",
            "weight": None,
            "score": None,
            "deviation": "",
        }
        for r in rows or []
        if isinstance(r, dict)
    ]
