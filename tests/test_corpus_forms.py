"""The 43 corpus forms as records (tests/fixtures/corpus/): each is a valid record
under its local template, and the checker raises no error a reviewer would not."""

import json
from pathlib import Path

import pytest

from assistant.knowledge.templates import record_template
from assistant.rules import check
from assistant.rules.findings import ERROR
from assistant.rules.schema import record_errors

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FILES = sorted(p.name for p in CORPUS.glob("*.json"))


def corpus(name: str) -> dict:
    name = name if name.endswith(".json") else f"{name}.json"
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def test_all_43_forms_are_fixtures_and_listed_in_the_readme():
    assert len(FILES) == 43
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name in FILES:
        assert f"`{name}`" in readme


@pytest.mark.parametrize("name", FILES)
def test_each_form_is_a_valid_record_under_its_template(name):
    record = corpus(name)
    assert record_errors(record) == []
    tmpl = record_template(record)
    assert tmpl["form"] == record["form"]
    assert record.get("template", tmpl["id"]) == tmpl["id"]


def test_every_form_kind_and_several_local_templates_are_covered():
    records = [corpus(n) for n in FILES]
    assert {r["form"] for r in records} == {
        "project-declaration",
        "self-evaluation",
        "department-declaration",
        "department-self-evaluation",
    }
    assert len({record_template(r)["id"] for r in records}) >= 12


LOST = "lost in the copy (the stored page is cut or the extraction damaged it; see the README)"

# Per form, every finding of severity error the checker raises, each with why a
# reviewer would send the form back too, or LOST where only the copy lacks it.
# Nothing else may be an error: a new error here is a false error on a real form.
EXPECTED_ERRORS = {
    "001_health_mengcheng_2024": {
        ("indicator.required_missing", "indicators.annual"): LOST,
        ("project.field_missing", "project.department"): "主管部门及代码 is printed blank",
    },
    "002_urban_masked-district_2020": {},
    "003_public-security_xuancheng_2021": {
        ("indicator.required_missing", "indicators"): LOST,
        ("selfeval.actual_missing", "indicators[2].actual"): LOST,
        ("selfeval.weights_total", "indicators"): LOST,
    },
    "004_public-security_huangshan_2025": {},
    "005_forestry_fuliang_2026": {
        ("indicator.required_missing", "indicators"): LOST,
    },
    "006_forestry_rongchang_2022": {
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "007_emergency_fengjie_2023": {
        ("indicator.empty", "indicators.annual[0].name"): "101 cost rows left as the placeholder 0 | 0.00% | 0",
        ("indicator.empty", "indicators.annual[1].name"): "101 cost rows left as the placeholder 0 | 0.00% | 0",
        ("indicator.empty", "indicators.annual[2].name"): "101 cost rows left as the placeholder 0 | 0.00% | 0",
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "008_market-regulation_anju_2021": {
        ("indicator.required_missing", "indicators"): LOST,
    },
    "009_market-regulation_ganzi_undated": {
        ("project.field_missing", "project.name"): "项目名称 is printed blank",
    },
    "010_market-regulation_suining-jkq_2021": {
        ("indicator.empty", "indicators[10].target"): "printed without 指标值",
        ("indicator.empty", "indicators[17].target"): "printed without 指标值",
        ("indicator.empty", "indicators[18].target"): "printed without 指标值",
        ("indicator.required_missing", "indicators"): LOST,
        ("selfeval.actual_missing", "indicators[10].actual"): "printed without 完成值",
        ("selfeval.actual_missing", "indicators[17].actual"): "printed without 完成值",
        ("selfeval.actual_missing", "indicators[18].actual"): "printed without 完成值",
    },
    "011_agriculture_luan_2024": {
        ("indicator.required_missing", "indicators.annual"): LOST,
        ("indicator.required_missing", "indicators.mid_term"): LOST,
    },
    "012_environment_xianning_2021": {
        ("indicator.required_missing", "indicators"): LOST,
        ("selfeval.deviation_missing", "execution.deviation"): "执行率 0% with no reason given",
    },
    "013_education_yinchuan_2021": {
        ("indicator.value_unparsed", "indicators[5].target"): "garbled in the copy: M.8万元 for 14.8万元",
        (
            "selfeval.deviation_missing",
            "indicators[2].deviation",
        ): "scored below its 参考分值 with the 未完成原因 column empty",
        (
            "selfeval.deviation_missing",
            "indicators[6].deviation",
        ): "scored below its 参考分值 with the 未完成原因 column empty",
        (
            "selfeval.deviation_missing",
            "indicators[7].deviation",
        ): "scored below its 参考分值 with the 未完成原因 column empty",
    },
    "014_statistics_fukang_2023": {
        ("indicator.required_missing", "indicators"): LOST,
        ("selfeval.weights_total", "indicators"): LOST,
    },
    "015_health_zhaohua_2021": {},
    "016_health_xiangyang_2021": {
        ("goal.missing", "goals"): LOST,
        ("selfeval.actual_missing", "indicators[5].actual"): LOST,
    },
    "017_culture_huaibei_2025": {},
    "018_transport_dongguan_2019": {},
    "019_transport_langzhong_2021": {
        ("indicator.required_missing", "indicators"): "complete table with an empty 成本指标 row",
    },
    "020_urban_linhai_2024": {
        ("indicator.required_missing", "indicators.annual"): "complete table with no 成本指标",
    },
    "021_education_xiangyin_2022": {
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "022_culture_chongqing-kxc_2021": {
        ("indicator.empty", "indicators[1].target"): "printed without 指标值",
        ("indicator.empty", "indicators[7].target"): "printed without 指标值",
        ("indicator.value_unparsed", "indicators[16].target"): "garbled in the copy: 第O份",
        ("project.field_missing", "department"): "主管部门 is printed blank",
        ("selfeval.actual_missing", "indicators[1].actual"): "printed without 全年完成值",
        ("selfeval.actual_missing", "indicators[7].actual"): "printed without 全年完成值",
        ("selfeval.weights_total", "indicators"): LOST,  # the rows after 业务保障能力提升 carry the rest
        ("selfeval.total_mismatch", "total_score"): LOST,
    },
    "023_forestry_liangping_2023": {
        ("goal.missing", "goals"): LOST,
        ("indicator.empty", "indicators[0].target"): LOST,
        ("indicator.empty", "indicators[1].target"): LOST,
        ("indicator.empty", "indicators[2].target"): LOST,
        ("indicator.empty", "indicators[3].target"): LOST,
        ("indicator.empty", "indicators[4].target"): LOST,
        ("indicator.empty", "indicators[5].target"): LOST,
        **{("selfeval.actual_missing", f"indicators[{i}].actual"): LOST for i in range(6)},
        ("selfeval.weights_total", "indicators"): LOST,
        ("selfeval.total_mismatch", "total_score"): LOST,
    },
    "024_civil-affairs_zhaoqing_2024": {
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "025_public-security_fengdu_2022": {
        ("goal.missing", "goals.annual"): LOST,
        (
            "indicator.cost_exceeds_budget",
            "indicators.annual[2].value",
        ): "项目成本概算 ≤3584万元 above the 2565万元 budget (a cost by its name: the table prints no levels)",
    },
    "026_justice_shangrao_2021": {
        ("goal.missing", "goals"): LOST,
        ("indicator.required_missing", "indicators"): LOST,
        ("selfeval.execution_rate", "execution.score"): "分值 100 printed where 10 is meant",
    },
    "027_health_jishan_2021": {
        # no required_missing: the surviving rows print no 一级/二级 at all (nothing to look for)
        ("selfeval.weights_total", "indicators"): LOST,
    },
    "028_sports_jinan-la_2025": {},
    "029_sports_jinan-la_2025b": {
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "030_human-resources_sichuan-county_undated": {
        ("indicator.required_missing", "indicators"): "complete table with no 时效 or 成本指标",
        (
            "selfeval.deviation_missing",
            "execution.deviation",
        ): "资金使用 109.8 of 208 万元 (52.79%) with no reason given",
    },
    "031_human-resources_hanyin_2022": {
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "032_culture_dongguan_2022": {
        ("indicator.required_missing", "indicators.annual"): LOST,
        ("indicator.required_missing", "indicators.mid_term"): LOST,
    },
    "033_rural-revitalisation_tongxin_2022": {
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "034_culture_ezhou_2020": {
        ("goal.missing", "goals.annual"): LOST,
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "035_health_wuhu_2019": {
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "036_transport_yangquan_2021": {
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "037_human-resources_tianjiaan_2024": {
        ("indicator.required_missing", "indicators"): LOST,
        ("selfeval.deviation_missing", "execution.deviation"): "执行率 86% with no reason in the visible part",
    },
    "038_human-resources_chuzhou_2022": {
        ("indicator.required_missing", "indicators"): LOST,
        ("selfeval.weights_total", "indicators"): LOST,
    },
    "039_justice_jinzhai_2024": {
        ("goal.missing", "goals.annual"): LOST,
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "040_agriculture_anxi_2025": {
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "041_civil-affairs_daying_2020": {
        ("goal.missing", "goals"): LOST,
        ("indicator.required_missing", "indicators"): LOST,
    },
    "042_public-security_huangshan_2025b": {
        ("goal.missing", "goals.annual"): LOST,
        ("indicator.required_missing", "indicators.annual"): LOST,
    },
    "043_rural-revitalisation_dehua_2020": {
        ("goal.missing", "goals.annual"): LOST,
        ("indicator.required_missing", "indicators.annual"): LOST,
        ("project.field_missing", "project.name"): LOST,
        ("project.field_missing", "project.unit"): LOST,
    },
}


def _complete(name: str) -> bool:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| `{name}.json`"))
    return row.rstrip().endswith("| complete |")


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_errors_on_each_form_are_those_a_reviewer_would_raise(name):
    errors = {(f.rule, f.path) for f in check(corpus(name)) if f.severity == ERROR}
    assert errors == set(EXPECTED_ERRORS[name])
    if _complete(name):
        assert LOST not in EXPECTED_ERRORS[name].values(), "a complete form lost nothing"


def test_every_form_has_its_expected_errors_listed():
    assert sorted(f"{n}.json" for n in EXPECTED_ERRORS) == FILES


# ------------------------------------------------ money rules that respect units
def _findings(record, rule):
    return [f for f in check(record) if f.rule == rule]


def _repair_project(sites: int) -> dict:
    """A real project (tests/fixtures/good: 社保专线网络租赁费, 48万元) turned into a repair
    job priced per site: 60 repair visits (次) to `sites` sites (处) at ≤1.1万元/处."""
    record = json.loads((CORPUS.parent / "good" / "project_network_leasing_2023.json").read_text(encoding="utf-8"))
    rows = record["indicators"]["annual"]
    rows[0].update(name="站点数量", value=f"={sites}处")
    rows[1].update(name="维修次数", value="≥60次")  # the name the price shares most with
    rows[5].update(name="维修费用标准", value="≤1.1万元/处")
    del rows[6]
    return record


def test_a_price_per_site_multiplies_the_sites_not_the_visits():
    # 30处 × 1.1 = 33 ≤ 48; multiplied by the 60 visits (次) it would be 66 > 48
    assert not _findings(_repair_project(sites=30), "indicator.cost_exceeds_budget")
    over = _findings(_repair_project(sites=50), "indicator.cost_exceeds_budget")  # 50 × 1.1 = 55 > 48
    assert over and "50处 × ≤1.1万元/处" in over[0].message


def test_per_unit_money_is_money():
    record = _repair_project(sites=30)
    assert not _findings(record, "indicator.cost_not_money")
    record["indicators"]["annual"][5]["value"] = "≤11000元/处·年"
    assert not _findings(record, "indicator.cost_not_money")
    assert not [f for f in check(record) if f.rule == "indicator.value_unparsed"]


def test_price_per_line_per_year_times_lines_still_adds_up():
    # 136条 × 2400元 + 11条 × 13000元 = 46.94万元 ≤ 48: quiet; 20000元 per line is not.
    record = json.loads((CORPUS.parent / "good" / "project_network_leasing_2023.json").read_text(encoding="utf-8"))
    assert not _findings(record, "indicator.cost_exceeds_budget")
    record["indicators"]["annual"][6]["value"] = "≤20000元/条·年"
    assert _findings(record, "indicator.cost_exceeds_budget")


def test_a_blank_split_is_not_stated_not_zero():
    mengcheng = corpus("001_health_mengcheng_2024")  # 财政拨款 = total, 其他资金 printed blank
    assert mengcheng["funds"]["annual"]["other"] is None
    assert not _findings(mengcheng, "funds.sum_mismatch")
    record = corpus("028_sports_jinan-la_2025")  # 1000 = 1000 + 0
    record["funds"]["annual"].update(fiscal=None, other=None)
    found = _findings(record, "funds.sum_mismatch")
    assert found and all(f.severity == "warning" for f in found)
    assert "没有填写" in found[0].message
    record["funds"]["annual"].update(fiscal=600, other=None)
    (finding,) = _findings(record, "funds.sum_mismatch")
    assert finding.severity == "warning" and "400" in finding.message
    record["funds"]["annual"].update(fiscal=600, other=0)  # both stated and wrong: an error
    assert [f.severity for f in _findings(record, "funds.sum_mismatch")] == ["error"]


def test_a_layout_that_prints_no_split_is_not_asked_for_one():
    record = corpus("018_transport_dongguan_2019")  # only 本年度申请市财政预算资金
    assert record["funds"]["annual"]["fiscal"] is None
    assert not _findings(record, "funds.sum_mismatch")


def test_transfer_payment_self_evaluation_sums_its_levels():
    record = corpus("012_environment_xianning_2021")  # 871 中央 + 0 省级 + 1509.91 地方 = 2380.91
    assert not _findings(record, "funds.sum_mismatch")


# ------------------------------------------------ operator and unit in their own columns
def test_rules_read_operator_unit_columns_as_one_value():
    from assistant.knowledge import load, searcher
    from assistant.rules.context import Context

    record = corpus("025_public-security_fengdu_2022")  # 指标性质 | 指标值 | 计量单位
    ctx = Context(record, load(), searcher())
    values = [row.value for row in ctx.indicator_sets[0].rows]
    assert "=512人" in values and "≤3584万元" in values and "基本建立" in values
    # a flat list has no 成本 category, but an amount named 成本 is its cost: 3584 > 2565万元
    (finding,) = _findings(record, "indicator.cost_exceeds_budget")
    assert finding.path == "indicators.annual[2].value" and "3584" in finding.message


@pytest.mark.parametrize(
    "value, nature, unit, expected",
    [
        ("90", "≥", "%", "≥90%"),
        ("116", "=", "人", "=116人"),
        ("基本建立", "定性", None, "基本建立"),
        ("≥90%", "≥", "%", "≥90%"),
        ("85", "正向", "%", "≥85%"),
        ("2", "反向", "次", "≤2次"),
        ("100", "", "%", "100%"),
    ],
)
def test_compose_value(value, nature, unit, expected):
    from assistant.values import compose_value

    assert compose_value(value, nature, unit) == expected
