"""indicator.cost_is_budget and indicator.scale_implausible, and the whole-budget
row no longer added to the itemised costs by indicator.cost_exceeds_budget."""

import copy

from conftest import good, seed

from assistant.rules import check

COST_RULES = ["indicator.cost_is_budget", "indicator.scale_implausible", "indicator.cost_exceeds_budget"]


def cost_row(name, value):
    return {"level1": "产出指标", "level2": "成本指标", "name": name, "value": value, "description": "", "basis": ""}


def rules_fired(record):
    return sorted({f.rule for f in check(record, rules=COST_RULES)})


def test_whole_budget_beside_items_is_a_warning_not_an_error():
    """A 项目金额 row (corpus 017's wording) equal to the 105 万元 of 000_budget_it beside its
    ten itemised rows: the items add up to 105 already, the whole-budget row is no extra cost."""
    record = copy.deepcopy(seed("000_budget_it"))
    record["indicators"]["annual"].append(cost_row("项目金额", "105万元"))
    assert rules_fired(record) == ["indicator.cost_is_budget"]


def test_a_single_total_cost_row_equal_to_the_budget_is_right():
    """000_payment_reform: 项目总成本 ≤90万元 = the budget, the only cost row (RULES.md §4.1 #5)."""
    assert rules_fired(seed("000_payment_reform")) == []


def test_a_total_beside_unit_prices_is_right():
    """001_operating_funds: 业务经费费用 ≤35万元 = the budget beside 每人每年工作经费 ≥1元."""
    assert "indicator.cost_is_budget" not in rules_fired(seed("001_operating_funds"))


def test_unit_price_times_count_far_below_the_budget():
    record = copy.deepcopy(seed("000_labour_dispatch"))
    record["indicators"]["annual"][0]["value"] = "2人"  # 2 × 4.7 = 9.4 of 42.3
    found = check(record, rules=["indicator.scale_implausible"])
    assert len(found) == 1 and "9.4" in found[0].message and "42.3" in found[0].message


def test_unit_price_times_count_matching_the_budget_is_quiet():
    """000_labour_dispatch: 9人 × 4.7万元 = 42.3 = the budget; × 3 years = 126.9."""
    assert check(seed("000_labour_dispatch"), rules=["indicator.scale_implausible"]) == []
    assert check(good("project_network_leasing_2023"), rules=["indicator.scale_implausible"]) == []


def test_far_above_the_budget_stays_the_error_of_cost_exceeds_budget():
    """002 病例评审: 20000份 × 5000元 = 1亿元 against 6万元."""
    assert rules_fired(seed("002_selfeval_2_case_review")) == ["indicator.cost_exceeds_budget"]


def test_a_price_with_other_costs_beside_it_is_not_judged_for_scale():
    record = copy.deepcopy(seed("000_labour_dispatch"))
    record["indicators"]["annual"][0]["value"] = "2人"
    record["indicators"]["annual"].append(cost_row("办公设备购置费", "≤30万元"))
    assert check(record, rules=["indicator.scale_implausible"]) == []
