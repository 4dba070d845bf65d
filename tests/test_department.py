"""The department-wide declaration (部门（单位）整体支出绩效目标申报表) end to end:
interview, live and offline sum checks, the store offer, replay and XLSX."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import good, seed

from assistant.cli.main import main
from assistant.fileio import dumps
from assistant.interview.engine import Interview
from assistant.interview.handlers.department import (
    DECLINE,
    IMPORT_PREFIX,
    parse_task,
    split_numbered,
    store_candidates,
)
from assistant.interview.handlers.review import key_for_path
from assistant.interview.replay import replay
from assistant.interview.session import Session
from assistant.interview.store_view import RecordsView, StoreBackedView
from assistant.records.store import Store
from assistant.render import write_xlsx
from assistant.rules import ERROR, check

TRANSCRIPT = Path(__file__).parent.parent / "transcripts" / "000_department.jsonl"
FORM = "department-declaration"
DEPARTMENT = "宿州市医疗保障局"

# Where the example transcript differs from the seed form (tests/fixtures/records/000_department.json),
# and why. Tasks, 金额合计 and goals are the seed's exactly; these are indicator rows only.
RETYPED = {
    # indicator.value_unparsed: "执行并完成省局此行动方案" is no target; typed as the qualitative 全面完成.
    "开展“行风建设提升年”行动": "全面完成",
    # indicator.value_unparsed: three targets and prose in one cell; the first, measurable one is kept.
    "加大医疗保障宣传力度": "≥25000份",
    # indicator.value_unparsed: the words around the count go; still approximate (a warning).
    "开展维护医保系统运行和网络运行安全，提升医保精细化管理水平，推动”智慧”平台建设": "约20套",
}
DROPPED = {
    # indicator.value_unparsed and nothing measurable to put instead: 返回, then 删除.
    "实施医疗保障民生工程",
    # 经济效益/生态效益 are optional: the categories are closed empty instead of a row
    # whose name says 不适用 and whose value is blank.
    "此指标不适用",
    "本指标不适用",
}
# Standard indicator names get the knowledge base's 绩效指标描述 (the form has no such column).
DESCRIBED = {"定点医药机构检查覆盖率", "医保信息系统正常运行率", "定点医药机构满意度"}


def dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def amounts(row: dict) -> tuple:
    return tuple(dec(row.get(key)) for key in ("total", "fiscal", "other"))


def write(path: Path, record: dict) -> Path:
    path.write_text(dumps(record), encoding="utf-8")
    return path


def say(iv: Interview, text: str):
    """Answer as a session does: resolve, then apply."""
    return iv.answer(iv.resolve(text))


def started(tasks=(), store=None) -> Interview:
    iv = Interview(FORM, store=store)
    for text in ("2022", DEPARTMENT, *tasks):
        assert say(iv, text).accepted, text
    return iv


@pytest.fixture(scope="module")
def example():
    return replay(TRANSCRIPT)


# ---------------------------------------------------------------- example transcript


def test_example_transcript_replays_without_a_failing_answer(example):
    assert example.failures == [] and example.problems == []


def test_example_reproduces_tasks_total_and_goals_of_the_seed(example):
    record, form = example.record, seed("000_department")
    assert (record["department"], record["year"]) == (DEPARTMENT, 2022)
    assert len(record["tasks"]) == 12
    assert [t["name"] for t in record["tasks"]] == [t["name"] for t in form["tasks"]]
    assert [amounts(t) for t in record["tasks"]] == [amounts(t) for t in form["tasks"]]
    assert amounts(record["total"]) == amounts(form["total"]) == (Decimal("1057.49"), Decimal("1057.49"), 0)
    assert sum(dec(t["total"]) for t in record["tasks"]) == Decimal("1057.49")
    assert record["goals"] == form["goals"] and len(record["goals"]) == 30


def test_example_indicators_differ_from_the_seed_only_as_documented(example):
    rows, form = example.record["indicators"], seed("000_department")["indicators"]
    expected = []
    for row in form:
        if row["name"] in DROPPED:
            continue
        row = dict(row, value=RETYPED.get(row["name"], row["value"]))
        expected.append(row)
    got = [dict(r, description="") if r["name"] in DESCRIBED else r for r in rows]
    assert got == expected
    assert all(r["description"] for r in rows if r["name"] in DESCRIBED)


def test_example_ends_as_a_draft_with_warnings_only(example):
    # The clerk saves and leaves at review: no error is left (the engine refused the
    # seed's four unreadable values), but the seed's own mistakes stay as warnings —
    # slogans as goals, cost rows without 万元, a 70% satisfaction target in a
    # four-value cell — so the form is not finalised.
    assert not example.finished and example.interview.state.exited
    assert example.interview.question().key == "review"
    findings = example.findings()
    assert findings and not [f for f in findings if f.severity == ERROR]
    rules = {f.rule for f in findings}
    assert {"goal.vague", "indicator.no_unit", "indicator.multi_value", "indicator.satisfaction_range"} <= rules
    assert "dept.tasks_sum" not in rules


def test_example_record_passes_the_schema(example):
    assert not [f for f in check(example.record) if f.rule == "schema.invalid"]


# ---------------------------------------------------------------- tasks, live


def test_each_task_shows_the_running_total():
    iv = started()
    reply = say(iv, "一、全面加强党的建设，强化队伍建设，保障机关正常运转，417.29万，全部财政拨款")
    assert reply.accepted and "累计 1 项：417.29 万元" in reply.message
    reply = say(iv, "健全稳健可持续的筹资运行机制 总额70万 其中财政拨款50万")
    assert "累计 2 项：487.29 万元（财政拨款 467.29，其他资金 20）" in reply.message
    question = iv.question()
    assert question.key == "tasks" and "累计：487.29 万元" in question.note
    assert iv.record["tasks"][0]["name"] == "全面加强党的建设，强化队伍建设，保障机关正常运转"


def test_a_task_without_sources_asks_for_the_fiscal_part():
    iv = started(["办公地点租赁经费，55万"])
    question = iv.question()
    assert question.key == "tasks[0].fiscal" and question.default == "55"
    assert say(iv, "40").accepted
    assert amounts(iv.record["tasks"][0]) == (55, 40, 15)


def test_a_task_whose_sources_do_not_add_up_is_refused_at_once():
    iv = started()
    reply = say(iv, "完善公平适度的待遇保障机制，100万，财政拨款60万，其他资金30万")
    assert not reply.accepted
    assert "总额 100 万元 ≠ 财政拨款 + 其他资金 = 90 万元" in reply.message
    assert iv.record["tasks"] == []


def test_a_stated_total_that_differs_from_the_tasks_is_caught_live():
    iv = started(
        [
            "巩固医保脱贫成果有效衔接乡村振兴，20万，全部财政拨款",
            "完善公平适度的待遇保障机制，30万，全部财政拨款",
            "完成",
        ]
    )
    question = iv.question()
    assert question.key == "total" and question.default == "50万，全部财政拨款"
    assert "50 万元" in question.prompt
    reply = say(iv, "60万，全部财政拨款")
    assert not reply.accepted
    assert "各项任务的总额合计为 50 万元，但金额合计写的是 60 万元，相差 10 万元" in reply.message
    assert "返回" in reply.message
    assert "total" not in iv.state.answered
    assert say(iv, "").accepted  # Enter: the running total
    assert amounts(iv.record["total"]) == (50, 50, 0)
    assert iv.question().key == "goals"


def test_changing_a_task_after_the_total_asks_the_total_again():
    iv = started(["甲任务，20万，全部财政拨款", "乙任务，30万，全部财政拨款", "完成", ""])
    assert iv.question().key == "goals"
    iv.jump("tasks[1].value")  # what review does for tasks[1].total
    question = iv.question()
    assert question.key == "tasks[1].value" and question.default == "乙任务，30万，全部财政拨款"
    reply = say(iv, "乙任务，35万，全部财政拨款")
    assert reply.accepted and "重新确认金额合计" in reply.message
    question = iv.question()
    assert question.key == "total" and question.default == "55万，全部财政拨款"


def test_review_jumps_to_the_stated_total():
    assert key_for_path(None, "total.fiscal") == "total"
    assert key_for_path(None, "tasks[3].total") == "tasks[3].value"
    assert key_for_path(None, "total_score") is None


def test_at_least_one_task():
    iv = started()
    reply = say(iv, "完成")
    assert not reply.accepted and "至少要写一项" in reply.message


@pytest.mark.parametrize(
    "text, name, funds",
    [
        (
            "一、全面加强党的建设，强化队伍建设，417.29万，全部财政拨款",
            "全面加强党的建设，强化队伍建设",
            ("417.29", "417.29", "0"),
        ),
        ("十一、办公地点租赁经费，55万", "办公地点租赁经费", ("55", None, None)),
        ("3. 购置设备 3台，二十万元，财政拨款15万", "购置设备 3台", ("20", "15", "5")),
        ("（二）其他支出：财政拨款30万，其他资金20万", "其他支出", ("50", "30", "20")),
        ("审计费 120000元 全部财政拨款", "审计费", ("12", "12", "0")),
    ],
)
def test_parse_task(text, name, funds):
    task = parse_task(text)
    assert task["name"] == name
    assert amounts(task) == tuple(dec(x) for x in funds)


@pytest.mark.parametrize("text", ["只有名称没有金额", "417.29万", "甲，全部财政拨款"])
def test_parse_task_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_task(text)


# ---------------------------------------------------------------- jixiao check


def test_jixiao_check_catches_tasks_that_do_not_add_up(tmp_path, capsys):
    record = good("department_2022")
    assert main(["check", str(write(tmp_path / "ok.json", record))]) == 0
    broken = copy.deepcopy(record)
    broken["tasks"][1].update(total=25, fiscal=25)  # 20 → 25: the tasks add up to 1062.49
    broken["tasks"][2]["other"] = 5  # 30 ≠ 30 + 5
    capsys.readouterr()
    assert main(["check", str(write(tmp_path / "bad.json", broken)), "--json"]) == 1
    findings = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "dept.tasks_sum"]
    paths = {f["path"] for f in findings}
    assert {"tasks[2].total", "total.total", "total.fiscal", "total.other"} <= paths
    assert all(f["severity"] == "error" for f in findings)
    assert any("1062.49" in f["message"] and "1057.49" in f["message"] for f in findings)


# ---------------------------------------------------------------- XLSX


def test_xlsx_reopened_holds_every_task_and_the_total(example, tmp_path):
    record = example.record
    path = tmp_path / "dept.xlsx"
    write_xlsx(record, path)
    sheet = openpyxl.load_workbook(path).active
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]

    def amounts_in_row(label: str) -> tuple:
        matching = [row for row in rows if label in row]
        assert matching, label
        numbers = [dec(v) for v in matching[0] if isinstance(v, (int, float))]
        return tuple(numbers[:3])

    for task in record["tasks"]:
        assert amounts_in_row(task["name"]) == amounts(task)
    assert amounts_in_row("金额合计") == (Decimal("1057.49"), Decimal("1057.49"), 0)
    assert any(DEPARTMENT in row for row in rows)


# ---------------------------------------------------------------- goals, 绩效标准


def test_a_pasted_numbered_goal_list_is_split():
    assert split_numbered("1. 甲事项完成、2. 乙事项完成；3. 丙事项完成。") == [
        "甲事项完成",
        "乙事项完成",
        "丙事项完成。",
    ]
    assert split_numbered("提高到 2.5 倍、3. 别的") == ["提高到 2.5 倍、3. 别的"]
    assert split_numbered("2. 乙、3. 丙") == ["2. 乙、3. 丙"]


def test_basis_is_asked_as_performance_standard():
    iv = started(
        [
            "甲任务，20万，全部财政拨款",
            "完成",
            "",
            "开展医保业务基础知识专题培训10次以上，提升经办能力",
            "完成",
            "医保业务培训次数",
        ]
    )
    while iv.question().key.endswith(":confirm"):
        say(iv, "否")
    assert say(iv, "≥10次").accepted
    while not iv.question().key.endswith(".basis"):
        say(iv, "")
    assert "绩效标准" in iv.question().prompt and "指标值确定依据" not in iv.question().prompt


# ---------------------------------------------------------------- derive from the store


def _projects() -> list[dict]:
    labour = good("project_labour_dispatch_2022")  # 宿州市医疗保障局, 2022, 42.3
    leasing = good("project_network_leasing_2023")
    leasing["year"] = 2022
    leasing["project"].update(department=DEPARTMENT, unit=DEPARTMENT)
    leasing["funds"]["annual"] = {"total": 48, "fiscal": 40, "other": 8}
    elsewhere = good("project_network_leasing_2023")  # another department and year
    return [labour, leasing, elsewhere]


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "home")
    for record in _projects():
        store.save(record)
    return store


def store_records(store: Store) -> StoreBackedView:
    return StoreBackedView(store)


def test_offer_lists_the_departments_projects_of_that_year(store):
    iv = started(store=store_records(store))
    question = iv.question()
    assert question.key == "tasks:derive" and "2 个项目" in question.prompt
    assert "劳务派遣人员前台工作人员：42.3 万元" in question.note
    assert "社保专线网络租赁费：48 万元（财政拨款 40，其他资金 8）" in question.note
    assert "合计：90.3 万元" in question.note


def test_confirming_the_offer_takes_the_projects_as_tasks(store):
    iv = started(store=store_records(store))
    answer = iv.resolve("是")
    assert answer.startswith(IMPORT_PREFIX) and "社保专线网络租赁费，48万，财政拨款40万，其他资金8万" in answer
    reply = iv.answer(answer)
    assert reply.accepted and "已导入 2 项任务" in reply.message
    tasks = {t["name"]: amounts(t) for t in iv.record["tasks"]}
    assert tasks == {
        "社保专线网络租赁费": (48, 40, 8),
        "劳务派遣人员前台工作人员": (Decimal("42.3"), Decimal("42.3"), 0),
    }
    assert iv.question().key == "tasks"  # the clerk can still add or finish
    assert say(iv, "完成").accepted
    assert iv.question().default == "90.3万，财政拨款82.3万，其他资金8万"


def test_declining_the_offer_asks_for_tasks_one_by_one(store):
    iv = started(store=store_records(store))
    assert iv.resolve("否") == DECLINE
    assert say(iv, "否").accepted
    assert iv.record["tasks"] == [] and iv.question().key == "tasks"
    assert "tasks:derive" in iv.state.answered


def test_skipping_the_offer_declines_it(store):
    iv = started(store=store_records(store))
    assert iv.answer("跳过").accepted
    assert iv.record["tasks"] == [] and iv.question().key == "tasks"


def test_choosing_some_projects_by_number(store):
    iv = started(store=store_records(store))
    numbers = {c["name"]: n for n, c in enumerate(store_candidates(iv), 1)}
    assert say(iv, str(numbers["社保专线网络租赁费"])).accepted
    assert [t["name"] for t in iv.record["tasks"]] == ["社保专线网络租赁费"]


def test_typing_a_task_at_the_offer_declines_it(store):
    iv = started(store=store_records(store))
    assert not say(iv, "随便写点什么").accepted  # neither an answer to the offer nor a task
    assert iv.question().key == "tasks:derive"
    assert say(iv, "巩固医保脱贫成果有效衔接乡村振兴，20万，全部财政拨款").accepted
    assert [t["name"] for t in iv.record["tasks"]] == ["巩固医保脱贫成果有效衔接乡村振兴"]


@pytest.mark.parametrize("department, year", [("中卫市沙坡头区医疗保障局", "2022"), (DEPARTMENT, "2023")])
def test_no_offer_without_projects_of_that_department_and_year(store, department, year):
    iv = Interview(FORM, store=store_records(store))
    say(iv, year)
    say(iv, department)
    assert iv.question().key == "tasks"


def test_no_offer_without_a_store():
    assert started().question().key == "tasks"


def test_plain_list_and_coded_department_names_work():
    labour = good("project_labour_dispatch_2022")
    labour["project"]["department"] = "206-宿州市医疗保障局"
    iv = started(store=RecordsView([("2022-0001", labour)]))
    assert iv.question().key == "tasks:derive"


def test_an_accepted_offer_replays_without_the_store(store, tmp_path):
    path = tmp_path / "dept.jsonl"
    session = Session.start(path, FORM, store=store_records(store))
    for text in ("2022", DEPARTMENT, "是", "完成", "", "开展医保业务基础知识专题培训10次以上，提升经办能力", "完成"):
        assert session.send(text).reply.accepted, text
    live = session.interview.final_record()
    replayed = replay(path)  # no store: the answer itself holds the tasks
    assert replayed.failures == []
    assert [t["name"] for t in replayed.record["tasks"]] == [t["name"] for t in live["tasks"]]
    assert [amounts(t) for t in replayed.record["tasks"]] == [amounts(t) for t in live["tasks"]]
    assert amounts(replayed.record["total"]) == amounts(live["total"]) == (Decimal("90.3"), Decimal("82.3"), 8)


def test_a_total_cost_indicator_defaults_to_the_departments_total():
    iv = started(
        [
            "甲任务，20万，全部财政拨款",
            "乙任务，30万，其中财政拨款25万",
            "完成",
            "",
            "开展医保业务基础知识专题培训10次以上，提升经办能力",
            "完成",
        ]
    )
    for level2, name, value in (
        ("数量指标", "医保业务培训次数", "≥10次"),
        ("质量指标", "定点医药机构检查覆盖率", "=100%"),
        ("时效指标", "年度重点任务按时完成率", "=100%"),
    ):
        assert iv.question().key == f"indicators:{level2}"
        say(iv, name)
        while iv.question().key.endswith(":confirm"):
            say(iv, "否")
        assert say(iv, value).accepted
        while iv.question().key.startswith("indicators["):
            say(iv, "")
        assert say(iv, "完成").accepted
    assert iv.question().key == "indicators:成本指标"
    say(iv, "项目总成本")
    question = iv.question()
    assert question.key.endswith(".value") and question.default == "≤50万元"  # budget_of: total.total
