"""The 43 published corpus forms (tests/fixtures/corpus/): the findings a reviewer
would raise on the visible part of each form are raised — errors and warnings,
listed per form below with the reason.

That no error is raised that a reviewer would not raise is tests/test_corpus_forms.py
(every error of every form, each with its reason, or marked as lost in the copy).
"""

import pytest
from conftest import FIXTURES, corpus

from assistant.rules import check

FORMS = sorted(p.stem for p in (FIXTURES / "corpus").glob("*.json"))

# form → [(rule, path prefix)] a reviewer raises on the visible part of the form.
EXPECTED = {
    "001_health_mengcheng_2024": [
        ("project.field_missing", "project.department"),  # 主管部门及代码 left blank
        ("indicator.unit_category", "indicators.annual[0]"),  # 接种率 ≧90% filed as a 数量
        ("indicator.unit_category", "indicators.annual[1]"),
        ("funds.mid_term_missing", "funds.mid_term"),  # 项目期 长期, no 中期 block
    ],
    "002_urban_masked-district_2020": [
        ("indicator.type_benefit_missing", "indicators.annual"),  # 环境卫生 with no 生态效益 row
        ("indicator.operator_missing", "indicators.annual[3]"),  # 垃圾无害化处理率 100%
    ],
    "003_public-security_xuancheng_2021": [("indicator.input_as_output", "indicators[2].name")],  # 经费支出合规性
    "004_public-security_huangshan_2025": [("indicator.name_value_mismatch", "indicators.annual[1]")],  # ≥0.97比例
    "005_forestry_fuliang_2026": [
        ("indicator.description_copy", "indicators"),  # 该指标值数据合理 on every row
        ("goal.vague", "goals[0]"),  # 保证林业局职能实现,保障人员经费。
        ("indicator.unit_category", "indicators[10]"),  # a banner counted in 年
    ],
    "006_forestry_rongchang_2022": [],
    "007_emergency_fengjie_2023": [
        ("indicator.empty", "indicators.annual[0].name"),  # 101号 cost rows left as 0 | 0.00% | 0
        ("indicator.empty", "indicators.annual[1].name"),
        ("indicator.empty", "indicators.annual[2].name"),
        ("indicator.required_missing", "indicators.annual"),  # so no 经济成本 at all
        ("goal.vague", "goals.annual[0]"),  # 全力以赴做好安全生产…保障工作顺利开展
    ],
    "008_market-regulation_anju_2021": [
        ("selfeval.actual_copies_goal", "goals[0].actual"),  # 实际完成 = 预期目标
        ("indicator.required_missing", "indicators"),  # no 数量 block, no 成本
        ("indicator.operator_missing", "indicators[1]"),
    ],
    "009_market-regulation_ganzi_undated": [
        ("project.field_missing", "project.name"),  # 项目名称 left blank
        ("indicator.cost_not_money", "indicators.annual[0]"),  # 检查差旅费 470 人/天
        ("indicator.cost_not_money", "indicators.annual[1]"),
        ("indicator.value_unparsed", "indicators.annual[8]"),  # 高中低 as the target
        ("indicator.value_unparsed", "indicators.annual[9]"),
        ("indicator.value_unparsed", "indicators.annual[10]"),
        ("indicator.no_unit", "indicators.annual[3]"),
    ],
    "010_market-regulation_suining-jkq_2021": [
        ("indicator.empty", "indicators[10].target"),  # rows printed with no 指标值
        ("indicator.empty", "indicators[17].target"),
        ("indicator.empty", "indicators[18].target"),
        ("selfeval.actual_missing", "indicators[10].actual"),
        ("indicator.no_unit", "indicators[0]"),  # ≥3, ≥124 with no unit
        ("indicator.no_unit", "indicators[3]"),
        ("indicator.operator_missing", "indicators[16]"),  # 培训成本 400元/人、天
    ],
    "011_agriculture_luan_2024": [
        ("goal.mid_term_copy", "goals.mid_term"),  # 中期目标 = 年度目标, 项目期 3年
        ("indicator.mid_term_copy", "indicators.mid_term"),
    ],
    "012_environment_xianning_2021": [("selfeval.deviation_missing", "execution.deviation")],  # 执行率 0
    "013_education_yinchuan_2021": [
        ("indicator.misfiled", "indicators[1].level2"),  # 公用经费标准 under 质量
        ("selfeval.deviation_missing", "indicators[6]"),  # marked down with no reason
        ("selfeval.deviation_missing", "indicators[7]"),
        ("goal.vague", "goals[0].expected"),  # 保障学校正常工作运行
        ("indicator.operator_missing", "indicators[4]"),  # 35万元 cost with no ≤
    ],
    "014_statistics_fukang_2023": [("project.name_document", "project.name")],  # 昌州财行(2022)10号 in the name
    "015_health_zhaohua_2021": [
        ("indicator.input_as_output", "indicators.annual[5].name"),  # 资金拨付到位情况
        ("indicator.cost_not_money", "indicators.annual[6]"),  # the cost row is a sentence
        ("indicator.misfiled", "indicators.annual[3].level2"),  # 知晓率 under 质量
        ("indicator.name_sentence", "indicators.annual[6].name"),  # 严控成本,严格按照项目资金落实各项工作,…
        ("indicator.not_quantified", "indicators.annual[1].value"),  # 宣传教育: 覆盖全区所有人员
    ],
    "016_health_xiangyang_2021": [
        ("indicator.misfiled", "indicators[0].level2"),  # 成本控制 不超过预算 filed as 数量
        ("indicator.not_quantified", "indicators[0].target"),  # and 不超过预算 counts nothing
        ("indicator.input_as_output", "indicators[1].name"),  # 专款专用
        ("indicator.value_in_name", "indicators[2].name"),  # 每年财政补助1000万元
        ("indicator.value_in_name", "indicators[3].name"),  # the name is 1年
        ("selfeval.actual_is_target", "indicators[0].actual"),
        ("indicator.name_sentence", "indicators[4].name"),  # 完成东津院区建设,医院东津医疗收入达到5亿元
    ],
    "017_culture_huaibei_2025": [("indicator.operator_missing", "indicators.annual[3]")],  # 项目金额 5万元
    "018_transport_dongguan_2019": [
        ("indicator.input_as_output", "indicators.annual[3].name"),  # 年度预算执行率 as the 预算控制 row
        ("indicator.cost_not_money", "indicators.annual[3]"),
        ("indicator.mid_term_copy", "indicators.mid_term"),
        ("indicator.no_unit", "indicators.annual[0]"),
    ],
    "019_transport_langzhong_2021": [
        ("indicator.value_in_name", "indicators[0].name"),  # 建设普通省道二级公路32.1公里
        ("indicator.no_unit", "indicators[0]"),  # points in the target column
        ("indicator.required_missing", "indicators"),  # the 成本 row is empty
    ],
    "020_urban_linhai_2024": [
        ("indicator.required_missing", "indicators.annual"),  # no 成本 row
        ("indicator.operator_missing", "indicators.annual[1]"),
    ],
    "021_education_xiangyin_2022": [],
    "022_culture_chongqing-kxc_2021": [
        ("indicator.empty", "indicators[1].target"),  # “三公经费变动率 printed with no target
        ("indicator.empty", "indicators[7].target"),
    ],
    "023_forestry_liangping_2023": [],
    "024_civil-affairs_zhaoqing_2024": [],
    "025_public-security_fengdu_2022": [("indicator.cost_exceeds_budget", "indicators.annual[2]")],  # 3584 > 2565
    "026_justice_shangrao_2021": [("selfeval.execution_rate", "execution.score")],  # 分值 100 for 10
    "027_health_jishan_2021": [
        ("selfeval.actual_copies_goal", "goals[0].actual"),  # both are the project's name
        ("goal.vague", "goals[0].expected"),
        ("selfeval.score_mismatch", "indicators[0]"),  # partial scores not proportional
        ("selfeval.score_mismatch", "indicators[17]"),  # 203/214 scored 1.8
    ],
    "028_sports_jinan-la_2025": [
        ("indicator.input_as_output", "indicators.annual[2].name"),  # 经费支出合规率
        ("funds.mid_term_missing", "funds.mid_term"),  # 项目期 3年, annual funds only
        ("indicator.operator_missing", "indicators.annual[3]"),
        ("indicator.name_sentence", "indicators.annual[7].name"),  # whole sentences as names
    ],
    "029_sports_jinan-la_2025b": [
        ("goal.vague", "goals.annual[0]"),  # only says money is carried over
        ("funds.mid_term_missing", "funds.mid_term"),
    ],
    "030_human-resources_sichuan-county_undated": [
        ("selfeval.deviation_missing", "execution.deviation"),  # 109.8 of 208 spent
        ("selfeval.actual_is_target", "indicators[6].actual"),  # actual ≥80%
        ("indicator.input_as_output", "indicators[2].name"),  # 资金足额拨付率
        ("indicator.input_as_output", "indicators[3].name"),  # 地方配套到位率
        ("indicator.unit_category", "indicators[0]"),  # 增长率 as a 数量
        ("indicator.required_missing", "indicators"),  # no 时效, no 成本
        ("selfeval.actual_copies_goal", "goals[0].actual"),  # 完成情况 copies the 目标 (numbering aside)
    ],
    "031_human-resources_hanyin_2022": [
        ("indicator.input_as_output", "indicators.annual[2].name"),
        ("indicator.input_as_output", "indicators.annual[3].name"),  # 地方配套资金到位率
        ("indicator.unit_category", "indicators.annual[0]"),  # 贷款发放额 4000万元 as a 数量
        ("indicator.required_missing", "indicators.annual"),  # no 时效, no 成本
    ],
    "032_culture_dongguan_2022": [
        ("indicator.mid_term_copy", "indicators.mid_term"),
        ("indicator.multi_value", "indicators.annual[0]"),  # 建筑面积2.6万平方米,展示面积1万平方米
        ("indicator.operator_missing", "indicators.annual[1]"),
    ],
    "033_rural-revitalisation_tongxin_2022": [("form.placeholder_left", "indicators.annual[0].name")],  # (≥**平方米)
    "034_culture_ezhou_2020": [],
    "035_health_wuhu_2019": [
        ("goal.vague", "goals.annual[0]"),  # 用于开展特殊人群病种筛查工作
        ("goal.vague", "goals.annual[1]"),  # 贯彻落实党中央…依法做好防控工作
    ],
    "036_transport_yangquan_2021": [
        ("funds.mid_term_missing", ""),  # 项目期限 3年, 中期 funds blank
        ("project.department_section", "project.department"),  # 经济建设科 as the 主管部门
    ],
    "037_human-resources_tianjiaan_2024": [("selfeval.deviation_missing", "execution.deviation")],  # 86%
    "038_human-resources_chuzhou_2022": [],
    "039_justice_jinzhai_2024": [],
    "040_agriculture_anxi_2025": [],
    "041_civil-affairs_daying_2020": [
        ("indicator.value_in_name", "indicators[1].name"),  # the names are 2020年 and 100万
        ("indicator.value_in_name", "indicators[2].name"),
        ("indicator.operator_missing", "indicators[2]"),
    ],
    "042_public-security_huangshan_2025b": [],
    "043_rural-revitalisation_dehua_2020": [],
}


def test_every_corpus_form_has_its_list():
    assert sorted(EXPECTED) == FORMS and len(FORMS) == 43


def _matches(finding, entry) -> bool:
    rule_id, path = entry
    return finding.rule == rule_id and finding.path.startswith(path)


@pytest.mark.parametrize("name", FORMS)
def test_what_a_reviewer_raises_is_raised(name):
    found = check(corpus(name))
    missed = [entry for entry in EXPECTED[name] if not any(_matches(f, entry) for f in found)]
    assert missed == []
