"""The side panel: the live form (as the printed table) above the findings list.

`show(turn, view)` redraws both from a turn of the session and its form view.
Choosing a finding posts `SidePanel.FindingChosen`; the chat screen decides
what that means (a jump, or the finding's number at the review).
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.interview.turn import FormView, Turn
from assistant.tui import formview
from assistant.tui.wording import SEVERITY, counts


class SidePanel(Vertical):
    class FindingChosen(Message):
        """A finding chosen in the list: `number` counts as the review does (from 1)."""

        def __init__(self, number: int, finding) -> None:
            super().__init__()
            self.number = number
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: list = []  # every finding, in review order
        self.shown: list = []  # those listed (not about fields still ahead)
        self._blocks: list[Static] = []
        self._block_ids: list[str] = []
        self._drawn: dict[int, tuple] = {}
        self._target: Static | None = None

    def compose(self) -> ComposeResult:
        yield VerticalScroll(Static("选好表格后，这里会显示表格。", classes="form-empty"), id="form")
        yield Static("问题清单", id="findings-title")
        yield OptionList(id="findings")

    def show(self, turn: Turn, view: FormView) -> None:
        """`view` marks the fields against the turn's findings (`Session.form_view(turn.findings)`)."""
        self.findings = turn.all_findings
        self.shown = turn.findings
        blocks = formview.blocks_for(view.record, view.categories, view.multi_year)
        self._draw_form(blocks, view.states, formview.focus_path(turn.question.key if turn.question else None))
        self._draw_findings()

    def _draw_form(self, blocks: list, state, focus: str | None) -> None:
        container = self.query_one("#form", VerticalScroll)
        ids = [block.id for block in blocks]
        if ids != self._block_ids:
            container.remove_children()
            self._blocks = [Static(classes="form-block") for _ in blocks]
            container.mount(*self._blocks, Static(Text(formview.LEGEND, style="dim"), classes="legend"))
            self._block_ids, self._drawn = ids, {}
        self._target = None
        for number, (widget, block) in enumerate(zip(self._blocks, blocks)):
            # Redraw a block only when what it shows changed: tables are costly to lay out.
            drawn = (
                block.title,
                tuple((r.label, r.text, state(r.path), r.path == focus) for r in block.rows),
                focus == block.id,
            )
            if self._drawn.get(number) != drawn:
                self._drawn[number] = drawn
                widget.update(formview.render_block(block, state, focus))
            if focus and (focus == block.id or any(row.path == focus for row in block.rows)):
                self._target = widget
            elif focus is None and self._target is None and any(state(r.path) == formview.FIX for r in block.rows):
                self._target = widget  # at the review: where the first problem is
        self.call_after_refresh(self.scroll_to_current)

    def scroll_to_current(self) -> None:
        """Bring the block being filled into view (also after the panel is shown with F2)."""
        if self._target is not None and self.display:
            self.query_one("#form", VerticalScroll).scroll_to_widget(self._target, animate=False, top=False)

    @on(OptionList.OptionSelected, "#findings")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            index = int(event.option.id)
            self.post_message(self.FindingChosen(index + 1, self.findings[index]))

    def _draw_findings(self) -> None:
        number = {id(f): n for n, f in enumerate(self.findings, 1)}
        options = []
        for finding in self.shown:
            symbol, label = SEVERITY.get(finding.severity, ("", finding.severity))
            n = number[id(finding)]
            options.append(Option(Text(f"{symbol} {n}. {label}：{finding.message}"), id=str(n - 1)))
        self.query_one("#findings", OptionList).set_options(options)
        title = f"问题清单（{counts(self.shown)}）选中后回车，跳到要改的地方" if options else "问题清单：目前没有问题"
        self.query_one("#findings-title", Static).update(Text(title, style="bold"))


def form_renderable(view: FormView) -> Group:
    """The whole form as the panel draws it, for 预览 in the chat."""
    blocks = formview.blocks_for(view.record, view.categories, view.multi_year)
    return Group(*(formview.render_block(block, view.states, None) for block in blocks))
