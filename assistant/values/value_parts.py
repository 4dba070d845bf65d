"""The parts of a 指标值 read around its number: several targets in one cell,
the label before the sign (人均≥2000元), a number in words (百分之九十, 三分之一),
and a range with the unit at both ends (90%-100%). Each pattern is compiled only
for a text holding what it needs (the gate in the function beside it): most
values are a sign, a number and a unit."""

from __future__ import annotations

import re

from assistant.lazy_regex import lazy_regex, run_end

_MULTI_SIGNS = "、,;和及"  # a run of them is one separator
_MULTI_WORDS = ("并且", "且")
# A value's label (人均≥2000元) is 1–20 characters, none a digit, - or one of
# _LABEL_SIGNS, before one of those signs, one of _LABEL_WORDS or a number; a code
# label (PM2.5年均浓度≤35, 5G基站≥10个) is 2–21 characters on one line before an
# operator sign, its last neither a digit nor one of _CODE_LABEL_END. Read in plain
# code (`_label`): the two patterns cost ~0.6 ms to compile.
_OPERATOR_SIGNS = "≥≤=<>"
_LABEL_SIGNS = "≥≤=<>±"
_LABEL_WORDS = ("不少于", "不低于", "不超过", "不高于", "大于", "小于")
_CODE_LABEL_END = ".-≥≤=<>"
_PERCENT_WORDS = lazy_regex("^百分之([零〇一二两三四五六七八九十百点]+)")
_FRACTION_WORDS = lazy_regex("^([一二两三四五六七八九十]+)分之([零〇一二两三四五六七八九十点]+)")
RANGE_SIGNS = ("-", "~", "至", "到")  # one character each


def _separator_end(text: str, at: int) -> int:
    end = run_end(text, at, _MULTI_SIGNS.__contains__)
    if end == at:
        word = next((w for w in _MULTI_WORDS if text.startswith(w, at)), "")
        end += len(word)
    return end


def multi_pieces(text: str) -> list[str]:
    """The non-empty pieces of `text` between separators (、 , ; 和 及 并且 且)."""
    pieces, start, at = [], 0, 0
    while at < len(text):
        end = _separator_end(text, at)
        if end == at:
            at += 1
            continue
        pieces.append(text[start:at])
        start = at = end
    pieces.append(text[start:])
    return [p for p in pieces if p]


def _code_label(piece: str) -> str | None:
    for end in range(2, min(21, len(piece) - 1) + 1):  # the label is piece[:end]
        if piece[end - 2] == "\n":
            return None  # a label is one line (but for its last character)
        last = piece[end - 1]
        if piece[end] in _OPERATOR_SIGNS and not last.isdecimal() and last not in _CODE_LABEL_END:
            return piece[:end]
    return None


def _word_label(piece: str) -> str | None:
    for end in range(1, min(20, len(piece)) + 1):
        if piece[end - 1].isdecimal() or piece[end - 1] in _LABEL_SIGNS or piece[end - 1] == "-":
            return None
        rest = piece[end:]
        number = rest[1:] if rest.startswith("-") else rest
        if rest.startswith((*_LABEL_SIGNS, *_LABEL_WORDS)) or number[:1].isdecimal():
            return piece[:end]
    return None


def value_label(piece: str) -> str | None:
    """The words before a value's sign or number: the shortest code label, else
    the shortest label."""
    return _code_label(piece) or _word_label(piece)


def percent_words(text: str) -> re.Match | None:
    return _PERCENT_WORDS.match(text) if text.startswith("百分之") else None


def fraction_words(text: str) -> re.Match | None:
    return _FRACTION_WORDS.match(text) if "分之" in text else None


def unit_range(text: str) -> tuple[str, int] | None:
    """`90%-100%`, `6月~9月`: the unit before the range sign (a run of characters
    neither digits nor range signs, then a sign and a digit) and where the sign ends."""
    end = run_end(text, 0, lambda c: not c.isdecimal() and c not in RANGE_SIGNS)
    if end == 0 or not text[end : end + 1] or text[end] not in RANGE_SIGNS or not text[end + 1 : end + 2].isdecimal():
        return None
    return text[:end], end + 1
