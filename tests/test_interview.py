"""Whole interviews driven through the engine API, with no UI: answers in,
record out. Commands (返回, 跳过, 帮助, 预览, 审查), the review step, fixes in
words, the mid-term derive, funds phrasing, resume after a crash, determinism."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import NETWORK_OPENING

from assistant.interview.engine import Interview
from assistant.interview.model import BACK, ERROR, FIX, HELP, PREVIEW, REVIEW
from assistant.interview.replay import replay, write_outputs
from assistant.interview.session import Session
from assistant.interview.transcript import read
from assistant.rules import ERROR as SEVERITY_ERROR

TRANSCRIPTS = Path(__file__).resolve().parent.parent / "transcripts"

GOAL = "为136个村卫生室和11个社区民生服务站租用社保专线网络，保障门诊费用及时结算"
# Everything up to the first indicator question of a one-year project.
BASICS = [
    *NETWORK_OPENING,
    GOAL,
    "完成",
]
# Categories a project must fill (效益: 社会效益 stands for the group).
FILLED = ("数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "服务对象满意度指标")


def say(iv: Interview, text: str, *, accepted: bool = True):
    """Answer as the UI does (resolve, then answer) and check it was (not) accepted."""
    reply = iv.answer(iv.resolve(text))
    assert reply.accepted is accepted, (iv.question() and iv.question().key, text, reply.message)
    return reply


def key(iv: Interview) -> str | None:
    question = iv.question()
    return question.key if question else None


def project(*answers: str, period: str | None = None) -> Interview:
    iv = Interview("project-declaration")
    basics = list(BASICS)
    if period is not None:
        basics[6] = period
    for text in [*basics, *answers]:
        say(iv, text)
    return iv


def take_suggestions(iv: Interview, set_path: str = "indicators.annual", first: dict | None = None) -> None:
    """Fill each category like a hurried clerk: suggestion 1 where one is required,
    Enter for the usual value and for 计划标准, 完成 elsewhere. `first` overrides the
    answer that picks a category's first indicator (a name instead of `1`)."""
    first = first or {}
    for _ in range(200):
        question = iv.question()
        if question is None or not question.key.startswith(set_path):
            return
        if question.key.count(":") == 1 and "[" not in question.key:
            level2 = question.key.split(":")[1]
            rows = [r for r in iv.record["indicators"][set_path.split(".")[1]] if r["level2"] == level2]
            text = first.get(level2, "1") if not rows and level2 in FILLED else "完成"
        else:
            text = ""
        say(iv, text)
    raise AssertionError("the indicator questions never ended")


# ------------------------------------------------------------ whole interviews
def test_whole_interview_from_the_form_question_to_a_final_record():
    iv = Interview()
    assert key(iv) == "form"
    say(iv, "1")
    for text in BASICS:
        say(iv, text)
    take_suggestions(iv)
    assert key(iv) == "review"
    assert not [f for f in iv.findings() if f.severity == SEVERITY_ERROR]
    reply = say(iv, "")  # Enter = 确认 when no error is left
    assert reply.finished and iv.finished and key(iv) is None
    record = iv.final_record()
    assert record["year"] == 2023 and record["project"]["unit"] == "中卫市沙坡头区医疗保障局"
    assert record["project"]["attribute"] == "延续项目" and record["project"]["period"] == "1年"
    assert record["funds"]["annual"] == {"total": Decimal(48), "fiscal": Decimal(48), "other": Decimal(0)}
    assert record["goals"]["annual"] == [GOAL]
    assert {r["level2"] for r in record["indicators"]["annual"]} == set(FILLED)
    assert all(r["value"] and r["basis"] == "计划标准" for r in record["indicators"]["annual"])
    assert not any("_todo" in r for r in record["indicators"]["annual"])
    assert record["funds"]["mid_term"] is None
    assert say(iv, "随便", accepted=False).finished


def test_each_question_says_where_it_is():
    iv = project()
    question = iv.question()
    assert question.key == "indicators.annual:数量指标"
    assert 0 < question.step <= question.steps
    assert question.suggestions and question.suggestions[0].number == 1


# ------------------------------------------------------------------- commands
def test_back_offers_the_earlier_answer_and_keeps_later_ones():
    iv = Interview("project-declaration")
    for text in ["2023", "社保专线网络租赁费", "跳过", "中卫市沙坡头区医疗保障局", ""]:
        say(iv, text)
    assert key(iv) == "project.attribute"
    assert say(iv, "返回").kind == BACK
    assert key(iv) == "project.unit"
    say(iv, "返回")
    question = iv.question()
    assert question.key == "project.department" and question.default == "中卫市沙坡头区医疗保障局"
    say(iv, "中卫市医疗保障局")
    # Back where the record is incomplete; the 实施单位 answered later is kept.
    assert key(iv) == "project.attribute"
    assert iv.record["project"]["department"] == "中卫市医疗保障局"
    assert iv.record["project"]["unit"] == "中卫市沙坡头区医疗保障局"


def test_back_then_enter_keeps_the_answer():
    iv = Interview("project-declaration")
    say(iv, "2023")
    say(iv, "社保专线网络租赁费")
    say(iv, "返回")
    assert iv.question().default == "社保专线网络租赁费"
    say(iv, "")
    assert iv.record["project"]["name"] == "社保专线网络租赁费"
    assert key(iv) == "project.code"


def test_back_at_the_first_question_is_refused():
    iv = Interview("project-declaration")
    assert say(iv, "返回", accepted=False).kind == ERROR


def test_skip_an_optional_field_but_not_a_required_one():
    iv = Interview("project-declaration")
    say(iv, "2023")
    reply = say(iv, "跳过", accepted=False)  # 项目名称 is required
    assert "必填" in reply.message and key(iv) == "project.name"
    say(iv, "社保专线网络租赁费")
    say(iv, "跳过")  # 项目编码 is optional
    assert iv.record["project"]["code"] is None
    assert key(iv) == "project.department"


def test_help_preview_and_review_change_nothing():
    iv = project()
    before = (key(iv), json.dumps(iv.final_record(), default=str, ensure_ascii=False))
    reply = say(iv, "帮助")
    assert reply.kind == HELP and "说明" in reply.message and "例子" in reply.message
    reply = say(iv, "预览")
    assert reply.kind == PREVIEW and reply.message.startswith("# 项目支出绩效目标申报表")
    assert "社保专线网络租赁费" in reply.message
    reply = say(iv, "审查")
    assert reply.kind == REVIEW and "indicator.required_missing" in reply.message
    assert (key(iv), json.dumps(iv.final_record(), default=str, ensure_ascii=False)) == before


# ------------------------------------------------------------------ the review
def _cost_over_budget() -> Interview:
    iv = project()
    take_suggestions(iv, first={"成本指标": "项目总成本"})
    row = next(r for r in iv.record["indicators"]["annual"] if r["name"] == "项目总成本")
    assert row["value"] == "≤48万元"  # the default offered was the budget
    say(iv, "把项目总成本改成≤60万元")  # … but the clerk writes more
    assert key(iv) == "review"
    return iv


def test_review_refuses_to_finalise_with_an_error_and_a_number_jumps_to_its_field():
    iv = _cost_over_budget()
    findings = iv.findings()
    number = next(n for n, f in enumerate(findings, 1) if f.rule == "indicator.cost_exceeds_budget")
    assert f"{number}. 错误（indicator.cost_exceeds_budget）" in iv.question().note
    assert iv.question().default is None  # no Enter-to-confirm while an error is left
    reply = say(iv, "确认", accepted=False)
    assert "错误" in reply.message and not iv.finished
    say(iv, str(number))
    question = iv.question()
    index = next(i for i, r in enumerate(iv.record["indicators"]["annual"]) if r["name"] == "项目总成本")
    assert question.key == f"indicators.annual[{index}].value" and question.default == "≤60万元"
    say(iv, "≤48万元")
    assert key(iv) == "review"  # answering returns to the review
    assert not [f for f in iv.findings() if f.severity == SEVERITY_ERROR]
    assert say(iv, "确认").finished


def test_a_warning_is_accepted_with_a_reason_and_kept_in_the_record():
    iv = project()
    take_suggestions(iv, first={"成本指标": "项目总成本"})
    say(iv, "把项目总成本改成≥48万元")  # a cost with ≥: a warning, not an error
    assert key(iv) == "review"
    findings = iv.findings()
    warning = next(f for f in findings if f.rule == "indicator.cost_operator")
    assert warning.severity == "warning"
    number = findings.index(warning) + 1
    reply = say(iv, f"接受 {number}", accepted=False)  # a reason is required
    assert "理由" in reply.message
    say(iv, f"接受 {number} 按省厅统一口径填报")
    assert (warning.rule, warning.path) not in {(f.rule, f.path) for f in iv.findings()}
    say(iv, "确认")
    accepted = iv.final_record()["accepted"]
    assert accepted == [{"rule": warning.rule, "path": warning.path, "reason": "按省厅统一口径填报"}]


def test_an_error_cannot_be_accepted():
    iv = _cost_over_budget()
    number = next(n for n, f in enumerate(iv.findings(), 1) if f.rule == "indicator.cost_exceeds_budget")
    reply = say(iv, f"接受 {number} 省里同意的", accepted=False)
    assert "必须改正" in reply.message


# ---------------------------------------------------------- failures and fixes
def test_three_failures_offer_help_and_the_standard_value():
    iv = project("1")  # the first suggested 数量 indicator (a standard one)
    question = iv.question()
    assert question.key == "indicators.annual[0].value" and question.default
    for _attempt in (1, 2):
        reply = say(iv, "≥abc%", accepted=False)
        assert "三次" not in reply.message
    reply = say(iv, "≥abc%", accepted=False)
    assert "三次没有通过" in reply.message and "说明" in reply.message
    assert f"标准值“{question.default}”" in reply.message
    say(iv, "")  # Enter takes it
    assert iv.record["indicators"]["annual"][0]["value"] == question.default


def test_an_alias_is_confirmed_not_silently_renamed():
    iv = project("村卫生室数量")  # the seed's name: an alias of 村卫生室专线数量
    question = iv.question()
    assert question.key.endswith(":confirm") and "村卫生室专线数量" in question.prompt
    say(iv, "否")
    say(iv, "136个")
    row = iv.record["indicators"]["annual"][0]
    assert row["name"] == "村卫生室数量" and row["value"] == "136个"  # nothing completed or renamed
    iv = project("村卫生室数量", "是")
    assert iv.record["indicators"]["annual"][0]["name"] == "村卫生室专线数量"


def test_fix_in_words_from_any_question():
    iv = project()
    take_suggestions(iv)
    name = iv.record["indicators"]["annual"][0]["name"]
    reply = say(iv, f"把{name}改成=140条")
    assert reply.kind == FIX and "=140条" in reply.message
    assert iv.record["indicators"]["annual"][0]["value"] == "=140条"
    assert key(iv) == "review"
    reply = say(iv, f"修改 {name} 为 ≥abc", accepted=False)  # still checked like an answer
    assert iv.record["indicators"]["annual"][0]["value"] == "=140条"
    reply = say(iv, "把不存在的指标改成1个", accepted=False)
    assert "没有找到" in reply.message


# ----------------------------------------------------------- funds and derive
@pytest.mark.parametrize(
    "text, total, fiscal, other",
    [
        ("35万，全部财政拨款", "35", "35", "0"),
        ("总额50万其中财政拨款30万", "50", "30", "20"),
        ("财政拨款30万，其他资金20万", "50", "30", "20"),
        ("三十五万元，全部财政拨款", "35", "35", "0"),
    ],
)
def test_funds_in_a_sentence(text, total, fiscal, other):
    iv = Interview("project-declaration")
    for answer in BASICS[:7]:
        say(iv, answer)
    assert key(iv) == "funds.annual"
    say(iv, text)
    assert iv.record["funds"]["annual"] == {"total": Decimal(total), "fiscal": Decimal(fiscal), "other": Decimal(other)}
    assert key(iv) == "spending_plan"


def test_a_bare_total_asks_for_the_fiscal_part():
    iv = Interview("project-declaration")
    for answer in BASICS[:7]:
        say(iv, answer)
    say(iv, "48")
    question = iv.question()
    assert question.key == "funds.annual.fiscal" and question.default == "48"
    say(iv, "40")
    assert iv.record["funds"]["annual"] == {"total": Decimal(48), "fiscal": Decimal(40), "other": Decimal(8)}


def test_an_annual_amount_above_the_mid_term_is_refused():
    iv = Interview("project-declaration")
    for answer in [*BASICS[:6], "3年", "126.9万，全部财政拨款"]:
        say(iv, answer)
    assert key(iv) == "funds.annual"
    reply = say(iv, "130万，全部财政拨款", accepted=False)
    assert "不能大于中期资金" in reply.message
    say(iv, "42.3万，全部财政拨款")
    assert iv.record["funds"]["annual"]["total"] == Decimal("42.3")


def test_mid_term_indicators_derived_from_the_annual_ones():
    iv = Interview("project-declaration")
    for answer in [
        *BASICS[:6],
        "3年",
        "126.9万，全部财政拨款",
        "42.3万，全部财政拨款",
        "跳过",
        "2023—2025年每年派遣9名前台工作人员，保障医保服务大厅窗口全年正常开放",
        "完成",
        GOAL,
        "完成",
    ]:
        say(iv, answer)
    rows = {
        "数量指标": ("劳务派遣人员数量", "9人"),
        "质量指标": ("派遣人员考核合格率", "=100%"),
        "时效指标": ("派遣人员到岗时间", "年底前"),
        "成本指标": ("劳务派遣费用", "≤42.3万元"),
        "社会效益指标": ("窗口正常开放率", "=100%"),
        "服务对象满意度指标": ("办事群众满意度", "≥90%"),
    }
    while key(iv).startswith("indicators.annual:"):
        level2 = key(iv).split(":")[1]
        if level2 not in rows:
            say(iv, "完成")
            continue
        name, value = rows.pop(level2)
        say(iv, name)
        if key(iv).endswith(":confirm"):
            say(iv, "否")
        say(iv, value)
        while key(iv).startswith("indicators.annual["):
            say(iv, "")  # description, 计划标准
    assert not rows
    question = iv.question()
    assert question.key == "indicators.mid_term:derive" and question.default == "是"
    assert "每年=9人" in question.note and "≤126.9万元" in question.note
    say(iv, "是")
    mid = {r["name"]: r["value"] for r in iv.record["indicators"]["mid_term"]}
    annual = {r["name"]: r["value"] for r in iv.record["indicators"]["annual"]}
    assert mid.keys() == annual.keys()
    assert annual["劳务派遣人员数量"] == "=9人"  # a standard indicator: 9人 took its =
    assert mid["劳务派遣人员数量"] == "每年=9人"  # counts are per year
    assert mid["派遣人员到岗时间"] == "每年年底前"
    assert mid["劳务派遣费用"] == "≤126.9万元"  # 42.3 × 3 years
    assert mid["办事群众满意度"] == "≥90%"  # rates stay as they are
    assert key(iv) == "review"


# ------------------------------------------------------------ sessions, replay
def test_resume_after_a_transcript_cut_mid_line(tmp_path):
    path = tmp_path / "cut.jsonl"
    session = Session.start(path, "project-declaration")
    for text in BASICS[:4]:
        assert session.send(text).reply.accepted
    assert session.interview.question().key == "project.unit"
    with open(path, "ab") as handle:  # the crash: half of the next event written
        handle.write('{"type": "answer", "q": "project.unit", "text": "中卫市'.encode())
    resumed = Session.resume(path)
    assert resumed.interview.question().key == "project.unit"
    assert resumed.interview.record["project"]["department"] == "中卫市沙坡头区医疗保障局"
    assert [p.line for p in resumed.problems] == [6]
    assert resumed.send("").reply.accepted
    lines = path.read_bytes().decode("utf-8").split("\n")
    assert lines[-1] == ""  # ends with a newline
    events = [json.loads(line) for line in lines[1:-1]]  # every line whole JSON again
    assert [e["text"] for e in events] == [*BASICS[:4], ""]
    assert events[-1]["q"] == "project.unit" and events[-1]["answer"] == "中卫市沙坡头区医疗保障局"
    assert read(path).problems == []
    assert Session.resume(path).interview.question().key == "project.attribute"


def test_resume_after_a_cut_inside_a_multibyte_character(tmp_path):
    path = tmp_path / "cut.jsonl"
    session = Session.start(path, "project-declaration")
    for text in BASICS[:2]:
        session.send(text)
    line = json.dumps(
        {"type": "answer", "q": "project.code", "text": "跳过", "answer": "跳过"}, ensure_ascii=False
    ).encode("utf-8")
    with open(path, "ab") as handle:
        handle.write(line[: line.index("跳".encode()) + 1])  # one byte of a three-byte character
    resumed = Session.resume(path)
    assert resumed.interview.question().key == "project.code"
    resumed.send("跳过")
    assert Session.resume(path).interview.question().key == "project.department"


@pytest.mark.parametrize("name", ["001_network_leasing", "000_labour_dispatch"])
def test_replaying_twice_gives_byte_identical_outputs(tmp_path, name):
    outputs = []
    for run in ("a", "b"):
        result = replay(TRANSCRIPTS / f"{name}.jsonl")
        paths = write_outputs(result, tmp_path / run, ("json", "md"))
        outputs.append({p.name: p.read_bytes() for p in paths})
    assert set(outputs[0]) == {f"{name}.json", f"{name}.md"}
    assert outputs[0] == outputs[1]
