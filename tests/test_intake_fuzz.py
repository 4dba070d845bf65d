"""The reader never crashes: any grid of label-like and random cells gives
forms and problems, never an exception (a damaged export is the common case)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.intake.api import read_blocks
from assistant.intake.grid import Block, Cell, Row
from assistant.intake.text_reader import read_text

WORDS = [
    "项目支出绩效目标申报表",
    "项目支出绩效自评表",
    "部门整体支出绩效目标申报表",
    "部门整体绩效自评表",
    "(2023年度)",
    "项目名称",
    "主管部门",
    "实施单位",
    "项目属性",
    "项目期",
    "项目资金（万元）",
    "中期资金总额：",
    "年度资金总额：",
    "其中：财政拨款",
    "其他资金",
    "上年结转资金",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "总体目标",
    "中期目标（2022年—2024年）",
    "年度目标",
    "年度总体目标",
    "预期目标",
    "实际完成情况",
    "资金支出计划（%）",
    "3月底",
    "12月底",
    "25%",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "中期指标（2022年—2024年）",
    "年度指标",
    "实际完成值",
    "偏差原因分析及改进措施",
    "产出指标",
    "数量指标",
    "质量指标",
    "成本指标",
    "效益指标",
    "满意度指标",
    "服务对象满意度指标",
    "年度主要任务",
    "任务名称",
    "金额合计",
    "总分",
    "综合评定等级",
    "优☑",
    "单位：元",
    "≥90%",
    "48",
    "0.36",
    "—",
    "指标1:",
    "一、",
    "十一",
    "附件1:",
    "x" * 50,
    "",
    "12345678901234567890",
    "≤35万元",
    "1.5万元",
    "9999999999999",
]
cells = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
rows = st.lists(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 2), cells), max_size=8), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows)
# A row with more column groups than the table has sets: its lost cells are named in the problem.
@example(
    [
        [(0, 0, "二级指标"), (0, 0, "三级指标"), (0, 0, "三级指标")],
        [
            (0, 0, "项目支出绩效目标申报表"),
            (0, 0, "中期资金总额："),
            (0, 0, "产出指标"),
            (0, 1, "项目支出绩效目标申报表"),
            (0, 1, "产出指标"),
        ],
    ]
)
def test_any_grid_reads_without_raising(grid):
    block = Block("随机")
    for r, row in enumerate(grid, 1):
        placed = [Cell(text.strip(), col, col + span, f"第{r}行") for col, span, text in sorted(row) if text.strip()]
        block.rows.append(Row(placed, f"第{r}行"))
    intake = read_blocks([block], "随机")
    for form in intake.forms:
        assert isinstance(form.record, dict) and form.record["form"]
    for where, message in intake.all_problems():
        assert isinstance(where, str) and message


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(["\t", "\n", "|", "\t\t", "\n\n", '"'])), max_size=80)
)
def test_any_text_reads_without_raising(parts):
    read_blocks([read_text("".join(parts))], "粘贴")
