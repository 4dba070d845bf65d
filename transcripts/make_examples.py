"""Writes the example transcripts in this directory by interviewing the engine
as a budget clerk would, with the seed form open beside the keyboard.

    .venv/bin/python transcripts/make_examples.py [NAME ...]

Each example below is what the clerk means to enter (the seed project's own
names, values and goals). The clerk reads every question and answers it:

- Enter when the offered default is already what the form says
  (实施单位 = 主管部门, 延续项目, an indicator's usual value, 确认 at review);
- the number of a suggested standard indicator when its name is exactly the
  seed's; otherwise the seed's own name, and `否` when the engine asks
  您是不是要找“…”？ about a standard indicator the seed did not use;
- values exactly as the seed writes them (`100%`, `效果显著`, `≥90百分比`);
- `跳过` for the 指标值确定依据 the seed leaves blank;
- `完成` to close a category (also the placeholder rows like 经济效益 `无`,
  which the engine rightly refuses as an indicator name).

Every answer goes through `Session.send`, so the .jsonl files are exactly what
the terminal UI would have written. Answers the engine refuses stop the script:
an example must be typeable as it stands.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.interview.session import Session  # noqa: E402

HERE = Path(__file__).resolve().parent


@dataclass
class Row:
    name: str
    value: str
    description: str = ""
    basis: str = ""  # "" → the clerk types 跳过 (the seed leaves it blank)
    standard: bool = False  # the seed's name is a standard indicator's own name


@dataclass
class Example:
    name: str
    title: str
    fields: dict[str, str]  # question key → what the form says
    goals: dict[str, list[str]]  # goals.annual / goals.mid_term
    indicators: dict[str, list[tuple[str, list[Row]]]]  # set → [(二级指标, rows)]
    derive_mid_term: bool = False
    review: list[str] = field(default_factory=lambda: [""])  # Enter = 确认 (the default)


# --------------------------------------------------------------------- 001
OPERATING = Example(
    name="001_operating_funds",
    title="城乡居民医疗保险业务经办工作经费（001，2023）",
    fields={
        "year": "2023",
        "project.name": "城乡居民医疗保险业务经办工作经费",
        "project.code": "跳过",
        "project.department": "中卫市沙坡头区医疗保障局",
        "project.unit": "中卫市沙坡头区医疗保障局",
        "project.attribute": "延续项目",
        "project.period": "1年期",
        "funds.annual": "35万，全部财政拨款",
        "spending_plan": "跳过",
    },
    goals={
        "goals.annual": [
            (
                "根据卫政办发[2012]228号文件规定:“将参保居民每年每人不低于1元的工作经费列入财政预算”, 预计2023年参保人数"
                "为31.7万人, 安排2023年工作经费35万元, 确保医保业务正常办理, 保证医疗保障部门正常运转"
            ),
            (
                "通过印制宣传材料和各种新闻媒体开展城乡居民医疗保险参保缴费宣传工作, 加强医保政策培训, 提高城乡居民医疗保险"
                "政策的知晓率, 提高参保缴费率, 实现应保尽保"
            ),
            (
                "强化医疗保障经办服务, 加强业务知识培训, 继续推进“一站式结算、一窗口办理、一单制结算”, 落实异地就医结算政策, "
                "切实方便参保群众享受医保各项政策"
            ),
            "做好基金结算、清算工作, 确保医保报销资金及时足额支付",
        ]
    },
    indicators={
        "indicators.annual": [
            (
                "数量指标",
                [
                    Row("2023年缴费期内参保人数", "31.7万"),
                    Row("开展基层医保干部医保政策能力培训班人数", "≥200人"),
                    Row("到乡镇基层医保政策培训宣讲人数", "≥500人"),
                ],
            ),
            (
                "质量指标",
                [
                    Row("参保居民医疗保险就医待遇支付及时足额支付率", "100%"),
                    Row("城乡居民一站式结算率", "≥90%"),
                    Row("城乡居民医疗保险政策知晓率", "≥80%"),
                ],
            ),
            ("时效指标", [Row("参保期内年度居民参保完成及时性", "100%")]),
            ("成本指标", [Row("业务经费费用", "≤35万元"), Row("参保居民每人每年工作经费", "≥1元")]),
            ("经济效益指标", []),
            (
                "社会效益指标",
                [
                    Row("为服务群众提高便捷, 优质高效的医疗保障, 减少因病致贫人口", "效果显著"),
                    Row("增强经办能力, 保证医疗保障业务部门正常运转", "效果显著"),
                    Row("加强基金监管, 提高医疗保险基金使用效率", "效果显著"),
                ],
            ),
            ("生态效益指标", []),
            (
                "可持续影响指标",
                [Row("提升业务经办能力的程度", "显著提升"), Row("确保医保基金安全、可持续运行程度", "显著提升")],
            ),
            ("服务对象满意度指标", [Row("服务对象满意度", "≥90%", standard=True)]),
        ]
    },
)

NETWORK = Example(
    name="001_network_leasing",
    title="社保专线网络租赁费（001，2023）",
    fields={
        "year": "2023",
        "project.name": "社保专线网络租赁费",
        "project.code": "跳过",
        "project.department": "中卫市沙坡头区医疗保障局",
        "project.unit": "中卫市沙坡头区医疗保障局",
        "project.attribute": "延续项目",
        "project.period": "1年期",
        "funds.annual": "48万，全部财政拨款",
        "spending_plan": "跳过",
    },
    goals={
        "goals.annual": [
            "保证城乡居民医疗保险参保信息及时变更, 方便群众参保登记",
            "为11个社区民生服务站租用11条社保专线网络, 每条年租费15000元, 合计165000元",
            (
                "为136个村卫生室租用社保专线网络, 用于城乡居民医疗保险门诊统筹及门诊大病医疗费用的及时结算, 方便参保群众"
                "就医, 保障村卫生室、社区民生服务中心信息系统与医疗保险经办机构费用结算系统的互联互通"
            ),
        ]
    },
    indicators={
        "indicators.annual": [
            ("数量指标", [Row("民生服务中心数量", "11个"), Row("村卫生室数量", "136个")]),
            (
                "质量指标",
                [
                    Row("参保乡居民医疗保险门诊统筹、门诊大病费用结算率", "100%"),
                    Row("诊疗和费用结算信息上传率", "100%"),
                    Row("参保居民门诊统筹及门诊大病医疗待遇及时结算率", "100%"),
                ],
            ),
            (
                "时效指标",
                [Row("诊疗和医疗费用结算相关信息上传及时率", "100%"), Row("参保居民信息登记、变更准确及时率", "100%")],
            ),
            (
                "成本指标",
                [
                    Row("村卫生室每条网络专线每年收费标准", "2400元"),
                    Row("社区民生服务中心每条网络专线每年收费标准", "15000元"),
                ],
            ),
            ("经济效益指标", []),
            (
                "社会效益指标",
                [
                    Row("稳步提高参保居民待遇水平, 切实减轻参保患者医疗负担", "效果显著"),
                    Row("方便群众就医、缴费", "效果显著"),
                ],
            ),
            ("生态效益指标", []),
            ("可持续影响指标", [Row("为参保患者提供便利、及时、高效服务程度", "显著")]),
            ("服务对象满意度指标", [Row("参保患者满意度", "≥90%")]),
        ]
    },
    # The seed's costs exceed the budget (136×2400 + 11×15000 = 49.14万 > 48万): the
    # review shows that error, the clerk cannot finalise and saves a draft.
    review=["保存退出"],
)

# --------------------------------------------------------------------- 000
_LABOUR = "劳务派遣人员前台工作人员"
LABOUR = Example(
    name="000_labour_dispatch",
    title="劳务派遣人员前台工作人员（000，2022，中期 + 年度）",
    fields={
        "year": "2022",
        "project.name": _LABOUR,
        "project.code": "跳过",
        # The seed has no 主管部门 row; the interview requires one: the bureau itself.
        "project.department": "宿州市医疗保障局",
        "project.unit": "宿州市医疗保障局",
        "project.attribute": "延续项目",
        "project.period": "长期",
        "funds.mid_term": "126.9万，全部财政拨款",
        "funds.annual": "42.3万，全部财政拨款",
        "spending_plan": "跳过",
    },
    goals={
        "goals.mid_term": [f"{_LABOUR}完成每年工作目标任务。"],
        "goals.annual": [f"{_LABOUR}完成年度工作目标任务。"],
    },
    indicators={
        "indicators.annual": [
            ("数量指标", [Row(_LABOUR, "9人")]),
            ("质量指标", [Row(_LABOUR, "完成工作任务")]),
            ("时效指标", [Row(_LABOUR, "年底前")]),
            ("成本指标", [Row(_LABOUR, "4.7万元/人、年")]),
            ("经济效益指标", []),  # the seed's placeholder 无: closed with 完成
            ("社会效益指标", []),
            ("生态效益指标", []),
            ("可持续影响指标", [Row(f"{_LABOUR}持续为单位服务", "持续影响")]),
            ("服务对象满意度指标", [Row("聘用单位", "考核满意")]),
        ]
    },
    derive_mid_term=True,  # 每年9人, 每年年底前, … come from the engine's offer
)

# --------------------------------------------------------------------- 003
_PCT = "≥90百分比"
BOOKKEEPING = Example(
    name="003_bookkeeping",
    title="代理记账（003，2021，含资金支出计划）",
    fields={
        "year": "2021",
        "project.name": "代理记账",
        "project.code": "1303042126RB1NXM8GP32",
        "project.department": "450001秦皇岛市北戴河区医疗保障局(本级)",
        "project.unit": "450001秦皇岛市北戴河区医疗保障局(本级)",
        # The seed has no 项目属性/项目期; a yearly bookkeeping contract is 延续项目, 1年.
        "project.attribute": "延续项目",
        "project.period": "1年",
        "funds.annual": "3.5万，全部财政拨款",
        "spending_plan": "3月25% 6月50% 10月75% 12月100%",
    },
    goals={"goals.annual": ["保障会计工作顺利进行"]},
    indicators={
        "indicators.annual": [
            ("数量指标", [Row("基本医疗保险参保人数", _PCT, "城镇职工、城乡居民医疗保险参保人数")]),
            ("质量指标", [Row("基本医疗保险金支付完成率", _PCT, "基本医疗保险金支付完成率情况")]),
            ("时效指标", [Row("项目完成的及时率", _PCT, "项目组织、实施按合同规定时间节点完成")]),
            ("成本指标", [Row("严格按年初预算执行", _PCT, "是否按年初预算明细项目一致")]),
            ("经济效益指标", [Row("按时完成率", _PCT, "项目组织、实施按合同规定时间节点完成")]),
            ("社会效益指标", [Row("医疗保险办事效率和水平不断提升", _PCT, "反映对医疗保险办事效率和水平的促进作用")]),
            ("生态效益指标", [Row("节约成本", _PCT, "节约水、电等资源，降低能")]),
            (
                "可持续影响指标",
                [Row("构建良好管理机制", _PCT, "反映持续为医疗保险事业的发展构建良好管理机制的促进作用")],
            ),
            ("服务对象满意度指标", [Row("参保人员满意度", _PCT, "反映参保人员对城乡居民医疗保险的满意程度")]),
        ]
    },
)

EXAMPLES = {e.name: e for e in (OPERATING, NETWORK, LABOUR, BOOKKEEPING)}


class Refused(Exception):
    pass


class Clerk:
    """Answers whatever the engine asks, from one example's intent."""

    def __init__(self, example: Example):
        self.example = example
        self.goals = {k: list(v) for k, v in example.goals.items()}
        self.pending = {s: {l2: list(rows) for l2, rows in cats} for s, cats in example.indicators.items()}
        self.current: Row | None = None
        self.review = list(example.review)

    def answer(self, iv, question) -> str:
        key = question.key
        default = question.default
        if key in self.example.fields:
            return _enter_if_default(self.example.fields[key], default)
        if key in self.goals:
            return self.goals[key].pop(0) if self.goals[key] else "完成"
        if key == "review":
            return self.review.pop(0)
        if key.endswith(":derive"):
            return _enter_if_default("是" if self.example.derive_mid_term else "否", default)
        if key.endswith(":confirm"):
            return "是" if self.current.standard else "否"
        if ":" in key:  # indicators.annual:数量指标 — pick or close
            set_path, level2 = key.split(":", 1)
            rows = self.pending[set_path][level2]
            if not rows:
                return "完成"
            self.current = rows.pop(0)
            for suggestion in question.suggestions:
                if suggestion.value == self.current.name:
                    return str(suggestion.number)
            return self.current.name
        row = self.current
        if key.endswith(".value"):
            return _enter_if_default(row.value, default)
        if key.endswith(".description"):
            return _enter_if_default(row.description, default)
        if key.endswith(".basis"):
            return _enter_if_default(row.basis, default) if row.basis else "跳过"
        raise AssertionError(f"the clerk has no answer for {key}: {question.prompt}")


def _enter_if_default(wanted: str, default: str | None) -> str:
    return "" if default is not None and wanted == default else wanted


def write(example: Example, directory: Path = HERE) -> Path:
    path = directory / f"{example.name}.jsonl"
    if path.exists():
        path.unlink()
    session = Session.start(path, "project-declaration", title=example.title)
    clerk = Clerk(example)
    while True:
        question = session.interview.question()
        if question is None:
            break
        text = clerk.answer(session.interview, question)
        reply = session.send(text).reply
        if not reply.accepted:
            raise Refused(f"{example.name}: {question.key} refused {text!r}: {reply.message}")
        if reply.kind == "exit":
            break
    return path


def main(names: list[str]) -> None:
    for name in names or list(EXAMPLES):
        path = write(EXAMPLES[name])
        lines = path.read_text(encoding="utf-8").count("\n") - 1
        print(f"{path.relative_to(ROOT)}: {lines} answers")


if __name__ == "__main__":
    main(sys.argv[1:])
