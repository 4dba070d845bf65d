"""Every rule, old and new, stays quiet on a real good case: a real form (corpus,
seed, or the corrected seeds in tests/fixtures/good) that has what the rule looks
at and has it right. The bad cases are tests/test_rules.py BAD_CASES."""

import pytest
from conftest import SEED_RECORDS, corpus, good, seed

from assistant.fileio import load_file
from assistant.rules import RULES, check

LOAD = {"corpus": corpus, "seed": seed, "good": good}

# rule → [(where, record, why it is right there)]
QUIET = {
    "schema.invalid": [("good", "project_network_leasing_2023", "a complete record in the standard layout")],
    "project.field_missing": [
        ("corpus", "002_urban_masked-district_2020", "the 打捆项目 form prints no 实施单位/项目属性")
    ],
    "funds.sum_mismatch": [
        ("corpus", "002_urban_masked-district_2020", "only a total is printed: the split is not stated"),
        ("seed", "000_department", "12 tasks, fiscal = total"),
    ],
    "funds.annual_exceeds_mid_term": [("corpus", "011_agriculture_luan_2024", "51.35 of 68.50 中期")],
    "funds.mid_term_missing": [("seed", "000_payment_reform", "项目期 1年")],
    "plan.not_cumulative": [("seed", "003_01_backbone_network", "25/50/75/100")],
    "plan.not_complete": [("seed", "003_01_backbone_network", "ends at 100%")],
    "goal.missing": [("corpus", "001_health_mengcheng_2024", "one 总体目标")],
    "goal.vague": [
        ("corpus", "001_health_mengcheng_2024", "names its people and its service"),
        ("corpus", "006_forestry_rongchang_2022", "3500米 of road greened"),
    ],
    "goal.mid_term_copy": [
        ("corpus", "018_transport_dongguan_2019", "29 roads over three years vs this year's payments")
    ],
    "indicator.hierarchy": [
        ("corpus", "015_health_zhaohua_2021", "项目完成指标/项目效益指标 mapped by its template"),
        ("corpus", "018_transport_dongguan_2019", "预期产出指标/效果指标 mapped by its template"),
    ],
    "indicator.required_missing": [("corpus", "028_sports_jinan-la_2025", "a complete table with every category")],
    "indicator.empty": [("corpus", "028_sports_jinan-la_2025", "生态效益 本项目不适用此指标 | 无")],
    "indicator.value_unparsed": [("corpus", "017_culture_huaibei_2025", "是/否 and 2025年12月 targets")],
    "indicator.no_unit": [("corpus", "005_forestry_fuliang_2026", "units in their own 度量单位 column")],
    "indicator.unit_category": [("corpus", "017_culture_huaibei_2025", "≥70村, ≥95%, 5万元 in their categories")],
    "indicator.not_quantified": [
        ("corpus", "017_culture_huaibei_2025", "≥70村: a count"),
        ("seed", "001_network_leasing", "=136条, ≥95%: a count and a rate"),
        ("seed", "000_budget_it", "每台办公软件均安装 is vague: indicator.value_unparsed says so"),
    ],
    "indicator.percent_range": [("corpus", "028_sports_jinan-la_2025", "100%, ≥95%")],
    "indicator.ge_100": [("corpus", "001_health_mengcheng_2024", "≧90%, ≧85%")],
    "indicator.cost_not_money": [("corpus", "004_public-security_huangshan_2025", "<1681680元 (元 converted)")],
    "indicator.cost_operator": [("corpus", "004_public-security_huangshan_2025", "a strict < on the cost")],
    "indicator.cost_exceeds_budget": [
        ("seed", "000_budget_it", "105 = 105, 312 ≤ 315"),
        ("corpus", "028_sports_jinan-la_2025", "项目总成本 ≤1000万元 = the budget"),
    ],
    "indicator.cost_is_budget": [
        ("corpus", "028_sports_jinan-la_2025", "the only cost row is the total"),
        ("seed", "001_operating_funds", "the total beside a unit price"),
    ],
    "indicator.scale_implausible": [("seed", "000_labour_dispatch", "9人 × 4.7万元 = 42.3 = the budget")],
    "indicator.satisfaction_range": [
        ("corpus", "031_human-resources_hanyin_2022", "≥80%, the floor"),
        ("corpus", "017_culture_huaibei_2025", "≥90%"),
    ],
    "indicator.duplicate": [("corpus", "011_agriculture_luan_2024", "the same names in two sets, once in each")],
    "indicator.value_in_name": [
        ("corpus", "027_health_jishan_2021", "孕产妇7天访视数, 0-36月龄…"),
        ("corpus", "005_forestry_fuliang_2026", "保障在职职工人数(人): a unit, no target"),
    ],
    "indicator.multi_value": [("corpus", "018_transport_dongguan_2019", "±3%以内 is one target")],
    "indicator.approximate": [("corpus", "017_culture_huaibei_2025", "exact targets")],
    "indicator.input_as_output": [
        ("corpus", "013_education_yinchuan_2021", "预算执行率 under 项目管理(25分)"),
        ("corpus", "022_culture_chongqing-kxc_2021", "部门整体自评 scores 预算执行 by design"),
    ],
    "indicator.misfiled": [
        ("corpus", "041_civil-affairs_daying_2020", "满意度 under 满意度"),
        ("corpus", "028_sports_jinan-la_2025", "every row under its heading"),
    ],
    "indicator.name_value_mismatch": [("corpus", "010_market-regulation_suining-jkq_2021", "完成率 100%, 批次 ≥3")],
    "indicator.name_sentence": [
        ("corpus", "017_culture_huaibei_2025", "short names, one long one without a clause break")
    ],
    "project.department_section": [("corpus", "011_agriculture_luan_2024", "[066]六安市农业农村局")],
    "project.name_document": [("corpus", "017_culture_huaibei_2025", "a plain project name")],
    "indicator.satisfaction_subject": [
        ("corpus", "031_human-resources_hanyin_2022", "申报定向费用补贴金融机构满意度"),
        ("good", "project_network_leasing_2023", "参保群众满意度"),
    ],
    "indicator.output_ceiling": [("corpus", "002_urban_masked-district_2020", "counts to achieve, no ≤")],
    "indicator.operator_missing": [
        ("corpus", "025_public-security_fengdu_2022", "operators in the 指标性质 column"),
        ("corpus", "019_transport_langzhong_2021", "points, not targets"),
    ],
    "indicator.nonstandard_name": [("good", "project_network_leasing_2023", "standard names")],
    "indicator.mid_term_copy": [("good", "project_labour_dispatch_2022", "中期 totals over three years")],
    "indicator.too_few": [("corpus", "028_sports_jinan-la_2025", "eleven indicators")],
    "indicator.type_mismatch": [
        ("seed", "001_network_leasing", "专线 rows for a 专线 lease"),
        ("seed", "000_public_welfare_posts", "posts doing reimbursement work"),
    ],
    "indicator.type_benefit_missing": [("corpus", "020_urban_linhai_2024", "绿化养护 with a 生态效益 row")],
    "indicator.description_copy": [("seed", "003_01_backbone_network", "a description per row")],
    "form.placeholder_left": [("corpus", "001_health_mengcheng_2024", "≧ is an operator, not a placeholder")],
    "records.copy_paste": [("seed", "003_03_bookkeeping", "its own set")],
    "dept.tasks_sum": [("seed", "000_department", "12 tasks = 1057.49")],
    "selfeval.weights_total": [
        ("seed", "002_selfeval_1_investigation", "50/30/10 + 10"),
        ("corpus", "008_market-regulation_anju_2021", "no 分值 column"),
    ],
    "selfeval.weights_split": [("seed", "002_selfeval_2_case_review", "50/30/10 + 10")],
    "selfeval.score_over_weight": [("seed", "002_selfeval_3_archives", "scores at most their weights")],
    "selfeval.score_mismatch": [("seed", "002_selfeval_3_archives", "full scores for full actuals")],
    "selfeval.execution_rate": [("seed", "002_selfeval_3_archives", "6.999 of 7 scored 10.00")],
    "selfeval.execution_over_budget": [("corpus", "003_public-security_xuancheng_2021", "100 of 100")],
    "selfeval.total_mismatch": [("seed", "002_selfeval_1_investigation", "scores add up to 100")],
    "selfeval.grade_mismatch": [("corpus", "013_education_yinchuan_2021", "the layout prints no 等级")],
    "selfeval.deviation_missing": [
        ("corpus", "027_health_jishan_2021", "the layout has no 偏差原因 column"),
        ("seed", "002_selfeval_4_smart_review", "full scores"),
    ],
    "selfeval.actual_missing": [("seed", "002_selfeval_5_operating", "every actual filled")],
    "selfeval.actual_is_target": [("good", "selfeval_investigation_2022", "measured actuals")],
    "selfeval.actual_vague": [("good", "selfeval_investigation_2022", "达成 only for a qualitative target")],
    "selfeval.actual_over_ceiling": [("seed", "002_selfeval_1_investigation", "no ceiling in a name exceeded")],
    "selfeval.actual_copies_goal": [
        ("corpus", "003_public-security_xuancheng_2021", "says what was done, in the past")
    ],
    "dse.spending_split": [("good", "dept_selfeval_2022", "基本 508.35 + 项目 534.85 = 1043.2")],
    "dse.tasks_exceed_funds": [("good", "dept_selfeval_2022", "12 tasks: 1057.49 of 1080.49, 1043.2 of 1043.2")],
    "dse.task_overspent": [("good", "dept_selfeval_2022", "no task spent above its budget")],
    "dse.task_money_missing": [
        ("good", "dept_selfeval_2022", "every task has 预算数 and 执行数"),
        ("corpus", "022_culture_chongqing-kxc_2021", "the flat layout lists no tasks"),
    ],
}


def test_every_rule_has_a_real_good_case():
    assert sorted(QUIET) == sorted(RULES)


CASES = [(rule_id, where, name) for rule_id, cases in sorted(QUIET.items()) for where, name, _ in cases]


@pytest.mark.parametrize("rule_id, where, name", CASES, ids=[f"{r}-{n}" for r, _, n in CASES])
def test_rule_quiet_on_its_real_good_case(rule_id, where, name):
    record = LOAD[where](name)
    others = [(p.stem, load_file(p)) for p in SEED_RECORDS if p.stem != name] if rule_id == "records.copy_paste" else ()
    assert [f.line() for f in check(record, others=others) if f.rule == rule_id] == []
