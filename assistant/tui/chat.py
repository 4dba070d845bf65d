"""The chat screen. Asks the engine's questions, sends it the user's answers
(always through `Session.send`, so every answer is on disk first), and shows
the form growing beside the conversation. It knows the interview only through
the session's turns (`assistant/interview/turn.py`).

Everything the user reads is Chinese. Key bindings only send the engine's
command words (帮助, 返回, 审查, 保存退出, 预览), so a transcript replays the
same whether the user typed them or pressed a key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static

from assistant.interview import workspace
from assistant.interview.model import Question
from assistant.interview.start import first_question, form_question
from assistant.interview.transcript import TranscriptError
from assistant.interview.turn import Progress, Turn
from assistant.interview.workspace import Unfinished
from assistant.tui.answering import Answering, _while_open
from assistant.tui.dialogs import FatalScreen, ResumeScreen
from assistant.tui.guard import guarded
from assistant.tui.keys import NARROW, KeyActions
from assistant.tui.panel import SidePanel
from assistant.tui.widgets import AnswerArea, AnswerInput, BotMessage, NoteMessage, Picker, UserMessage
from assistant.tui.wording import WELCOME, Choice, choices_for, hint, placeholder, question_markdown

if TYPE_CHECKING:  # the session loads the engine and the knowledge: after the first frame
    from assistant.interview.session import Session

MAX_MESSAGES = 40  # older messages are dropped (the form panel keeps every answer) so layout stays quick


@dataclass
class Result:
    """What the app ended with; the command line prints it after the screen closes."""

    status: str  # final | draft | quit | error
    record_id: str | None = None
    paths: list[Path] = field(default_factory=list)
    message: str = ""


@dataclass
class Closing:
    """The interview is over (saved, or saving failed): Enter does `then`."""

    prompt: str
    placeholder: str
    then: Callable[[], None]


class ChatScreen(Answering, KeyActions):
    BINDINGS = [
        Binding("f1", "command('帮助')", "帮助", key_display="F1", priority=True),
        Binding("f2", "toggle_form", "表格", key_display="F2", priority=True),
        Binding("f3", "focus_findings", "问题", key_display="F3", priority=True),
        Binding("ctrl+b", "command('返回')", "返回", key_display="Ctrl+B", priority=True),
        Binding("ctrl+r", "command('审查')", "审查", key_display="Ctrl+R", priority=True),
        Binding("ctrl+s", "command('保存退出')", "保存退出", key_display="Ctrl+S", priority=True),
        Binding("ctrl+p", "command('预览')", "预览", key_display="Ctrl+P", show=False, priority=True),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("escape", "focus_answer", show=False),
    ]

    def __init__(
        self,
        home: Path,
        form: str | None = None,
        *,
        resume: Path | None = None,
        offer_resume: bool = True,
        first: str | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.home = home
        self._form = form  # a new interview's form (None: the engine asks which)
        self._resume_path = resume  # open this unfinished interview directly
        self._offer_resume = offer_resume
        self.cursor_blink = cursor_blink
        self.first = first  # an answer sent as soon as an interview is resumed (跳转 KEY for `jixiao fix`)
        self.session: Session | None = None
        self.turn: Turn | None = None  # the session's last turn: all this screen shows of the interview
        self.result: Result | None = None
        self.closing: Closing | None = None
        self.picked = False  # the user moved through the list with the arrows
        self.turns = 0  # answers handled (tests wait on it)
        self.show_side = False
        self._last_asked: tuple | None = None
        self._last_section = ""
        self.hint_text = ""
        self._opening = False  # an interview of `_opening_form` opens after this frame
        self._opening_form: str | None = None
        self._unfinished: list[Unfinished] = []  # offered on the resume screen

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static("", id="title")
            yield Static("", id="progress")
        with Horizontal(id="body"):
            with Vertical(id="chat"):
                yield VerticalScroll(id="log", can_focus=False)
                yield Picker(id="picker")
                yield Static("", id="hint")
                yield AnswerInput(id="answer")
                yield AnswerArea(id="answer-area", soft_wrap=True, show_line_numbers=False, highlight_cursor_line=False)
            yield SidePanel(id="side")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#picker").display = False
        self.query_one("#answer-area").display = False
        self.query_one("#answer", AnswerInput).cursor_blink = self.cursor_blink
        self.query_one("#answer-area", AnswerArea).cursor_blink = self.cursor_blink
        self.apply_width(self.app.size.width)
        self.post_bot(WELCOME, "welcome")
        self.open()
        self.action_focus_answer()

    @property
    def findings(self) -> list:
        """Every finding, numbered as the review numbers them."""
        return self.query_one(SidePanel).findings

    @property
    def shown_findings(self) -> list:
        """The findings listed in the panel."""
        return self.query_one(SidePanel).shown

    @property
    def asked_key(self) -> str | None:
        """The key of the question on screen (None before the first one)."""
        return self._last_asked[0] if self._last_asked else None

    def resized(self, width: int) -> None:
        self.apply_width(width)
        # The current question stays in view: the messages re-wrap to the new width
        # over the next frames, so scroll to the end once they have settled.
        self.call_after_refresh(self._scroll_to_end)
        self.set_timer(0.2, self._scroll_to_end)
        if self.turn is not None and self.result is None:
            self._refresh_status(self.turn.progress)

    @_while_open
    def _scroll_to_end(self) -> None:
        self._log().scroll_end(animate=False)

    def apply_width(self, width: int) -> None:
        # F2 flips the form panel: shown by default when the window is wide,
        # hidden (and shown full width on demand) when it is narrow.
        narrow = width < NARROW
        self.set_class(narrow, "narrow")
        self.set_class(narrow and self.show_side, "show-side")
        self.set_class(not narrow and self.show_side, "hide-side")

    def _side_visible(self) -> bool:
        return (self.size.width < NARROW) == self.show_side

    # ---------------------------------------------------------------- messages
    def _log(self) -> VerticalScroll:
        return self.query_one("#log", VerticalScroll)

    def _mount(self, widget) -> None:
        log = self._log()
        log.mount(widget)
        extra = len(log.children) - MAX_MESSAGES
        if extra > 0:
            for old in list(log.children)[:extra]:
                old.remove()
        self.call_after_refresh(log.scroll_end, animate=False)

    def post_bot(self, markdown: str, classes: str = "") -> None:
        self._mount(BotMessage(markdown, classes))

    def post_user(self, text: str) -> None:
        self._mount(UserMessage(text))

    def post_note(self, text: str, kind: str = "ok") -> None:
        self._mount(NoteMessage(text, kind))

    # ------------------------------------------------------------ starting up
    def open(self) -> None:
        """Open an interview: the one asked for, one chosen from the unfinished
        ones (offered on a modal screen), or a new one."""
        if self._resume_path is not None:
            try:
                unfinished = workspace.describe(self._resume_path)
            except TranscriptError as exc:
                self.fatal(f"这份访谈记录打不开：{exc}")
                return
            refused = self.resume(unfinished)
            if refused:
                self.fatal(refused)
            return
        if self._offer_resume:
            try:
                self._unfinished = workspace.list_unfinished(self.home)
            except OSError:
                self._unfinished = []
        if self._unfinished:
            self.app.push_screen(ResumeScreen(self._unfinished), self._resume_chosen)
        else:
            self.start_new(self._form)

    def fatal(self, message: str) -> None:
        """Nothing can be asked: say why; the app ends with that message."""
        self.post_note(message, "error")
        self.app.push_screen(FatalScreen(message), lambda _: self.app.exit(Result("error", message=message)))

    def start_new(self, form: str | None, defer: bool = True) -> None:
        first = (form_question() if form is None else first_question(form)) if defer else None
        if first is not None:
            # The first question (which form? or the plan's first field) needs
            # nothing from the engine or the knowledge base, so it is shown at once
            # and the interview opens right after this frame, while the user reads.
            self._show(first)
            self._opening, self._opening_form = True, form
            self.call_after_refresh(self._open_deferred)
            return
        try:
            self.session = workspace.start_session(self.home, form)
        except workspace.PlanMissing as exc:
            self.fatal(str(exc))
            return
        except OSError as exc:
            self.fatal(
                f"无法在 {self.home} 里新建访谈记录（{exc.strerror or exc}）。请检查磁盘或用 --home 换一个目录。"
            )
            return
        self.turn = self.session.turn()
        self._ask()
        # The live form runs every rule on the record (they load on first use):
        # drawn after the frame that shows the first question, not before it.
        self.call_after_refresh(self._refresh_side)

    def _open_deferred(self) -> None:
        if self._opening:
            self._opening = False
            self.start_new(self._opening_form, defer=False)

    @guarded
    def _resume_chosen(self, chosen: Unfinished | None) -> None:
        """What the resume offer returned: an interview to resume, or None for a new one."""
        try:
            if chosen is None:
                self.start_new(self._form)
            else:
                refused = self.resume(chosen)
                if refused:
                    self.post_note(refused, "error")
                    self.app.push_screen(ResumeScreen(self._unfinished), self._resume_chosen)  # choose another
        finally:
            self.turns += 1
        self.action_focus_answer()

    def resume(self, unfinished: Unfinished) -> str | None:
        """Open an unfinished interview; the reason if it cannot be."""
        try:
            session = workspace.resume_session(unfinished.path, self.home)
        except (workspace.PlanMissing, TranscriptError) as exc:
            return f"这份没法接着填：{exc}"
        self.session, self.turn = session, session.turn()
        if session.events:
            self.post_note(f"接着填“{unfinished.title}”：已恢复 {session.events} 个回答，从上次停下的地方问起。", "ok")
        for problem in session.problems:
            self.post_note(problem.message, "warning")
        if self.first is not None:
            first, self.first = self.first, None
            try:
                self.turn = session.send(first)
                self._show_reply(self.turn.reply)
            except OSError as exc:
                self.post_note(f"没能保存到磁盘（{exc.strerror or exc}）。请检查磁盘空间后再试。", "error")
        if self.turn.question is None:
            self._finish()
            return None
        self._ask(force=True)
        self._refresh_side()
        return None

    # ----------------------------------------------------------------- asking
    def _ask(self, force: bool = False) -> None:
        question = self.turn.question if self.turn is not None else None
        if question is None:
            self._finish()
            return
        self._show(question, force)

    def _show(self, question: Question, force: bool = False) -> None:
        asked = (question.key, question.prompt, question.note)
        if force or asked != self._last_asked:
            new_section = question.section != self._last_section
            self._last_section = question.section
            findings = self.turn.all_findings if question.key == "review" and self.turn else []
            self.post_bot(question_markdown(question, new_section, findings), "question")
            self._last_asked = asked
        self._set_box(question.multiline, placeholder(question))
        self._set_choices(choices_for(question))
        self._hint(hint(question))
        self._refresh_status(self.turn.progress if self.turn is not None else Progress.of(None, {}, question))

    def _set_box(self, multiline: bool, placeholder_text: str) -> None:
        line, area = self.query_one("#answer", AnswerInput), self.query_one("#answer-area", AnswerArea)
        line.display, area.display = not multiline, multiline
        box = area if multiline else line
        box.placeholder = placeholder_text
        if self.focused is None or self.focused in (line, area):
            box.focus()

    def _set_choices(self, choices: list[Choice]) -> None:
        self.picked = False
        picker = self.query_one(Picker)
        picker.show(choices)
        picker.highlighted = None
        picker.display = bool(choices)

    def _hint(self, text: str) -> None:
        self.hint_text = text
        self.query_one("#hint", Static).update(Text(text, style="dim"))

    # ----------------------------------------------------------------- ending
    def _close(self, closing: Closing) -> None:
        self.closing = closing
        self.post_bot(closing.prompt)
        self._set_box(False, closing.placeholder)
        self._set_choices([])
        self._hint("")
        self._refresh_status(None)

    def _finish(self) -> None:
        try:
            record_id, paths = workspace.finish(self.home, self.session)
        except Exception as exc:  # noqa: BLE001 - a store or disk problem: say so, keep the answers
            self.post_note(f"保存没有成功：{exc}", "error")
            self._close(
                Closing(
                    "按回车再试一次；或按 Ctrl+C 退出（回答都已保存，下次运行 jixiao 可以接着填）。",
                    "按回车再试一次保存",
                    self._finish,
                )
            )
            return
        self.result = Result("final", record_id, list(paths))
        listed = "\n".join(f"- `{path}`" for path in paths)
        self.post_bot(
            f"**全部完成！** 记录已定稿保存，编号 **{record_id}**。\n\n表格已经写好：\n\n{listed}\n\n"
            f"以后要改某个指标值，可以运行 `jixiao fix {record_id} --indicator 指标名称`。",
            "done",
        )
        self._refresh_side()
        self._refresh_status(None)
        result = self.result
        self._close(Closing("按回车退出。", "按回车退出", lambda: self.app.exit(result)))

    def _save_and_exit(self) -> None:
        record_id = workspace.save_draft(self.home, self.session)
        self.app.exit(Result("draft", record_id))

    def quit(self) -> None:
        """Leave without saving more (every answer is on disk already)."""
        if self.session is not None:
            workspace.discard_if_empty(self.session)
        self.app.exit(self.result or Result("quit"))


__all__ = ["ChatScreen", "Closing", "Result"]
