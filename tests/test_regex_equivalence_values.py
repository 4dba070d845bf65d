"""Patterns of the value grammar replaced by plain code or gated: the old
patterns are kept here as the reference, and the new code gives what they gave
on every string of the fixtures and on generated texts over their alphabet."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from regex_reference import fixture_strings, outcome, texts_of

from assistant.values import normalise as nm
from assistant.values import period, qualitative
from assistant.values import value_parts as vp
from assistant.values.numerals import CHINESE_NUMERAL_CHARS, chinese_numeral_run

OLD_GRADE_LIST = re.compile(
    rf"^(?:(?:{'|'.join(sorted(qualitative.GRADES, key=len, reverse=True))})[/、,，或]?){{2,}}$"
)
OLD_LATIN_GRADE = re.compile(r"^[A-E][+-]?$|^A{1,5}级?$|^[A-E]级$|^[A-E]类$|^[A-E]等$")
OLD_LEVEL = re.compile(r"^(?:[一二三四五六七八九十]|[IVX]{1,4}|\d?A{1,5}|[1-5])[级类等档星](?:及以上|以上|水质|标准)?$")
OLD_CHINESE = re.compile(f"[{CHINESE_NUMERAL_CHARS}]+")
OLD_MULTI_SPLIT = re.compile(r"[、,;和及]+|并且|且")
OLD_LABEL = re.compile(r"^([^\d≥≤=<>±\-]{1,20}?)(?=[≥≤=<>±]|不少于|不低于|不超过|不高于|大于|小于|-?\d)")
OLD_CODE_LABEL = re.compile(r"^(.{1,20}?[^\d.\-≥≤=<>])(?=[≥≤=<>])")
OLD_PERCENT_WORDS = re.compile("^百分之([零〇一二两三四五六七八九十百点]+)")
OLD_FRACTION_WORDS = re.compile("^([一二两三四五六七八九十]+)分之([零〇一二两三四五六七八九十点]+)")
OLD_RANGE = re.compile(r"^(?:-|~|至|到)")
OLD_UNIT_RANGE = re.compile(r"^([^\d\-~至到]+)(?:-|~|至|到)(?=\d)")
OLD_DASHES = re.compile(r"[‐‑‒–—―−－﹣]+|-{2,}")
OLD_YEARS = re.compile(r"^(\d+|[一二两三四五六七八九十]+)年(?:期)?$")
OLD_SPAN = re.compile(r"^(\d{4})年?[-—–~至到](\d{4})年?$")


def found(match: re.Match | None):
    return None if match is None else (match.span(), match.groups())


def old_period_years(text: str | None) -> int | None:
    """period_years with its two patterns ungated."""
    if not text:
        return None
    compact = re.sub(r"\s+", "", text)
    if compact in ("长期", "持续", "常年", "长期项目", "经常性"):
        return period.LONG_TERM
    match = OLD_YEARS.match(compact)
    if match:
        number = match.group(1)
        return int(number) if number.isdigit() else int(period.parse_chinese(number))
    match = OLD_SPAN.match(compact)
    return int(match.group(2)) - int(match.group(1)) + 1 if match else None


def assert_same(text: str) -> None:
    assert qualitative._is_grade_list(text) == bool(OLD_GRADE_LIST.match(text))
    assert qualitative._is_latin_grade(text) == bool(OLD_LATIN_GRADE.match(text))
    assert qualitative._is_level(text) == bool(OLD_LEVEL.match(text))
    old_chinese = OLD_CHINESE.match(text)
    assert chinese_numeral_run(text) == (old_chinese.group() if old_chinese else "")
    assert vp.multi_pieces(text) == [p for p in OLD_MULTI_SPLIT.split(text) if p]
    old_label = OLD_CODE_LABEL.match(text) or OLD_LABEL.match(text)
    assert vp.value_label(text) == (old_label.group(1) if old_label else None)
    assert not old_label or old_label.end() == len(old_label.group(1))  # what follows the label is piece[len(label):]
    assert found(vp.percent_words(text)) == found(OLD_PERCENT_WORDS.match(text))
    assert found(vp.fraction_words(text)) == found(OLD_FRACTION_WORDS.match(text))
    old_range = OLD_UNIT_RANGE.match(text)
    assert vp.unit_range(text) == ((old_range.group(1), old_range.end()) if old_range else None)
    old_range = OLD_RANGE.match(text)
    assert text.startswith(vp.RANGE_SIGNS) == bool(old_range) and (not old_range or old_range.end() == 1)
    assert nm._one_dash(text) == OLD_DASHES.sub(lambda m: "-" if len(m.group()) < 4 else m.group(), text)
    assert outcome(period.period_years, text) == outcome(old_period_years, text)


def test_the_value_patterns_on_the_fixture_strings():
    texts = [form for text in fixture_strings() for form in (text, nm.normalise(text))]
    assert sum(bool(OLD_LABEL.match(t) or OLD_CODE_LABEL.match(t)) for t in texts) > 10
    assert sum(bool(OLD_UNIT_RANGE.match(t)) for t in texts) > 0
    assert sum(len(OLD_MULTI_SPLIT.split(t)) > 1 for t in texts) > 10
    assert sum(old_period_years(t) is not None for t in texts) > 3
    for text in texts:
        assert_same(text)


_PIECES = [
    *qualitative.GRADES,
    *"/、,，或;和及且",
    "并且",
    *"ABCDEIVX+-",
    *"级类等档星",
    "以上",
    "水质",
    *"一二两三十百千万亿点零〇壹拾",
    "百分之",
    "分之",
    "1",
    "2022",
    "٣",
    *"≥≤=<>±~至到",
    *"‐–—－﹣",
    "年",
    "期",
    "人",
    "PM2.5",
]


@given(texts_of(_PIECES, max_size=8))
@settings(max_examples=300, deadline=None)
def test_the_value_patterns_on_generated_texts(text):
    assert_same(text)


_LEVELS = st.tuples(
    st.sampled_from(["一", "三", "十", "两", "III", "IIIII", "4A", "AAAAA", "AAAAAA", "5", "6", "", "A"]),
    st.sampled_from([*"级类等档星", "x", ""]),
    st.sampled_from(["", "及以上", "以上", "水质", "标准", "a", "\n", "\n\n"]),
).map("".join)
_GRADE_LISTS = st.lists(
    st.tuples(st.sampled_from([*qualitative.GRADES, "a", "\n"]), st.sampled_from([*"/、,，或", "", "", "; "])).map(
        "".join
    ),
    max_size=4,
).map("".join)
_LATIN_GRADES = st.tuples(
    st.sampled_from(["A", "B", "E", "F", "AA", "AAAAA", "AAAAAA", "a", ""]),
    st.sampled_from(["", "+", "-", "级", "类", "等", "\n", "x"]),
).map("".join)
_RANGES = st.tuples(
    st.sampled_from(["", "≥", "约", "人均", "PM2.5", "5G基站", "a\nb", "a\n1", "-", "±"]),
    st.sampled_from(["", "不少于", "不低于", "不超过", "不高于", "大于", "小于", "达到"]),
    st.sampled_from(["90", "三", "百分之九十", "三分之一", ""]),
    st.sampled_from(["%", "月", "", "分之", "人"]),
    st.sampled_from([*"-~至到", "", "、", "和", "并且"]),
    st.sampled_from(["100", "9", "", "a"]),
    st.sampled_from(["%", "月", "", "人"]),
).map("".join)


@pytest.mark.parametrize(
    "text, label",
    [
        ("人均小于5人", "人均"),
        ("PM2.5年均浓度≤35", "PM2.5年均浓度"),
        ("一二三四五六七八九十一二三四五六七八九十a≥5", "一二三四五六七八九十一二三四五六七八九十a"),
        ("一二三四五六七八九十一二三四五六七八九十ab≥5", None),
        ("a\n1c≥5", "a\n"),
        ("ab\nc≥5", "ab\nc"),
        ("覆盖率-5%", "覆盖率"),
        ("≥95%", None),
    ],
)
def test_labels_of_real_and_edge_values(text, label):
    old_label = OLD_CODE_LABEL.match(text) or OLD_LABEL.match(text)
    assert vp.value_label(text) == label == (old_label.group(1) if old_label else None)


@given(st.one_of(_LEVELS, _GRADE_LISTS, _LATIN_GRADES, _RANGES))
@settings(max_examples=300, deadline=None)
def test_the_value_patterns_on_generated_values(text):
    assert_same(text)


@pytest.mark.parametrize(
    "text, level",
    [
        ("4AAAAA级及以上\n", True),
        ("4AAAAA级", True),
        ("III类水质", True),
        ("一级", True),
        ("三星", True),
        ("等", False),
        ("国家等", False),
        ("4AAAAAA级", False),
        ("4AAAAA级及以上\n\n", False),
    ],
)
def test_levels_of_real_and_edge_values(text, level):
    assert qualitative._is_level(text) == level == bool(OLD_LEVEL.match(text))


OLD_PER = re.compile(r"/每|/|每")
OLD_JOIN = re.compile(r"[·、/.・*•]|每")


@given(
    st.lists(st.sampled_from([*"/每·、.・*•()（）", "元", "人", "年", "天", "㎡", "a", "\n", "万元"]), max_size=8).map(
        "".join
    )
)
@settings(max_examples=300, deadline=None)
def test_the_per_and_join_signs_of_a_unit(text):
    from assistant.values import units

    old = OLD_PER.search(text)
    assert units._per_sign(text) == (old.span() if old else None)
    assert units._denominators(text) == tuple(d for d in OLD_JOIN.split(text) if d)


def test_the_per_and_join_signs_on_the_fixture_strings():
    from assistant.values import units

    for text in fixture_strings():
        old = OLD_PER.search(text)
        assert units._per_sign(text) == (old.span() if old else None)
        assert units._denominators(text) == tuple(d for d in OLD_JOIN.split(text) if d)


@pytest.mark.parametrize("text, span", [("元/每人", (1, 3)), ("元每人", (1, 2)), ("元/人", (1, 2)), ("万元", None)])
def test_the_per_sign_of_real_units(text, span):
    from assistant.values import units

    old = OLD_PER.search(text)
    assert units._per_sign(text) == span == (old.span() if old else None)


@pytest.mark.parametrize(
    "text",
    ["1年", "三年期", "两年期", "十年", "2022—2024年", "2022-2024", "长期", "1年\n", "年", "1年期年", "٣年", "一年半"],
)
def test_the_years_of_real_periods(text):
    assert period.period_years(text) == old_period_years(text)
