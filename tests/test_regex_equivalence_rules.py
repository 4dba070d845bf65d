"""Patterns of the rules replaced by plain code or gated: the old patterns are
kept here as the reference, and the new code gives what they gave on every
string of the fixtures and on generated texts over their alphabet."""

import re
from functools import lru_cache
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from regex_reference import fixture_strings, texts_of

from assistant.lazy_regex import ends_with, rstrip_space_and, without
from assistant.rules import actual_rules, common, field_rules, goal_rules, header_rules, indicator_rules, name_targets
from assistant.values import unit_catalogue, units

OLD_NAME_KEY = re.compile(r"[\s。.,，、:：;；]+")
OLD_GOAL_PUNCT = re.compile(r"[\s，。、；;,.:：“”\"'（）()《》!！?？\-—]+")
OLD_NUMBERING = re.compile(r"^\s*(目标\s*\d+\s*[:：]?|\d+\s*[.、．:：]|[一二三四五六七八九十]+、)\s*")
OLD_INNER_NUMBERING = re.compile(r"(目标\s*\d+\s*[:：]?|(?:^|(?<=[\s；;。，,]))\d+\s*[.、．:：])")
OLD_CHINESE_COUNT = re.compile(
    r"[一二两三四五六七八九十百千]+(?:个|项|次|场|名|人|所|条|家|户|村|期|批|套|台|处|篇|份)"
)
OLD_LEADING_NUMBER = re.compile(r"^\s*(?:指标\s*\d+\s*[:：.．、]?|\d+\s*[:：.．、]|[（(]\d+[)）])\s*")
OLD_TRAILING_PUNCT = re.compile(r"[\s。.,，、;；:：]+$")
OLD_DATE_SIGNS = re.compile(r"[\d.\s\-—~至:：]")
OLD_RATE_NAME = re.compile(r"(率|比例|占比)$")
OLD_COUNT_NAME = re.compile(r"(人数|次数|个数|场次|人次|件数|户数|份数|数量)$")
OLD_NUMBER_SIGN = re.compile(r"[\d≥≤=<>%]")
OLD_OPERATORS = re.compile(r"≥|≤|≧|≦|不少于|不低于|不超过|不高于|>|<|＞|＜")
OLD_MONEY = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|万|元|亿元)")
OLD_PLACEHOLDER_NAME = re.compile(r"^(指标\s*[:：]?\s*\d*\s*[:：]?|\d+(\.\d+)?)$")
OLD_SECTION = re.compile(r"(科|股|室|组)$")
OLD_DEPARTMENT = re.compile(r"(局|委|委员会|办|办公室|厅|部|院|中心|政府|街道|镇|乡|所|站|馆|队|会|社|校|学)$")
OLD_CODE = r"^[\[【(（]?\d+[\]】)）]?[-—\s]*"
OLD_CLAUSE = re.compile(r"[，,；;。](?=.)")
OLD_CEILING = re.compile(
    r"(?:不超过|不高于|不大于|低于|小于|少于|控制在|≤|≦|<|＜)\s*(\d+(?:\.\d+)?\s*[^\d\s，,。；;（）()]{0,6}?)(?:以内|以下|之内|内)?$"
    r"|(\d+(?:\.\d+)?\s*[^\d\s，,。；;（）()]{0,6}?)(?:以内|以下|之内)$"
)


def found(match: re.Match | None):
    return None if match is None else (match.span(), match.groups())


def old_department_section(department: str) -> bool:
    compact = re.sub(OLD_CODE, "", department)
    return bool(compact and OLD_SECTION.search(compact) and not OLD_DEPARTMENT.search(compact))


def new_department_section(department: str) -> bool:
    ctx = SimpleNamespace(record={"project": {"department": department}}, form="project-declaration")
    return bool(list(header_rules.department_section(ctx)))


def old_has_quantity(text: str) -> bool:
    text = goal_rules._YEAR_OR_DATE.sub("", OLD_INNER_NUMBERING.sub(" ", text))
    return bool(re.search(r"\d", text) or OLD_CHINESE_COUNT.search(text))


def old_compact(name: str) -> str:
    return OLD_TRAILING_PUNCT.sub("", OLD_LEADING_NUMBER.sub("", name)).replace(" ", "")


@lru_cache(maxsize=1)
def old_target_pattern() -> re.Pattern:
    """The pattern a target in a name was found with."""
    anywhere, at_end = [], []
    for spelling, unit in unit_catalogue().items():
        if unit.category in ("time", "score") or re.match(r"^[A-Za-z]+$", spelling):
            at_end.append(spelling)
        elif unit.category in ("count", "percent", "money", "rate", "measure"):
            anywhere.append(spelling)

    def alternatives(units):
        return "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))

    number = r"(?:≥|≤|≧|≦|>|<|不少于|不低于|不超过|不高于|近|约)?\d+(?:\.\d+)?\s*"
    return re.compile(rf"{number}(?:{alternatives(anywhere)})(?!龄)|{number}(?:{alternatives(at_end)})$")


def old_target(text: str) -> str | None:
    match = old_target_pattern().search(text) if any(c.isdecimal() for c in text) else None
    return match.group() if match else None


def assert_same(text: str) -> None:
    assert name_targets.target_in_name(text) == old_target(text)
    assert common.name_key(text) == OLD_NAME_KEY.sub("", text)
    assert goal_rules._unpunct(text) == OLD_GOAL_PUNCT.sub("", text)
    assert goal_rules._strip_numbering(text) == OLD_NUMBERING.sub("", text)
    assert goal_rules._space_numbering(text) == OLD_INNER_NUMBERING.sub(" ", text)
    assert goal_rules.has_quantity(text) == old_has_quantity(text)
    assert goal_rules._without_money(text) == OLD_MONEY.sub("", text)
    assert field_rules._compact(text) == old_compact(text)
    assert field_rules._words_beside_numbers(text) == len(OLD_DATE_SIGNS.sub("", text))
    assert ends_with(text, field_rules._RATE_NAME) == bool(OLD_RATE_NAME.search(text))
    assert ends_with(text, field_rules._COUNT_NAME) == bool(OLD_COUNT_NAME.search(text))
    assert units._has_number_sign(text) == bool(OLD_NUMBER_SIGN.search(text))
    assert sum(map(text.count, indicator_rules._OPERATORS)) == len(OLD_OPERATORS.findall(text))
    assert common.is_placeholder_name(text, None) == bool(OLD_PLACEHOLDER_NAME.match(text.replace(" ", "")))
    assert new_department_section(text) == old_department_section(text.strip())
    assert header_rules._has_clause(text) == bool(OLD_CLAUSE.search(text))
    assert found(actual_rules._ceiling_match(text)) == found(OLD_CEILING.search(text))


def test_the_rule_patterns_on_the_fixture_strings():
    texts = fixture_strings()
    # the fixtures hold what each pattern is about
    assert sum(OLD_NUMBERING.sub("", t) != t for t in texts) > 10
    assert sum(OLD_INNER_NUMBERING.sub(" ", t) != t for t in texts) > 10
    assert sum(bool(OLD_CHINESE_COUNT.search(t)) for t in texts) > 3
    assert sum(bool(OLD_RATE_NAME.search(t)) for t in texts) > 10
    assert sum(len(OLD_OPERATORS.findall(t)) >= 2 for t in texts) > 0
    assert sum(bool(OLD_CLAUSE.search(t)) for t in texts) > 10 and any(OLD_CEILING.search(t) for t in texts)
    assert sum(old_target(t) is not None for t in texts) > 10
    for text in texts:
        assert_same(text)


@pytest.mark.parametrize(
    "text, stripped, spaced",
    [
        ("目标1：保障运行", "保障运行", " 保障运行"),
        ("  2、 开展培训", "开展培训", "    开展培训"),
        ("一、完成建设", "完成建设", "一、完成建设"),
        ("目标 ：无编号", "目标 ：无编号", "目标 ：无编号"),
        ("完成12、3项；4.培训", "完成12、3项；4.培训", "完成12、3项； 培训"),
        ("甲，1、乙,2：丙。3．丁", "甲，1、乙,2：丙。3．丁", "甲， 乙, 丙。 丁"),
    ],
)
def test_goal_numbering_read_in_plain_code(text, stripped, spaced):
    assert goal_rules._strip_numbering(text) == stripped == OLD_NUMBERING.sub("", text)
    assert goal_rules._space_numbering(text) == spaced == OLD_INNER_NUMBERING.sub(" ", text)


_PIECES = [
    "目标",
    "指标",
    "1",
    "12",
    "٣",
    " ",
    "\u3000",
    "\t",
    "\n",
    "\x1c",
    *"：:.．、；;。，,“”\"'（）()《》!！?？-—~至",
    *"一二两三十百千个项场人",
    "率",
    "比例",
    "占比",
    "人数",
    "数量",
    "≥",
    "≤",
    "<",
    "不少于",
    "控制在",
    "以内",
    "以下",
    "之内",
    "内",
    "元",
    "2.5",
    ".",
    "1.",
    "公里",
    "个",
    "万元",
    "年龄",
    "天",
    "次",
    *"[]【】",
    "科",
    "局",
    "委员会",
    "中心",
    "不超",
    "过",
    "%",
]


@given(texts_of(_PIECES, max_size=10))
@settings(max_examples=300, deadline=None)
def test_the_rule_patterns_on_generated_texts(text):
    assert_same(text)


@given(st.text(max_size=12), st.text(alphabet="。.，、:：;；", max_size=4))
@settings(max_examples=200, deadline=None)
def test_the_plain_character_class_helpers(text, chars):
    cls = "[\\s" + re.escape(chars) + "]+"
    assert without(text, chars) == re.sub(cls, "", text)
    assert rstrip_space_and(text, chars) == re.sub(cls + "$", "", text)
    words = tuple(w for w in (chars, chars[:1], "率") if w)
    assert ends_with(text + chars, words) == bool(re.search(f"(?:{'|'.join(map(re.escape, words))})$", text + chars))


@pytest.mark.parametrize("name", ["不超过500元", "≤30天", "控制在2万元以内", "5%以下", "3天之内", "12万元内", "500元"])
def test_ceilings_in_names(name):
    assert found(actual_rules._ceiling_match(name)) == found(OLD_CEILING.search(name))
    assert (actual_rules._ceiling_match(name) is None) == (name in ("12万元内", "500元"))


_NUMBERING_PIECES = ["目标", "1", "23", " ", "\n", *"：:、.．；;。，,一十a"]
_MONEY_PIECES = ["1", "48", "2.5", ".", " ", "\n", "٣", "万元", "万", "元", "亿元", "亿", "千元", "人"]


@given(st.lists(st.sampled_from(_MONEY_PIECES), max_size=8).map("".join))
@settings(max_examples=300, deadline=None)
def test_money_in_goals_on_generated_texts(text):
    assert goal_rules._without_money(text) == OLD_MONEY.sub("", text)


@given(st.lists(st.sampled_from(_NUMBERING_PIECES), max_size=10).map("".join))
@settings(max_examples=300, deadline=None)
def test_goal_numbering_on_generated_texts(text):
    assert goal_rules._strip_numbering(text) == OLD_NUMBERING.sub("", text)
    assert goal_rules._space_numbering(text) == OLD_INNER_NUMBERING.sub(" ", text)


def _unit_spellings() -> list[str]:
    return sorted(unit_catalogue())


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["≥", "≤", ">", "不少于", "不超过", "近", "约", "不", "1", "25", "3.5", ".", " ", "\n"]),
            st.sampled_from(["龄", "岁", "村", "数", "的", "a", "G", "5G", "第"]),
            st.sampled_from(_unit_spellings()),
        ),
        max_size=7,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_targets_in_generated_names(name):
    assert name_targets.target_in_name(name) == old_target(name)


@pytest.mark.parametrize(
    "name, target",
    [
        ("村组干部230人", "230人"),
        ("建设普通省道二级公路32.1公里", "32.1公里"),
        ("孕产妇7天访视数", None),
        ("服务时长不少于8小时", "不少于8小时"),
        ("5G基站", None),
        ("带宽100M", "100M"),
        ("60岁龄老人", None),
        ("培训≥3次\n", "≥3次"),
        ("访视7天\n", "7天"),
        ("访视7天\n\n", None),
        ("满12个龄期", None),
        ("婴儿3个月龄", "3个"),
    ],
)
def test_targets_in_real_names(name, target):
    assert name_targets.target_in_name(name) == target == old_target(name)
