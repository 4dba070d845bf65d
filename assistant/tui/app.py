"""The app: the chat screen (assistant/tui/chat.py) as its default screen, the
modal screens over it (assistant/tui/dialogs.py), Ctrl+C, and the `Result` the
command line prints after the screen closes. The interview itself is the chat
screen's; the attributes below only let the command line, benches and tests
look at it from the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from assistant.tui import cjkwrap
from assistant.tui.chat import ChatScreen, Result
from assistant.tui.dialogs import QuitDialog
from assistant.tui.guard import last_resort

if TYPE_CHECKING:  # the session loads the engine and the knowledge: after the first frame
    from assistant.interview.session import Session

cjkwrap.install()


class JixiaoApp(App[Result]):
    CSS_PATH = str(Path(__file__).with_name("jixiao.tcss"))
    TITLE = "jixiao 绩效表填报助手"
    ENABLE_COMMAND_PALETTE = False
    CURSOR_BLINK = True  # tests and snapshots turn it off
    BINDINGS = [
        Binding("ctrl+c,ctrl+q", "confirm_quit", "退出", key_display="Ctrl+C", show=False, priority=True),
    ]

    def __init__(
        self,
        home: Path,
        form: str | None = None,
        *,
        offer_resume: bool = True,
        resume: Path | None = None,
        first: str | None = None,
        on_ready: Callable[[JixiaoApp], None] | None = None,
    ):
        super().__init__()
        self.home = Path(home)
        self.start_form = form
        self.offer_resume = offer_resume
        self.resume_path = resume  # open this unfinished interview directly
        self.first = first  # an answer sent as soon as it is open (跳转 KEY for `jixiao fix`)
        self.on_ready = on_ready
        self.chat: ChatScreen | None = None

    def get_default_screen(self) -> Screen:
        self.chat = ChatScreen(
            self.home,
            self.start_form,
            resume=self.resume_path,
            offer_resume=self.offer_resume,
            first=self.first,
            cursor_blink=self.CURSOR_BLINK,
        )
        return self.chat  # it opens the interview when it is mounted

    # ------------------------------------------------- the chat, from outside
    @property
    def session(self) -> Session | None:
        return self.chat.session if self.chat is not None else None

    @property
    def result(self) -> Result | None:
        return self.chat.result if self.chat is not None else None

    @property
    def turns(self) -> int:
        """Answers handled, on the chat or the resume screen (tests wait on it)."""
        return self.chat.turns if self.chat is not None else 0

    @property
    def asked_key(self) -> str | None:
        """The key of the question on screen (None before the first one)."""
        return self.chat.asked_key if self.chat is not None else None

    # -------------------------------------------------------------- lifecycle
    def _handle_exception(self, error: Exception) -> None:
        """Textual's last resort (an error outside the guarded handlers): logged,
        said in Chinese, the app ends with that message, not a traceback."""
        self._return_code = 1
        if self._exception is None:  # run_test re-raises it, so tests still see it
            self._exception = error
            self._exception_event.set()
        message = last_resort(self, error)
        self.exit(Result("error", message=message), return_code=1)

    def on_mount(self) -> None:
        if self.on_ready is not None:  # first in line after the first frame (bench, tests)
            self.call_after_refresh(self.on_ready, self)

    def on_resize(self, event) -> None:
        if self.chat is not None:
            self.chat.resized(event.size.width)

    def action_confirm_quit(self) -> None:
        if isinstance(self.screen, QuitDialog):
            self.screen.dismiss(True)
            return
        chat = self.chat
        if chat is None:
            self.exit(Result("quit"))
            return
        if chat.result is not None and chat.result.status == "final":
            self.exit(chat.result)
            return
        self.push_screen(QuitDialog(), self._quit_answered)

    def _quit_answered(self, quit: bool | None) -> None:
        if quit:
            self.chat.quit()
        elif self.screen is self.chat:
            self.chat.action_focus_answer()


__all__ = ["JixiaoApp", "Result"]
