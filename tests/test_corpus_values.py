"""The value grammar on the 199 distinct values of the corpus
(tests/fixtures/corpus/values.txt) and on the classes they stand for."""

from decimal import Decimal

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.cli.main import main
from assistant.records import Store
from assistant.values import DEADLINE, QUALITATIVE, QUANTITATIVE, ValueParseError, parse_value

VALUES = (FIXTURES / "corpus" / "values.txt").read_text(encoding="utf-8").splitlines()

# The only corpus values refused, and why a reviewer would refuse them too.
REFUSED = {
    "M.8万元": "OCR: the 1 of 14.8万元 read as the letter M",
    "第O份": "OCR: the digit 0 read as the letter O",
    "-": "a dash: the cell is blank",
}


def test_the_fixture_holds_all_199_corpus_values():
    assert len(VALUES) == 199 and len(set(VALUES)) == 199


@pytest.mark.parametrize("text", VALUES)
def test_every_corpus_value_is_understood_or_refused_with_a_reason(text):
    if text in REFUSED:
        with pytest.raises(ValueParseError) as err:
            parse_value(text)
        assert "例如" in str(err.value)
        return
    for money in (False, True):
        value = parse_value(text, money_context=money)
        assert value.kind in (QUANTITATIVE, QUALITATIVE, DEADLINE)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("是", QUALITATIVE),
        ("否", QUALITATIVE),
        ("高", QUALITATIVE),
        ("明显增加", QUALITATIVE),
        ("不超过预算", QUALITATIVE),
        ("专款专用", QUALITATIVE),
        ("2021年12月31日", DEADLINE),
        ("2021年1月-12月", DEADLINE),
        ("2025年12月", DEADLINE),
        ("12月底前100%到位", DEADLINE),
        ("2020年1月--2020年11月", DEADLINE),
        ("2025年年底前", DEADLINE),
        ("2021年底", DEADLINE),
        ("全年", DEADLINE),
        ("±3%以内", QUANTITATIVE),
    ],
)
def test_values_the_issue_names(text, kind):
    value = parse_value(text)
    assert value.kind == kind and not value.vague


def test_yes_no_and_grades():
    assert parse_value("是").answer == "是" and parse_value("否").answer == "否"
    assert parse_value("高").grade == "高" and parse_value("优").grade == "优"
    assert parse_value("高中低").vague  # the grades to pick from, not a target
    assert parse_value("实际工作需求").vague
    assert not parse_value("符合相关文件要求").vague


def test_periods_and_deadlines():
    assert parse_value("2021年1月-12月").period and parse_value("2020年1月--2020年11月").period
    assert not parse_value("2021年12月31日").period
    deadline = parse_value("12月底前100%到位")
    assert deadline.number == 100 and deadline.unit == "%"
    assert parse_value("十二月底前完成").kind == DEADLINE
    assert parse_value("二〇二一年十二月三十一日前").kind == DEADLINE
    assert parse_value("2022.1—2022.12").kind == DEADLINE
    assert parse_value("6-9月").kind == QUANTITATIVE  # a range of months stays a range


def test_tolerance():
    value = parse_value("±3%以内")
    assert (value.operator, value.number, value.unit, value.tolerance) == ("≤", 3, "%", True)


@pytest.mark.parametrize(
    "text, unit, per",
    [
        ("≤11000元/处·年", "元/处·年", ("处", "年")),
        ("≤1.1万元/处", "万元/处", ("处",)),
        ("≤15000元/条·年", "元/条·年", ("条", "年")),
        ("180元/人、天", "元/人·天", ("人", "天")),
        ("≤200元/人/天", "元/人·天", ("人", "天")),
        ("100元每人每天", "元/人·天", ("人", "天")),
        ("≤50元/㎡", "元/㎡", ("㎡",)),
        ("≤50元/m²", "元/㎡", ("㎡",)),
        ("≤1.5万元/(人·年)", "万元/人·年", ("人", "年")),
        ("4.7万/人/年", "万元/人·年", ("人", "年")),
        ("≤5万元/公里", "万元/公里", ("公里",)),
    ],
)
def test_per_unit_money_is_money(text, unit, per):
    value = parse_value(text)
    assert value.unit == unit and value.per == per
    assert value.unit_category == "rate" and value.is_money and value.unit_price_wan() is not None


def test_per_unit_price_in_wan():
    assert parse_value("≤11000元/处·年").unit_price_wan() == Decimal("1.1")
    assert parse_value("≤1.1万元/处").unit_price_wan() == Decimal("1.1")
    assert parse_value("≤1.1万元/处").money_wan() is None  # not a total amount


_OPERATORS = {
    "≥": ["≥", "≧", ">=", "＞＝", "⩾", "大于等于", "不少于", "不低于", "至少"],
    "≤": ["≤", "≦", "<=", "＜＝", "⩽", "小于等于", "不超过", "不高于", "不多于"],
    "=": ["=", "＝", "═", "==", "等于", "达到"],
    "<": ["<", "＜", "小于", "低于"],
    ">": [">", "＞", "大于", "高于"],
}
_DIGITS = ["0123456789", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"]


@given(
    op=st.sampled_from([(k, s) for k, v in _OPERATORS.items() for s in v]),
    number=st.integers(min_value=0, max_value=99999),
    digits=st.sampled_from(_DIGITS),
    unit=st.sampled_from(["%", "％", "人", "次", "万元", "元/人·月", "个"]),
    space=st.sampled_from(["", " ", "\u3000"]),
)
@settings(max_examples=300, deadline=None)
def test_every_operator_spelling_and_digit_script(op, number, digits, unit, space):
    expected, spelling = op
    written = "".join(digits[int(d)] for d in str(number))
    value = parse_value(f"{spelling}{space}{written}{unit}")
    assert value.operator == expected and value.number == number


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@settings(max_examples=300, deadline=None)
def test_parser_never_raises_anything_else_on_any_unicode(text):
    try:
        parse_value(text)
    except ValueParseError as err:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err))


@pytest.mark.parametrize(
    "text, operator, number, upper, unit",
    [
        ("1,200万元", None, "1200", None, "万元"),  # thousands separator, not two targets
        ("≥１，０００份", "≥", "1000", None, "份"),
        ("≤伍拾万元", "≤", "500000", None, "元"),  # 大写 numerals
        ("壹佰贰拾人", None, "120", None, "人"),
        ("90%-100%", None, "90", "100", "%"),  # the unit at both ends of a range
        ("90%～95%", None, "90", "95", "%"),
        ("≥90%（含）", "≥", "90", None, "%"),  # a remark in brackets
        ("≥90%(含90%)", "≥", "90", None, "%"),
        ("100%完成", None, "100", None, "%"),  # the state the number reaches
        ("100%到位", None, "100", None, "%"),
        ("≥1000人参加培训", "≥", "1000", None, "人"),  # what is counted, after the unit
        ("完成3个村的道路建设", None, "3", None, "个"),
        ("20余家", None, "20", None, "家"),
        ("千余人", None, "1000", None, "人"),
        ("1次/季度", None, "1", None, "次/季度"),
        ("≤2小时/次", "≤", "2", None, "小时/次"),
    ],
)
def test_more_spellings_of_a_number_and_its_unit(text, operator, number, upper, unit):
    value = parse_value(text)
    assert value.kind == QUANTITATIVE and value.operator == operator
    assert value.number == Decimal(number) and value.unit == unit
    assert value.upper == (Decimal(upper) if upper else None)


def test_frequencies_stay_counts_and_approximations_are_flagged():
    assert parse_value("1次/季度").unit_category == "count"
    assert parse_value("≤2小时/次").unit_category == "time"
    assert parse_value("≤500元/人·次").unit_category == "rate"  # money per visit is a price
    assert parse_value("20余家").approximate and parse_value("千余人").approximate
    assert parse_value("≥85%且≤95%").multi


@pytest.mark.parametrize("text", ["一级", "III类", "Ⅲ类", "AAA级", "4A级", "持平", "按合同约定", "按季度", "杜绝"])
def test_levels_and_standard_phrases_are_recognised(text):
    value = parse_value(text)
    assert value.kind in (QUALITATIVE, QUANTITATIVE) and not value.vague


# ------------------------------------------------ as a new user tries it: jixiao fix
@pytest.mark.parametrize("value", ["≤11000元/处·年", "≤1.1万元/处", "≤1.1万元/个"])
def test_per_unit_cost_values_are_accepted_as_money_by_fix(value, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    assert main(["import", str(FIXTURES / "good" / "project_network_leasing_2023.json")]) == 0
    record_id = capsys.readouterr().out.split("记录 ")[1].split("（")[0]
    main(["fix", record_id, "--indicator", "村卫生室专线单价", "--value", value])
    captured = capsys.readouterr()
    assert "看不懂" not in captured.err + captured.out and "不是金额" not in captured.out
    row = Store(tmp_path / "home").get(record_id)["indicators"]["annual"][5]
    assert row["value"] == value


@pytest.mark.parametrize(
    "text, kind, period",
    [
        ("2023年1-12月", DEADLINE, True),
        ("2023年1月1日至2023年12月31日", DEADLINE, True),
        ("2023.01-2023.12", DEADLINE, True),
        ("当年12月31日前", DEADLINE, False),
        ("次年3月底前", DEADLINE, False),
        ("半年内", DEADLINE, False),
        ("一周内", DEADLINE, False),
        ("每年1月", DEADLINE, False),
    ],
)
def test_relative_years_month_spans_and_short_spans(text, kind, period):
    value = parse_value(text)
    assert value.kind == kind and value.period is period


@pytest.mark.parametrize(
    "text, operator, number",
    [
        ("-5%", None, "-5"),
        ("≤-5%", "≤", "-5"),
        ("≥1:1", "≥", "1"),
        ("1∶4", None, "0.25"),
        ("≥1/4", "≥", "0.25"),
        ("三分之一", None, str(Decimal(1) / Decimal(3))),
    ],
)
def test_signs_ratios_and_fractions(text, operator, number):
    value = parse_value(text)
    assert value.kind == QUANTITATIVE and value.operator == operator and value.number == Decimal(number)


@pytest.mark.parametrize("text", ["即时", "当日", "实时"])
def test_timeliness_words_are_recognised(text):
    assert not parse_value(text).vague


@pytest.mark.parametrize(
    "text, label",
    [
        ("PM2.5年均浓度≤35", "PM2.5年均浓度"),
        ("SO2排放≤10吨", "SO2排放"),
        ("5G基站≥10个", "5G基站"),
        ("H5N1免疫率≥90%", "H5N1免疫率"),
        ("≥90%(PM2.5)", ""),
    ],
)
def test_codes_with_letters_and_digits_are_not_garbled(text, label):
    value = parse_value(text)
    assert value.kind == QUANTITATIVE and value.label == label


@pytest.mark.parametrize("text", ["O.5万元", "1O0人", "2l5次", "≥OO%"])
def test_digit_look_alikes_are_refused_with_the_letter_named(text):
    with pytest.raises(ValueParseError) as err:
        parse_value(text)
    assert "不是数字" in str(err.value) and "例如" in str(err.value)


def _read_time_unfiltered(text):
    from unittest import mock

    from assistant.values import dates

    with mock.patch.object(dates, "_may_be_time", lambda _: True):
        return dates.read_time(text)


_TIME_PIECES = st.sampled_from(
    [
        "2021",
        "20",
        "年",
        "月",
        "日",
        "号",
        "季度",
        "周",
        "天",
        "底",
        "前",
        "内",
        "12",
        "3",
        "-",
        ".",
        "/",
        "至",
        "完成",
        "到位",
        "十二",
        "二〇二一",
        "%",
        "≥",
        "100",
        "个",
        "工作日",
        "半",
        "上半年",
        "本月",
        "次",
        "每",
    ]
)


@given(st.lists(_TIME_PIECES, min_size=1, max_size=7).map("".join))
@settings(max_examples=400, deadline=None)
def test_the_time_prefilter_never_hides_a_time(text):
    """read_time skips its long patterns for a text without 年月季周日天 or a numeric
    date; with or without that shortcut every text reads the same."""
    from assistant.values.dates import read_time

    assert read_time(text) == _read_time_unfiltered(text)


def test_the_time_prefilter_on_the_corpus_values():
    from assistant.values.dates import _may_be_time, read_time

    assert not _may_be_time("≥99.5%") and not _may_be_time("100%") and _may_be_time("2021.12")
    times = [text for text in VALUES if read_time(text)]
    assert len(times) > 5 and all(_may_be_time(text) for text in times)
    assert all(read_time(text) == _read_time_unfiltered(text) for text in VALUES)


@given(st.text(alphabet="米元人aZ㎡m³平方立\n 1一鿿丁\u4dff\ua000é", max_size=7))
@settings(max_examples=500, deadline=None)
def test_a_unit_word_is_what_the_pattern_it_replaces_matched(text):
    import re

    from assistant.values.units import _is_unit_word

    pattern = re.compile(r"^(?:[\u4e00-\u9fff]{1,4}|㎡|m³|[A-Za-z]{1,5}|平方米|立方米)$")
    assert _is_unit_word(text) == bool(pattern.match(text))


@given(st.text(alphabet="、㎡一鿿丁\u4dff\ua0001%人年/", max_size=9))
@settings(max_examples=500, deadline=None)
def test_rate_separators_are_protected_as_the_pattern_they_replace_did(text):
    import re

    from assistant.values.indicator_value import _protect_rate_separators

    assert _protect_rate_separators(text) == re.sub(r"(?<=[\u4e00-\u9fff㎡])、(?=[\u4e00-\u9fff])", "·", text)


@given(st.text(alphabet="一鿿丁\u4dff\ua000a1\n ", max_size=14))
@settings(max_examples=500, deadline=None)
def test_a_cjk_run_is_what_the_pattern_it_replaces_matched(text):
    import re

    from assistant.values.indicator_value import _cjk

    assert (1 <= len(text) <= 12 and _cjk(text)) == bool(re.fullmatch(r"[\u4e00-\u9fff]{1,12}", text))


def test_rate_separators_in_real_values():
    from assistant.values.indicator_value import _split_multi

    assert _split_multi("4.7万元/人、年") == ["4.7万元/人·年"]  # a rate unit stays one
    assert parse_value("4.7万元/人、年").unit == "万元/人·年"
    assert _split_multi("≥70%、≥70%、≥85%") == ["≥70%", "≥70%", "≥85%"]  # three targets


def _deadline_and_months_patterns():
    import re

    from regex_reference import OldDates as d

    deadline = re.compile(rf"^{d.EVERY}?{d.TIME}{d.BEFORE}?(?:{d.PERCENT})?{d.ACTION}?$")
    months = re.compile(rf"^{d.YEAR}年(?:度)?{d.MONTH}月?(?:-|~|至|到){d.MONTH}月(?:份)?{d.ACTION}?$")
    return deadline, months


_TIME_TEXTS = st.lists(
    st.one_of(_TIME_PIECES, st.sampled_from(["验收", "以内", "之前", "份", "\n", "=", "5.5", "a"])),
    min_size=1,
    max_size=8,
).map("".join)


@given(_TIME_TEXTS)
@settings(max_examples=1500, deadline=None)
def test_deadlines_and_month_spans_read_as_the_patterns_they_replace_did(text):
    """The trailing completion words (0–8 CJK characters) are cut off in plain code
    instead of a CJK-range pattern: the same texts are deadlines and month spans."""
    from assistant.values.dates import _is_deadline, _is_months

    deadline, months = _deadline_and_months_patterns()
    assert _is_deadline(text) == bool(deadline.match(text))
    assert _is_months(text) == bool(months.match(text))


def test_deadlines_and_month_spans_on_the_corpus_values():
    from assistant.values.dates import _arabic_dates, _is_deadline, _is_months

    deadline, months = _deadline_and_months_patterns()
    texts = [_arabic_dates(text) for text in VALUES]
    assert sum(map(_is_deadline, texts)) > 5 and _is_months("2023年1-12月完成") and _is_deadline("12月底前100%到位")
    assert not _is_deadline("2020年收入增长了百分之五十以上很多") and not _is_months("2023年1-12月100%")
    assert all(_is_deadline(t) == bool(deadline.match(t)) and _is_months(t) == bool(months.match(t)) for t in texts)
