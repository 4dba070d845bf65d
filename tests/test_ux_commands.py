"""Commands are recognised, never recorded; questions are answered in the chat
(issue 19, items 1 and 2 and the chat questions). Pilot tests drive the UI as
a user does; engine tests pin the rules behind them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import NETWORK_OPENING
from test_tui import BASICS, answer, bot_texts, make_app, notes, question, until  # noqa: F401

from assistant.interview.chat_qa import is_question, match
from assistant.interview.commands import near_miss
from assistant.interview.engine import Interview
from assistant.interview.transcript import read
from assistant.knowledge.qa import BASES, load_qa

TRANSCRIPTS = Path(__file__).resolve().parent.parent / "transcripts"


def real_answers() -> list[str]:
    """Every answer of the example transcripts, except the one made of mistakes on purpose."""
    return [
        event["answer"]
        for path in TRANSCRIPTS.glob("*.jsonl")
        if path.stem != "019_first_time_clerk"
        for event in map(json.loads, path.read_text(encoding="utf-8").splitlines()[1:])
        if event.get("type") == "answer"
    ]


def say(iv: Interview, text: str, accepted: bool = True):
    reply = iv.answer(iv.resolve(text))
    assert reply.accepted is accepted, (text, reply.message)
    return reply


# ------------------------------------------------------------- item 1: 返回 then 跳过
async def test_back_then_skip_on_an_optional_question_moves_on(home):
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        for text in ("2023", "社保专线网络租赁费", "跳过", "返回"):
            await answer(pilot, text)
        assert question(app).key == "project.code"
        await answer(pilot, "跳过")
        assert question(app).key == "project.department"  # not 项目编码 again
        assert "主管部门" in bot_texts(app)[-1]  # and the next question is on screen
        await answer(pilot, "中卫市沙坡头区医疗保障局")
        record = app.session.interview.record
        assert record["project"]["code"] is None and record["project"]["department"] == "中卫市沙坡头区医疗保障局"


def test_enter_on_an_optional_question_without_default_skips_it():
    iv = Interview("project-declaration")
    for text in ("2023", "社保专线网络租赁费"):
        say(iv, text)
    say(iv, "")
    assert iv.question().key == "project.department" and iv.record["project"]["code"] is None


# ------------------------------------------------------ item 2: mistyped commands
@pytest.mark.parametrize(
    ("typed", "meant"),
    [("跳国", "跳过"), ("审察", "审查"), ("预栏", "预览"), ("返会", "返回"), ("保存推出", "保存退出")],
)
def test_near_misses_of_commands_are_asked_about_never_recorded(typed, meant):
    iv = Interview("project-declaration")
    for text in ("2023", "社保专线网络租赁费"):
        say(iv, text)
    reply = say(iv, typed, accepted=False)
    assert f"是不是想输入“{meant}”？" in reply.message
    assert iv.question().key == "project.code" and iv.record["project"]["code"] is None


def test_yes_runs_the_command_and_the_same_text_again_is_an_answer():
    iv = Interview("project-declaration")
    for text in ("2023", "社保专线网络租赁费"):
        say(iv, text)
    say(iv, "跳国", accepted=False)
    assert iv.resolve("是") == "跳过"
    say(iv, "是")
    assert iv.question().key == "project.department" and iv.record["project"]["code"] is None
    say(iv, "审察", accepted=False)
    say(iv, "审察")  # typed twice: it is the answer
    assert iv.record["project"]["department"] == "审察"


def test_list_words_are_near_misses_only_where_the_question_asks_for_them():
    iv = Interview("project-declaration")
    for text in NETWORK_OPENING:
        say(iv, text)
    assert iv.question().key == "goals.annual"
    reply = say(iv, "完城", accepted=False)
    assert "是不是想输入“完成”？" in reply.message and "目标太短" not in reply.message
    assert near_miss("完城") is None  # without a question asking for 完成: no guess


def test_real_answers_are_no_near_misses():
    answers = real_answers()
    assert len(answers) > 500
    commands = {"跳过", "返回", "帮助", "预览", "审查", "保存退出", "完成", "确认"}
    assert [a for a in answers if a not in commands and near_miss(a, ("完成", "确认", "删除"))] == []
    for word in ("新增", "延续", "计划", "长期", "同上", "其他", "历史", "达成", "未达成"):
        assert near_miss(word, ("完成", "确认")) is None


async def test_mistyped_commands_in_the_ui_are_asked_about(home):
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        for text in ("2023", "社保专线网络租赁费"):
            await answer(pilot, text)
        await answer(pilot, "跳国")
        assert "是不是想输入“跳过”？" in notes(app, "error")[-1]
        assert not any("跳国" in n for n in notes(app, "ok"))
        assert question(app).key == "project.code"
        await answer(pilot, "跳过")
        await answer(pilot, "审察")
        assert "是不是想输入“审查”？" in notes(app, "error")[-1]
        assert question(app).key == "project.department"
    record = app.session.interview.record
    assert record["project"]["code"] is None and record["project"]["department"] == ""
    events = [e for _, e in read(app.session.path).events]
    assert [e["answer"] for e in events][-3:] == ["跳国", "跳过", "审察"]


# ------------------------------------------------------------ questions in the chat
TEN = [
    ("什么是时效指标？", "level2.timeliness", "按时"),
    ("成本指标怎么写？", "cost.howto", "≤"),
    ("满意度指标必须填吗？", "satisfaction.required", "服务对象"),
    ("中期目标和年度目标有什么区别？", "midterm.diff", "实施期"),
    ("指标值确定依据选哪个？", "basis.choose", "计划标准"),
    ("执行率怎么算分？", "selfeval.exec_rate", "全年执行数"),
    ("可以写≥100%吗？", "value.ge100", "=100%"),
    ("定性指标怎么打分？", "selfeval.qualitative", "80%"),
    ("社会成本指标是什么？", "cost.social", "负面影响"),
    ("请问资金到位率能当指标吗", "indicator.input", "投入"),
]


def test_the_knowledge_file_has_sixty_entries_each_with_its_basis():
    entries = load_qa()
    assert len(entries) >= 60
    assert all(e.basis and set(e.basis) <= set(BASES) for e in entries)
    assert len({e.id for e in entries}) == len(entries)


@pytest.mark.parametrize(("text", "entry", "word"), TEN)
def test_ten_chat_questions_find_their_answers(text, entry, word):
    assert is_question(text)
    found = match(text)
    assert found is not None and found[0].id == entry, (text, found and found[0].id)
    assert word in found[0].answer


def test_a_question_at_the_form_question_is_answered_too():
    iv = Interview()
    reply = say(iv, "中期目标和年度目标有什么区别？")
    assert "实施期" in reply.message and iv.form is None and iv.question().key == "form"


def test_typos_and_other_wordings_still_match_and_strangers_do_not():
    assert match("什么是时校指标？")[0].id == "level2.timeliness"
    assert match("时效指标是啥意思？")[0].id == "level2.timeliness"
    assert match("成本用≥还是≤？")[0].id == "cost.operator"
    assert match("成本指标能用≥吗？")[0].id == "cost.operator"
    assert match("可以跳过吗？")[0].id == "tool.skip"
    assert match("可以跳过经济效益吗？")[0].id == "benefit.not_applicable"
    assert match("今天天气怎么样？") is None
    assert match("食堂几点开饭？") is None


def test_real_answers_are_never_taken_for_questions():
    answers = real_answers()
    assert [a for a in answers if is_question(a)] == []
    for goal in (
        "解决群众看病难什么的问题，为136个村卫生室租用专线",
        "如期完成2023年度审计任务",
        "是否发生安全事故",
        "怎样都要保障窗口正常开放的前提下完成派遣",
    ):
        assert not is_question(goal), goal


async def test_questions_are_answered_in_the_chat_and_the_question_is_asked_again(home):
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        for text in ("2023", "社保专线网络租赁费", "跳过"):
            await answer(pilot, text)
        for text, _, word in TEN:
            await answer(pilot, text)
            assert word in bot_texts(app)[-2] and "依据：" in bot_texts(app)[-2], text
            assert "主管部门" in bot_texts(app)[-1]  # the current question again
            assert question(app).key == "project.department"
        await answer(pilot, "食堂几点开饭？")
        assert "这个我答不上来" in bot_texts(app)[-2] and "206-明光市医疗保障局" in bot_texts(app)[-2]
        assert app.session.interview.record["project"]["department"] == ""
        await answer(pilot, "中卫市沙坡头区医疗保障局")
        assert app.session.interview.record["project"]["department"] == "中卫市沙坡头区医疗保障局"
    from assistant.interview.replay import replay

    assert replay(app.session.path).record["project"]["department"] == "中卫市沙坡头区医疗保障局"
