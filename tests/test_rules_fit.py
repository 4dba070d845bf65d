"""indicator.type_mismatch and indicator.type_benefit_missing: designed on the
knowledge base's public API (project types, their standard indicators), so they
keep working as the base grows — tested on the installed base and on a grown copy."""

import copy

import pytest
from conftest import GOOD_RECORDS, SEED_RECORDS, corpus, good, seed

from assistant.fileio import load_file
from assistant.rules import check

FIT = ["indicator.type_mismatch", "indicator.type_benefit_missing"]


def test_a_set_copied_from_an_insurance_project_into_bookkeeping():
    """003_03 代理记账: 基本医疗保险参保人数, 按时完成率 (a research-report item), 参保人员满意度."""
    found = check(seed("003_03_bookkeeping"), rules=["indicator.type_mismatch"])
    assert [f.path for f in found] == ["indicators.annual"]
    assert "代理记账" in found[0].message and "基本医疗保险参保人数" in found[0].message


def test_the_insurance_set_copied_into_the_lawyer_project():
    """003_08 律师聘请费 carries the insurance set of its neighbours; with the sector
    knowledge base only one row relates to legal services."""
    found = check(seed("003_08_legal_counsel"), rules=["indicator.type_mismatch"])
    assert [f.path for f in found] == ["indicators.annual"] and "法律服务" in found[0].message


@pytest.mark.parametrize(
    "path",
    GOOD_RECORDS + [p for p in SEED_RECORDS if p.stem not in ("003_03_bookkeeping", "003_08_legal_counsel")],
    ids=lambda p: p.stem,
)
def test_sets_that_fit_their_project_are_quiet(path):
    """Seed 000_public_welfare_posts (posts doing reimbursement work) and the 003 copies whose
    rows also name their own project (专线, 律师) are judgement calls a reviewer leaves."""
    assert check(load_file(path), rules=FIT) == []


def test_an_environmental_project_without_an_ecological_benefit():
    """corpus 002 (疫情期间区域病媒防治环境卫生清洁等费用): 社会效益 and 可持续 only."""
    found = check(corpus("002_urban_masked-district_2020"), rules=["indicator.type_benefit_missing"])
    assert len(found) == 1 and "生态效益指标" in found[0].message and "环境卫生" in found[0].message


def test_an_environmental_project_with_one_is_quiet():
    record = copy.deepcopy(corpus("002_urban_masked-district_2020"))
    record["indicators"]["annual"].insert(
        9,
        {
            "level1": "效益指标",
            "level2": "生态效益指标",
            "name": "病媒生物密度",
            "value": "下降",
            "description": "",
            "basis": "",
        },
    )
    assert check(record, rules=["indicator.type_benefit_missing"]) == []


def test_an_insurance_set_in_a_road_project():
    """corpus 019 阆中's project name with the network-lease set of the good record."""
    record = copy.deepcopy(good("project_network_leasing_2023"))
    record["project"]["name"] = "车辆购置税收入补助地方资金(普通省道公路建设)"
    record["goals"]["annual"] = ["建设普通省道二级公路32.1公里，改善沿线群众出行条件"]
    found = check(record, rules=["indicator.type_mismatch"])
    assert found and "交通运输" in found[0].message and "村卫生室专线数量" in found[0].message


@pytest.mark.parametrize(
    "name, goal",
    [
        ("废弃矿山生态修复项目", "完成废弃矿山生态修复面积120亩"),
        ("农村黑臭水体治理", "治理农村黑臭水体12处"),
        ("国土绿化造林补助", "完成人工造林3000亩"),
    ],
)
def test_an_ecological_project_needs_its_ecological_benefit(name, goal):
    record = copy.deepcopy(good("project_network_leasing_2023"))
    record["project"]["name"], record["goals"]["annual"] = name, [goal]
    found = check(record, rules=["indicator.type_benefit_missing"])
    assert len(found) == 1 and "生态效益指标" in found[0].message


def test_a_road_project_does_not_need_an_ecological_benefit():
    record = copy.deepcopy(good("project_network_leasing_2023"))
    record["project"]["name"], record["goals"]["annual"] = "普通省道公路建设", ["建设普通省道二级公路32.1公里"]
    assert check(record, rules=["indicator.type_benefit_missing"]) == []


def test_a_benefit_row_without_a_name_still_counts():
    """corpus 020 临海 (绿化养护) prints 指标描述 but no 三级 name: its 生态效益 row is `是`."""
    record = copy.deepcopy(corpus("002_urban_masked-district_2020"))
    record["indicators"]["annual"].insert(
        9, {"level1": "效益指标", "level2": "生态效益指标", "name": "", "value": "是", "description": "", "basis": ""}
    )
    assert check(record, rules=["indicator.type_benefit_missing"]) == []
