"""The terminal UI, driven the way a user drives it: keys typed into the app.

Every wait is for a condition (the app counts the answers it has handled), never
a fixed pause. Each test gets its own JIXIAO_HOME.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from conftest import NETWORK_OPENING_STATED, good
from textual import events
from textual.keys import _character_to_key
from textual.widgets import OptionList

from assistant.interview import workspace
from assistant.interview.transcript import read
from assistant.records import Store
from assistant.tui.app import JixiaoApp
from assistant.tui.dialogs import QuitDialog, ResumeScreen
from assistant.tui.widgets import BotMessage, NoteMessage, Picker, UserMessage

PROJECT = "project-declaration"
GOAL_1 = "为136个村卫生室和11个社区民生服务站租用社保专线网络，保障城乡居民医保门诊统筹及门诊大病费用及时结算"
GOAL_2 = "保证城乡居民医疗保险参保信息及时变更，方便群众参保登记和就近就医结算"
# 社保专线网络租赁费 (seed 001), corrected (tests/fixtures/good/project_network_leasing_2023.json),
# answered the way a clerk would: numbers for suggestions, Enter for defaults.
BASICS = NETWORK_OPENING_STATED
INDICATORS = [
    "1",
    "136",
    "",
    "1",
    "11",
    "",
    "完成",  # 数量: by number, bare numbers
    "1",
    "",
    "3",
    "1",
    "",
    "",
    "完成",  # 质量: standard values, 行业标准
    "1",
    "",
    "",
    "完成",  # 时效
    "村卫生室专线单价",
    "≤2400元/条·年",
    "2",
    "社区民生服务站专线单价",
    "13000",
    "2",
    "完成",  # 成本: by name
    "完成",  # 经济效益: none
    "1",
    "",
    "",
    "完成",  # 社会效益
    "完成",  # 生态效益: none
    "1",
    "",
    "",
    "完成",  # 可持续影响
    "2",
    "",
    "",
    "完成",  # 满意度: 参保群众满意度
]


# ------------------------------------------------------------------ helpers
def make_app(
    home: Path, form: str | None = PROJECT, offer_resume: bool = False, resume: Path | None = None
) -> JixiaoApp:
    app = JixiaoApp(home, form, offer_resume=offer_resume, resume=resume)
    app.CURSOR_BLINK = False
    return app


async def until(pilot, condition, what: str = "condition", limit: float = 10.0) -> None:
    """Let the app work until `condition()` holds; fail after `limit` seconds.

    Polls with tiny yields to the event loop rather than `pilot.pause()`, which
    forces a full screen render every time it is called."""
    deadline = asyncio.get_running_loop().time() + limit
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.001)


def send_keys(app, keys) -> None:
    """Queue key presses as the terminal driver would (pilot.press waits for idle
    after every key, which makes a whole interview slow)."""
    for key in keys:
        char = key if len(key) == 1 else ("\r" if key == "enter" else None)
        name = key if len(key) > 1 or key.isalnum() else _character_to_key(key)
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def type_keys(pilot, text: str) -> None:
    send_keys(pilot.app, list(text))
    await until(pilot, lambda: True)


async def answer(pilot, text: str) -> None:
    """Type an answer and press Enter; wait until the app has handled it."""
    app = pilot.app
    turns = app.turns
    send_keys(app, [*text, "enter"])
    await until(pilot, lambda: app.turns > turns, f"the answer {text!r}")


async def paste(pilot, text: str) -> None:
    event = events.Paste(text)
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)
    await pilot.pause()


def question(app: JixiaoApp):
    return app.session.interview.question()


def bot_texts(app: JixiaoApp) -> list[str]:
    return [m.markdown for m in app.query(BotMessage)]


def notes(app: JixiaoApp, kind: str | None = None) -> list[str]:
    return [m.text for m in app.query(NoteMessage) if kind is None or m.kind == kind]


def session_with(home: Path, answers: list[str], form: str | None = PROJECT):
    """An unfinished interview on disk, as if the user had typed these answers and left."""
    session = workspace.start_session(home, form)
    for text in answers:
        reply = session.send(text).reply
        assert reply.accepted, (text, reply.message)
    return session


def without_descriptions(record: dict) -> dict:
    # Standard indicators take their 绩效指标描述 from the knowledge base; the
    # corrected fixture has hand-written ones. Everything else must match.
    record = dict(
        record,
        indicators={
            k: [{f: v for f, v in row.items() if f != "description"} for row in rows]
            for k, rows in record["indicators"].items()
        },
    )
    return record


# ------------------------------------------------------- the whole declaration
async def test_whole_declaration_by_typing(home):
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None, "first question")
        assert question(app).key == "year"
        for text in BASICS:
            await answer(pilot, text)
        # Goal 1 pasted from a document, broken across lines; goal 2 typed.
        assert app.query_one("#answer-area").display, "goals use the multi-line box"
        await paste(pilot, GOAL_1[:25] + "\n" + GOAL_1[25:])
        assert app.query_one("#answer-area").text == GOAL_1[:25] + "\n" + GOAL_1[25:]
        await pilot.press("enter")
        await until(pilot, lambda: len(app.session.interview.record["goals"]["annual"]) == 1, "goal 1")
        for text in [GOAL_2, "完成", *INDICATORS]:
            await answer(pilot, text)
        assert question(app).key == "review"
        assert "没有发现问题" in bot_texts(app)[-1]
        await answer(pilot, "确认")
        await until(pilot, lambda: app.result is not None, "the record to be saved")

        result = app.result
        assert result.status == "final"
        assert [p.suffix for p in result.paths] == [".md", ".xlsx", ".docx"]
        assert all(p.exists() and p.parent == home / "exports" for p in result.paths)
        done = next(text for text in bot_texts(app) if "全部完成" in text)
        assert all(str(path) in done for path in result.paths)
        await pilot.press("enter")  # "按回车退出"
    assert app.return_value is result

    store = Store(home)
    record = store.get(result.record_id)
    assert store.meta(result.record_id)["status"] == "final"
    assert without_descriptions(record) == without_descriptions(good("project_network_leasing_2023"))
    # The transcript moved next to the record (so `jixiao fix` appends to it); nothing left to resume.
    transcript = home / "transcripts" / f"{result.record_id}.jsonl"
    assert transcript.exists() and read(transcript).header["record_id"] == result.record_id
    assert workspace.list_unfinished(home) == []


# ------------------------------------------------------------- single moves
async def test_invalid_answer_is_explained_and_asked_again(home):
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.session is not None)
        await answer(pilot, "明年")
        assert "不是年份" in notes(app, "error")[-1]
        assert question(app).key == "year"
        await answer(pilot, "2023")
        assert app.session.interview.record["year"] == 2023
        assert question(app).key == "project.name"


async def test_back_key_reasks_previous_question_with_answer_as_default(home):
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.session is not None)
        for text in ("2023", "社保专线网络租赁费"):
            await answer(pilot, text)
        assert question(app).key == "project.code"
        turns = app.turns
        send_keys(app, ["ctrl+b"])
        await until(pilot, lambda: app.turns > turns, "Ctrl+B")
        assert question(app).key == "project.name"
        assert question(app).default == "社保专线网络租赁费"
        assert "直接回车采用：社保专线网络租赁费" in app.chat.hint_text
        await answer(pilot, "")  # Enter keeps the old answer
        assert app.session.interview.record["project"]["name"] == "社保专线网络租赁费"
        assert question(app).key == "project.code"
    events = [e for _, e in read(app.session.path).events]
    assert [e["answer"] for e in events] == ["2023", "社保专线网络租赁费", "返回", "社保专线网络租赁费"]


async def test_help_key_explains_the_current_question(home):
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.session is not None)
        turns = app.turns
        send_keys(app, ["f1"])
        await until(pilot, lambda: app.turns > turns, "F1")
        help_text = bot_texts(app)[-2]  # the help, then the question asked again
        assert "说明：" in help_text and "例子：2023" in help_text
        assert question(app).key == "year"
        assert "这张申报表是哪个预算年度的" in bot_texts(app)[-1]


async def test_suggestions_by_number_by_arrows_and_filtered_by_typing(home):
    session = session_with(home, [*BASICS, GOAL_1, GOAL_2, "完成"])
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None)
        q = question(app)
        assert q.key == "indicators.annual:数量指标"
        picker = app.query_one(Picker)
        assert picker.display and [c.number for c in picker.shown][:5] == [1, 2, 3, 4, 5]
        assert picker.shown[-1].value == "完成"
        second = q.suggestions[1].value

        await answer(pilot, "2")  # number keys
        rows = app.session.interview.record["indicators"]["annual"]
        assert rows[0]["name"] == second
        for text in ("11", ""):
            await answer(pilot, text)

        await type_keys(pilot, "卫生室")  # typing filters the list
        await until(pilot, lambda: all(set("卫生室") <= set(c.label) for c in picker.shown))
        assert 0 < len(picker.shown) < len(picker.choices)
        send_keys(app, ["ctrl+u"])  # clear the line again
        await until(pilot, lambda: len(picker.shown) == len(picker.choices))

        wanted = question(app).suggestions[1].value
        turns = app.turns
        send_keys(app, ["down", "down", "enter"])  # arrows and Enter
        await until(pilot, lambda: app.turns > turns, "arrow pick")
        assert app.session.interview.record["indicators"]["annual"][1]["name"] == wanted
        assert any(f"2 {wanted}" in m.text for m in app.query(UserMessage))


async def test_unfinished_interview_is_offered_and_resumed(home):
    session = session_with(home, ["2023", "社保专线网络租赁费"])
    app = make_app(home, form=None, offer_resume=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen), "the resume offer")
        assert "没有填完" in app.screen.prompt
        picker = app.screen.query_one(Picker)
        assert "社保专线网络租赁费" in picker.shown[0].label and picker.shown[-1].label == "开始填一张新表"
        await answer(pilot, "")  # Enter: the most recent one
        assert app.session.path == session.path
        assert question(app).key == "project.code"
        await answer(pilot, "跳过")
    events = [e for _, e in read(session.path).events]
    assert [e["answer"] for e in events] == ["2023", "社保专线网络租赁费", "跳过"]


async def test_save_and_exit_leaves_the_interview_for_next_time(home):
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.session is not None)
        await answer(pilot, "2023")
        send_keys(app, ["ctrl+s"])
        await until(pilot, lambda: app.return_value is not None, "exit")
    assert app.return_value.status == "draft"
    [left] = workspace.list_unfinished(home)
    assert left.path == app.session.path and left.form == PROJECT
    assert [e["answer"] for _, e in read(left.path).events] == ["2023", "保存退出"]


async def test_ctrl_c_asks_before_quitting(home):
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.session is not None)
        await answer(pilot, "2023")
        send_keys(app, ["ctrl+c"])
        await until(pilot, lambda: isinstance(app.screen, QuitDialog), "the quit question")
        send_keys(app, ["n"])
        await until(pilot, lambda: not isinstance(app.screen, QuitDialog), "back to the chat")
        assert question(app).key == "project.name"
        send_keys(app, ["ctrl+c"])
        await until(pilot, lambda: isinstance(app.screen, QuitDialog), "the quit question again")
        send_keys(app, ["y"])
        await until(pilot, lambda: app.return_value is not None, "exit")
    assert app.return_value.status == "quit"
    assert [u.path for u in workspace.list_unfinished(home)] == [app.session.path]


async def test_findings_panel_jumps_to_the_field(home):
    session = session_with(home, [*BASICS, "保障工作顺利进行", "完成"])
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None)
        panel = app.query_one("#findings", OptionList)
        assert [f.rule for f in app.chat.shown_findings] == ["goal.vague"]
        assert panel.option_count == 1
        send_keys(app, ["f3"])
        await until(pilot, lambda: app.focused is panel)
        turns = app.turns
        send_keys(app, ["enter"])
        await until(pilot, lambda: app.turns > turns, "the jump")
        assert question(app).key == "goals.annual[0]"
        assert question(app).default == "保障工作顺利进行"
        await answer(pilot, GOAL_1)
        assert app.session.interview.record["goals"]["annual"] == [GOAL_1]
        assert question(app).key == "indicators.annual:数量指标"
        assert app.chat.shown_findings == []
    # The jump is an answer like any other: replay rebuilds the same record.
    from assistant.interview.replay import replay

    assert replay(session.path).record == app.session.interview.final_record()


async def test_review_error_is_fixed_by_jumping_from_the_findings_panel(home):
    # The seed's own costs (136 × 2400 + 11 × 15000 元) exceed the 48 万 budget.
    seed = list(INDICATORS)
    seed[seed.index("≤2400元/条·年")] = "2400"
    seed[seed.index("13000")] = "15000"
    session = session_with(home, [*BASICS, GOAL_1, GOAL_2, "完成", *seed])
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None)
        assert question(app).key == "review"
        assert [f.rule for f in app.chat.shown_findings] == ["indicator.cost_exceeds_budget"]
        assert "超过年度资金总额 48 万元" in bot_texts(app)[-1]
        await answer(pilot, "确认")
        assert "还有 1 个错误" in notes(app, "error")[-1]
        send_keys(app, ["f3", "enter"])
        await until(pilot, lambda: question(app).key != "review", "the jump")
        # The finding points at the first cost row; its unit price is right, so Enter keeps it ...
        assert question(app).key == "indicators.annual[5].value"
        assert "村卫生室专线单价" in question(app).prompt and question(app).default == "≤2400元/条·年"
        await answer(pilot, "")
        assert question(app).key == "review" and len(app.chat.shown_findings) == 1
        # ... and the other one is corrected in words, right at the review.
        await answer(pilot, "把社区民生服务站专线单价改成13000")
        assert "≤15000元/条·年 → ≤13000元/条·年" in notes(app, "ok")[-1]
        assert question(app).key == "review" and app.chat.shown_findings == []
        await answer(pilot, "")  # Enter = 确认
        await until(pilot, lambda: app.result is not None)
    assert app.result.status == "final"
    record = Store(home).get(app.result.record_id)
    assert without_descriptions(record) == without_descriptions(good("project_network_leasing_2023"))


async def test_form_without_a_plan_is_refused_in_chinese(home, monkeypatch):
    from assistant.interview import handlers

    monkeypatch.setattr(handlers, "has_plan", lambda form: form == PROJECT)
    app = make_app(home, form=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.session is not None)
        assert question(app).key == "form"
        await answer(pilot, "2")
        assert "还没有准备好" in notes(app, "error")[-1]
        assert question(app).key == "form"
        await answer(pilot, "1")
        assert question(app).key == "year"


def test_cli_new_with_a_missing_plan_says_so(home, monkeypatch, capsys):
    from assistant.cli.main import main

    monkeypatch.setattr(workspace, "plan_available", lambda form: form == PROJECT)
    assert main(["new", "--form", "self-eval"]) == 2
    assert "项目支出绩效自评表" in capsys.readouterr().err


def test_cli_check_and_the_workspace_do_not_import_textual(tmp_path):
    import subprocess
    import sys

    from conftest import FIXTURES

    probe = (
        "import sys; from assistant.cli.main import main; import assistant.interview.workspace\n"
        f"code = main(['check', {str(FIXTURES / 'good' / 'project_network_leasing_2023.json')!r}])\n"
        "assert not any(m.split('.')[0] == 'textual' for m in sys.modules), 'textual imported'\n"
        "sys.exit(code)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr


async def test_no_color_is_respected(home, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.session is not None)
        assert app.no_color


# ---------------------------------------------------------------- snapshots
# Fixed sizes, cursor blink off; regenerate with `pytest tests/test_tui.py --snapshot-update`
# and look at the SVGs in tests/__snapshots__/ before committing them.
def test_snapshot_first_question_80x24(home, snap_compare):
    assert snap_compare(make_app(home, form=None), terminal_size=(80, 24))


def test_snapshot_indicator_suggestions_120x40(home, snap_compare):
    session = session_with(home, [*BASICS, GOAL_1, GOAL_2, "完成", "1", "136", ""])
    assert snap_compare(make_app(home, resume=session.path), terminal_size=(120, 40))


def test_snapshot_form_panel_on_f2_80x24(home, snap_compare):
    session = session_with(home, [*BASICS, GOAL_1, GOAL_2, "完成", "1", "136", ""])
    assert snap_compare(make_app(home, resume=session.path), terminal_size=(80, 24), press=["f2"])


def test_snapshot_review_with_an_error_120x40(home, snap_compare):
    seed = list(INDICATORS)
    seed[seed.index("13000")] = "15000"
    session = session_with(home, [*BASICS, GOAL_1, GOAL_2, "完成", *seed])
    assert snap_compare(make_app(home, resume=session.path), terminal_size=(120, 40))


def test_snapshot_no_color_80x24(home, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    session = session_with(home, ["2023", "社保专线网络租赁费"])
    assert snap_compare(make_app(home, resume=session.path), terminal_size=(80, 24))


# ------------------------------------------------------- pieces, without a screen
def test_chinese_wraps_between_characters_and_keeps_punctuation_attached():
    from rich.console import Console
    from rich.text import Text

    from assistant.tui import cjkwrap

    assert cjkwrap.install()
    console = Console(width=20, record=True, color_system=None)
    text = "产出指标 › 数量指标（必填）：选一个编号，或输入指标名称；这一类填完输入“完成”。Ctrl+B 返回"
    console.print(Text(text))
    lines = console.export_text().splitlines()
    assert "".join(line.replace(" ", "") for line in lines) == text.replace(" ", "")  # nothing lost
    assert lines[0].startswith("产出指标 › 数量指标")  # no break at the space
    assert not any(line.startswith(("，", "。", "；", "：", "）", "”")) for line in lines)
    assert "Ctrl+B" in "".join(lines)  # Latin words kept whole


def test_markdown_subset_renders_without_loading_rich_markdown():
    from rich.console import Console

    from assistant.tui.markdown import render

    console = Console(width=60, record=True, color_system=None)
    console.print(
        render("**【基本信息】**\n\n*本类已有：甲。*  \n*乙*\n\n1. 第一条\n2. 第二条\n\n- 说明：`jixiao fix`")
    )
    out = console.export_text()
    assert "【基本信息】" in out and "**" not in out and "`" not in out
    assert "本类已有：甲。\n乙" in out
    assert "1. 第一条" in out and "‣ 说明：jixiao fix" in out


def test_form_view_marks_and_focus():
    from assistant.interview import field_states as marks
    from assistant.interview.engine import Interview
    from assistant.tui import formview

    iv = Interview(PROJECT)
    for text in ["2023", "社保专线网络租赁费", "跳过", "中卫市沙坡头区医疗保障局"]:
        assert iv.answer(iv.resolve(text)).accepted
    prov = marks.Provenance()
    iv.answer(iv.resolve(""))  # 实施单位: Enter takes the 主管部门
    prov.note("project.unit", "", "中卫市沙坡头区医疗保障局")
    state = marks.FieldStates(iv, prov, [])
    assert [state(p) for p in ("project.name", "project.code", "project.unit", "project.attribute")] == [
        formview.ANSWERED,
        formview.SKIPPED,
        formview.DERIVED,
        formview.EMPTY,
    ]
    assert formview.focus_path(iv.question().key) == "project.attribute"
    assert formview.focus_path("indicators.annual[3].value") == "indicators.annual[3]"
    assert formview.focus_path("indicators.annual:数量指标:confirm") == "indicators.annual:数量指标"
    assert formview.focus_path("goals.annual") == "goals.annual[+]"
    blocks = formview.blocks_for(iv.record, marks.categories(iv))
    assert [b.id for b in blocks] == ["basic", "funds", "goals", "indicators.annual"]


# ------------------------------------------------- quick fix and --from in the UI
async def test_fix_opens_on_the_indicator_and_saves_a_new_version(home):
    """`jixiao fix ID --indicator NAME`: the UI opens on that value; the answer and
    the re-confirmed review give a new version, and replay reproduces it."""
    from assistant.interview.quickfix import compare, open_for_fix
    from assistant.interview.replay import replay

    store = Store(home)
    record_id = store.save(good("project_network_leasing_2023"), status="final")
    before, path, key, target = open_for_fix(store, record_id, "专线网络可用律")  # misspelt
    assert key == "indicators.annual[2].value"
    app = JixiaoApp(home, offer_resume=False, resume=path, first=f"跳转 {key}")
    app.CURSOR_BLINK = False
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None, "the value question")
        assert question(app).key == key and question(app).default == "≥99.9%"
        await answer(pilot, "≥99.5%")
        assert question(app).key == "review"
        await answer(pilot, "")  # 确认
        await until(pilot, lambda: app.result is not None or app.chat.closing is not None, "the end")
    result = compare(store, record_id, before, target)
    assert (result.before, result.after, result.status) == ("≥99.9%", "≥99.5%", "final")
    # The history says what changed, not only that it changed (issue 19, item 8).
    assert store.history(record_id)[-1]["note"] == "修改后重新定稿：年度指标“专线网络可用率” ≥99.9% → ≥99.5%"
    assert replay(store.transcript_path(record_id)).record == store.get(record_id)


def test_new_from_and_fix_need_a_terminal_and_a_right_record(home, capsys):
    from assistant.cli.main import main

    store = Store(home)
    declaration = store.save(good("project_network_leasing_2023"), status="final")
    department = store.save(good("department_2022"), status="final")
    assert main(["new", "--form", "self-eval", "--from", department]) == 2  # not a project declaration
    assert "不是项目支出绩效目标申报表" in capsys.readouterr().err
    assert main(["new", "--form", "project", "--from", declaration]) == 2
    assert "只用于自评表" in capsys.readouterr().err
    assert main(["new", "--form", "self-eval", "--from", declaration]) == 2  # pytest has no terminal
    assert "终端" in capsys.readouterr().err
    assert main(["fix", declaration, "--indicator", "专线网络可用率"]) == 2
    assert "终端" in capsys.readouterr().err


async def test_a_full_disk_mid_interview_is_said_in_chinese_and_nothing_is_applied(home, monkeypatch):
    import errno

    from assistant.interview.transcript import TranscriptWriter

    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None, "the first question")
        await answer(pilot, "2023")
        assert question(app).key == "project.name"

        def full(self, event):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(TranscriptWriter, "append", full)
        await answer(pilot, "社保专线网络租赁费")
        assert any("没能保存到磁盘" in text for text in notes(app, "error"))
        assert question(app).key == "project.name"  # the unsaved answer did not take effect
        monkeypatch.undo()
        await answer(pilot, "社保专线网络租赁费")
        assert question(app).key == "project.code"
    assert [e["answer"] for _, e in read(app.session.path).events] == ["2023", "社保专线网络租赁费"]
