"""Key actions and the side panels of the chat screen: F1–F3, arrows, Esc,
typing that lands in the answer box whatever has focus, the findings list.
A mixin of ChatScreen (assistant/tui/chat.py). Its bindings are the screen's,
so none of them fires while a modal screen (quit, resume, an error) is up."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static, TextArea

from assistant.interview.turn import NO_FORM, Progress
from assistant.tui.guard import guarded
from assistant.tui.panel import SidePanel
from assistant.tui.widgets import AnswerArea, AnswerInput, Picker
from assistant.tui.wording import LOCAL_HELP, bar, counts

NARROW = 100  # below this width the form panel is shown on demand (F2)
FINDINGS_HINT = "问题清单：↑↓ 选择，回车跳到要改的地方；直接打字或按 Esc 回到输入框"


class KeyActions(Screen):
    """A part of ChatScreen (a Screen, so its `@on` handlers are registered)."""

    # ------------------------------------------------------------ key actions
    @guarded
    def action_command(self, word: str) -> None:
        if self.closing is not None or self.session is None:
            if word == "帮助":
                self.post_bot(LOCAL_HELP, "help")
            return
        self.submit(word)

    def action_move(self, delta: int) -> None:
        if self.query_one(Picker).move(delta):
            self.picked = True
        else:
            self._log().scroll_relative(y=delta * 3, animate=False)

    def action_focus_answer(self) -> None:
        area = self.query_one("#answer-area", AnswerArea)
        (area if area.display else self.query_one("#answer", AnswerInput)).focus()
        self._hint(self.hint_text)
        if self.show_side and self.size.width < NARROW:  # back from the full-width form panel
            self.action_toggle_form()

    def action_toggle_form(self) -> None:
        self.show_side = not self.show_side
        self.apply_width(self.size.width)
        self.call_after_refresh(self.query_one(SidePanel).scroll_to_current)
        if self.chat_visible() and not isinstance(self.focused, OptionList):
            self._focus_box()  # the panel closed: typing goes to the answer box again

    def chat_visible(self) -> bool:
        return not (self.size.width < NARROW and self.show_side)

    def _focus_box(self) -> Input | TextArea:
        area = self.query_one("#answer-area", AnswerArea)
        box = area if area.display else self.query_one("#answer", AnswerInput)
        self.set_focus(box)  # at once: keys already queued behind this one go to the box too
        return box

    def on_key(self, event: events.Key) -> None:
        """Typing while no answer box has focus (the findings list after F3, the
        form panel after F2) goes into the answer box, never nowhere."""
        if event.key == "enter" and self.focused is None:
            # typed in the first moments, before the box had focus: Enter submits
            # what was typed, not an empty answer
            line = self.query_one("#answer", AnswerInput)
            if line.value and not self.query_one("#answer-area", AnswerArea).display:
                event.stop()
                line.focus()
                self._submit_box(line.value)
            return
        # An answer box takes its own printable keys (and stops them), so one that
        # reaches the app was sent to another widget, even if the box has taken the
        # focus since (keys typed quickly after F3): it goes into the box all the same.
        if not event.is_printable or not event.character:
            return
        event.stop()
        event.prevent_default()
        self.action_focus_answer()
        box = self._focus_box()
        if isinstance(box, Input):
            box.insert_text_at_cursor(event.character)
        else:
            box.insert(event.character)

    def action_focus_findings(self) -> None:
        findings = self.query_one("#findings", OptionList)
        if self.focused is findings:
            self.action_focus_answer()
            return
        if not self._side_visible():
            self.action_toggle_form()
        findings.focus()
        if findings.option_count and findings.highlighted is None:
            findings.highlighted = 0
        self.query_one("#hint", Static).update(Text(FINDINGS_HINT, style="dim"))

    # ----------------------------------------------------------- side panels
    @on(SidePanel.FindingChosen)
    @guarded
    def _finding_chosen(self, message: SidePanel.FindingChosen) -> None:
        """A finding chosen in the panel: its number at the review, else a jump to its field."""
        message.stop()
        if self.session is None or self.turn is None or self.closing is not None:
            return
        finding, number = message.finding, message.number
        question = self.turn.question
        short = finding.message if len(finding.message) <= 40 else finding.message[:40] + "…"
        if question is not None and question.key == "review":
            self.submit(str(number), shown=f"改第 {number} 条：{short}")
        else:
            key = self.session.jump_key(finding.path)
            if key:
                self.submit(f"跳转 {key}", shown=f"去改：{short}")
            else:
                self.post_note("这一条关系到整个部分：全部填完后，在审查里输入它的编号就能修改。", "info")
        self.action_focus_answer()

    def _refresh_side(self) -> None:
        if self.session is None or self.turn is None or self.session.form is None:
            return
        self.query_one(SidePanel).show(self.turn, self.session.form_view(self.turn.findings))
        self._refresh_status(self.turn.progress)

    def _refresh_status(self, asking: Progress | None) -> None:
        """The top bar: the form and whose it is; the step of the question asked (`asking`)."""
        where = self.turn.progress if self.turn is not None else asking
        form, name = (where.label, where.title) if where is not None else (NO_FORM, "")
        narrow = self.size.width < NARROW
        self.query_one("#title", Static).update(
            Text(f" {form}" + (f"｜{name}" if name and not narrow else ""), style="bold")
        )
        if asking is None or not asking.steps:
            progress = "已完成" if self.result is not None else ""
        else:
            progress = f"{asking.section}｜第 {asking.step}/{asking.steps} 步 " + bar(
                asking.step, asking.steps, 5 if narrow else 10
            )
        found = counts(self.shown_findings)
        self.query_one("#progress", Static).update(Text(progress + (f"｜{found}" if found else "") + " "))
