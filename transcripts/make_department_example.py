"""Write transcripts/000_department.jsonl: a clerk of 宿州市医疗保障局 types the
2022 部门（单位）整体支出绩效目标申报表 (seed 000, first table) into jixiao.

The clerk copies the paper form: tasks with their numbering and amounts, the
30 goals pasted as the numbered cell they are on the form, and the indicators
category by category with the form's names, values and 绩效标准. Where the
engine refuses a value as an error the clerk types it differently (RETYPED)
or leaves the row out (DROPPED); a "您是不是要找…?" offer is declined so the
form's own names stay. At review the clerk saves and leaves (保存退出): the
form still carries the mistakes the seed has, so it stays a draft.

    .venv/bin/python transcripts/make_department_example.py

The transcript is written the way a session writes one (resolved answers,
one JSON line each); `created` is fixed so a re-run gives the same file.
Differences from the seed are listed in tests/test_department.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.interview.engine import Interview
from assistant.interview.transcript import TranscriptWriter, new_header
from assistant.rules import SEVERITY_LABEL

OUT = Path(__file__).with_name("000_department.jsonl")
FORM = "department-declaration"
CREATED = "2022-01-10T09:00:00+00:00"

YEAR = "2022"
DEPARTMENT = "宿州市医疗保障局"
TASKS = [
    "一、全面加强党的建设，强化队伍建设，保障机关及)社会保险经办机构正常运转，417.29万，全部财政拨款",
    "二、巩固医保脱贫成果有效衔接乡村振兴，20万，全部财政拨款",
    "三、完善公平适度的待遇保障机制，30万，全部财政拨款",
    "四、健全稳健可持续的筹资运行机制，70万，全部财政拨款",
    "五、建立管用高效的医保支付机制，90万，全部财政拨款",
    "六、保持基金监管高压态势，90万，全部财政拨款",
    "七、协同推进医药服务供给侧改革，25万，全部财政拨款",
    "八、推进长三角医疗保障一体化发展，20万，全部财政拨款",
    "九、提升医保精细化管理水平，45万，全部财政拨款",
    "十、优化医疗保障公共服务，117.5万，全部财政拨款",
    "十一、办公地点租赁经费，55万",  # no source said: the engine asks 财政拨款 (Enter = all)
    "十二、城镇职工的各项保险和大学生保险及军转干部离休人员和公益岗位经费，77.7万，全部财政拨款",
]
TOTAL = "1057.49万，全部财政拨款"
GOALS = (
    "1. 突出机关政治建设、2. 强化党风廉政建设、3. 发挥党建引领作用、4. 完善乡村振兴人口待遇保障政策、"
    "5. 合理确定农村居民医保待遇水平、6. 完善基本医疗保障制度、7. 完善职工医保门诊保障机制、"
    "8. 健全重特大疾病医疗保险和医疗救助制度、9. 巩固提高统筹层次、10. 实施医疗保障民生工程、"
    "11. 加强基金预算管理和风险预警、12. 推进医保支付方式改革、13. 做好医保目录管理、"
    "14. 加强“两定机构”协议管理、15. 开展医保违法违规行为专项治理、16. 推进实施日常监管“全覆盖”、"
    "17. 完善基金监管长效机制、18. 常态化实施药品耗材集中带量采购、19. 深化医药服务价格改革、"
    "20. 推进长三角医疗保障一体化发展、21. 推进“智慧”医保平台建设、22. 进一步贯彻执行医保信息业务编码标准、"
    "23. 推进法治机关建设、24. 规范医保经办管理、25. 完善医保异地就医结算制度、26. 促进基本公共服务便利共享、"
    "27. 做好新冠肺炎综合保障服务、28. 加强干部队伍能力建设、29. 加大医疗保障宣传力度、"
    "30. 加强医疗保障政策研究，深入开展调查研究。"
)

# 二级 → rows (三级指标, 指标值, 绩效标准) as on the form; "" 绩效标准 = the cell is blank (跳过).
INDICATORS = {
    "数量指标": [
        ("开展“行风建设提升年”行动", "执行并完成省局此行动方案", "计划标准"),
        ("开展医保业务基础知识及各项专题培训", "≥10次", "计划标准"),
        (
            "加大医疗保障宣传力度",
            ("印制宣传材料≥ 25000份、印发贫困人口慢性病证≥25000份、以报社、电视台等媒体为宣传阵地营造浓夺宣传氛围"),
            "历史标准",
        ),
        ("开展医疗服务价格项目专家评审及组织医药集中采购专家开展评审服务", "≥4次", "计划标准"),
        (
            "委托第三方对拟制定或调整的医疗服务价格项目开展成本调查、风险评估、实施医药集中招标采购及基金监管等服务",
            "不少于10个项目",
            "计划标准",
        ),
        ("医药机构医保支付方式改革试点落实督查考核次数，推进长三角一体化发展", "≥5次", "计划标准"),
        (
            "开展维护医保系统运行和网络运行安全，提升医保精细化管理水平，推动”智慧”平台建设",
            "购买各类专业软件约20套",
            "计划标准",
        ),
        ("实施医疗保障民生工程", "做实市级统筹、巩固扩大基本医保制度覆盖面", "计划标准"),
        ("开展医保违法违规行动专项治理及存量问题”清零行动“", "≥2次", "计划标准"),
    ],
    "质量指标": [
        ("四项民生工程落实情况", "≥90%", "计划标准"),
        ("人民群众参保满意度。", "≥95%", "计划标准"),
        ("制定医疗服务价格行为规范率", "100%", "计划标准"),
        ("合理规避制定或调整医疗服务价格项目风险，", "100%", "计划标准"),
        ("严格论证医疗机构需求的合理性，剔除违背集中采购公开、公平、公正原则的排他性要求", "100%", "计划标准"),
        ("规范医药集中采购行为", "100%", "计划标准"),
        ("加强全市公立医疗机构医药集中采购管理，保障采购质量，降低虚高价格", "100%", "计划标准"),
        ("培训会议和外出交流学习出勤率", "100%", "计划标准"),
        ("支付方式改革试点工作落地完成率", "100%", "计划标准"),
        ("定点医药机构检查覆盖率", "全覆盖", "计划标准"),
        ("医保基金预算编制准确率", "约95%", "计划标准"),
        ("城乡居民基本医保住院政策报销比率", "≥75%", "计划标准"),
        ("城乡居民大病保险支付比率", "≥60%", "计划标准"),
        ("医保信息系统正常运行率", "≥90%", "计划标准"),
    ],
    "时效指标": [
        ("上述工作任务全部", "年底前完成", "计划标准"),
    ],
    "成本指标": [
        ("全面加强党的建设，强化队伍建设，保障机关及)社会保险经办机构正常运转", "417.29", "计划标准"),
        ("巩固医保脱贫成果有效衔接乡村振兴", "20", "计划标准"),
        ("完善公平适度的待遇保障机制", "30", "计划标准"),
        ("健全稳健可持续的筹资运行机制", "70", "计划标准"),
        ("建立管用高效的医保支付机制", "90", "计划标准"),
        ("保持基金监管高压态势", "90", "计划标准"),
        ("协同推进医药服务供给侧改革", "25", "计划标准"),
        ("推进长三角医疗保障一体化发展", "20", "计划标准"),
        ("提升医保精细化管理水平", "45", "计划标准"),
        ("优化医疗保障公共服务", "117.5", "计划标准"),
        ("持续推进医保治理创新", "55", "计划标准"),
        ("城镇职工的各項保險和大学生保險及軍轉干部离休人員和公益岗位經費", "77.7", ""),
    ],
    # 经济效益指标 and 生态效益指标 say 此指标不适用 / 本指标不适用 with no value: the
    # categories are optional, so the clerk closes them empty (完成).
    "经济效益指标": [],
    "社会效益指标": [
        ("对我市参保群众就医体验的影响程度", "显著提高", "计划标准"),
        ("对我市参保群众医疗需求满足的影响程度", "显著提高", "计划标准"),
        ("对提升医药机构医药服务质量的影响程度", "显著提高", "计划标准"),
    ],
    "生态效益指标": [],
    "可持续影响指标": [
        ("长期坚持服务群众，提高全市参保人员医疗保障待遇水平，提高民生福祉", "持续影响", ""),
    ],
    "服务对象满意度指标": [
        ("基本医疗、大病保险、医疗救助、“351”健康脱贫 ≥70%、≥70%、≥85%、≥90%", "≥70%、≥70%、≥85%、≥90%", ""),
        ("定点医药机构满意度", "≥90%", ""),
        ("患者满意度", "95%", ""),
    ],
}

# Values the engine refuses (indicator.value_unparsed), and what the clerk types instead.
RETYPED = {
    # "执行并完成省局此行动方案" is no target; the plain statement of it is 全面完成.
    "开展“行风建设提升年”行动": "全面完成",
    # Three targets and prose in one cell; the clerk keeps the first, measurable one.
    "加大医疗保障宣传力度": "≥25000份",
    # The count without the words around it (still approximate: a warning).
    "开展维护医保系统运行和网络运行安全，提升医保精细化管理水平，推动”智慧”平台建设": "约20套",
}
# Rows with no target the engine can read and nothing measurable to put instead:
# the clerk goes back (返回) and deletes the row (删除).
DROPPED = {"实施医疗保障民生工程"}


class Clerk:
    def __init__(self, path: Path):
        self.iv = Interview(FORM)
        header = new_header(FORM, self.iv.kb.version, title=f"{DEPARTMENT} {YEAR} 部门整体支出绩效目标申报表")
        header["created"] = CREATED
        self.writer = TranscriptWriter.create(path, header)

    def say(self, text: str):
        """Type one answer, as Session.send does: write the resolved answer, then apply it."""
        question = self.iv.question()
        answer = self.iv.resolve(text)
        self.writer.append({"type": "answer", "q": question.key if question else "", "text": text, "answer": answer})
        reply = self.iv.answer(answer)
        if not reply.accepted:
            sys.exit(f"refused at {question.key}: {text!r}\n{reply.message}")
        return reply

    def key(self) -> str:
        question = self.iv.question()
        return question.key if question else ""

    def indicator(self, name: str, value: str, basis: str) -> None:
        self.say(name)
        while self.key().endswith(":confirm"):
            self.say("否")  # keep the form's own name
        while (key := self.key()).startswith("indicators["):
            if key.endswith(".value") and name in DROPPED:
                self.say("返回")
                self.say("删除")
            elif key.endswith(".value"):
                self.say(RETYPED.get(name, value))
            elif key.endswith(".description"):
                self.say("")  # the form has no 绩效指标描述 column
            elif key.endswith(".basis"):
                self.say(basis or "跳过")
            else:
                sys.exit(f"unexpected question {key}")

    def run(self) -> None:
        self.say(YEAR)
        self.say(DEPARTMENT)
        for task in TASKS:
            self.say(task)
            if self.key().endswith(".fiscal"):
                self.say("")  # Enter: all of it is 财政拨款
        self.say("完成")
        self.say(TOTAL)
        self.say(GOALS)
        self.say("完成")
        for level2, rows in INDICATORS.items():
            assert self.key() == f"indicators:{level2}", self.key()
            for row in rows:
                self.indicator(*row)
            self.say("完成")
        assert self.key() == "review", self.key()
        for finding in self.iv.findings():
            print(f"{SEVERITY_LABEL[finding.severity]} {finding.rule} [{finding.path}]")
        self.say("保存退出")


if __name__ == "__main__":
    OUT.unlink(missing_ok=True)
    Clerk(OUT).run()
    print(f"wrote {OUT}")
