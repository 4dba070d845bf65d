"""Layout numbering (指标1:, 1、, 1., 一、, 目标1:, (一)) and export artefacts.

Numbering is layout, not content: it is taken off names and goals, but its
number is kept, because a running number tells which rows belong together
when an export prints a 二级 label one row off (see `table.resolve_labels`).
"""

from __future__ import annotations

import re

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"

_PREFIX = re.compile(
    r"^\s*(?:"
    r"(?:指标|目标)\s*[:：]?\s*(?P<tag>\d{1,3})?\s*[:：.．、]?"  # 指标1: / 目标2： / 指标:6:
    r"|(?P<arabic>\d{1,2})\s*(?:[.．、，,:：](?!\d)|\s*[)）])"  # 1、 1. 2)
    r"|[（(]\s*(?P<paren>\d{1,2}|[" + _CN + r"]{1,3})\s*[)）]"  # (1) （一）
    r"|(?P<cn>[" + _CN + r"]{1,3})\s*[、.．，,]"  # 一、 十二、
    r")\s*"
)
_CN_BARE = re.compile(r"^(?P<cn>[" + _CN + r"]{1,3})(?=[^\s、.．" + _CN + r"])")


def chinese_number(text: str) -> int | None:
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    value = (_CN_DIGITS.get(tens, 0) if tens else 1) * 10
    return value + (_CN_DIGITS.get(units, 0) if units else 0)


def split_number(text: str, expected: int | None = None) -> tuple[int | None, str]:
    """(number, text without it). `十一办公地点…` loses its bare numeral only
    when 11 is the number the list expects next."""
    match = _PREFIX.match(text)
    if (
        match
        and match.end() > 0
        and (
            match.group("tag")
            or match.group("arabic")
            or match.group("paren")
            or match.group("cn")
            or text.lstrip().startswith(("指标", "目标"))
        )
    ):
        raw = match.group("tag") or match.group("arabic") or match.group("paren") or match.group("cn")
        if (
            text.lstrip().startswith(("指标", "目标"))
            and not match.group("tag")
            and not re.match(r"^\s*(指标|目标)\s*[:：]", text)
        ):
            return None, text  # 指标名称…, 目标值… are words, not numbering
        number = (int(raw) if raw and raw.isdigit() else chinese_number(raw)) if raw else None
        return number, text[match.end() :].strip()
    bare = _CN_BARE.match(text)
    if bare and expected is not None and chinese_number(bare.group("cn")) == expected:
        return expected, text[bare.end() :].strip()
    return None, text


def strip_number(text: str) -> str:
    return split_number(text)[1]


_GOAL_MARK = re.compile(
    r"(?:^|(?<=[\s、;；。，,]))(?:目标\s*\d{1,2}\s*[:：.．、]?|\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）])\s*"
)


def split_goals(text: str) -> list[str]:
    """One cell of goals → the goals: paragraphs and lines, and a numbered run
    (`1. …、2. …`) when the numbering starts at 1."""
    goals: list[str] = []
    for part in re.split(r"\n+", text or ""):
        part = part.strip()
        if not part:
            continue
        marks = list(_GOAL_MARK.finditer(part))
        if marks and marks[0].start() == 0 and re.search(r"1", marks[0].group()):
            bounds = [m.start() for m in marks] + [len(part)]
            pieces = [part[bounds[i] : bounds[i + 1]] for i in range(len(marks))]
            goals += [_goal(piece[m.end() - m.start() :]) for piece, m in zip(pieces, marks)]
        else:
            goals.append(_goal(strip_number(part)))
    return [goal for goal in goals if goal]


def _goal(text: str) -> str:
    return text.strip().rstrip(";；、").strip()


_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"


def repair(text: str) -> str:
    """Export artefacts in a short cell: a word split by a line break
    (`达成预期 指标`), a cell printed twice (`全面展开 全面展开`, `及时处置及时处置`)."""
    value = (text or "").strip()
    if not value or len(value) > 40:
        return value
    joined = re.sub(rf"(?<={_CJK})\s+(?={_CJK})", "", value)
    half = len(joined) // 2
    if len(joined) >= 4 and len(joined) % 2 == 0 and joined[:half] == joined[half:]:
        return joined[:half]
    spaced = value.split()
    if len(spaced) == 2 and spaced[0] == spaced[1]:
        return spaced[0]
    return joined
