"""The chat's building blocks: message bubbles, the two answer boxes and the
pick list. No interview logic here (that is in chat.py). The boxes and the list
say what the user did with their own messages (`AnswerSubmitted`,
`Picker.ChoiceMade`, `Picker.ChoiceHighlighted`); the screen handles them."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from assistant.tui.markdown import render as render_markdown
from assistant.tui.wording import Choice
from assistant.values.user_numbers import is_user_int, user_int


class BotMessage(Static):
    """What the assistant says, as Markdown."""

    def __init__(self, markdown: str, classes: str = "") -> None:
        super().__init__(render_markdown(markdown), classes=f"msg bot {classes}".strip())
        self.markdown = markdown


class PreviewMessage(Static):
    """预览 in the chat: the form as the side panel draws it (any rich renderable)."""

    def __init__(self, renderable) -> None:
        super().__init__(renderable, classes="msg bot preview")
        self.form = renderable


class UserMessage(Static):
    def __init__(self, text: str) -> None:
        super().__init__(Text(text), classes="msg user")
        self.text = text


NOTE_PREFIX = {
    "ok": "✓ ",
    "noted": "• 已记下，但有错误要改：",
    "error": "✗ ",
    "warning": "⚠ 警告：",
    "info": "ℹ 提示：",
    "plain": "",
}


class NoteMessage(Static):
    """A short line from the assistant: a confirmation, an error, a warning, a hint."""

    def __init__(self, text: str, kind: str = "ok") -> None:
        super().__init__(Text(NOTE_PREFIX.get(kind, "") + text), classes=f"msg note {kind}")
        self.text = text
        self.kind = kind


class AnswerSubmitted(Message):
    """The user pressed Enter in one of the answer boxes (what the box held)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class AnswerInput(Input):
    """The one-line answer box. A pasted block of lines is kept whole (joined
    by spaces) instead of silently losing everything after the first line."""

    async def action_submit(self) -> None:
        self.post_message(AnswerSubmitted(self.value))

    def _on_paste(self, event: events.Paste) -> None:
        if event.text:
            joined = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
            if self.selection.is_empty:
                self.insert_text_at_cursor(joined)
            else:
                self.replace(joined, *self.selection)
        event.stop()


class AnswerArea(TextArea):
    """The answer box for long answers (goals): wraps, grows with the text,
    keeps pasted line breaks. Enter sends; Ctrl+J starts a new line."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(AnswerSubmitted(self.text))
            return
        if event.key in ("ctrl+j", "shift+enter", "alt+enter"):
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        await super()._on_key(event)


def subsequence(needle: str, haystack: str) -> bool:
    """Every character of needle, in order, somewhere in haystack (so 卫生室数量
    finds 村卫生室专线数量)."""
    it = iter(haystack.lower())
    return all(ch in it for ch in needle.lower() if not ch.isspace())


class Picker(OptionList):
    """The selectable list of suggestions or choices under the conversation."""

    BINDINGS = [Binding("escape", "screen.focus_answer", "回到输入框", show=False)]

    class ChoiceMade(Message):
        """A choice picked with Enter or a click in the list itself."""

        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    class ChoiceHighlighted(Message):
        """The highlight moved (None: no choice highlighted)."""

        def __init__(self, choice: Choice | None) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices: list[Choice] = []
        self.more: list[Choice] = []
        self.shown: list[Choice] = []

    def show(self, choices: list[Choice], typed: str = "") -> None:
        self.choices = [c for c in choices if not c.more]
        self.more = [c for c in choices if c.more]  # found by typing only
        self.filter(typed)

    def filter(self, typed: str) -> None:
        typed = typed.strip()
        if typed and not is_user_int(typed):
            shown = [c for c in (*self.choices, *self.more) if subsequence(typed, c.label)]
        else:
            shown = list(self.choices)
        if shown != self.shown or self.option_count != len(shown):
            self.shown = shown
            self.set_options(Option(_label(c)) for c in shown)
        self.display = bool(shown)
        if is_user_int(typed):
            index = next((i for i, c in enumerate(shown) if c.number == user_int(typed)), None)
            self.highlighted = index
        elif shown and self.highlighted is None:
            self.highlighted = 0

    def current(self) -> Choice | None:
        if self.highlighted is None or not self.display or self.highlighted >= len(self.shown):
            return None
        return self.shown[self.highlighted]

    def move(self, delta: int) -> bool:
        """Move the highlight with the arrows while the answer box keeps the focus
        (wrapping round); False when there is no list to move in."""
        if not self.display or not self.option_count:
            return False
        current = self.highlighted
        self.highlighted = (
            (0 if delta > 0 else self.option_count - 1) if current is None else (current + delta) % self.option_count
        )
        self.scroll_to_highlight()
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ChoiceMade(self.shown[event.option_index]))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.ChoiceHighlighted(self.current()))


def _label(choice: Choice) -> Text:
    text = Text()
    text.append(f"{choice.number:>2} " if choice.number is not None else " › ", style="bold")
    text.append(choice.label)
    return text


__all__ = [
    "AnswerArea",
    "AnswerInput",
    "AnswerSubmitted",
    "BotMessage",
    "Choice",
    "NoteMessage",
    "Picker",
    "PreviewMessage",
    "UserMessage",
    "subsequence",
]
