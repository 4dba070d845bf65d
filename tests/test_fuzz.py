"""Hypothesis fuzzing of the engine: any input sequence never raises, never
loses a stored answer, and leaves a record that validates or is reported as
incomplete. Bounded to keep `make test` quick."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.interview.engine import Interview
from assistant.interview.session import Session
from assistant.interview.transcript import read
from assistant.rules.schema import record_errors

COMMANDS = [
    "返回",
    "跳过",
    "帮助",
    "预览",
    "审查",
    "完成",
    "是",
    "否",
    "1",
    "2",
    "",
    "确认",
    "把参保群众满意度改成≥95%",
    "修改 村卫生室专线数量 为 136条",
]
PLAUSIBLE = [
    "2023",
    "社保专线网络租赁费",
    "中卫市沙坡头区医疗保障局",
    "延续项目",
    "1年",
    "3年",
    "长期",
    "48万，全部财政拨款",
    "总额50万其中财政拨款30万",
    "126.9万",
    "25 50 75 100",
    "为136个村卫生室租用社保专线网络，保障门诊统筹费用及时结算",
    "=136条",
    "≥99.9%",
    "≤48万元",
    "年底前完成",
    "显著提升",
    "≥90%",
    "≥abc%",
    "-5",
    "9999999999999999999999万",
]
# Digits int() refuses though str.isdigit() accepts them (superscripts, circled),
# digits of other scripts int() reads, and numbers mixed with them.
UNICODE_DIGITS = ["²", "①", "2²", "¹²", "⑩", "１", "２０２３", "٣", "७", "𝟐", "2" * 5000, "跳转 ²", "接受 ①"]
unicode_digits = st.one_of(
    st.sampled_from(UNICODE_DIGITS),
    st.text(alphabet=st.characters(whitelist_categories=("Nd", "No", "Nl")), min_size=1, max_size=4),
    st.tuples(st.sampled_from(COMMANDS + PLAUSIBLE), st.sampled_from(UNICODE_DIGITS)).map("".join),
)
weird_text = st.one_of(
    unicode_digits,
    st.text(max_size=40),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.text(alphabet="\x00\x01\x07\x1b\t\r\n ≥≤=%万元人次", max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.just("很长的回答" * 3000),
)
answers = st.lists(
    st.one_of(st.sampled_from(COMMANDS), st.sampled_from(PLAUSIBLE), weird_text), min_size=1, max_size=40
)


@given(answers, st.sampled_from([None, "project-declaration", "department-declaration", "self-evaluation"]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_engine_never_raises_on_any_input(sequence, form):
    interview = Interview(form)
    for text in sequence:
        if interview.question() is None:
            break
        interview.answer(interview.resolve(text))
    record = interview.final_record() if interview.form else None
    if interview.finished:
        assert record_errors(record) == []
    else:
        assert interview.question() is not None  # incomplete, and says what it still needs


@given(answers)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
def test_every_answer_is_on_disk_and_resume_gives_the_same_record(tmp_path_factory, sequence):
    path = tmp_path_factory.mktemp("t") / "fuzz.jsonl"
    session = Session.start(path, "project-declaration")
    sent = 0
    for text in sequence:
        if session.interview.question() is None:
            break
        session.send(text)
        sent += 1
    transcript = read(path)
    assert len(transcript.events) == sent and not transcript.problems
    resumed = Session.resume(path)
    assert resumed.interview.final_record() == session.interview.final_record()
    assert resumed.interview.question() == session.interview.question()


@given(answers, st.sampled_from(["project-declaration", "department-declaration", "self-evaluation"]))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
def test_every_form_every_answer_is_on_disk_and_resume_gives_the_same_record(tmp_path_factory, sequence, form):
    path = tmp_path_factory.mktemp("t") / "fuzz.jsonl"
    session = Session.start(path, form)
    for text in sequence:
        if session.interview.question() is None:
            break
        session.send(text)
    resumed = Session.resume(path)
    assert resumed.interview.final_record() == session.interview.final_record()
    assert resumed.interview.question() == session.interview.question()


# -- the chat screen driven by keys: symbols, Unicode digits and commands in random order --

TYPED = st.lists(
    st.one_of(
        st.sampled_from([c for c in COMMANDS if c]),
        st.sampled_from(PLAUSIBLE),
        st.sampled_from(UNICODE_DIGITS[:-3]),
        st.just(""),
        st.text(alphabet="≥≤=%万元人次²①１٣·、，。！？()（）+-*/", min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=12,
)


@given(TYPED, st.sampled_from([None, "project-declaration", "department-declaration", "self-evaluation"]))
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
def test_the_chat_screen_never_breaks_on_any_typed_sequence(tmp_path_factory, sequence, form):
    import asyncio

    from test_tui import make_app, send_keys, until

    home = tmp_path_factory.mktemp("home")
    for name in ("db", "transcripts", "exports"):
        (home / name).mkdir()
    app = make_app(home, form=form)

    async def drive():
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.session is not None, "the interview")
            for text in sequence:
                if app.result is not None or app.session.interview.question() is None:
                    break
                turns = app.turns
                send_keys(app, [*text, "enter"])
                await until(
                    pilot, lambda turns=turns: app.turns > turns or app.result is not None, f"the answer {text!r}"
                )
            from test_tui import notes

            assert not [n for n in notes(app, "error") if "意外的问题" in n]

    asyncio.run(drive())
    resumed = Session.resume(app.session.path)
    assert resumed.interview.final_record() == app.session.interview.final_record()
