"""The date reader's patterns that were shortened or gated read every text as
the patterns they replace did: the old patterns are kept here as the reference
and compared on the strings of the fixtures and on generated texts."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from regex_reference import fixture_strings, outcome, texts_of

from assistant.values import dates as d
from assistant.values.normalise import normalise

_ACTION = r"(?:[\u4e00-\u9fff]{1,8})"
OLD_PERIOD = re.compile(rf"^(?P<start>{d._DATE}{d._PHASE}?)(?:-|~|至|到)(?P<end>{d._DATE}{d._PHASE}?){_ACTION}?$")
OLD_MONTHS = re.compile(rf"^{d._YEAR}年(?:度)?{d._MONTH}月?(?:-|~|至|到){d._MONTH}月(?:份)?{_ACTION}?$")
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
    assert d._is_months(text) == bool(OLD_MONTHS.match(text)), text
    assert any(word in text for word in d._ACTION_WORDS) == bool(OLD_ACTION_OK.search(text)), text
    assert outcome(d._arabic_dates, text) == outcome(old_arabic_dates, text), text


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


@given(texts_of(_PIECES))
@settings(max_examples=300, deadline=None)
def test_the_date_patterns_on_generated_texts(text):
    assert_same(text)


@given(_SPANS)
@settings(max_examples=300, deadline=None)
def test_the_date_patterns_on_generated_periods(text):
    assert_same(text)
