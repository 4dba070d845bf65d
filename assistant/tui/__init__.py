"""The terminal UI (Textual). Imported only by `jixiao` / `jixiao new`, so the
other commands never pay for (or depend on) Textual."""

from __future__ import annotations

from pathlib import Path


def run(
    home: Path,
    form: str | None = None,
    *,
    offer_resume: bool = True,
    resume: Path | None = None,
    first: str | None = None,
):
    """Run the chat app; returns its `Result` (None if it closed abnormally).
    `resume` opens that transcript directly; `first` is sent as soon as it is open."""
    from assistant.tui.app import JixiaoApp

    return JixiaoApp(home, form, offer_resume=offer_resume, resume=resume, first=first).run()
