"""部门整体支出绩效自评表 (department-self-evaluation): schema, the dse.* rules
and the shared self-evaluation rules, the interview from a stored department
declaration and from nothing, the example transcript, `check --json` scores,
the forms, and `jixiao new --form department-self-eval --from ID`."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES, good

from assistant.cli.main import main
from assistant.fileio import dumps, load_file
from assistant.forms import FORM_ALIASES, SELF_EVALUATIONS, kind_of
from assistant.interview.engine import Interview
from assistant.interview.handlers.dept_selfeval import parse_task
from assistant.interview.replay import replay
from assistant.interview.self_evaluation_start import (
    SelfEvaluationError,
    self_evaluation_of,
    start_self_evaluation,
)
from assistant.interview.start import parse_form_choice
from assistant.records import Store
from assistant.render import render_markdown, write_forms
from assistant.rules import check
from assistant.rules.schema import record_errors
from assistant.rules.scoring import summary

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "transcripts" / "000_dept_selfeval.jsonl"
CHONGQING = FIXTURES / "corpus" / "022_culture_chongqing-kxc_2021.json"
FORM = "department-self-evaluation"


def example_record() -> dict:
    result = replay(EXAMPLE)
    assert result.ok and result.finished, [f.text() for f in result.failures]
    return result.record


def rules_of(record: dict) -> set[str]:
    return {f.rule for f in check(record)}


def findings(record: dict, rule: str) -> list:
    return [f for f in check(record) if f.rule == rule]


# ------------------------------------------------------------ the form kind
def test_the_form_kind_is_registered_once_for_every_layer():
    kind = kind_of(FORM)
    assert kind.label == "部门整体支出绩效自评表" and kind.self_evaluation and kind.department_wide
    assert FORM in SELF_EVALUATIONS
    assert FORM_ALIASES["department-self-eval"] == FORM
    assert parse_form_choice("4") == FORM
    assert parse_form_choice("部门整体支出绩效自评表") == FORM
    assert parse_form_choice("部门整体申报表") == "department-declaration"
    assert parse_form_choice("项目自评") == "self-evaluation"
    assert parse_form_choice("５") is None  # not a choice, and no crash


# ------------------------------------------------------- the example (seed 000)
def test_example_transcript_replays_to_a_full_scored_record():
    record = example_record()
    source = good("department_2022")
    assert not record_errors(record)
    assert (record["form"], record["year"], record["department"]) == (FORM, 2022, "宿州市医疗保障局")
    assert [t["name"] for t in record["tasks"]] == [t["name"] for t in source["tasks"]]
    assert [t["budget"] for t in record["tasks"]] == [t["total"] for t in source["tasks"]]
    assert sum(t["executed"] for t in record["tasks"]) == Decimal("1043.2")
    assert record["funds"]["total"] == {
        "initial": Decimal("1057.49"),
        "adjusted": Decimal("1080.49"),
        "executed": Decimal("1043.2"),
    }
    assert record["funds"]["basic"]["executed"] + record["funds"]["project"]["executed"] == Decimal("1043.2")
    assert [g["expected"] for g in record["goals"]] == source["goals"]
    assert all(g["actual"] for g in record["goals"])
    assert [(r["name"], r["target"]) for r in record["indicators"]] == [
        (r["name"], r["value"]) for r in source["indicators"]
    ]
    short = {r["name"]: r for r in record["indicators"] if r["score"] < r["weight"]}
    assert set(short) == {"医保业务培训次数", "医保信息系统正常运行率"}
    assert all(r["deviation"] for r in short.values())
    assert record["execution"] == {"weight": 10, "score": Decimal("9.66"), "deviation": ""}
    assert (record["total_score"], record["grade"]) == (Decimal("98.7"), "优")
    assert check(record) == []


def test_check_json_prints_the_computed_scores(tmp_path, capsys):
    path = tmp_path / "dse.json"
    path.write_text(dumps(example_record()), encoding="utf-8")
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["findings"] == []
    scores = data["scores"][0]
    assert scores["execution_rate"] == 96.55 and scores["grade"] == "优"
    assert scores["total"] == 98.7 and scores["stated_total"] == 98.7


def test_example_forms_render_in_every_format(tmp_path):
    record = example_record()
    paths = write_forms(record, tmp_path, "dse")
    assert [p.suffix for p in paths] == [".md", ".xlsx", ".docx"]
    markdown = render_markdown(record)
    assert markdown.startswith("# 部门整体支出绩效自评表\n\n（2022年度）")
    for text in (
        "部门（单位）名称",
        "年度主要任务",
        "预算数（万元）",
        "执行数（万元）",
        "按支出性质分：基本支出",
        "96.55%",
        "偏差原因分析及改进措施",
        "产出指标（50分）",
        "总分",
        "分项得分汇总",
    ):
        assert text in markdown, text


# ---------------------------------------------------- the corpus form (022)
def test_a_flat_local_form_is_a_valid_record_scored_from_its_stated_rate():
    record = load_file(CHONGQING)
    assert not record_errors(record)
    result = summary(record)
    assert result.rate == Decimal("0.76") and result.execution_score == Decimal("7.6")
    assert "selfeval.execution_rate" not in rules_of(record)  # 7.6 = 76% × 10, as printed
    # the printed total 97.6 counts rows the stored page lost: the arithmetic says so
    assert findings(record, "selfeval.total_mismatch")


def test_a_flat_local_form_prints_its_own_columns():
    markdown = render_markdown(load_file(CHONGQING))
    for heading in ("指标名称", "计量单位", "年初指标值", "调整指标值", "全年完成值", "得分系数", "是否核心指标"):
        assert heading in markdown
    assert "年初绩效目标" in markdown and "播发稿件数量" in markdown
    assert "分项得分汇总" not in markdown


# ---------------------------------------------------------------- dse rules
def test_spending_split_fires_when_basic_and_project_do_not_add_up():
    record = example_record()
    assert not findings(record, "dse.spending_split")
    broken = copy.deepcopy(record)
    broken["funds"]["project"]["executed"] = Decimal("530")
    [finding] = findings(broken, "dse.spending_split")
    assert finding.severity == "error" and finding.path == "funds.total.executed"
    assert "508.35" in finding.message and "530" in finding.message


def test_tasks_above_the_department_total_are_an_error():
    record = example_record()
    assert not findings(record, "dse.tasks_exceed_funds")
    broken = copy.deepcopy(record)
    broken["tasks"][0]["executed"] = Decimal("500")  # executed sum 1127.4 > 1043.2
    [finding] = findings(broken, "dse.tasks_exceed_funds")
    assert finding.severity == "error" and "1127.4" in finding.message


def test_a_task_over_its_budget_or_without_money_is_a_warning():
    record = example_record()
    assert not findings(record, "dse.task_overspent") and not findings(record, "dse.task_money_missing")
    broken = copy.deepcopy(record)
    broken["tasks"][1]["executed"] = Decimal("25")  # budget 20
    broken["tasks"][2]["executed"] = None
    [over] = findings(broken, "dse.task_overspent")
    [missing] = findings(broken, "dse.task_money_missing")
    assert (over.severity, over.path) == ("warning", "tasks[1].executed")
    assert (missing.severity, missing.path) == ("warning", "tasks[2].executed")


def test_self_evaluation_rules_apply_to_the_department_form():
    record = example_record()
    broken = copy.deepcopy(record)
    broken["indicators"][0]["deviation"] = ""
    broken["grade"] = "良"
    found = rules_of(broken)
    assert {"selfeval.deviation_missing", "selfeval.grade_mismatch"} <= found


# ---------------------------------------------------------------- interview
def from_declaration() -> Interview:
    return Interview(FORM, source=good("department_2022"))


def send(iv: Interview, *answers: str):
    reply = None
    for text in answers:
        key = iv.question().key
        reply = iv.answer(iv.resolve(text))
        assert reply.accepted, f"{key}: {text!r} → {reply.message}"
    return reply


def test_from_a_declaration_only_the_year_end_figures_are_asked():
    iv = from_declaration()
    assert iv.question().key == "profile"
    send(iv, "", "1057.49 1057.49 1020", "")
    assert iv.question().key == "funds.basic"
    send(iv, "跳过")
    assert iv.record["funds"]["basic"] is None
    question = iv.question()
    assert question.key == "tasks[0].executed" and "417.29" in question.prompt


def test_the_project_spending_is_shown_as_derived_from_the_basic_spending():
    from assistant.interview.field_states import DERIVED, EMPTY, FieldStates, Provenance

    iv = from_declaration()
    send(iv, "", "1057.49 1057.49 1020", "")
    assert FieldStates(iv, Provenance(), [])("funds.project") == EMPTY
    send(iv, "800 800 780")
    assert iv.record["funds"]["project"]["executed"] == Decimal("240")
    states = FieldStates(iv, Provenance(), [])
    assert states("funds.project") == DERIVED and states("funds.basic") == "answered"


def test_task_amounts_that_exceed_the_total_are_refused_at_once():
    iv = from_declaration()
    send(iv, "", "1057.49 1057.49 1020", "", "")
    reply = iv.answer(iv.resolve("960"))  # task 1 of 417.29 → 960, within the total
    assert reply.accepted and [n.rule for n in reply.notices] == ["dse.task_overspent"]
    reply = iv.answer(iv.resolve("20"))  # 960 + 20 ≤ 1020
    assert reply.accepted and not reply.notices
    reply = iv.answer(iv.resolve("70"))  # 1050 > 1020: refused, nothing kept
    assert not reply.accepted and "超过部门全年执行数" in reply.message
    assert iv.record["tasks"][2]["executed"] is None


def test_tasks_from_nothing_are_one_per_answer():
    iv = Interview(FORM)
    send(
        iv,
        "2021",
        "重庆市梁平区林业局",
        "",
        "500 520 412.3",
        "",
        "中央林业改革发展资金年底下达，次年支付；今后及早申报、加快支付进度。",
        "跳过",
    )
    assert iv.question().key == "tasks"
    reply = send(iv, "一、天然林和公益林管护，280 266.5")
    assert "预算 280" in reply.message and "执行 266.5" in reply.message
    send(iv, "森林防火，预算120万 执行98.6万", "完成")
    assert iv.record["tasks"] == [
        {"name": "天然林和公益林管护", "budget": Decimal("280"), "executed": Decimal("266.5")},
        {"name": "森林防火", "budget": Decimal("120"), "executed": Decimal("98.6")},
    ]
    assert iv.question().key == "goals"


@pytest.mark.parametrize("text", ["天然林管护", "天然林管护，280", "，280 266.5"])
def test_a_task_without_two_amounts_is_explained(text):
    with pytest.raises(ValueError, match="预算数和执行数|太短"):
        parse_task(text)


# ------------------------------------------------------------ command line
def test_new_from_a_stored_department_declaration(tmp_path, capsys):
    store = Store(tmp_path)
    department = store.save(good("department_2022"), status="final")
    project = store.save(good("project_network_leasing_2023"), status="final")
    assert self_evaluation_of(tmp_path, department) == FORM
    assert self_evaluation_of(tmp_path, project) == "self-evaluation"
    with pytest.raises(SelfEvaluationError, match="不是部门整体支出绩效目标申报表"):
        start_self_evaluation(tmp_path, project, FORM)
    session = start_self_evaluation(tmp_path, department, FORM)
    assert session.interview.form == FORM
    assert session.interview.question().key == "profile"


def test_new_department_self_eval_needs_the_right_record(tmp_home, capsys):
    store = Store(tmp_home)
    project = store.save(good("project_network_leasing_2023"), status="final")
    department = store.save(good("department_2022"), status="final")
    assert main(["new", "--form", "department-self-eval", "--from", project]) == 2
    assert "不是部门整体支出绩效目标申报表" in capsys.readouterr().err
    assert main(["new", "--from", department]) == 2  # the right record, but pytest has no terminal
    assert "终端" in capsys.readouterr().err
