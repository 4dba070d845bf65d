"""Answering on the chat screen: the answer boxes and pick list, sending an
answer (always through `Session.send`) and showing the reply. A mixin of
ChatScreen (assistant/tui/chat.py), which handles the widgets' messages here."""

from __future__ import annotations

import functools

from rich.text import Text
from textual import on
from textual.app import ScreenStackError
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from assistant.interview.model import EXIT, HELP, PREVIEW, QA, REVIEW, Reply
from assistant.tui.guard import guarded
from assistant.tui.panel import form_renderable
from assistant.tui.widgets import AnswerArea, AnswerInput, AnswerSubmitted, Picker, PreviewMessage
from assistant.tui.wording import findings_markdown, help_markdown, qa_markdown, shown_answer


def _while_open(handler):
    """Skip a late event (the answer box clearing itself, a highlight) that
    arrives while the app is already closing and its widgets are gone."""

    @functools.wraps(handler)
    def guarded(self, *args):
        try:
            return handler(self, *args)
        except (NoMatches, ScreenStackError):
            return None  # only hints and filters are lost, and nobody is looking any more

    return guarded


class Answering(Screen):
    """A part of ChatScreen (a Screen, so its `@on` handlers are registered)."""

    # --------------------------------------------------------------- answering
    @on(AnswerSubmitted)
    def _answer_submitted(self, message: AnswerSubmitted) -> None:
        message.stop()
        self._submit_box(message.text)

    def _submit_box(self, text: str) -> None:
        choice = self.query_one(Picker).current() if self.picked else None
        self.query_one("#answer", AnswerInput).value = ""
        self.query_one("#answer-area", AnswerArea).text = ""
        if choice is not None:
            self.submit(choice.value, shown=f"{choice.number} {choice.label}" if choice.number else choice.label)
        else:
            self.submit(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._typed(event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._typed(event.text_area.text)

    @guarded
    @_while_open
    def _typed(self, text: str) -> None:
        picker = self.query_one(Picker)
        self.picked = False
        if picker.choices:
            picker.filter(text)
            if not text.strip():
                picker.highlighted = None

    @on(Picker.ChoiceMade)
    @guarded
    def _choice_made(self, message: Picker.ChoiceMade) -> None:
        message.stop()
        choice = message.choice
        self.submit(choice.value, shown=f"{choice.number} {choice.label}" if choice.number else choice.label)
        self.action_focus_answer()

    @on(Picker.ChoiceHighlighted)
    @_while_open
    def _choice_highlighted(self, message: Picker.ChoiceHighlighted) -> None:
        choice = message.choice
        if choice is not None and choice.detail:
            text = f"{choice.label.split('（')[0]}：{choice.detail}"
        else:
            text = self.hint_text
        self.query_one("#hint", Static).update(Text(text, style="dim"))

    @guarded
    def submit(self, text: str, shown: str | None = None) -> None:
        """Handle one answer: the UI's own question, or the engine's."""
        try:
            self._open_deferred()  # an answer typed before the interview finished opening
            if self.closing is not None:
                self.post_user(shown or text or "（回车）")
                self.closing.then()
            elif self.session is not None:
                self._answer(text, shown)
        finally:
            self.turns += 1

    def _answer(self, text: str, shown: str | None) -> None:
        if self.turn is None or self.turn.question is None:
            self._finish()
            return
        try:
            turn = self.session.send(text)  # resolves, saves and applies the answer once
        except OSError as exc:
            self.post_user(shown or text or "（回车）")
            self.post_note(
                f"回答没能保存到磁盘（{exc.strerror or exc}），这一步没有生效。请检查磁盘空间后再试。", "error"
            )
            return
        self.turn, reply = turn, turn.reply
        self.post_user(shown or shown_answer(text, reply.answer))
        self._show_reply(reply)
        if reply.kind == EXIT:
            self._save_and_exit()
            return
        if turn.finished:
            self._finish()
            return
        self._ask(force=reply.kind in (HELP, PREVIEW, REVIEW, QA))
        self._refresh_side()

    def _show_reply(self, reply: Reply) -> None:
        if not reply.accepted:
            self.post_note(reply.message, "error")
        elif reply.kind == HELP:
            self.post_bot(help_markdown(reply.message), "help")
        elif reply.kind == QA:
            self.post_bot(qa_markdown(reply.message), "help")
        elif reply.kind == PREVIEW:
            # The form as the side panel draws it (two columns fit any width), not the
            # Markdown tables, which a chat bubble squeezes into three-character columns.
            self._mount(PreviewMessage(form_renderable(self.session.form_view([]))))
        elif reply.kind == REVIEW:
            self.post_bot(findings_markdown(self.turn.all_findings), "review")
        elif reply.message and reply.kind != EXIT:
            # Taken, but an error about it stands (in the notices below): no ✓.
            self.post_note(reply.message, "noted" if reply.flagged else "ok")
        for notice in reply.notices:
            self.post_note(notice.message, notice.severity if notice.severity in ("warning", "info") else "error")
