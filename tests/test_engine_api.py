"""The UI asks the engine once per answer: one resolve (inside Session.send) and
at most one full rule check (the findings behind the live form, cached per
record content)."""

from __future__ import annotations

from test_tui import BASICS, GOAL_1, GOAL_2, INDICATORS, answer, make_app, until  # noqa: F401

from assistant.interview import engine as engine_module
from assistant.interview.engine import Interview


async def test_one_answer_resolves_once_and_checks_fully_at_most_once(home, monkeypatch):
    counts = {"resolve": 0, "full": 0}
    resolve, check = Interview.resolve, engine_module.check

    def counting_resolve(self, text):
        counts["resolve"] += 1
        return resolve(self, text)

    def counting_check(record, **kwargs):
        if kwargs.get("rules") is None:
            counts["full"] += 1
        return check(record, **kwargs)

    monkeypatch.setattr(Interview, "resolve", counting_resolve)
    monkeypatch.setattr(engine_module, "check", counting_check)
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None)
        await pilot.pause()  # the live form is drawn after the first question's frame
        answers = [*BASICS, GOAL_1, GOAL_2, "完成", *INDICATORS[:7]]
        for text in answers:
            before = dict(counts)
            await answer(pilot, text)
            await pilot.pause()
            assert counts["resolve"] - before["resolve"] == 1, text
            assert counts["full"] - before["full"] <= 1, text
