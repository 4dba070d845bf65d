"""The date reader's patterns that were shortened or gated read every text as
the patterns they replace did: the old patterns are kept here as the reference
and compared on the strings of the fixtures and on generated texts."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from regex_reference import OldDates, fixture_strings, outcome, texts_of

from assistant.values import dates as d
from assistant.values.grammar import full_match, match_end
from assistant.values.normalise import normalise

o = OldDates
OLD_PERIOD = re.compile(rf"^(?P<start>{o.DATE}{o.PHASE}?)(?:-|~|至|到)(?P<end>{o.DATE}{o.PHASE}?){o.ACTION}?$")
OLD_MONTHS = re.compile(rf"^{o.YEAR}年(?:度)?{o.MONTH}月?(?:-|~|至|到){o.MONTH}月(?:份)?{o.ACTION}?$")
OLD_HEAD = re.compile(o.HEAD)
OLD_NUMERIC_DATE = re.compile(o.NUMERIC_DATE)
OLD_ACTION_OK = re.compile(
    r"(完成|到位|结束|完毕|完工|竣工|验收|实施|开工|启动|支付|拨付|发放|兑付|上线|投入使用|"
    r"办结|提交|报送|交付|达成|落实|执行|覆盖|开展|前|内)"
)
OLD_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
OLD_CN_SMALL = re.compile(r"([一二三四五六七八九十]{1,3})(月|日|号)")


def old_period_is_dated(text: str) -> bool:
    """What read_time asked of the old period pattern: a match whose start names a
    year, a numeric date or a day."""
    period = OLD_PERIOD.match(text)
    return bool(period and (re.search(r"年|[./-]\d", period.group("start")) or "日" in period.group("start")))


def new_period_is_dated(text: str) -> bool:
    start = d._period_start(text)
    return bool(start and (re.search(r"年|[./-]\d", start) or "日" in start))


def old_arabic_dates(text: str) -> str:
    """_arabic_dates with its two substitutions ungated."""
    text = OLD_CN_YEAR.sub(lambda m: "".join(d._CN_DIGITS[c] for c in m.group(1)) + "年", text)
    return OLD_CN_SMALL.sub(lambda m: d._arabic_dates(m.group(0)), text)


def assert_same(text: str) -> None:
    assert new_period_is_dated(text) == old_period_is_dated(text), text
    old_period = OLD_PERIOD.match(text)
    assert d._period_start(text) == (old_period.group("start") if old_period else None), text
    assert d._is_months(text) == bool(OLD_MONTHS.match(text)), text
    assert any(word in text for word in d._ACTION_WORDS) == bool(OLD_ACTION_OK.search(text)), text
    assert outcome(d._arabic_dates, text) == outcome(old_arabic_dates, text), text
    old_head = OLD_HEAD.match(text)
    assert match_end(d._HEAD, text) == (old_head.end() if old_head else None), text
    for cut in range(len(text) + 1):
        assert full_match(d._HEAD, text[:cut]) == bool(OLD_HEAD.fullmatch(text[:cut])), text[:cut]
    assert d._may_be_time(text) == (not d._TIME_CHARACTERS.isdisjoint(text) or bool(OLD_NUMERIC_DATE.search(text)))


_PIECES = [
    "2021",
    "2020",
    "20",
    "19",
    "年",
    "度",
    "月",
    "份",
    "日",
    "号",
    "12",
    "1",
    "3",
    "31",
    "0",
    "-",
    "~",
    "至",
    "到",
    ".",
    "/",
    "底",
    "末",
    "初",
    "中",
    "上旬",
    "下旬",
    "完成",
    "验收",
    "投入使用",
    "前",
    "内",
    "十二",
    "十",
    "二〇二一",
    "三",
    "零",
    "鿿",
    "\u4dff",
    "٣",
    *("每年", "每年度", "每季度", "每半年", "每周", "当年", "次年", "本年", "本年度", "今年", "翌年", "年度内"),
    *("年底", "年中", "年内", "全年", "全年度", "上半年", "年前", "第", "季度", "季末", "月底", "当月", "本月"),
    *("一", "四", "两", "个", "工作日", "个工作日", "周", "天", "半年", "半个月", "之前", "以前", "之内", "以内"),
    "≥",
    "100%",
]


def test_the_date_patterns_on_the_fixture_strings():
    texts = [form for t in fixture_strings() if len(t) <= 60 for form in (t, normalise(t))]
    periods = [t for t in texts if old_period_is_dated(d._arabic_dates(t))]
    assert len(periods) >= 3 and any(old_arabic_dates(t) != t for t in texts + ["二〇二一年十二月底前"])
    for text in texts:
        assert_same(text)
        assert_same(d._arabic_dates(text))


def test_the_period_of_real_forms_and_its_negatives():
    assert d._period_start("2020年1月--2020年11月") is None  # -- is one dash once normalised
    assert d._period_start("2021年1月-12月完成") == "2021年1月"
    assert d._period_start("2021年1月-12月\n") == "2021年1月"
    assert d._period_start("2021年1月 12月") is None and d._period_start("1月-12月a") is None
    assert d._arabic_dates("二〇二一年十二月底前") == "2021年12月底前" and d._arabic_dates("十二人") == "十二人"


_YEARS = st.sampled_from(["2021", "2020", "1999", "二〇二一", "2021年度"])
_MONTHS = st.sampled_from(["1", "12", "09", "十二", "十", "三"])
_DAYS = st.sampled_from(["1", "31", "20", "十五", "二十"])
_DATE_PARTS = st.one_of(
    st.tuples(
        _YEARS, st.just("年"), _MONTHS, st.sampled_from(["月", "月份", ""]), _DAYS, st.sampled_from(["日", "号", ""])
    ),
    st.tuples(_MONTHS, st.sampled_from(["月", "月份"]), _DAYS, st.sampled_from(["日", "号", ""])),
    st.tuples(_YEARS, st.sampled_from([".", "/", "-"]), _MONTHS, st.sampled_from(["", "-1", ".31"])),
    st.tuples(_YEARS, st.just("年")),
)
_DATES = _DATE_PARTS.map("".join)
# Two dates (or a date and a month) joined by a sign, with the words around them.
_SPANS = st.tuples(
    _DATES,
    st.sampled_from(["", "底", "末", "初", "上旬"]),
    st.sampled_from(["-", "~", "至", "到", " ", ""]),
    st.one_of(_DATES, _MONTHS.map(lambda m: m + "月")),
    texts_of(_PIECES, max_size=3),
).map("".join)


def _maybe(*choices: str) -> st.SearchStrategy[str]:
    return st.sampled_from(["", *choices])


_NUMBERS = st.sampled_from(["1", "12", "3", "31", "20", "05", "٣", "1٣", "十", "三", "两", "四"])
_POINTS = st.sampled_from(
    [
        *("年底", "年末", "年初", "年中", "年内", "年度内", "年度", "当年", "本年度", "本年", "全年度", "全年"),
        *("上半年", "下半年", "年前", "季度末", "季末", "月底", "月末", "当月", "当季", "次年", "本月"),
        *("第一季度", "第四季度末", "4季度底", "第5季度", "三季度"),
    ]
)
# Deadlines as the grammar builds them, and near misses: 每年12月底前100%完成, 年度内年底, 3个工作日内
_DEADLINES = st.tuples(
    _maybe(
        "每年", "每年度", "每季度", "每半年", "每月", "每周", "当年", "次年", "本年度", "今年", "明年", "翌年", "年度内"
    ),
    st.one_of(
        _DATES,
        _POINTS,
        st.tuples(
            _NUMBERS, _maybe("个"), st.sampled_from(["年", "月", "季度", "周", "个工作日", "工作日", "天", "日"])
        ).map("".join),
        st.tuples(_YEARS, st.just("年"), _MONTHS, st.just("月"), _NUMBERS, st.sampled_from(["日", "号"])).map("".join),
        _maybe("半年", "半个月"),
    ),
    _maybe("底", "末", "初", "中", "上旬", "中旬", "下旬"),
    st.one_of(_POINTS, st.just("")),
    _maybe("之前", "以前", "前", "之内", "以内", "内"),
    _maybe("100%", "≥95%", "=100%", "5.5%"),
    _maybe("完成", "到位", "验收", "收入增长", "a"),
).map("".join)


@pytest.mark.parametrize(
    "text",
    [
        "2021年12月1٣日前",
        "12月3١日",
        "二十二十天内",
        "年度内年底",
        "本年度内",
        "第四季度末前100%完成",
        "3个工作日内",
        "每年12月底",
    ],
)
def test_the_date_patterns_on_edge_deadlines(text):
    assert_same(text)


@given(_DEADLINES)
@settings(max_examples=300, deadline=None)
def test_the_date_patterns_on_generated_deadlines(text):
    assert_same(text)


@given(texts_of(_PIECES))
@settings(max_examples=300, deadline=None)
def test_the_date_patterns_on_generated_texts(text):
    assert_same(text)


@given(_SPANS)
@settings(max_examples=300, deadline=None)
def test_the_date_patterns_on_generated_periods(text):
    assert_same(text)
