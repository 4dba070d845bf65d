"""The form kinds (`assistant.forms`): what each kind declares about where its
parts live holds on a real record of that form, and the layers that read a
record through these declarations find the same things the records hold."""

import copy
from decimal import Decimal

import pytest
from conftest import good

from assistant import forms
from assistant import record_path as rp
from assistant.interview.changes import describe
from assistant.rules.context import goal_texts, set_rows
from assistant.rules.copy_paste import indicator_pairs, indicator_rows
from assistant.rules.schema_rules import _indicator_row

# A reviewer-clean record of every form, the project one with its 中期 sets filled.
GOOD = {
    "project-declaration": "project_labour_dispatch_2022",
    "department-declaration": "department_2022",
    "self-evaluation": "selfeval_investigation_2022",
    "department-self-evaluation": "dept_selfeval_2022",
}


def test_every_registered_kind_has_a_good_record_here():
    assert set(GOOD) == set(forms.FORM_IDS)


@pytest.mark.parametrize("form", forms.FORM_IDS)
def test_what_a_kind_declares_is_where_its_records_hold_it(form):
    kind, record = forms.KINDS[form], good(GOOD[form])
    assert record["form"] == kind.id
    for spec in kind.indicator_sets:
        rows = rp.get(record, spec.path)
        assert rows and all(spec.value_key in row for row in rows), spec.path
        assert isinstance(rp.get(record, spec.budget), Decimal | int | float), spec.budget
    for goal_set in kind.goal_sets:
        goals = rp.get(record, goal_set.path)
        assert goals, goal_set.path
        assert all(isinstance(g, dict) and goal_set.text_key in g for g in goals) if goal_set.text_key else goals
    for row in kind.funds_rows:
        assert {"total", "fiscal", "other"} <= set(rp.get(record, row.path)), row.path
    if kind.tasks:
        assert isinstance(rp.get(record, kind.tasks), list) and rp.get(record, kind.tasks)
    else:
        assert "tasks" not in record
    assert isinstance(rp.get(record, kind.title_field), str) and rp.get(record, kind.title_field)
    assert kind.indicator_sets[0].period == forms.ANNUAL and kind.budget == kind.indicator_sets[0].budget


def test_a_self_evaluation_starts_from_a_declaration_of_its_own_breadth():
    for kind in forms.FORM_KINDS:
        if kind.self_evaluation:
            source = forms.KINDS[kind.source_form]
            assert not source.self_evaluation and source.department_wide == kind.department_wide
        else:
            assert kind.source_form is None


def test_mid_term_sets_are_shown_only_for_a_multi_year_project():
    kind = forms.KINDS["project-declaration"]
    assert [s.path for s in forms.shown(kind.indicator_sets, False)] == ["indicators.annual"]
    assert [s.path for s in forms.shown(kind.goal_sets, True)] == ["goals.annual", "goals.mid_term"]
    assert kind.indicator_set(forms.MID_TERM).budget == "funds.mid_term.total"
    assert forms.KINDS["department-declaration"].goal_set(forms.MID_TERM) is None


def test_set_rows_tells_an_empty_set_from_a_record_without_that_set():
    project, department = good("project_network_leasing_2023"), good("department_2022")
    assert set_rows(project, "indicators.mid_term") == []
    del project["indicators"]["mid_term"]
    assert set_rows(project, "indicators.mid_term") == []  # its holder is there: the set is empty
    assert set_rows({"indicators": [1]}, "indicators.annual") is None  # a list where the object belongs
    assert set_rows(department, "indicators") == department["indicators"]
    assert set_rows({"indicators": {}}, "indicators") is None
    assert set_rows({}, "goals") is None


def test_goal_texts_follow_each_forms_goal_sets():
    project = good("project_labour_dispatch_2022")
    paths = [path for path, _ in goal_texts(project)]
    assert paths[0] == "goals.annual[0]" and any(p.startswith("goals.mid_term[") for p in paths)
    selfeval = good("selfeval_investigation_2022")
    assert goal_texts(selfeval)[0] == ("goals[0].expected", selfeval["goals"][0]["expected"])
    assert goal_texts({"form": "unknown", "goals": ["x"]}) == []


def test_copy_paste_pairs_read_each_sets_own_value_key():
    selfeval = good("selfeval_investigation_2022")
    assert len(indicator_rows(selfeval)) == len(selfeval["indicators"])
    assert len(indicator_pairs(selfeval)) == len({(r["name"], r["target"]) for r in selfeval["indicators"]})
    project = good("project_labour_dispatch_2022")
    rows = project["indicators"]["annual"] + project["indicators"]["mid_term"]
    assert len(indicator_rows(project)) == len(rows)


@pytest.mark.parametrize(
    ("form", "path", "row"),
    [
        ("project-declaration", "indicators.annual[3]", True),
        ("project-declaration", "indicators.mid_term[0]", True),
        ("project-declaration", "indicators.annual[3].value", False),
        ("project-declaration", "indicators[3]", False),
        ("department-declaration", "indicators[0]", True),
        ("self-evaluation", "goals[0]", False),
        ("unknown", "indicators[0]", False),
    ],
)
def test_an_indicator_row_path_is_an_item_of_one_of_the_forms_sets(form, path, row):
    assert _indicator_row(form, path) is row


def test_a_change_names_the_set_only_where_the_form_has_several():
    project = good("project_labour_dispatch_2022")
    changed = copy.deepcopy(project)
    changed["indicators"]["mid_term"][0]["value"] = "每年=10人"
    name = project["indicators"]["mid_term"][0]["name"]
    assert describe("indicators.mid_term[0].value", project, changed) == f"中期指标“{name}” 每年=9人 → 每年=10人"
    assert describe("goals.mid_term[1]", project, changed) == "中期目标第 2 条"
    department = good("department_2022")
    changed = copy.deepcopy(department)
    changed["indicators"].append({"name": "新增指标"})
    assert describe(f"indicators[{len(department['indicators'])}]", department, changed) == "增加指标“新增指标”"
    assert describe("goals[0]", department, changed) == "目标第 1 条"
    assert describe("tasks[0].total", department, changed) == "年度主要任务"


@pytest.mark.parametrize("form", forms.FORM_IDS)
def test_a_kinds_standard_template_is_installed_and_lays_out_that_form(form):
    from assistant.knowledge.templates import default_template, template

    kind = forms.KINDS[form]
    assert default_template(form) == kind.template
    assert template(kind.template)["form"] == form


def test_title_of_names_a_record_by_its_forms_title_field():
    assert forms.title_of(good("project_network_leasing_2023")) == "社保专线网络租赁费"
    department = good("department_2022")
    assert forms.title_of(department) == department["department"]
    assert forms.title_of({"form": "unknown", "department": "某局"}) == "某局"
    assert forms.title_of({"form": "project-declaration", "project": {"name": ""}}) == ""


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("项目", "project-declaration"),
        ("项目支出绩效目标申报表", "project-declaration"),
        ("部门整体", "department-declaration"),
        ("项目自评", "self-evaluation"),
        ("自评表", "self-evaluation"),
        ("部门自评", "department-self-evaluation"),
        ("随便", None),
    ],
)
def test_a_form_named_in_words_is_found_by_its_breadth_and_stage(text, form):
    from assistant.interview.start import parse_form_choice

    assert parse_form_choice(text) == form


@pytest.mark.parametrize(
    ("form", "started_from"),
    [
        ("self-eval", "从“劳务派遣人员前台工作人员”开始"),  # the first project form, not the department one before it
        ("department-self-eval", "从“宿州市医疗保障局”开始"),
        ("project", "从“劳务派遣人员前台工作人员”开始"),
    ],
)
def test_new_from_a_file_starts_a_self_evaluation_from_its_own_declaration(tmp_home, capsys, form, started_from):
    from conftest import FIXTURES

    from assistant.cli.main import main

    seed = next((FIXTURES / "seeds").glob("000_*.txt"))  # 部门整体 first, then nine project declarations
    assert main(["new", "--form", form, "--from", str(seed)]) == 2  # pytest has no terminal
    err = capsys.readouterr().err
    assert started_from in err and "终端" in err


def test_each_breadth_and_stage_is_one_kind():
    found = {forms.kind_by(department_wide=d, self_evaluation=s).id for d in (False, True) for s in (False, True)}
    assert found == set(forms.FORM_IDS)


@pytest.mark.parametrize(
    ("title", "form"),
    [
        ("部门（单位）整体支出绩效自评表", "department-self-evaluation"),
        ("2022年度项目支出绩效自评表", "self-evaluation"),
        ("部门整体支出绩效目标申报表", "department-declaration"),
        ("项目支出绩效目标申报表", "project-declaration"),
        ("填表说明", None),
    ],
)
def test_a_printed_title_names_its_kind(title, form):
    from assistant.intake.segment import title_kind

    assert title_kind(title) == form


@pytest.mark.parametrize("kind", forms.FORM_KINDS, ids=lambda k: k.id)
def test_the_row_fields_a_form_is_read_into_are_its_schemas_row_keys(kind):
    from assistant.intake.fields import schema_keys

    allowed = schema_keys(kind.id, "row")
    assert kind.row_fields[0] == "name" and kind.indicator_sets[0].value_key in kind.row_fields
    assert set(kind.row_fields) <= allowed, set(kind.row_fields) - allowed


def test_only_a_form_whose_rows_may_lack_levels_reads_a_flat_row_without_asking_for_one():
    from assistant.intake.assemble import _levels

    class Reader:
        def __init__(self, kind):
            self.kind, self.problems = kind, []

    class Entry:
        where, cells = "B7", {"name": "年度重点任务完成率"}

    for kind in forms.FORM_KINDS:
        reader = Reader(kind.id)
        assert _levels(reader, "", "", Entry()) == (None, None)
        assert bool(reader.problems) is not kind.unlevelled_rows, kind.id


def test_the_scoring_rules_read_the_scored_rows_where_the_form_kind_says(monkeypatch):
    """A self-evaluation whose scored set lived elsewhere would be checked there:
    the rules ask FormKind, they do not read `indicators` themselves."""
    from assistant.rules import check
    from assistant.rules.scoring import summary

    record = good("selfeval_investigation_2022")
    record["indicators"][0]["score"] = 999
    kind = forms.KINDS["self-evaluation"]
    moved = kind._replace(indicator_sets=(kind.indicator_sets[0]._replace(path="scored.rows"),))
    monkeypatch.setitem(forms.KINDS, "self-evaluation", moved)
    elsewhere = copy.deepcopy(record)
    elsewhere["scored"] = {"rows": elsewhere.pop("indicators")}
    over = [f.path for f in check(elsewhere) if f.rule == "selfeval.score_over_weight"]
    assert over == ["scored.rows[0].score"]
    assert len(summary(elsewhere).lines) == len(record["indicators"])


def test_the_multi_year_rules_read_the_mid_term_sets_where_the_form_kind_says(monkeypatch):
    """A declaration whose 中期 goals, funds and indicators lived elsewhere would be checked
    there: the rules ask FormKind for the form's mid-term sets."""
    from assistant.rules import check

    record = good(GOOD["project-declaration"])
    record["project"]["period"] = "2022年-2024年"
    record["goals"]["mid_term"] = record["goals"]["annual"]  # copied: goal.mid_term_copy
    record["funds"]["mid_term"]["total"] = 1  # below the year's: funds.annual_exceeds_mid_term
    record["indicators"]["mid_term"] = copy.deepcopy(record["indicators"]["annual"])  # indicator.mid_term_copy
    kind = forms.KINDS["project-declaration"]
    moved = kind._replace(
        goal_sets=(kind.goal_sets[0], kind.goal_sets[1]._replace(path="plan.goals")),
        funds_rows=(kind.funds_rows[0]._replace(path="plan.funds.year"), kind.funds_rows[1]),
        indicator_sets=(kind.indicator_sets[0], kind.indicator_sets[1]._replace(path="plan.indicators")),
    )

    def rules(record):
        wanted = (
            "goal.mid_term_copy",
            "funds.annual_exceeds_mid_term",
            "funds.mid_term_missing",
            "indicator.mid_term_copy",
        )
        return sorted((f.rule, f.path) for f in check(record) if f.rule in wanted)

    assert rules(record) == [
        ("funds.annual_exceeds_mid_term", "funds.annual.total"),
        ("goal.mid_term_copy", "goals.mid_term"),
        ("indicator.mid_term_copy", "indicators.mid_term"),
    ]
    elsewhere = copy.deepcopy(record)
    elsewhere["plan"] = {
        "goals": elsewhere["goals"].pop("mid_term"),
        "funds": {"year": elsewhere["funds"].pop("annual")},
        "indicators": elsewhere["indicators"].pop("mid_term"),
    }
    monkeypatch.setitem(forms.KINDS, "project-declaration", moved)
    assert rules(elsewhere) == [
        ("funds.annual_exceeds_mid_term", "plan.funds.year.total"),
        ("goal.mid_term_copy", "plan.goals"),
        ("indicator.mid_term_copy", "plan.indicators"),
    ]
    del elsewhere["plan"]["goals"]
    assert ("funds.mid_term_missing", "plan.goals") in rules(elsewhere)


@pytest.mark.parametrize("kind", forms.FORM_KINDS, ids=lambda k: k.id)
def test_every_printed_title_of_a_form_is_read_as_that_form(kind):
    from assistant.intake.segment import title_kind

    assert kind.label in kind.printed_titles
    for title in kind.printed_titles:
        assert title_kind(f"2023年度{title}") == kind.id, title


def test_a_title_as_close_to_an_evaluation_as_to_a_declaration_is_an_evaluation():
    from assistant.intake.segment import title_kind

    assert title_kind("项目支出绩效目评价表") == "self-evaluation"


@pytest.mark.parametrize("form", forms.FORM_IDS)
def test_a_fix_opens_the_value_question_of_the_indicator_whatever_key_holds_its_value(form, tmp_path):
    """The question that changes a row's 指标值 is `…[i].value` on every form, a
    self-evaluation's `target` included (review asks `target` as `value`)."""
    from assistant.interview.quickfix import open_for_fix
    from assistant.interview.session import Session
    from assistant.records import Store

    store, record = Store(tmp_path / "home"), good(GOOD[form])
    record_id = store.save(record)
    spec = forms.KINDS[form].indicator_sets[0]
    row = rp.get(record, spec.path)[0]
    _, path, key, target = open_for_fix(store, record_id, f"{spec.label} {row['name']}")
    assert target.value == row[spec.value_key]
    assert Session.resume(path).interview.can_jump(key)
