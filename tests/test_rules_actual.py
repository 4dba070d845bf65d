"""selfeval.execution_over_budget and selfeval.actual_over_ceiling."""

import copy
from decimal import Decimal

from conftest import good, seed

from assistant.rules import check


def over(record, executed):
    record = copy.deepcopy(record)
    for key in ("total", "fiscal"):
        record["funds"][key]["executed"] = executed
    return record


def test_execution_over_the_budget_is_reported_once():
    found = check(over(seed("002_selfeval_3_archives"), Decimal("7.5")), rules=["selfeval.execution_over_budget"])
    assert [f.path for f in found] == ["funds.total.executed"]
    assert "7.5" in found[0].message and "107.14%" in found[0].message


def test_execution_at_or_under_the_budget_is_quiet():
    """002_selfeval_3: 6.999 of 7 (99.99%); the good record spends 9.2 of 10."""
    assert check(seed("002_selfeval_3_archives"), rules=["selfeval.execution_over_budget"]) == []
    assert check(good("selfeval_investigation_2022"), rules=["selfeval.execution_over_budget"]) == []
    assert check(over(seed("002_selfeval_3_archives"), 7), rules=["selfeval.execution_over_budget"]) == []


def ceiling_case(name, target, actual, score):
    record = copy.deepcopy(seed("002_selfeval_1_investigation"))
    record["indicators"][3].update(name=name, target=target, actual=actual, score=score)
    return record


RULE = ["selfeval.actual_over_ceiling"]


def test_actual_over_a_ceiling_in_the_name_with_full_marks():
    assert [f.path for f in check(ceiling_case("出差费用不超过2万元", "=20000元", "25000元", 10), rules=RULE)] == [
        "indicators[3].score"
    ]
    assert check(ceiling_case("单次响应时间30分钟以内", "及时响应", "45分钟", 10), rules=RULE)


def test_within_the_ceiling_or_marked_down_is_quiet():
    assert check(ceiling_case("出差费用不超过2万元", "=20000元", "18000元", 10), rules=RULE) == []
    assert check(ceiling_case("出差费用不超过2万元", "=20000元", "25000元", 8), rules=RULE) == []
    assert check(seed("002_selfeval_1_investigation"), rules=RULE) == []


def test_a_ceiling_target_is_left_to_score_mismatch():
    """When the target itself is ≤, selfeval.score_mismatch computes the deduction."""
    assert check(ceiling_case("出差费用不超过2万元", "≤2万元", "2.5万元", 10), rules=RULE) == []
