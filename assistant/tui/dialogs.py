"""The modal screens over the chat: which unfinished interview to resume, the
question asked before quitting (Ctrl+C), and an error that ends the app.
Each returns its answer with `dismiss`; the chat screen or the app acts on it.
Each has its own footer over the chat's, listing only the keys it takes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from assistant.interview.workspace import Unfinished
from assistant.tui.widgets import AnswerInput, AnswerSubmitted, Picker
from assistant.tui.wording import LOCAL_HELP, Choice
from assistant.values.user_numbers import choice_number

NEW_WORDS = ("new", "新", "新表", "新的")


class Dialog(ModalScreen):
    """A modal screen with its own footer: the chat's keys do nothing here, so
    the chat's footer (still drawn below) is covered by one listing this
    screen's keys."""

    def compose(self) -> ComposeResult:
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        raise NotImplementedError


class ResumeScreen(Dialog, ModalScreen["Unfinished | None"]):
    """Offered at start when interviews were left unfinished. Returns the one to
    resume, or None to start a new form. Enter alone takes the most recent one."""

    AUTO_FOCUS = "#resume-answer"  # typing goes to the box from the first key, as in the chat
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("f1", "help", "帮助", key_display="F1"),
    ]

    def __init__(self, unfinished: list[Unfinished]) -> None:
        super().__init__()
        self.unfinished = unfinished
        self.picked = False  # the user moved through the list with the arrows
        self.choices = [
            Choice(n, f"{u.title}｜{u.form_label}｜最后回答：{u.prompt}｜{u.updated:%m-%d %H:%M}", str(n))
            for n, u in enumerate(unfinished, 1)
        ]
        self.choices.append(Choice(len(self.choices) + 1, "开始填一张新表", "new"))

    def body(self) -> ComposeResult:
        with Vertical(id="resume-box"):
            yield Static(
                Text(f"上次有 {len(self.unfinished)} 份表没有填完。要接着填哪一份？", style="bold"),
                id="resume-title",
            )
            picker = Picker(id="resume-list")
            picker.show(self.choices)  # listed from the first frame on
            yield picker
            yield Static("", id="resume-error")
            yield AnswerInput(
                placeholder=f"输入编号后回车；直接回车 = 接着填“{self.unfinished[0].title}”", id="resume-answer"
            )
            yield Static(Text("↑↓ 选择，回车确认", style="dim"), id="resume-hint")

    def on_mount(self) -> None:
        self.query_one(Picker).highlighted = None
        self.action_focus_answer()

    @property
    def prompt(self) -> str:
        return str(self.query_one("#resume-title", Static).render())

    def action_focus_answer(self) -> None:
        self.query_one(AnswerInput).focus()

    def action_move(self, delta: int) -> None:
        self.picked = self.query_one(Picker).move(delta) or self.picked

    def action_help(self) -> None:
        self.query_one("#resume-hint", Static).update(Text(LOCAL_HELP, style="dim"))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self.picked = False
        picker = self.query_one(Picker)
        picker.filter(event.value)
        if not event.value.strip():
            picker.highlighted = None

    @on(AnswerSubmitted)
    def _submitted(self, message: AnswerSubmitted) -> None:
        message.stop()
        choice = self.query_one(Picker).current() if self.picked else None
        self._choose(choice.value if choice is not None else message.text)

    @on(Picker.ChoiceMade)
    def _picked(self, message: Picker.ChoiceMade) -> None:
        message.stop()
        self._choose(message.choice.value)

    def _choose(self, text: str) -> None:
        text = text.strip() or "1"
        count = len(self.unfinished)
        if text in NEW_WORDS or text == str(count + 1):
            self.dismiss(None)
        elif choice_number(text, count):
            self.dismiss(self.unfinished[choice_number(text, count) - 1])
        else:
            self.query_one(AnswerInput).value = ""
            self.query_one("#resume-error", Static).update(Text(f"✗ 请输入 1 到 {count + 1} 之间的编号。"))


class QuitDialog(Dialog, ModalScreen[bool]):
    """Returns True to quit. Answers are already on disk, so quitting loses nothing."""

    BINDINGS = [
        Binding("y,ctrl+c,ctrl+q", "quit", "退出", key_display="Y", priority=True),
        Binding("n,escape", "stay", "继续填写", key_display="N"),
    ]

    def body(self) -> ComposeResult:
        with Vertical(id="quit-box"):
            yield Static("要退出吗？", id="quit-title")
            yield Static("您的回答已经自动保存。下次运行 jixiao，可以从这里接着填。", id="quit-text")
            with Horizontal(id="quit-buttons"):
                yield Button("继续填写 (N)", id="stay", variant="primary")
                yield Button("退出 (Y)", id="quit")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit")

    def action_quit(self) -> None:
        self.dismiss(True)

    def action_stay(self) -> None:
        self.dismiss(False)


class FatalScreen(Dialog, ModalScreen[None]):
    """Nothing can be asked (the interview file cannot be opened, no home can be
    written): the reason, and Enter to leave. The app ends with the message."""

    BINDINGS = [Binding("enter,escape", "leave", "退出", priority=True)]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def body(self) -> ComposeResult:
        with Vertical(id="fatal-box"):
            yield Static("没法继续", id="fatal-title")
            yield Static(Text(self.message), id="fatal-text")
            with Horizontal(id="fatal-buttons"):
                yield Button("退出 (回车)", id="leave", variant="error")

    def on_mount(self) -> None:
        self.query_one("#leave", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_leave(self) -> None:
        self.dismiss(None)


__all__ = ["FatalScreen", "QuitDialog", "ResumeScreen"]
