"""indicator.type_mismatch and indicator.type_benefit_missing: designed on the
knowledge base's public API (project types, their standard indicators), so they
keep working as the base grows — tested on the installed base and on a grown copy."""

import copy
import json
import shutil

import pytest

from assistant.knowledge import IndicatorSearch, load_from
from assistant.paths import knowledge_dir
from assistant.rules import check
from conftest import GOOD_RECORDS, SEED_RECORDS, corpus, good, seed
from assistant.fileio import load_file

FIT = ["indicator.type_mismatch", "indicator.type_benefit_missing"]


def test_a_set_copied_from_an_insurance_project_into_bookkeeping():
    """003_03 代理记账: 基本医疗保险参保人数, 按时完成率 (a research-report item), 参保人员满意度."""
    found = check(seed("003_03_bookkeeping"), rules=["indicator.type_mismatch"])
    assert [f.path for f in found] == ["indicators.annual"]
    assert "代理记账" in found[0].message and "基本医疗保险参保人数" in found[0].message


@pytest.mark.parametrize("path", GOOD_RECORDS + [p for p in SEED_RECORDS if p.stem != "003_03_bookkeeping"],
                         ids=lambda p: p.stem)
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
    record["indicators"]["annual"].insert(9, {"level1": "效益指标", "level2": "生态效益指标", "name": "病媒生物密度",
                                              "value": "下降", "description": "", "basis": ""})
    assert check(record, rules=["indicator.type_benefit_missing"]) == []


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The knowledge base as the kb branch grows it: more sectors, their project types
    and standard indicators (here: roads, and mine restoration with an ecological benefit)."""
    directory = tmp_path_factory.mktemp("kb")
    shutil.copytree(knowledge_dir(), directory, dirs_exist_ok=True)
    indicators = json.loads((directory / "indicators.json").read_text(encoding="utf-8"))
    new = [("road.length", "数量指标", "产出指标", "新建改建公路里程", ["公路", "里程"], "road_construction"),
           ("road.acceptance", "质量指标", "产出指标", "公路工程交工验收合格率", ["公路", "验收"], "road_construction"),
           ("road.travel_time", "社会效益指标", "效益指标", "沿线群众出行时间缩短", ["出行"], "road_construction"),
           ("mine.vegetation", "生态效益指标", "效益指标", "矿区植被恢复率", ["植被", "复绿"], "mine_restoration"),
           ("road.green", "生态效益指标", "效益指标", "公路沿线绿化率", ["绿化"], "road_construction"),
           ("road.on_time", "时效指标", "产出指标", "公路工程按期完工率", ["工期"], "road_construction"),
           ("road.cost", "成本指标", "产出指标", "每公里建设成本", ["造价"], "road_construction"),
           ("mine.area", "数量指标", "产出指标", "矿山治理面积", ["矿山", "治理"], "mine_restoration"),
           ("mine.hazard", "质量指标", "产出指标", "地质灾害隐患消除率", ["隐患"], "mine_restoration"),
           ("mine.on_time", "时效指标", "产出指标", "治理工程按期完成率", ["工期"], "mine_restoration"),
           ("mine.cost", "成本指标", "产出指标", "亩均治理成本", ["造价"], "mine_restoration")]
    for ind_id, level2, level1, name, keywords, ptype in new:
        indicators["indicators"].append({
            "id": ind_id, "level1": level1, "level2": level2, "name": name, "aliases": [], "operator": "≥",
            "unit": "", "typical": "≥1", "description": name, "keywords": keywords, "project_types": [ptype],
            "source": "test"})
    (directory / "indicators.json").write_text(json.dumps(indicators, ensure_ascii=False), encoding="utf-8")
    types = json.loads((directory / "project_types.json").read_text(encoding="utf-8"))
    types["project_types"] += [
        {"id": "road_construction", "name": "公路建设", "keywords": ["公路", "道路", "省道", "农村路", "路网"],
         "indicators": ["road.length", "road.acceptance", "road.on_time", "road.cost", "road.travel_time",
                        "road.green"], "example_goal": "新建改建普通省道二级公路32.1公里，交工验收合格率100%，缩短沿线群众出行时间。"},
        {"id": "mine_restoration", "name": "矿山生态修复", "keywords": ["矿山", "矿区", "废弃矿"],
         "indicators": ["mine.area", "mine.hazard", "mine.on_time", "mine.cost", "mine.vegetation"], "example_goal": "治理废弃矿山120亩，矿区植被恢复率不低于85%，消除地质灾害隐患。"}]
    (directory / "project_types.json").write_text(json.dumps(types, ensure_ascii=False), encoding="utf-8")
    kb = load_from(directory)
    return kb, IndicatorSearch(kb)


def test_grown_base_finds_an_insurance_set_in_a_road_project(grown):
    """corpus 019 阆中's project name with the network-lease set of the good record."""
    kb, search = grown
    record = copy.deepcopy(good("project_network_leasing_2023"))
    record["project"]["name"] = "车辆购置税收入补助地方资金(普通省道公路建设)"
    record["goals"]["annual"] = ["建设普通省道二级公路32.1公里，改善沿线群众出行条件"]
    found = check(record, kb=kb, search=search, rules=["indicator.type_mismatch"])
    assert found and "公路建设" in found[0].message


def test_grown_base_requires_the_benefit_of_an_ecological_type(grown):
    """No theme word in the project's name: the type it is recognised as (矿山生态修复) is
    about ecology. A road type that lists one 生态效益 indicator among its others does not
    make 生态效益 required (every sector template of the grown base lists one)."""
    kb, search = grown
    record = copy.deepcopy(good("project_network_leasing_2023"))
    record["project"]["name"] = "废弃矿山治理项目"
    record["goals"]["annual"] = ["完成废弃矿山治理面积120亩"]
    found = check(record, kb=kb, search=search, rules=["indicator.type_benefit_missing"])
    assert found and "矿山生态修复" in found[0].message
    record["project"]["name"] = "普通省道公路建设"
    record["goals"]["annual"] = ["建设普通省道二级公路32.1公里"]
    assert check(record, kb=kb, search=search, rules=["indicator.type_benefit_missing"]) == []
    assert check(good("project_network_leasing_2023"), kb=kb, search=search, rules=FIT) == []


def test_a_benefit_row_without_a_name_still_counts():
    """corpus 020 临海 (绿化养护) prints 指标描述 but no 三级 name: its 生态效益 row is `是`."""
    record = copy.deepcopy(corpus("002_urban_masked-district_2020"))
    record["indicators"]["annual"].insert(9, {"level1": "效益指标", "level2": "生态效益指标", "name": "",
                                              "value": "是", "description": "", "basis": ""})
    assert check(record, rules=["indicator.type_benefit_missing"]) == []
