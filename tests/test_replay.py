"""The example transcripts in transcripts/ replay to their seed projects, field
for field; a transcript whose answer no longer passes fails by line; `jixiao
replay` on a directory."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from conftest import seed

from assistant.cli.main import main
from assistant.fileio import dumps
from assistant.interview.replay import replay

TRANSCRIPTS = Path(__file__).resolve().parent.parent / "transcripts"

# transcript → (seed fixture, finished?). 001_network_leasing ends at the review
# with 保存退出: its costs (136×2400 + 11×15000 = 49.14万) exceed its 48万, an
# error that cannot be accepted, so the honest outcome is a draft.
EXAMPLES = {
    "001_operating_funds": ("001_operating_funds", True),
    "001_network_leasing": ("001_network_leasing", False),
    "000_labour_dispatch": ("000_labour_dispatch", True),
    "003_bookkeeping": ("003_03_bookkeeping", True),
}


def _set(record: dict, path: str, value) -> None:
    node = record
    *parents, last = path.split(".")
    for part in parents:
        node = node[part]
    node[last] = value


def _drop_placeholder(record: dict, set_path: str, level2: str, name: str) -> None:
    rows = record["indicators"][set_path]
    placeholder = [r for r in rows if r["level2"] == level2 and r["name"] == name and r["value"] == ""]
    assert len(placeholder) == 1, f"the seed no longer has the placeholder {name} in {set_path}"
    rows.remove(placeholder[0])


def expected_record(example: str) -> dict:
    """The seed project as the interview must rebuild it. Every difference from
    the seed fixture is listed here, with its reason; nothing else may differ."""
    record = copy.deepcopy(seed(EXAMPLES[example][0]))
    # The interview writes the default layout of the form; the seed fixture names
    # the printed layout it was transcribed from (project-midterm, project-graded…).
    record.pop("template", None)
    if example.startswith("001_"):
        # 项目属性 is a choice (新增项目 / 延续项目): the form's 延续性项目 is normalised.
        assert record["project"]["attribute"] == "延续性项目"
        _set(record, "project.attribute", "延续项目")
    if example == "001_operating_funds":
        # 服务对象满意度 is a standard indicator's own name, so the row carries the
        # standard 绩效指标描述 (the 001 form has no description column at all).
        row = record["indicators"]["annual"][14]
        assert row["name"] == "服务对象满意度" and row["description"] == ""
        row["description"] = "反映服务对象对项目实施效果的满意程度"
    if example == "000_labour_dispatch":
        # The form has no 主管部门 row; the interview requires one: the bureau itself.
        assert record["project"]["department"] is None
        _set(record, "project.department", "宿州市医疗保障局")
        # The 经济效益 placeholder row `无` (empty value) is refused as an indicator
        # name: the clerk closes 经济效益 with 完成, in both sets.
        _drop_placeholder(record, "annual", "经济效益指标", "无")
        _drop_placeholder(record, "mid_term", "经济效益指标", "无")
    if example == "003_bookkeeping":
        # The form has no 项目属性/项目期; the interview requires both: a yearly
        # bookkeeping contract is a 延续项目 of 1年 (the defaults, taken with Enter).
        assert record["project"]["attribute"] is None and record["project"]["period"] is None
        _set(record, "project.attribute", "延续项目")
        _set(record, "project.period", "1年")
    return record


def flatten(value, path: str = "") -> dict[str, object]:
    """{"indicators.annual[3].value": "100%", …}: a failing comparison names the field."""
    if isinstance(value, dict):
        items = {}
        for key, item in value.items():
            items.update(flatten(item, f"{path}.{key}" if path else key))
        return items or {path: {}}
    if isinstance(value, list):
        items = {}
        for index, item in enumerate(value):
            items.update(flatten(item, f"{path}[{index}]"))
        return items or {path: []}
    return {path: value}


def as_json(record: dict) -> dict:
    return json.loads(dumps(record))


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_example_replays_to_its_seed_project_field_for_field(example):
    result = replay(TRANSCRIPTS / f"{example}.jsonl")
    assert result.failures == [] and result.problems == []
    assert result.finished is EXAMPLES[example][1]
    assert flatten(as_json(result.record)) == flatten(as_json(expected_record(example)))


def test_the_mid_term_set_comes_from_the_derive_offer():
    events = [json.loads(line) for line in (TRANSCRIPTS / "000_labour_dispatch.jsonl").read_text("utf-8").splitlines()]
    mid_term = [e for e in events[1:] if e["q"].startswith("indicators.mid_term")]
    assert [(e["q"], e["answer"]) for e in mid_term] == [("indicators.mid_term:derive", "是")]


def test_network_leasing_stops_at_the_review_on_its_cost_error():
    result = replay(TRANSCRIPTS / "001_network_leasing.jsonl")
    assert result.interview.question().key == "review"
    errors = [f for f in result.findings() if f.severity == "error"]
    assert [f.rule for f in errors] == ["indicator.cost_exceeds_budget"]
    assert "49.14" in errors[0].message


def _edit_value(source: Path, target: Path, question: str, value: str) -> int:
    """Copy a transcript with one answer changed; returns the changed line's number."""
    lines = source.read_text("utf-8").splitlines()
    for number, line in enumerate(lines[1:], 2):
        event = json.loads(line)
        if event["q"] == question:
            event["text"] = event["answer"] = value
            lines[number - 1] = json.dumps(event, ensure_ascii=False)
            target.write_text("\n".join(lines) + "\n", "utf-8")
            return number
    raise AssertionError(f"no answer to {question}")


def test_an_answer_that_no_longer_passes_fails_replay_with_its_line(tmp_path, capsys):
    path = tmp_path / "edited.jsonl"
    line = _edit_value(TRANSCRIPTS / "001_operating_funds.jsonl", path, "indicators.annual[4].value", "≥abc%")
    result = replay(path)
    assert result.failures and result.failures[0].line == line
    assert result.failures[0].answer == "≥abc%"
    assert main(["replay", str(path), "--out", str(tmp_path / "out"), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert f"第 {line} 行" in out and "≥abc%" in out


def test_replay_a_directory_with_the_cli(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    for example in EXAMPLES:
        shutil.copy(TRANSCRIPTS / f"{example}.jsonl", source)
    out = tmp_path / "out"
    assert main(["replay", str(source), "--out", str(out), "--format", "json,md"]) == 0
    printed = capsys.readouterr().out
    assert "共 4 份：4 份全部通过" in printed
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{example}.{ext}" for example in EXAMPLES for ext in ("json", "md")
    )
    for example in EXAMPLES:
        written = json.loads((out / f"{example}.json").read_text("utf-8"))
        assert flatten(written) == flatten(as_json(expected_record(example)))
        assert (out / f"{example}.md").read_text("utf-8").startswith("# 项目支出绩效目标申报表")


def test_an_answer_refused_at_the_time_is_not_reported_as_newly_failing(tmp_path):
    """A typo refused during the live interview stays in the transcript (every
    answer is saved first) with a refusal mark; replay must not count it."""
    from assistant.interview.session import Session
    from assistant.interview.transcript import read

    path = tmp_path / "typo.jsonl"
    session = Session.start(path, "project-declaration")
    for answer in ["20x3", "2023", "社保专线网络租赁费"]:
        session.send(answer)
    assert len(read(path).refused) == 1
    assert replay(path).failures == []
    # Without the mark (an older transcript) the retry of the same question shows it.
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if '"refused"' not in line]
    path.write_text("".join(lines), encoding="utf-8")
    assert replay(path).failures == []
