"""goal.vague (names, budgets and slogans however long), goal.mid_term_copy and
selfeval.actual_copies_goal, on goals real forms write (corpus form numbers cited)."""

import copy

import pytest
from conftest import corpus, good, seed

from assistant.rules import check


def declaration(goal, name, period="1年", mid=None):
    record = copy.deepcopy(good("project_network_leasing_2023"))
    record["project"].update(name=name, period=period)
    record["goals"] = {"annual": [goal], "mid_term": mid or []}
    return record


def vague(record):
    return [f.path for f in check(record, rules=["goal.vague"])]


SLOGANS = [  # (project name, goal): long, yet no object and no quantity
    (
        "12350安全生产举报奖及安全生产专项督查等工作经费",
        "全力以赴做好安全生产、防灾减灾救灾工作,保障工作顺利开展。",
    ),  # 007 奉节
    (
        "特殊人群病种筛查经费",
        "贯彻落实党中央、国务院和省政府关于特殊人群疾病防治工作决策和部署,依法做好防控工作。",
    ),  # 035 芜湖
    ("安徽省常规赛费用", "因财政资金紧张,结转2024年六运会项目资金"),  # 029 金安: money only, a year is no quantity
    ("国家基本公共卫生服务", "国家基本公共卫生服务"),  # 027 稷山: the project's name
    ("初中公用经费", "保障学校正常工作运行"),  # 013 银川
]
SPECIFIC = [
    (
        "国家基本公共卫生服务项目",
        "针对当前城乡居民存在的主要健康问题,以儿童、孕产妇、老年人、慢性疾病患者为重点人群,"
        "面向全体居民免费提供的最基本的公共卫生服务,促进基本公共卫生服务均等化。",
    ),  # 001 蒙城
    (
        "禁毒经费",
        "支持公安机关开展禁毒业务工作,补助必须的办案、业务、装备等开支,有效的打击毒品犯罪,遏制毒品蔓延、"
        "毒品渗透、毒品制贩和毒品流入非法渠道,进一步巩固禁种铲毒工作成果,进一步增强全民禁毒意识",
    ),  # 003 宣城
    ("古昌镇大青冈村乡村振兴绿化美化项目", "对古昌镇大青杠村约3500米公路沿线进行绿化美化。"),  # 006 荣昌
    ("镇际联网路升级改造工程一期", "新建或改造道路,共29个项目,规划里程169公里。"),  # 018 东莞
    (
        "2025金安国际网球公开赛(国际系列赛事)",
        "打造金安国际网球公开赛等一系列的品牌赛事,提升六安城市的知名度和美誉度。",
    ),  # 028
]


@pytest.mark.parametrize("name, goal", SLOGANS)
def test_slogans_and_restated_names_are_vague_however_long(name, goal):
    assert vague(declaration(goal, name)) == ["goals.annual[0]"]


@pytest.mark.parametrize("name, goal", SPECIFIC)
def test_goals_with_an_object_or_a_quantity_are_not_vague(name, goal):
    assert vague(declaration(goal, name)) == []


def test_good_records_goals_are_not_vague():
    for name in (
        "project_network_leasing_2023",
        "project_labour_dispatch_2022",
        "selfeval_investigation_2022",
        "department_2022",
    ):
        assert check(good(name), rules=["goal.vague"]) == []


GOAL = "通过项目实施,开展农产品质量安全监测及三品一标工作,实现农产品质量安全得到提升,检测批次达到2批次/千人。"


def test_mid_term_goal_copied_from_the_annual_one():
    """corpus 011 六安 (项目期 3年): 中期目标 and 年度目标 are the same text."""
    record = declaration(GOAL, "农产品质检体系建设和“三品一标”发展项目", period="3年", mid=[GOAL])
    assert [f.path for f in check(record, rules=["goal.mid_term_copy"])] == ["goals.mid_term"]


def test_a_one_year_projects_mid_term_may_be_its_year():
    """corpus 039 金寨: 项目期 1年, 中期目标(2024年—2024年) — not a copy worth raising."""
    record = declaration(GOAL, "法治宣传经费、法治建设经费", period="1年", mid=[GOAL])
    assert check(record, rules=["goal.mid_term_copy"]) == []


def test_different_mid_term_goals_are_quiet():
    assert check(good("project_labour_dispatch_2022"), rules=["goal.mid_term_copy"]) == []


def test_actual_copied_from_expected():
    found = check(corpus("008_market-regulation_anju_2021"), rules=["selfeval.actual_copies_goal"])
    assert [f.path for f in found] == ["goals[0].actual"]


def test_an_actual_that_reports_what_was_done_is_quiet():
    assert check(good("selfeval_investigation_2022"), rules=["selfeval.actual_copies_goal"]) == []
    assert check(seed("002_selfeval_1_investigation"), rules=["selfeval.actual_copies_goal"]) == []
