"""Every rule of RULES.md §2 fires on a real bad case (a seed form, or a realistic
edit of one where the seeds have none) and stays quiet on correct records."""

import copy
from decimal import Decimal

import pytest
from conftest import GOOD_RECORDS, SEED_RECORDS, corpus, good, seed

from assistant.fileio import load_file
from assistant.rules import RULES, check

CATALOGUE = """schema.invalid project.field_missing funds.sum_mismatch funds.annual_exceeds_mid_term
funds.mid_term_missing plan.not_cumulative plan.not_complete goal.missing goal.vague indicator.hierarchy
indicator.required_missing indicator.empty indicator.value_unparsed indicator.no_unit indicator.unit_category
indicator.percent_range indicator.ge_100 indicator.cost_not_money indicator.cost_operator
indicator.cost_exceeds_budget indicator.satisfaction_range indicator.duplicate indicator.value_in_name
indicator.multi_value indicator.approximate indicator.input_as_output indicator.nonstandard_name
indicator.mid_term_copy indicator.too_few records.copy_paste dept.tasks_sum selfeval.weights_total
selfeval.weights_split selfeval.score_over_weight selfeval.score_mismatch selfeval.execution_rate
selfeval.total_mismatch selfeval.grade_mismatch selfeval.deviation_missing selfeval.actual_missing
selfeval.actual_is_target selfeval.actual_vague
goal.mid_term_copy indicator.misfiled indicator.output_ceiling indicator.operator_missing indicator.cost_is_budget
indicator.scale_implausible indicator.type_mismatch indicator.type_benefit_missing form.placeholder_left
selfeval.execution_over_budget selfeval.actual_over_ceiling selfeval.actual_copies_goal
indicator.description_copy indicator.name_value_mismatch indicator.name_sentence project.department_section
project.name_document indicator.satisfaction_subject
dse.spending_split dse.tasks_exceed_funds dse.task_overspent dse.task_money_missing
indicator.not_quantified""".split()
MIXED_SEVERITY = {"indicator.required_missing", "form.placeholder_left", "indicator.value_unparsed"}


def test_every_catalogued_rule_is_implemented_and_nothing_else():
    assert sorted(RULES) == sorted(CATALOGUE)


def edited(record, edit):
    record = copy.deepcopy(record)
    edit(record)
    return record


def ann(record, index):
    return record["indicators"]["annual"][index]


def se_row(record, index):
    return record["indicators"][index]


# rule id -> (description, record builder, path the finding must point at)
BAD_CASES = {
    "schema.invalid": (
        "金额写成文字、多了备注字段",
        lambda: edited(
            seed("001_network_leasing"), lambda r: (r["funds"]["annual"].update(total="48万"), r.update(备注="无"))
        ),
        "funds.annual.total",
    ),
    "project.field_missing": ("000 预算决算管理：项目属性空白", lambda: seed("000_budget_it"), "project.attribute"),
    "funds.sum_mismatch": (
        "总额 35 但财政拨款写了 30",
        lambda: edited(seed("001_operating_funds"), lambda r: r["funds"]["annual"].update(fiscal=30)),
        "funds.annual.total",
    ),
    "funds.annual_exceeds_mid_term": (
        "中期与年度金额填反",
        lambda: edited(
            seed("000_labour_dispatch"),
            lambda r: r["funds"].update(
                mid_term={"total": Decimal("42.3"), "fiscal": Decimal("42.3"), "other": 0},
                annual={"total": Decimal("126.9"), "fiscal": Decimal("126.9"), "other": 0},
            ),
        ),
        "funds.annual.total",
    ),
    "funds.mid_term_missing": (
        "000 公益岗位：长期项目无中期资金和目标",
        lambda: seed("000_public_welfare_posts"),
        "funds.mid_term",
    ),
    "plan.not_cumulative": (
        "按季度而非累计填写 25/30/20/25",
        lambda: edited(
            seed("003_01_backbone_network"),
            lambda r: r.update(
                spending_plan=[
                    {"month": 3, "percent": 25},
                    {"month": 6, "percent": 30},
                    {"month": 10, "percent": 20},
                    {"month": 12, "percent": 25},
                ]
            ),
        ),
        "spending_plan[2].percent",
    ),
    "plan.not_complete": (
        "按季度填写，最后是 25%",
        lambda: edited(
            seed("003_01_backbone_network"),
            lambda r: r.update(
                spending_plan=[
                    {"month": 3, "percent": 25},
                    {"month": 6, "percent": 30},
                    {"month": 10, "percent": 20},
                    {"month": 12, "percent": 25},
                ]
            ),
        ),
        "spending_plan[3].percent",
    ),
    "goal.missing": ("000 公益岗位：总体目标空白", lambda: seed("000_public_welfare_posts"), "goals.annual"),
    "goal.vague": ("003 骨干网络：保障医保工作顺利进行", lambda: seed("003_01_backbone_network"), "goals.annual[0]"),
    "indicator.hierarchy": (
        "000 公益岗位：一级写成“社会效益指标”",
        lambda: edited(seed("000_public_welfare_posts"), lambda r: ann(r, 6).update(level1="社会效益指标")),
        "indicators.annual[6].level1",
    ),
    "indicator.required_missing": (
        "000 公益岗位：没有质量指标",
        lambda: seed("000_public_welfare_posts"),
        "indicators.annual",
    ),
    "indicator.empty": ("000 劳务派遣：经济效益“无”", lambda: seed("000_labour_dispatch"), "indicators.annual"),
    # Issue 14: prose such as 医保工作越来越好 is qualitative now; garbled text is still unreadable.
    "indicator.value_unparsed": (
        "语料 013：M.8万元（14.8万元识别错误）",
        lambda: corpus("013_education_yinchuan_2021"),
        "indicators[5].target",
    ),
    "indicator.no_unit": (
        "000 支付方式改革：病种数 217",
        lambda: seed("000_payment_reform"),
        "indicators.annual[2].value",
    ),
    "indicator.unit_category": (
        "003 骨干网络：经办人数 ≥90百分比",
        lambda: seed("003_01_backbone_network"),
        "indicators.annual[0].value",
    ),
    "indicator.not_quantified": (
        "语料 015 昭化：数量指标“宣传教育”写成“覆盖全区所有人员”",
        lambda: corpus("015_health_zhaohua_2021"),
        "indicators.annual[1].value",
    ),
    "indicator.percent_range": (
        "参保率写成 ≥105%",
        lambda: edited(good("project_network_leasing_2023"), lambda r: ann(r, 3).update(value="≥105%")),
        "indicators.annual[3].value",
    ),
    "indicator.ge_100": (
        "结算信息上传率写成 ≥100%",
        lambda: edited(good("project_network_leasing_2023"), lambda r: ann(r, 3).update(value="≥100%")),
        "indicators.annual[3].value",
    ),
    "indicator.cost_not_money": (
        "003 骨干网络：人均财政投入水平 ≥90百分比",
        lambda: seed("003_01_backbone_network"),
        "indicators.annual[3].value",
    ),
    "indicator.cost_operator": (
        "001 经办经费：每人每年工作经费 ≥1元",
        lambda: seed("001_operating_funds"),
        "indicators.annual[8].value",
    ),
    "indicator.cost_exceeds_budget": (
        "000 基金监管：成本 30+40+20+10 > 90",
        lambda: seed("000_fund_supervision"),
        "indicators.annual",
    ),
    "indicator.satisfaction_range": ("000 部门：满意度 ≥70%", lambda: seed("000_department"), "indicators["),
    "indicator.duplicate": ("000 劳务派遣：四个指标同名", lambda: seed("000_labour_dispatch"), "indicators.annual"),
    "indicator.value_in_name": (
        "000 支付方式改革：医保专题培训3次",
        lambda: seed("000_payment_reform"),
        "indicators.annual",
    ),
    "indicator.multi_value": ("000 部门：≥70%、≥70%、≥85%、≥90%", lambda: seed("000_department"), "indicators["),
    "indicator.approximate": ("000 预算决算管理：约95%", lambda: seed("000_budget_it"), "indicators.annual[5].value"),
    "indicator.input_as_output": (
        "003 骨干网络：资金拨付率",
        lambda: seed("003_01_backbone_network"),
        "indicators.annual[1].name",
    ),
    "indicator.nonstandard_name": (
        "000 基金监管：满意度指标只写了“医药定点机构”",
        lambda: seed("000_fund_supervision"),
        "indicators.annual[13].name",
    ),
    "indicator.mid_term_copy": (
        "000 公益岗位：中期照抄年度",
        lambda: seed("000_public_welfare_posts"),
        "indicators.mid_term",
    ),
    "indicator.too_few": (
        "只留两个指标",
        lambda: edited(
            good("project_network_leasing_2023"), lambda r: r["indicators"].update(annual=r["indicators"]["annual"][:2])
        ),
        "indicators.annual",
    ),
    "records.copy_paste": ("003：十一个项目同一套指标", lambda: seed("003_01_backbone_network"), "indicators"),
    "dept.tasks_sum": (
        "000 部门：任务十 117.5 误写为 117",
        lambda: edited(seed("000_department"), lambda r: r["tasks"][9].update(total=117, fiscal=117)),
        "total.total",
    ),
    "selfeval.weights_total": (
        "002 调查费：满意度分值写成 20，合计 110",
        lambda: edited(seed("002_selfeval_1_investigation"), lambda r: se_row(r, 8).update(weight=20, score=20)),
        "indicators",
    ),
    "selfeval.weights_split": (
        "002 调查费：产出 55、效益 25",
        lambda: edited(
            seed("002_selfeval_1_investigation"),
            lambda r: (se_row(r, 0).update(weight=15, score=15), se_row(r, 4).update(weight=0, score=0)),
        ),
        "indicators",
    ),
    "selfeval.score_over_weight": (
        "得分 12 高于分值 10",
        lambda: edited(seed("002_selfeval_1_investigation"), lambda r: se_row(r, 0).update(score=12)),
        "indicators[0].score",
    ),
    "selfeval.score_mismatch": (
        "实际 10 次、目标 ≥12次，却给满分",
        lambda: edited(seed("002_selfeval_1_investigation"), lambda r: se_row(r, 0).update(actual="10次")),
        "indicators[0].score",
    ),
    "selfeval.execution_rate": (
        "执行 5 万、预算 7 万，执行率得分仍填 10",
        lambda: edited(
            seed("002_selfeval_3_archives"),
            lambda r: (r["funds"]["total"].update(executed=5), r["funds"]["fiscal"].update(executed=5)),
        ),
        "execution.score",
    ),
    "selfeval.total_mismatch": (
        "总分写 98",
        lambda: edited(seed("002_selfeval_1_investigation"), lambda r: r.update(total_score=98, grade="优")),
        "total_score",
    ),
    "selfeval.grade_mismatch": (
        "总分 100 却评“良”",
        lambda: edited(seed("002_selfeval_1_investigation"), lambda r: r.update(grade="良")),
        "grade",
    ),
    "selfeval.deviation_missing": (
        "扣分却没写偏差原因",
        lambda: edited(
            seed("002_selfeval_1_investigation"),
            lambda r: (
                se_row(r, 0).update(actual="10次", score=Decimal("8.33")),
                r.update(total_score=Decimal("98.33")),
            ),
        ),
        "indicators[0].deviation",
    ),
    "selfeval.actual_missing": (
        "实际完成值空白",
        lambda: edited(seed("002_selfeval_1_investigation"), lambda r: se_row(r, 0).update(actual="")),
        "indicators[0].actual",
    ),
    "selfeval.actual_is_target": (
        "实际完成值照抄 ≥12次",
        lambda: edited(seed("002_selfeval_1_investigation"), lambda r: se_row(r, 0).update(actual="≥12次")),
        "indicators[0].actual",
    ),
    "selfeval.actual_vague": (
        "002 智能审核：目标 1、实际“达成预期指标”",
        lambda: seed("002_selfeval_4_smart_review"),
        "indicators[0].actual",
    ),
    "dse.spending_split": (
        "部门自评：项目支出执行数写成 530，基本+项目 ≠ 总额",
        lambda: edited(good("dept_selfeval_2022"), lambda r: r["funds"]["project"].update(executed=530)),
        "funds.total.executed",
    ),
    "dse.tasks_exceed_funds": (
        "部门自评：任务一执行数误写为 500，任务合计超过全年执行数",
        lambda: edited(good("dept_selfeval_2022"), lambda r: r["tasks"][0].update(executed=500)),
        "tasks",
    ),
    "dse.task_overspent": (
        "部门自评：任务二预算 20、执行 25",
        lambda: edited(good("dept_selfeval_2022"), lambda r: r["tasks"][1].update(executed=25)),
        "tasks[1].executed",
    ),
    "dse.task_money_missing": (
        "部门自评：任务三没有执行数",
        lambda: edited(good("dept_selfeval_2022"), lambda r: r["tasks"][2].update(executed=None)),
        "tasks[2].executed",
    ),
    "goal.mid_term_copy": (
        "000 基金监管：长期项目中期目标照抄年度目标",
        lambda: seed("000_fund_supervision"),
        "goals.mid_term",
    ),
    "indicator.misfiled": (
        "000 部门：人民群众参保满意度放在质量指标",
        lambda: seed("000_department"),
        "indicators[10].level2",
    ),
    "indicator.output_ceiling": (
        "专题培训活动写成 ≤5次",
        lambda: edited(seed("000_payment_reform"), lambda r: ann(r, 0).update(value="≤5次")),
        "indicators.annual[0].value",
    ),
    "indicator.operator_missing": ("000 部门：患者满意度 95%", lambda: seed("000_department"), "indicators[44].value"),
    "indicator.cost_is_budget": (
        "000 预算决算管理：分项成本之外又写“项目金额 105万元”（corpus 017 的写法）",
        lambda: edited(
            seed("000_budget_it"),
            lambda r: r["indicators"]["annual"].append(
                {
                    "level1": "产出指标",
                    "level2": "成本指标",
                    "name": "项目金额",
                    "value": "105万元",
                    "description": "",
                    "basis": "",
                }
            ),
        ),
        "indicators.annual[35].value",
    ),
    "indicator.scale_implausible": (
        "000 劳务派遣：9人写成2人，4.7万×2=9.4 远低于 42.3",
        lambda: edited(seed("000_labour_dispatch"), lambda r: ann(r, 0).update(value="2人")),
        "indicators.annual[3].value",
    ),
    "indicator.type_mismatch": (
        "003 代理记账：参保人数、参保人员满意度",
        lambda: seed("003_03_bookkeeping"),
        "indicators.annual",
    ),
    "indicator.type_benefit_missing": (
        "corpus 002 环境卫生清洁：没有生态效益",
        lambda: corpus("002_urban_masked-district_2020"),
        "indicators.annual",
    ),
    "form.placeholder_left": (
        "corpus 033 外立面改造(≥**平方米)",
        lambda: corpus("033_rural-revitalisation_tongxin_2022"),
        "indicators.annual[0].name",
    ),
    "selfeval.execution_over_budget": (
        "002 档案整理：执行 7.5 万、预算 7 万",
        lambda: edited(
            seed("002_selfeval_3_archives"),
            lambda r: (
                r["funds"]["total"].update(executed=Decimal("7.5")),
                r["funds"]["fiscal"].update(executed=Decimal("7.5")),
            ),
        ),
        "funds.total.executed",
    ),
    "selfeval.actual_over_ceiling": (
        "002 调查费：出差费用不超过2万元，实际 25000元 仍满分",
        lambda: edited(
            seed("002_selfeval_1_investigation"),
            lambda r: se_row(r, 3).update(name="出差费用不超过2万元", actual="25000元"),
        ),
        "indicators[3].score",
    ),
    "indicator.name_value_mismatch": (
        "003 骨干网络：质量指标“资金拨付率”写成 ≥90人（种子的同类写法 ≥90百分比 改成人数）",
        lambda: edited(seed("003_01_backbone_network"), lambda r: ann(r, 1).update(value="≥90人")),
        "indicators.annual[1].value",
    ),
    "indicator.name_sentence": (
        "001 经办经费：社会效益名称“为服务群众提高便捷, 优质高效的医疗保障, 减少因病致贫人口”",
        lambda: seed("001_operating_funds"),
        "indicators.annual[9].name",
    ),
    "project.department_section": (
        "语料 036 阳泉：主管部门写“经济建设科”",
        lambda: corpus("036_transport_yangquan_2021"),
        "project.department",
    ),
    "project.name_document": (
        "语料 014 阜康：项目名称带“昌州财行(2022)10号”",
        lambda: corpus("014_statistics_fukang_2023"),
        "project.name",
    ),
    "indicator.satisfaction_subject": (
        "002 调查费：满意度指标只写“满意度”",
        lambda: seed("002_selfeval_1_investigation"),
        "indicators[8].name",
    ),
    "indicator.description_copy": (
        "语料 005 浮梁：13 项指标值说明都是“该指标值数据合理”",
        lambda: corpus("005_forestry_fuliang_2026"),
        "indicators",
    ),
    "selfeval.actual_copies_goal": (
        "corpus 008 食品监管：实际完成情况照抄预期目标",
        lambda: corpus("008_market-regulation_anju_2021"),
        "goals[0].actual",
    ),
}


def test_every_rule_has_a_bad_case():
    assert sorted(BAD_CASES) == sorted(CATALOGUE)


@pytest.mark.parametrize("rule_id", sorted(BAD_CASES))
def test_rule_fires_on_bad_case(rule_id):
    _, build, path = BAD_CASES[rule_id]
    record = build()
    others = [("003_04", seed("003_04_fund_supervision"))] if rule_id == "records.copy_paste" else []
    found = [f for f in check(record, others=others) if f.rule == rule_id]
    assert found, f"{rule_id} did not fire"
    assert any(f.path.startswith(path) for f in found), [f.path for f in found]
    for finding in found:
        assert finding.severity == RULES[rule_id].severity or rule_id in MIXED_SEVERITY
        assert any("\u4e00" <= ch <= "\u9fff" for ch in finding.message)


@pytest.mark.parametrize("path", GOOD_RECORDS, ids=lambda p: p.stem)
def test_correct_records_raise_nothing(path):
    record = load_file(path)
    others = [(p.stem, load_file(p)) for p in GOOD_RECORDS if p != path]
    assert check(record, others=others) == []


# Places where the seeds are right: the rules must stay quiet there.
SEED_QUIET = [
    ("000_department", "dept.tasks_sum"),  # 12 tasks = 1057.49
    ("000_department", "indicator.cost_exceeds_budget"),
    ("000_budget_it", "indicator.cost_exceeds_budget"),  # 105 = 105, 312 ≤ 315
    ("000_payment_reform", "indicator.cost_exceeds_budget"),
    ("000_payment_reform", "funds.mid_term_missing"),  # 1年
    ("000_public_welfare_posts", "indicator.cost_exceeds_budget"),  # 4.7万 × 16人 = 75.2
    ("000_labour_dispatch", "indicator.cost_exceeds_budget"),  # 4.7 × 9 = 42.3; × 3 = 126.9
    ("001_operating_funds", "indicator.cost_exceeds_budget"),
    ("003_01_backbone_network", "plan.not_cumulative"),
    ("003_01_backbone_network", "plan.not_complete"),
    ("003_03_bookkeeping", "records.copy_paste"),  # its own set
] + [
    (f"002_selfeval_{n}", rule)
    for n in ("1_investigation", "2_case_review", "3_archives", "4_smart_review", "5_operating")
    for rule in (
        "selfeval.weights_total",
        "selfeval.weights_split",
        "selfeval.score_over_weight",
        "selfeval.score_mismatch",
        "selfeval.execution_rate",
        "selfeval.total_mismatch",
        "selfeval.grade_mismatch",
        "selfeval.deviation_missing",
        "selfeval.actual_missing",
        "funds.sum_mismatch",
    )
]


@pytest.mark.parametrize("name, rule_id", SEED_QUIET)
def test_rule_quiet_where_seed_is_right(name, rule_id):
    others = [(p.stem, load_file(p)) for p in SEED_RECORDS if p.stem != name]
    assert [f for f in check(seed(name), others=others) if f.rule == rule_id] == []


def test_a_satisfaction_target_in_words_is_not_quantified():
    """Seed 000 公益岗 wrote 满意 and 提高 as the targets of its 满意度 rows: a reviewer
    asks for a rate (≥90%). 000 劳务派遣's 考核满意 likewise."""
    found = {f.path: f.message for f in check(seed("000_public_welfare_posts")) if f.rule == "indicator.not_quantified"}
    assert {"indicators.annual[12].value", "indicators.annual[14].value", "indicators.annual[15].value"} <= set(found)
    assert "≥90%" in found["indicators.annual[14].value"] and "“满意”" in found["indicators.annual[14].value"]
    assert any(f.rule == "indicator.not_quantified" for f in check(seed("000_labour_dispatch")))


def test_a_quantity_target_written_as_a_time_is_sent_to_the_timeliness_indicators():
    record = edited(good("project_network_leasing_2023"), lambda r: ann(r, 0).update(value="年底前完成"))
    found = [f for f in check(record) if f.rule == "indicator.not_quantified"]
    assert [f.path for f in found] == ["indicators.annual[0].value"] and "时效指标" in found[0].message


def test_copy_pasted_sets_of_003_are_caught_across_files():
    records = [(p.stem, load_file(p)) for p in SEED_RECORDS if p.stem.startswith("003_")]
    flagged = {
        name for name, record in records if any(f.rule == "records.copy_paste" for f in check(record, others=records))
    }
    assert flagged == {name for name, _ in records} - {"003_03_bookkeeping"}


def test_network_leasing_unit_prices_times_lines_exceed_48():
    found = [f for f in check(seed("001_network_leasing")) if f.rule == "indicator.cost_exceeds_budget"]
    assert len(found) == 1 and "49.14" in found[0].message and "136" in found[0].message


def test_supervision_costs_exceed_90_and_270_over_three_years():
    found = [f for f in check(seed("000_fund_supervision")) if f.rule == "indicator.cost_exceeds_budget"]
    assert {f.path.split("[")[0] for f in found} == {"indicators.annual", "indicators.mid_term"}
    assert any("100 万元" in f.message and "90 万元" in f.message for f in found)
    assert any("300 万元" in f.message and "270 万元" in f.message for f in found)


def test_seed_records_never_crash_and_findings_are_well_formed():
    records = [(p.stem, load_file(p)) for p in SEED_RECORDS]
    for _name, record in records:
        for finding in check(record, others=records):
            assert finding.rule in RULES and finding.severity in ("error", "warning", "info")
            assert finding.message and finding.path is not None


@pytest.mark.parametrize(
    "broken",
    [
        {"form": "project-declaration"},
        {"form": "self-evaluation", "indicators": "x", "funds": {"total": {"adjusted": 0, "executed": 0}}},
        {"form": "department-declaration", "tasks": [None, {"total": "x"}], "total": []},
        {"form": "nope"},
        [],
        "text",
        None,
    ],
)
def test_broken_records_give_findings_not_tracebacks(broken):
    findings = check(broken)
    assert findings and findings[0].rule == "schema.invalid"


def test_zero_budget_is_not_a_division_by_zero():
    record = edited(
        seed("002_selfeval_1_investigation"),
        lambda r: ([r["funds"][k].update(initial=0, adjusted=0, executed=0) for k in ("total", "fiscal")]),
    )
    found = {f.rule for f in check(record)}
    assert "selfeval.execution_rate" in found  # says the rate cannot be computed


def test_nothing_is_a_target_of_a_negative_effect_but_not_a_name():
    """`无` names no indicator (seed 000's 经济效益 `无`), but it is the target of
    施工造成的环境污染或生态破坏 (RULES.md §4.1 #9)."""
    record = edited(
        good("project_network_leasing_2023"),
        lambda r: r["indicators"]["annual"].insert(
            8,
            {
                "level1": "效益指标",
                "level2": "生态效益指标",
                "name": "施工造成的环境污染或生态破坏",
                "value": "无",
                "description": "",
                "basis": "计划标准",
            },
        ),
    )
    assert [f for f in check(record) if f.rule in ("indicator.empty", "indicator.value_unparsed")] == []
    assert any(f.rule == "indicator.empty" and f.path.endswith(".name") for f in check(seed("000_labour_dispatch")))
