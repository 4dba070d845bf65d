"""The one grammar of paths into a record (`assistant.record_path`)."""

import pytest

from assistant import record_path as rp

RECORD = {
    "project": {"name": "医疗保障信息化运行维护", "period": None},
    "indicators": {"annual": [{"name": "专线网络可用率", "value": "≥99.9%"}, {"name": "系统故障响应时间"}]},
    "tasks": [{"name": "基金监管", "executed": "已完成"}],
}


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("year", ("year",)),
        ("project.name", ("project", "name")),
        ("indicators.annual[1].value", ("indicators", "annual", 1, "value")),
        ("indicators[12]", ("indicators", 12)),
        ("goals[0]", ("goals", 0)),
        ("funds.annual.other", ("funds", "annual", "other")),
        ("a[1][2].b", ("a", 1, 2, "b")),
    ],
)
def test_parse_and_format_are_inverse(path, parts):
    assert rp.parse(path) == parts
    assert rp.format(parts) == path


@pytest.mark.parametrize("bad", ["", ".", "a.", ".a", "a..b", "[1]", "a[", "a[x]", "a]b", "a[1]b", "a[-1]"])
def test_parse_refuses_what_is_not_a_path(bad):
    with pytest.raises(ValueError, match="不是记录中的位置"):
        rp.parse(bad)


def test_get_reads_through_dicts_and_lists_and_never_raises():
    assert rp.get(RECORD, "indicators.annual[0].value") == "≥99.9%"
    assert rp.get(RECORD, ("tasks", 0, "executed")) == "已完成"
    assert rp.get(RECORD, "indicators.annual[5].value") is None  # past the end
    assert rp.get(RECORD, "project.name.first") is None  # a scalar in the way
    assert rp.get(RECORD, "indicators.mid_term[0]", default=[]) == []
    assert rp.get(RECORD, "project.period", default="x") is None  # a stored None is a value
    assert rp.get(None, "project.name") is None


def test_set_creates_dicts_and_appends_one_row_at_most():
    record: dict = {}
    rp.set(record, "funds.annual.fiscal", 48)
    rp.set(record, "indicators.annual[0]", {"name": "a"})
    rp.set(record, "indicators.annual[0].value", "≥1")
    rp.set(record, "indicators.annual[1]", {"name": "b"})
    assert record == {
        "funds": {"annual": {"fiscal": 48}},
        "indicators": {"annual": [{"name": "a", "value": "≥1"}, {"name": "b"}]},
    }
    with pytest.raises(ValueError, match="没有第 4 项"):
        rp.set(record, "indicators.annual[3]", {})
    with pytest.raises(ValueError, match="已有"):
        rp.set(record, "funds.annual.fiscal.x", 1)


def test_row_names_the_list_item_a_path_points_into():
    assert rp.row("indicators.annual[3].value") == rp.RowRef("indicators.annual", 3, "value")
    assert rp.row("indicators[0].target") == rp.RowRef("indicators", 0, "target")
    assert rp.row("goals[1]") == rp.RowRef("goals", 1, None)
    assert rp.row("tasks[2].executed") == rp.RowRef("tasks", 2, "executed")
    assert rp.row("project.name") is None
    assert rp.row("not a [path") is None


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("project.extra.项目来源", ("project", "extra", "项目来源")),
        ("funds.annual.sources.中央补助", ("funds", "annual", "sources", "中央补助")),
        ("extra.资金用途.说明", ("extra", "资金用途.说明")),  # a printed label keeps its dot
        ("funds.sources.上级补助[专项]", ("funds", "sources", "上级补助[专项]")),
        ("funds.total.adjusted", ("funds", "total", "adjusted")),
    ],
)
def test_a_templates_path_takes_a_printed_label_whole(path, parts):
    assert rp.labelled(path) == parts
    target: dict = {}
    rp.set(target, parts, 7)
    assert rp.get(target, parts) == 7


def test_labelled_refuses_a_bad_head_like_parse():
    with pytest.raises(ValueError):
        rp.labelled("a..b.extra.x")


def test_parent_drops_the_last_part():
    assert rp.parent("funds.annual.other") == "funds.annual"
    assert rp.parent("indicators.annual[3]") == "indicators.annual"
    assert rp.parent("year") == ""


def test_a_row_reference_names_its_item():
    assert rp.row("indicators.annual[3].value").item == "indicators.annual[3]"
    assert rp.row("tasks[2]").item == "tasks[2]"
