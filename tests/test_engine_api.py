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


# ------------------------------------------------------------ the Turn contract
def counted_checks(monkeypatch) -> dict[str, int]:
    counts = {"full": 0}
    check = engine_module.check

    def counting_check(record, **kwargs):
        if kwargs.get("rules") is None:
            counts["full"] += 1
        return check(record, **kwargs)

    monkeypatch.setattr(engine_module, "check", counting_check)
    return counts


def test_a_turn_carries_the_reply_the_next_question_its_progress_and_findings(home):
    from assistant.interview import field_states, workspace
    from assistant.interview.turn import Turn

    session = workspace.start_session(home, "project-declaration")
    opening = session.turn()
    assert opening.opening and opening.asked == "" and opening.question.key == "year"
    assert opening.progress.label == "项目支出绩效目标申报表" and opening.progress.title == ""

    for text in BASICS[:4]:
        turn = session.send(text)
    assert isinstance(turn, Turn) and turn.reply.accepted
    assert turn.asked == "project.department"
    iv = session.interview
    assert turn.question == iv.question() and turn.question.key == "project.unit"
    progress = turn.progress
    assert (progress.section, progress.step, progress.steps) == (
        turn.question.section,
        turn.question.step,
        turn.question.steps,
    )
    assert 0 < progress.step < progress.steps and progress.title == "社保专线网络租赁费"
    assert turn.all_findings == iv.findings()
    assert turn.findings == field_states.visible_findings(iv, iv.findings(), iv.question())

    enter = session.send("")  # 实施单位: Enter takes the 主管部门
    assert enter.reply.answer == "中卫市沙坡头区医疗保障局"  # resolved once, by send
    assert iv.record["project"]["unit"] == "中卫市沙坡头区医疗保障局"


def test_the_findings_behind_a_turn_are_visible_ones_and_the_review_shows_all(home):
    from assistant.interview import workspace

    session = workspace.start_session(home, "project-declaration")
    for text in [*BASICS, "保障工作顺利进行"]:
        turn = session.send(text)
    vague = [f for f in turn.all_findings if f.rule == "goal.vague"]
    assert vague and vague[0] in turn.findings  # about an answer already given: shown
    ahead = [f for f in turn.all_findings if f not in turn.findings]
    assert ahead, "findings about fields still ahead are held back"
    assert all(f.path.startswith("indicators") for f in ahead)


def test_findings_are_checked_only_when_asked_for_and_a_stale_turn_says_so(home, monkeypatch):
    import pytest

    from assistant.interview import workspace
    from assistant.interview.turn import StaleTurn

    session = workspace.start_session(home, "project-declaration")
    counts = counted_checks(monkeypatch)
    refused = session.send("明年")
    assert not refused.reply.accepted and refused.question.key == "year"
    turns = [session.send(text) for text in BASICS]
    assert counts["full"] == 0, "a caller that wants only the replies pays no full check"
    last = turns[-1]
    assert last.findings is not None and counts["full"] == 1
    assert last.all_findings is not None and counts["full"] == 1  # one check per turn
    with pytest.raises(StaleTurn):
        turns[-2].findings  # noqa: B018 - the record has changed since that turn
    with pytest.raises(StaleTurn):
        refused.findings  # noqa: B018 - a refused answer is a move too (recorded, then refused)


def test_the_session_keeps_which_answers_were_defaults_across_a_resume(home):
    from assistant.interview import workspace
    from assistant.interview.session import Session

    session = workspace.start_session(home, "project-declaration")
    for text in BASICS[:5]:
        session.send(text)
    assert "project.unit" in session.provenance.defaulted
    assert "project.name" in session.provenance.typed
    resumed = Session.resume(session.path)
    assert resumed.provenance.defaulted == session.provenance.defaulted
    assert resumed.provenance.typed == session.provenance.typed
    view = resumed.form_view([])
    assert [view.states(p) for p in ("project.name", "project.code", "project.unit")] == [
        "answered",
        "skipped",
        "derived",
    ]


def test_jump_key_names_the_question_that_owns_a_finding_or_none(home):
    from assistant.interview import workspace

    session = workspace.start_session(home, "project-declaration")
    for text in [*BASICS, "保障工作顺利进行", "完成"]:
        session.send(text)
    assert session.jump_key("goals.annual[0]") == "goals.annual[0]"
    assert session.jump_key("project.name") == "project.name"
    assert session.jump_key("indicators.annual") is None  # a whole set: fixed at the review
    assert session.jump_key("") is None


# ------------------------------------------------- the TUI reads only turns
def test_the_tui_never_reads_the_interview_behind_the_session():
    """The TUI talks to the engine through Session and Turn only: no module of
    assistant/tui reads an `.interview` attribute (nor the engine's `.state`)."""
    import ast
    from pathlib import Path

    import assistant.tui

    package = Path(assistant.tui.__file__).parent
    found = []
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("interview", "state"):
                found.append(f"{path.name}:{node.lineno} .{node.attr}")
    assert found == []


def test_the_ast_scan_would_see_an_interview_read():
    import ast

    tree = ast.parse("question = self.session.interview.question()")
    assert any(isinstance(n, ast.Attribute) and n.attr == "interview" for n in ast.walk(tree))


def test_the_progress_title_is_what_names_the_record_on_its_form():
    from assistant.interview.turn import Progress

    project = {"form": "project-declaration", "project": {"name": "社保专线网络租赁费"}}
    department = {"form": "department-self-evaluation", "department": "宿州市医疗保障局"}
    assert Progress.of("project-declaration", project, None).title == "社保专线网络租赁费"
    assert Progress.of("department-self-evaluation", department, None).title == "宿州市医疗保障局"
    assert Progress.of(None, department, None).title == ""
