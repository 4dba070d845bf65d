"""The modal screens over the chat (resume offer, quit question, fatal error)
and the messages the widgets post (Picker.ChoiceMade, SidePanel.FindingChosen)."""

from __future__ import annotations

from test_tui import BASICS, answer, make_app, question, send_keys, session_with, until

from assistant.interview import workspace
from assistant.interview.transcript import read
from assistant.tui.chat import ChatScreen
from assistant.tui.dialogs import FatalScreen, QuitDialog, ResumeScreen
from assistant.tui.panel import SidePanel
from assistant.tui.widgets import NoteMessage, Picker


async def test_the_resume_offer_explains_a_wrong_number_and_starts_a_new_form_on_request(home):
    session_with(home, ["2023", "社保专线网络租赁费"])
    app = make_app(home, form=None, offer_resume=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen), "the resume offer")
        offer = app.screen
        send_keys(app, ["9", "enter"])  # refused on the offer itself: no answer handled
        error = offer.query_one("#resume-error")
        await until(pilot, lambda: "请输入 1 到 2 之间的编号" in str(error.render()), "the error")
        assert app.screen is offer and app.session is None and app.turns == 0
        await answer(pilot, "新表")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.session is not None, "a new interview")
        assert question(app).key == "form"
        assert len(workspace.list_unfinished(home)) == 1  # the old one is still there for next time


async def test_the_resume_offer_takes_a_choice_made_with_the_arrows(home):
    older = session_with(home, ["2023", "社保专线网络租赁费"])
    newer = session_with(home, ["2024", "农村饮水安全工程"])
    app = make_app(home, form=None, offer_resume=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen), "the resume offer")
        picker = app.screen.query_one(Picker)
        first, second = (choice.label for choice in picker.shown[:2])
        assert {first.split("｜")[0], second.split("｜")[0]} == {"社保专线网络租赁费", "农村饮水安全工程"}
        turns = app.turns
        send_keys(app, ["down", "down", "enter"])  # the second in the list
        await until(pilot, lambda: app.turns > turns, "the arrow pick")
        chosen = older if second.startswith("社保") else newer
        assert isinstance(app.screen, ChatScreen) and app.session.path == chosen.path
        assert question(app).key == "project.code"


async def test_ctrl_c_over_the_resume_offer_asks_and_can_go_back_to_it(home):
    session_with(home, ["2023"])
    app = make_app(home, form=None, offer_resume=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen), "the resume offer")
        send_keys(app, ["ctrl+c"])
        await until(pilot, lambda: isinstance(app.screen, QuitDialog), "the quit question")
        send_keys(app, ["n"])
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen), "back to the offer")
        send_keys(app, ["ctrl+c"])
        await until(pilot, lambda: isinstance(app.screen, QuitDialog), "the quit question again")
        send_keys(app, ["y"])
        await until(pilot, lambda: app.return_value is not None, "exit")
    assert app.return_value.status == "quit"


async def test_an_interview_file_that_cannot_be_opened_ends_on_a_fatal_screen(home):
    broken = home / "transcripts" / "broken.jsonl"
    broken.write_text("这不是访谈记录\n", encoding="utf-8")
    app = make_app(home, resume=broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, FatalScreen), "the error")
        assert "这份访谈记录打不开" in app.screen.message
        assert app.session is None
        send_keys(app, ["f1", "ctrl+b"])  # the chat's keys do nothing under the error
        await pilot.pause()
        assert isinstance(app.screen, FatalScreen) and app.turns == 0
        send_keys(app, ["enter"])
        await until(pilot, lambda: app.return_value is not None, "exit")
    assert app.return_value.status == "error" and "打不开" in app.return_value.message


async def test_a_choice_picked_in_the_list_itself_is_sent_as_the_answer(home):
    app = make_app(home, form=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None)
        picker = app.query_one(Picker)
        await until(pilot, lambda: picker.display and picker.option_count > 0, "the form choices")
        picker.focus()
        await until(pilot, lambda: app.focused is picker, "the list focused")
        picker.highlighted = 0
        chosen = picker.shown[0]
        turns = app.turns
        send_keys(app, ["enter"])  # Enter on the list itself: Picker.ChoiceMade
        await until(pilot, lambda: app.turns > turns, "the choice")
        assert question(app).key == "year"
        assert [e["answer"] for _, e in read(app.session.path).events] == [chosen.value]
        await until(pilot, lambda: app.focused is app.query_one("#answer"), "typing back in the answer box")


async def test_choosing_a_finding_posts_finding_chosen_with_its_review_number(home):
    session = session_with(home, [*BASICS, "保障工作顺利进行", "完成"])
    app = make_app(home, resume=session.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and app.chat.shown_findings, "the findings")
        panel = app.query_one(SidePanel)
        seen = []
        post = panel.post_message

        def spy(message):
            if isinstance(message, SidePanel.FindingChosen):
                seen.append((message.number, message.finding))
            return post(message)

        panel.post_message = spy
        shown = app.chat.shown_findings[0]
        expected = (app.chat.findings.index(shown) + 1, shown)  # numbered as the review numbers it
        turns = app.turns
        send_keys(app, ["f3", "enter"])
        await until(pilot, lambda: app.turns > turns, "the jump")
        assert seen == [expected] and shown.rule == "goal.vague"
        assert question(app).key == "goals.annual[0]"


async def test_an_offered_interview_that_cannot_be_resumed_is_said_and_offered_again(home, monkeypatch):
    session_with(home, ["2023", "社保专线网络租赁费"])
    app = make_app(home, form=None, offer_resume=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen), "the resume offer")
        monkeypatch.setattr(workspace, "plan_available", lambda form: False)  # its questions are gone
        turns = app.turns
        send_keys(app, ["1", "enter"])
        await until(pilot, lambda: app.turns > turns, "the choice")
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen), "the offer again")
        assert app.session is None
        assert any("这份没法接着填" in note.text for note in app.chat.query(NoteMessage))


def test_the_app_module_loads_neither_the_engine_nor_the_knowledge():
    """The first question is on screen before the engine loads (it opens after
    that frame): importing the app must not pull in the session behind it."""
    import subprocess
    import sys

    probe = (
        "import sys, assistant.tui.app\n"
        "heavy = [m for m in ('assistant.interview.session', 'assistant.interview.engine', 'assistant.knowledge',"
        " 'assistant.rules.engine', 'rapidfuzz') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr


def footer_keys(screen) -> tuple[list[str], object]:
    """The descriptions in the footer a screen draws itself, and its region."""
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    footer = screen.query_one(Footer)
    return [key.description for key in footer.query(FooterKey)], footer.region


async def test_a_modal_screen_shows_only_its_own_keys_in_the_footer(home):
    session_with(home, ["2023"])
    app = make_app(home, form=None, offer_resume=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeScreen), "the resume offer")
        await pilot.pause()
        chat_keys, chat_region = footer_keys(app.chat)
        assert "表格" in chat_keys and "审查" in chat_keys
        offer_keys, offer_region = footer_keys(app.screen)
        assert offer_keys == ["帮助"] and offer_region == chat_region  # drawn over the chat's
        send_keys(app, ["ctrl+c"])
        await until(pilot, lambda: isinstance(app.screen, QuitDialog), "the quit question")
        await pilot.pause()
        quit_keys, quit_region = footer_keys(app.screen)
        assert quit_keys == ["退出", "继续填写"] and quit_region == chat_region
        shown = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert shown == set(quit_keys)
        send_keys(app, ["y"])
        await until(pilot, lambda: app.return_value is not None, "exit")
