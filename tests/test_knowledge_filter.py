"""Typing in the suggestion list filters all of a category's fitting indicators,
not only the five listed at first (a water project finds 水质达标率 by 水质)."""

from __future__ import annotations

from contextlib import asynccontextmanager

from conftest import WATER_OPENING
from test_tui import make_app, question, session_with, type_keys, until

from assistant.tui.widgets import Picker

WATER = [
    *WATER_OPENING,
    "完成全县32处农村集中供水工程维修养护，保障12万农村人口饮水安全",
    "完成",
]


@asynccontextmanager
async def water_app(home, answers: list[str], key: str):
    """The app resumed on a water project after `answers`, at question `key`."""
    app = make_app(home, resume=session_with(home, answers).path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None)
        assert question(app).key == key
        yield app, pilot, app.query_one(Picker)


def values(picker: Picker) -> list[str]:
    return [c.value for c in picker.shown]


async def test_typing_finds_suggestions_beyond_the_first_page(home):
    async with water_app(home, WATER, "indicators.annual:数量指标") as (app, pilot, picker):
        suggestions = question(app).suggestions
        assert len(picker.choices) == 6 and len(suggestions) > 6  # five and 完成 listed at first
        hidden = suggestions[7].value
        assert hidden not in values(picker)
        await type_keys(pilot, hidden[-4:])
        await until(pilot, lambda: hidden in values(picker), "hidden suggestion shown")


async def test_typing_shui_zhi_in_a_water_project_finds_water_quality(home):
    answers = [*WATER, "1", "≥12万人", "", "完成"]
    async with water_app(home, answers, "indicators.annual:质量指标") as (app, pilot, picker):
        assert "水质检测覆盖率" not in values(picker)  # the 7th suggestion
        await type_keys(pilot, "水质")
        await until(
            pilot,
            lambda: values(picker)[:2] == ["水质达标率", "水质检测覆盖率"],
            "both water-quality indicators listed",
        )
