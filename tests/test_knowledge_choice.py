"""这个项目属于哪一类？ — asked in the indicator questions when the sector is unclear."""

from conftest import WATER_OPENING

from assistant.interview.engine import Interview
from assistant.knowledge import load

# a real project name (published form 006): 乡村振兴 and 绿化美化 say two sectors
HEADER = [
    "2022",
    "古昌镇大青冈村乡村振兴绿化美化项目",
    "跳过",
    "区林业局",
    "",
    "延续项目",
    "1年",
    "10万，全部财政拨款",
    "25 50 75 100",
    "对古昌镇大青杠村约3500米公路沿线进行绿化美化",
    "完成",
]


def interview(*answers):
    iv = Interview("project-declaration")
    for text in answers:
        reply = iv.answer(iv.resolve(text))
        assert reply.accepted, (text, reply.message)
    return iv


def sectors_of(question):
    by_name = {ind.name: ind.sector for ind in load().indicators}
    return [by_name[s.value] for s in question.suggestions]


def test_unclear_sector_is_asked_with_the_top_three_and_other():
    iv = interview(*HEADER)
    question = iv.question()
    assert question.key == "indicators.annual:数量指标"
    assert "这个项目属于哪一类？1 林业和草原  2 乡村振兴  3 交通运输  4 其他" in question.note  # goals: 公路
    assert sectors_of(question)[0] == "forestry"
    reply = iv.answer(iv.resolve("类别 2"))
    assert reply.accepted and "乡村振兴" in reply.message
    again = iv.question()
    assert again.key == question.key and "项目类别：乡村振兴" in again.note
    assert sectors_of(again)[0] == "rural_revitalisation"
    assert set(sectors_of(again)) <= {"", "rural_revitalisation"}


def test_a_wrong_choice_is_refused_in_chinese_and_other_drops_the_sector():
    iv = interview(*HEADER)
    reply = iv.answer(iv.resolve("类别 9"))
    assert not reply.accepted and "编号或类别名称" in reply.message
    assert iv.answer(iv.resolve("类别 其他")).accepted
    assert "项目类别：其他" in iv.question().note


def test_the_choice_replays_like_any_answer():
    first = interview(*HEADER, "类别 乡村振兴", "1")
    again = interview(*HEADER, "类别 乡村振兴", "1")
    assert first.record == again.record
    assert first.record["indicators"]["annual"][0]["name"] in {
        ind.name for ind in load().indicators if ind.sector == "rural_revitalisation"
    }


def test_a_clear_project_is_not_asked():
    iv = interview(
        *WATER_OPENING,
        "完成全县32处农村集中供水工程维修养护",
        "完成",
    )
    assert "这个项目属于哪一类" not in iv.question().note
