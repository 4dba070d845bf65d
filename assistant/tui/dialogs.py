"""The question asked before quitting (Ctrl+C)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class QuitDialog(ModalScreen[bool]):
    """Returns True to quit. Answers are already on disk, so quitting loses nothing."""

    BINDINGS = [
        Binding("y,ctrl+c,ctrl+q", "quit", "退出", priority=True),
        Binding("n,escape", "stay", "继续填写"),
    ]

    def compose(self) -> ComposeResult:
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
