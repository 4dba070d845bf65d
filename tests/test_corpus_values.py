"""The value grammar on the 199 distinct values of the corpus
(tests/fixtures/corpus/values.txt) and on the classes they stand for."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.values import DEADLINE, QUALITATIVE, QUANTITATIVE, ValueParseError, parse_value

VALUES = [line.rstrip("\n") for line in
          (Path(__file__).parent / "fixtures" / "corpus" / "values.txt").read_text(encoding="utf-8").splitlines()]

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


@pytest.mark.parametrize("text, kind", [
    ("是", QUALITATIVE), ("否", QUALITATIVE), ("高", QUALITATIVE), ("明显增加", QUALITATIVE),
    ("不超过预算", QUALITATIVE), ("专款专用", QUALITATIVE), ("2021年12月31日", DEADLINE),
    ("2021年1月-12月", DEADLINE), ("2025年12月", DEADLINE), ("12月底前100%到位", DEADLINE),
    ("2020年1月--2020年11月", DEADLINE), ("2025年年底前", DEADLINE), ("2021年底", DEADLINE), ("全年", DEADLINE),
    ("±3%以内", QUANTITATIVE),
])
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


@pytest.mark.parametrize("text, unit, per", [
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
])
def test_per_unit_money_is_money(text, unit, per):
    value = parse_value(text)
    assert value.unit == unit and value.per == per
    assert value.unit_category == "rate" and value.is_money and value.unit_price_wan() is not None


def test_per_unit_price_in_wan():
    assert parse_value("≤11000元/处·年").unit_price_wan() == Decimal("1.1")
    assert parse_value("≤1.1万元/处").unit_price_wan() == Decimal("1.1")
    assert parse_value("≤1.1万元/处").money_wan() is None  # not a total amount


_OPERATORS = {"≥": ["≥", "≧", ">=", "＞＝", "⩾", "大于等于", "不少于", "不低于", "至少"],
              "≤": ["≤", "≦", "<=", "＜＝", "⩽", "小于等于", "不超过", "不高于", "不多于"],
              "=": ["=", "＝", "═", "==", "等于", "达到"],
              "<": ["<", "＜", "小于", "低于"], ">": [">", "＞", "大于", "高于"]}
_DIGITS = ["0123456789", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"]


@given(op=st.sampled_from([(k, s) for k, v in _OPERATORS.items() for s in v]),
       number=st.integers(min_value=0, max_value=99999), digits=st.sampled_from(_DIGITS),
       unit=st.sampled_from(["%", "％", "人", "次", "万元", "元/人·月", "个"]), space=st.sampled_from(["", " ", "\u3000"]))
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
