"""The shared list idiom of the handlers: which keys are items of a list, and
what a one-year project's record loses when the interview cleans it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.interview import handlers
from assistant.interview.handlers.item_list import item_key, item_ref, items_at


@pytest.mark.parametrize(
    ("key", "rows", "fields", "expected"),
    [
        ("tasks[2]", "tasks", None, (2, None)),
        ("tasks[2].fiscal", "tasks", None, (2, "fiscal")),
        ("goals.annual[0]", "goals.annual", (None,), (0, None)),
        ("indicators.mid_term[3].value", "indicators.mid_term", ("name", "value"), (3, "value")),
        ("indicators[1].actual", "indicators", ("actual", "score"), (1, "actual")),
    ],
)
def test_item_ref_reads_an_item_or_one_field_of_it(key, rows, fields, expected):
    assert item_ref(key, rows, fields) == expected


@pytest.mark.parametrize(
    ("key", "rows", "fields"),
    [
        ("tasks", "tasks", None),  # the list's own question
        ("tasks:derive", "tasks", None),  # a list-level question of its own
        ("goals.mid_term[0]", "goals.annual", None),  # another list
        ("indicators.annual[0].value", "indicators", None),  # a list whose path only ends alike
        ("tasks[1].fiscal.total", "tasks", None),  # deeper than one field
        ("goals[0].expected", "goals", (None, "actual")),  # a field the handler does not ask
        ("goals[0]", "goals", ("actual",)),  # the item itself, not asked on its own
        ("indicators.annual:数量指标", "indicators.annual", None),  # a category, not a row
        ("tasks[a]", "tasks", None),  # no path at all
    ],
)
def test_item_ref_refuses_what_is_no_such_item(key, rows, fields):
    assert item_ref(key, rows, fields) is None


def test_item_key_writes_what_item_ref_reads():
    for rows, index, field in (("tasks", 0, None), ("indicators.annual", 12, "basis"), ("goals", 3, "actual")):
        key = item_key(rows, index, field)
        assert item_ref(key, rows) == (index, field)
    assert item_key("indicators.annual", 2, "value") == "indicators.annual[2].value"


def test_items_at_is_empty_where_the_record_holds_no_list():
    record = {"goals": {"annual": ["甲"], "mid_term": None}, "tasks": "x"}
    assert items_at(record, "goals.annual") == ["甲"]
    assert items_at(record, "goals.mid_term") == []
    assert items_at(record, "tasks") == []
    assert items_at(record, "indicators") == []


def _project(period: str) -> dict:
    return {
        "form": "project-declaration",
        "project": {"name": "社保专线网络租赁费", "period": period},
        "funds": {"mid_term": {"total": 150, "fiscal": 150, "other": 0}, "annual": {"total": 48}},
        "goals": {"mid_term": ["三年内完成全部村卫生室专线接入"], "annual": ["保证参保信息及时变更"]},
        "indicators": {
            "mid_term": [{"name": "专线数量", "value": "每年=136条"}],
            "annual": [{"name": "专线数量", "value": "=136条", "_todo": ["basis"]}],
        },
        "accepted": False,
    }


def test_clean_empties_what_the_plan_does_not_ask_of_a_one_year_project():
    record = handlers.clean(_project("1年"))
    assert record["funds"]["mid_term"] is None
    assert record["goals"]["mid_term"] == []
    assert record["indicators"]["mid_term"] == []
    assert record["goals"]["annual"] == ["保证参保信息及时变更"]
    assert "_todo" not in record["indicators"]["annual"][0]
    assert "accepted" not in record


def test_clean_keeps_the_mid_term_part_of_a_multi_year_project():
    record = handlers.clean(_project("3年"))
    assert record["funds"]["mid_term"] == {"total": 150, "fiscal": 150, "other": 0}
    assert record["goals"]["mid_term"] == ["三年内完成全部村卫生室专线接入"]
    assert record["indicators"]["mid_term"] == [{"name": "专线数量", "value": "每年=136条"}]


def test_clean_drops_row_markers_on_every_form_kind():
    for form in ("department-declaration", "self-evaluation", "department-self-evaluation"):
        record = handlers.clean({"form": form, "indicators": [{"name": "甲", "_todo": ["value"]}]})
        assert record["indicators"] == [{"name": "甲"}]


# ------------------------------------------------------------------ answer words

HANDLERS_DIR = Path(handlers.__file__).parent


def _local_answer_words(source: str) -> list[set[str]]:
    """Set literals of strings in `source` that share a word with the interview's
    command and list words: a local copy of answer words."""
    from assistant.interview import commands

    known = set().union(*(v for v in vars(commands).values() if isinstance(v, frozenset)))
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Set) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
        ):
            words = {e.value for e in node.elts}  # type: ignore[attr-defined]
            if words & known:
                found.append(words)
    return found


def test_the_answer_word_detector_finds_a_local_copy():
    assert _local_answer_words('YES = {"是", "对", "要"}\n') == [{"是", "对", "要"}]
    assert _local_answer_words('TAKE = YES_WORDS | {"要"}\n') == [{"要"}]  # extended locally: a copy too
    assert _local_answer_words('UNITS = {"个", "次"}\nif word in TAKE_WORDS:\n    pass\n') == []


@pytest.mark.parametrize("module", sorted(p.name for p in HANDLERS_DIR.glob("*.py")))
def test_handlers_take_their_answer_words_from_commands(module):
    assert _local_answer_words((HANDLERS_DIR / module).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("indicators.annual[3].value", "indicators.annual[3].value"),
        ("indicators.mid_term[0].level1", "indicators.mid_term[0].level2"),  # asked as its category
        ("indicators[2].target", "indicators[2].value"),  # a self-evaluation's target: its value question
        ("indicators[2].deviation", "indicators[2].deviation"),
        ("tasks[1].fiscal", "tasks[1].value"),  # a field with no question: the row's value
        ("goals[0].actual", "goals[0].actual"),
        ("goals.annual[2]", "goals.annual[2]"),  # a goal itself
        ("goals.annual", None),  # the list: reopened, not jumped to
        ("indicators.annual", None),
        ("funds.annual.fiscal", "funds.annual"),
    ],
)
def test_a_finding_path_leads_to_the_question_that_changes_it(path, key):
    from assistant.interview.handlers.review import key_for_path

    assert key_for_path(None, path) == key


def test_the_answer_words_of_a_question_are_never_taken_for_mistyped_commands():
    from assistant.interview import commands

    words = set().union(*(v for k, v in vars(commands).items() if k.endswith("_WORDS") and isinstance(v, frozenset)))
    assert "下一步" in words  # going on past the score summary: one edit from 上一步 (返回)
    assert [w for w in sorted(words) if commands.near_miss(w, commands.LIST_WORDS)] == []
    assert commands.near_miss("上一部") == "返回"  # a real typo of 上一步 still is one


def test_a_finding_about_a_self_evaluations_expected_goal_jumps_to_that_goal():
    from conftest import good

    from assistant.interview.engine import Interview
    from assistant.interview.handlers.review import key_for_path

    iv = Interview("self-evaluation", source=good("project_network_leasing_2023"))
    key = key_for_path(iv, "goals[0].expected")  # where goal.vague reports on this form
    iv.jump(key)
    question = iv.question()
    assert question.key == key and question.default == iv.record["goals"][0]["expected"]
    reply = iv.answer("为全区136个村卫生室租用医保专线，保证参保信息当天变更")
    assert reply.accepted
    assert iv.record["goals"][0]["expected"] == "为全区136个村卫生室租用医保专线，保证参保信息当天变更"
    assert iv.question().key != key  # the revisit is over


# ---------------------------------------------------- the idiom on every list

LISTS = [
    ("project-declaration", "good", "project_network_leasing_2023", "goals.annual"),
    ("department-declaration", "good", "department_2022", "tasks"),
    ("department-declaration", "good", "department_2022", "goals"),
    ("department-self-evaluation", "good", "dept_selfeval_2022", "goals"),  # the self-evaluation goal list
    ("department-self-evaluation", "good", "dept_selfeval_2022", "tasks"),
]


def _adopted(form: str, fixture: str, name: str):
    import conftest

    from assistant.interview.engine import Interview

    record = getattr(conftest, fixture)(name)
    assert record["form"] == form
    return Interview(form, source=record)


@pytest.mark.parametrize(("form", "fixture", "name", "path"), LISTS)
def test_an_item_is_deleted_from_its_own_question_and_the_list_finished_again(form, fixture, name, path):
    iv = _adopted(form, fixture, name)
    items = items_at(iv.record, path)
    before = [repr(item) for item in items]
    assert len(before) >= 2
    iv.jump(item_key(path, 1))
    question = iv.question()
    assert question.key == item_key(path, 1) and "删除" in question.prompt
    reply = iv.answer("删除")
    assert reply.accepted and "已删除" in reply.message
    assert [repr(item) for item in items_at(iv.record, path)] == before[:1] + before[2:]
    iv.jump(path)
    question = iv.question()
    assert question.key == path and question.default == "完成"  # the list was finished: Enter keeps it so
    reply = iv.answer("完成")
    assert reply.accepted and str(len(before) - 1) in reply.message


@pytest.mark.parametrize(("form", "fixture", "name", "path"), LISTS)
def test_a_list_emptied_item_by_item_cannot_be_finished_empty(form, fixture, name, path):
    iv = _adopted(form, fixture, name)
    while items_at(iv.record, path):
        iv.jump(item_key(path, 0))
        assert iv.question().key == item_key(path, 0)
        assert iv.answer("删掉").accepted  # any delete word
    iv.jump(path)
    reply = iv.answer("完成")
    assert not reply.accepted and "至少要写一" in reply.message
