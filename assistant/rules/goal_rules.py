"""Rules about the goals (goal.*): present, saying what the money buys, not
copied from the annual goals or into the 实际完成情况."""

from __future__ import annotations

import re

from assistant.forms import ANNUAL, MID_TERM, MULTI_YEAR, SELF_EVALUATIONS, kind_of
from assistant.lazy_regex import lazy_regex, number_end, run_end, without
from assistant.rules.context import Context
from assistant.rules.context import goal_texts as goal_texts_of
from assistant.rules.findings import ERROR, WARNING
from assistant.rules.registry import rule
from assistant.values.period import mid_term_years


def goal_texts(ctx: Context) -> list[tuple[str, str]]:
    return goal_texts_of(ctx.record)


@rule("goal.missing", ERROR, "没有年度目标")
def goal_missing(ctx: Context):
    kind = kind_of(ctx.form)
    spec = kind.goal_set(ANNUAL) if kind else None
    path = spec.path if spec else "goals"
    annual = [text for at, text in goal_texts(ctx) if at.startswith(f"{path}[") and text.strip()]
    if not annual:
        yield (
            path,
            (
                "没有填写年度绩效目标。请用一两句话写清楚今年这笔钱要做成什么事、做到什么程度，"
                "例如：为136个村卫生室租用社保专线网络，保障门诊费用及时结算。"
            ),
        )


# A goal's numbering: 目标1：, 1、, 2. (after a space or a clause mark), 一、 at the start.
# Read in plain code: its classes of full-width marks cost ~0.3 ms per pattern to compile.
_NUMBER_MARKS = ".、．:："
_CLAUSE_ENDS = "；;。，,"
_ORDINALS = "一二三四五六七八九十"


def _goal_number_end(text: str, start: int) -> int | None:
    """Where `目标 1：` starting at `start` ends (the colon is optional), or None."""
    if not text.startswith("目标", start):
        return None
    digits = run_end(text, start + 2, str.isspace)
    end = run_end(text, digits, str.isdecimal)
    if end == digits:
        return None
    end = run_end(text, end, str.isspace)
    return end + 1 if text.startswith((":", "："), end) else end


def _marked_number_end(text: str, start: int) -> int | None:
    """Where `12、` / `3 .` starting at `start` ends (digits, spaces, a mark), or None."""
    end = run_end(text, run_end(text, start, str.isdecimal), str.isspace)
    if end == start or not text[start].isdecimal() or not text.startswith(tuple(_NUMBER_MARKS), end):
        return None
    return end + 1


def _strip_numbering(goal: str) -> str:
    """`goal` without its leading numbering and the spaces around it (目标1：, 1、, 一、)."""
    start = run_end(goal, 0, str.isspace)
    end = _goal_number_end(goal, start) or _marked_number_end(goal, start)
    if end is None:
        ordinals = run_end(goal, start, lambda c: c in _ORDINALS)
        end = ordinals + 1 if ordinals > start and goal.startswith("、", ordinals) else None
    return goal if end is None else goal[run_end(goal, end, str.isspace) :]


# Where a numbering can start: 目标, or a run of digits (a pattern without classes of
# full-width marks, quick to compile), so the scan visits those places only.
_NUMBER_START = lazy_regex(r"目标|\d+")


def _space_numbering(text: str) -> str:
    """Each numbering inside a text (目标1：, or 1、 at the start, after a space or a
    clause mark) replaced by a space."""
    pieces, start = [], 0
    for candidate in _NUMBER_START.finditer(text):
        position = candidate.start()
        if position < start:  # inside the numbering just replaced
            continue
        end = _goal_number_end(text, position)
        if end is None and (position == 0 or text[position - 1].isspace() or text[position - 1] in _CLAUSE_ENDS):
            end = _marked_number_end(text, position)
        if end is not None:
            pieces += [text[start:position], " "]
            start = end
    return "".join(pieces) + text[start:]


# What a goal is compared without: spaces and punctuation (removed in plain code, `without`).
_PUNCT = "，。、；;,.:：“”\"'（）()《》!！?？-—"


def _unpunct(text: str) -> str:
    return without(text, _PUNCT)


_MONEY_UNITS = ("万元", "万", "元", "亿元")


def _money_end(text: str, start: int) -> int | None:
    """Where an amount (digits, a decimal part, spaces, one of _MONEY_UNITS) starting
    at `start` ends, or None. No unit starts with a digit, a space or a point: the
    longest number is the one to try."""
    end = number_end(text, start)
    if end is None:
        return None
    unit = next((u for u in _MONEY_UNITS if text.startswith(u, end)), None)
    return None if unit is None else end + len(unit)


def _without_money(text: str) -> str:
    """`text` less every amount of money in it (48万元, 2400 元)."""
    pieces, start, position = [], 0, 0
    while position < len(text):
        run_start = position == 0 or not text[position - 1].isdecimal()  # inside a run: as from its start
        end = _money_end(text, position) if run_start else None
        if end is None:
            position += 1
            continue
        pieces.append(text[start:position])
        start = position = end
    return "".join(pieces) + text[start:]


_YEAR_OR_DATE = lazy_regex(r"(?:19|20)\d\d\s*年(?:度)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
# A Chinese numeral directly before a counter (三个, 十二场): a count written in words.
_COUNT_NUMERALS = frozenset("一二两三四五六七八九十百千")
_COUNTERS = frozenset("个项次场名人所条家户村期批套台处篇份")
_FILLER = (
    "用于",
    "安排",
    "经费",
    "资金",
    "预算",
    "保障",
    "项目",
    "工作",
    "年度",
    "本年",
    "全年",
    "支付",
    "支出",
    "开展",
    "相关",
    "费用",
    "的",
    "年",
    "和",
    "及",
    "等",
)


def _strip_name(text: str, name: str) -> str:
    """`text` without every run of two or more characters it shares with `name`:
    what a goal says beyond restating the project's or department's name."""
    if not name:
        return text
    keep = [True] * len(text)
    for i in range(len(text) - 1):
        if text[i : i + 2] in name:
            keep[i] = keep[i + 1] = False
    return "".join(ch for ch, k in zip(text, keep) if k)


def _project_names(ctx: Context) -> list[str]:
    project = ctx.record.get("project") or {}
    names = [project.get("name"), project.get("department"), project.get("unit")] if isinstance(project, dict) else []
    names.append(ctx.record.get("department"))
    return [n.strip() for n in names if isinstance(n, str) and n.strip()]


def _substance(goal: str, ctx: Context, phrases: list[str]) -> str:
    """What a goal says once numbering, money, the project name, slogans and filler go."""
    text = _strip_numbering(goal)
    names = _project_names(ctx)
    if names:
        text = text.replace(names[0], "")
    text = _without_money(text)
    for phrase in sorted(phrases, key=len, reverse=True):
        text = text.replace(phrase, "")
    text = _unpunct(text)
    for word in _FILLER:
        text = text.replace(word, "")
    return re.sub(r"\d+", "", text)


def has_quantity(text: str) -> bool:
    """A number that counts something (not a year, a date or a goal's numbering)."""
    text = _YEAR_OR_DATE.sub("", _space_numbering(text))
    return bool(re.search(r"\d", text)) or any(
        a in _COUNT_NUMERALS and b in _COUNTERS for a, b in zip(text, text[1:], strict=False)
    )


def _content(goal: str, ctx: Context) -> str:
    """What is left of a goal without numbering, the names of the project and its
    department, money, slogan words and filler: its object, if it has one."""
    text = _unpunct(_without_money(_space_numbering(goal)))
    for name in _project_names(ctx):
        text = _strip_name(text, _unpunct(name))
    for word in sorted(ctx.params["slogan_words"], key=len, reverse=True):
        text = text.replace(word, "")
    for word in _FILLER:
        text = text.replace(word, "")
    return re.sub(r"\d+", "", text)


@rule("goal.vague", WARNING, "目标只是重复金额、项目名称或口号，或太短")
def goal_vague(ctx: Context):
    phrases = ctx.params["vague_goal_phrases"]
    min_chars = ctx.params["goal_min_chars"]
    min_content = ctx.params["goal_min_content"]
    for path, goal in goal_texts(ctx):
        text = _strip_numbering(goal).strip()
        if not text:
            continue
        if len(_unpunct(text)) < min_chars:
            reason = f"只有 {len(_unpunct(text))} 个字，说不清这笔钱要做成什么"
        elif len(_substance(text, ctx, phrases)) < 6:
            reason = "只是重复了资金用途或套话，没有说要完成的具体事项和程度"
        elif not has_quantity(text) and len(_content(text, ctx)) < min_content:
            reason = "除了项目名称和“做好、保障、提升”之类的口号，没有说对谁、做什么、做多少"
        else:
            continue
        yield (
            path,
            (
                f"目标“{text[:40]}”{reason}。请写明做什么、做多少、达到什么效果，"
                "例如：为136个村卫生室租用社保专线网络，保障门诊统筹费用及时结算。"
            ),
        )


def _same_text(a: str, b: str) -> bool:
    """The same words, whatever the numbering (目标1: vs 1:) and punctuation."""

    def bare(text: str) -> str:
        return _unpunct(_space_numbering(_strip_numbering(text)))

    return bare(a) == bare(b)


@rule("goal.mid_term_copy", WARNING, "中期目标照抄年度目标", MULTI_YEAR)
def goal_mid_term_copy(ctx: Context):
    kind = kind_of(ctx.form)
    mid_set = kind.goal_set(MID_TERM) if kind else None
    if mid_set is None:
        return
    mid = [text for _, text in goal_texts_of(ctx.record, MID_TERM) if text.strip()]
    annual = [text for _, text in goal_texts_of(ctx.record, ANNUAL) if text.strip()]
    project = ctx.record.get("project") or {}
    if not mid or not annual or mid_term_years(project.get("period") if isinstance(project, dict) else None) <= 1:
        return  # a one-year project's 中期 is its year
    if len(mid) == len(annual) and all(_same_text(m, a) for m, a in zip(mid, annual)):
        yield (
            mid_set.path,
            (
                f"中期目标与年度目标一字不差（项目期“{project.get('period')}”）。中期目标说整个实施期要完成什么"
                "（一般三年的总量和最终效果），年度目标说今年完成其中多少，请分别填写。"
            ),
        )


@rule("selfeval.actual_copies_goal", WARNING, "实际完成情况照抄预期目标", SELF_EVALUATIONS)
def actual_copies_goal(ctx: Context):
    goals = ctx.record.get("goals")
    if not isinstance(goals, list):
        return
    for index, goal in enumerate(goals):
        if not isinstance(goal, dict):
            continue
        expected, actual = goal.get("expected"), goal.get("actual")
        if isinstance(expected, str) and isinstance(actual, str) and actual.strip() and _same_text(expected, actual):
            yield (
                f"goals[{index}].actual",
                (
                    "实际完成情况与预期目标一字不差，看不出实际做成了什么。请写年底实际完成的数量和效果，"
                    "例如：全年开展市外实地调查12次，查实违规费用186万元并全部追回。"
                ),
            )
