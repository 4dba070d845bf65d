"""Issue 19, items 5, 7 and 8 in the terminal UI: typing always reaches the
answer box, the current question stays in view, self-evaluation comments in
the chat, and the cosmetic points seen on screen."""

from __future__ import annotations

import copy

import pytest
from conftest import good
from rich.console import Console
from test_tui import (  # noqa: F401
    BASICS,
    GOAL_1,
    GOAL_2,
    INDICATORS,
    answer,
    bot_texts,
    make_app,
    notes,
    question,
    send_keys,
    session_with,
    type_keys,
    until,
)
from textual.widgets import OptionList

from assistant.interview import workspace
from assistant.interview.engine import Interview
from assistant.records import Store
from assistant.tui.widgets import AnswerArea, AnswerInput


def box(app):
    area = app.query_one("#answer-area", AnswerArea)
    return area if area.display else app.query_one("#answer", AnswerInput)


def box_text(app) -> str:
    widget = box(app)
    return widget.text if isinstance(widget, AnswerArea) else widget.value


# ------------------------------------------------------------------ item 5
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_typing_after_f3_goes_into_the_answer_box(home, size):
    session = session_with(home, [*BASICS, "保障工作顺利进行", "完成"])
    app = make_app(home, resume=session.path)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        panel = app.query_one("#findings", OptionList)
        send_keys(app, ["f3"])
        await until(pilot, lambda: app.focused is panel, "the findings list")
        assert "直接打字或按 Esc 回到输入框" in str(app.query_one("#hint").render())
        await type_keys(pilot, "村卫生室")
        await until(pilot, lambda: box_text(app) == "村卫生室", "the typed text in the box")
        assert app.focused is box(app) and app.chat.chat_visible()


async def test_f2_twice_at_80x24_leaves_typing_in_the_answer_box(home):
    session = session_with(home, ["2023", "社保专线网络租赁费"])
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        send_keys(app, ["f2"])
        await pilot.pause()
        send_keys(app, ["f2"])
        await pilot.pause()
        await type_keys(pilot, "跳过")
        await until(pilot, lambda: box_text(app) == "跳过", "the typed text in the box")
        await answer(pilot, "")
        assert question(app).key == "project.department"


async def test_after_a_resize_the_current_question_is_in_view(home):
    session = session_with(home, [*BASICS, GOAL_1, GOAL_2, "完成", *INDICATORS[:12]])
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        for text in ("帮助", "帮助", "帮助"):
            await answer(pilot, text)
        log = app.query_one("#log")
        log.scroll_home(animate=False)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: log.max_scroll_y > 0 and log.scroll_y == log.max_scroll_y, "the end in view")


# ------------------------------------------------------------------ item 7
async def test_a_vague_goal_actual_is_commented_on_in_the_chat(home):
    session = workspace.start_session(home, "self-evaluation", source=good("project_network_leasing_2023"))
    for text in ("", "48 46.5", ""):
        assert session.send(text).reply.accepted
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        assert question(app).key == "goals[0].actual"
        await answer(pilot, "基本完成")
        assert any("看不出做到了什么" in n for n in notes(app, "warning"))


# ------------------------------------------------------------------ item 8
async def test_a_new_interview_opened_from_its_file_says_no_zero_answers(home):
    session = workspace.start_session(home, "project-declaration")
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        assert not any("已恢复 0 个回答" in n for n in notes(app))


async def test_preview_in_the_chat_is_readable_at_80_columns(home):
    from assistant.tui.widgets import PreviewMessage

    session = session_with(home, [*BASICS, GOAL_1, GOAL_2, "完成", *INDICATORS[:7]])
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        await answer(pilot, "预览")
        preview = app.query(PreviewMessage).last()
        await until(pilot, lambda: preview.size.width > 0, "the preview laid out")
        assert preview.size.width >= 70
        console = Console(width=preview.size.width, record=True, color_system=None)
        console.print(preview.form)
        text = console.export_text()
        assert "社保专线网络租赁费" in text and "中卫市沙坡头区医疗保障局" in text  # no 3-character columns
        assert question(app).key == "indicators.annual:质量指标"


async def test_skip_on_a_benefit_category_closes_it(home):
    session = session_with(home, [*BASICS, GOAL_1, GOAL_2, "完成", *INDICATORS[:25]])
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        assert question(app).key == "indicators.annual:经济效益指标"
        assert "效益指标至少填一类" in question(app).prompt
        await answer(pilot, "跳过")
        assert not any("必填" in n for n in notes(app, "error"))
        assert question(app).key == "indicators.annual:社会效益指标"


def test_skipping_the_whole_benefit_group_is_still_refused():
    from test_interview import BASICS as ENGINE_BASICS

    iv = Interview("project-declaration")
    for text in ENGINE_BASICS:
        iv.answer(iv.resolve(text))
    while not iv.question().key.endswith(":经济效益指标"):
        q = iv.question()
        text = (
            "1"
            if q.key.count(":") == 1
            and "[" not in q.key
            and not any(r["level2"] == q.key.split(":")[1] for r in iv.record["indicators"]["annual"])
            else ("完成" if q.key.count(":") == 1 and "[" not in q.key else "")
        )
        assert iv.answer(iv.resolve(text)).accepted, (q.key, text)
    for _ in range(3):  # 经济, 社会, 生态 skipped
        assert iv.answer("跳过").accepted
    reply = iv.answer("跳过")  # 可持续影响: the last of the group
    assert not reply.accepted and "至少要填一个" in reply.message


async def test_scoring_menu_shows_names_not_internal_ids(home):
    session = workspace.start_session(home, "self-evaluation", source=good("project_network_leasing_2023"))
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        assert question(app).key == "profile"
        shown = " ".join([bot_texts(app)[-1], *(c.label for c in app.query_one("#picker").shown), app.chat.hint_text])
        assert "central" not in shown and "exec20" not in shown and "财预〔2020〕10号" in shown


def test_no_none_in_a_fiscal_prompt():
    declaration = copy.deepcopy(good("project_network_leasing_2023"))
    declaration["funds"]["annual"].update(fiscal=40, other=8)
    iv = Interview("self-evaluation", source=declaration)
    for text in ("", "48 46.5"):
        assert iv.answer(iv.resolve(text)).accepted
    assert iv.question().key == "funds.fiscal" and "None" not in iv.question().prompt


def test_goal_summaries_are_clipped_with_an_ellipsis():
    iv = Interview("project-declaration")
    for text in [
        "2023",
        "农村饮水安全工程",
        "跳过",
        "某县水利局",
        "",
        "",
        "",
        "48万，全部财政拨款",
        "跳过",
        "完成全县12个水厂的水质检测并公布结果，保障农村饮水安全，让群众喝上放心水",
    ]:
        assert iv.answer(iv.resolve(text)).accepted
    note = iv.question().note
    assert note.endswith("…") and "饮水安；" not in note


def test_history_says_what_changed():
    from assistant.interview.changes import change_note

    before = good("project_network_leasing_2023")
    after = copy.deepcopy(before)
    after["indicators"]["annual"][2]["value"] = "≥99.5%"
    after["goals"]["annual"][1] = "保证参保信息当日变更"
    note = change_note(before, after)
    assert note == "修改后重新定稿：年度目标第 2 条；年度指标“专线网络可用率” ≥99.9% → ≥99.5%"


def test_check_reads_the_stores_own_record_files(home, capsys):
    from assistant.cli.main import main

    store = Store(home)
    record_id = store.save(good("project_network_leasing_2023"), status="final")
    assert main(["check", str(store.record_path(record_id))]) == 0
    assert "缺少 form 字段" not in capsys.readouterr().err


def test_version_help_is_chinese(capsys):
    from assistant.cli.main import build_parser

    assert "显示版本号并退出" in build_parser().format_help()
