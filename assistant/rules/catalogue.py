"""The rule catalogue: every rule's id, severity, what it checks and how to fix
what it finds — printed by `jixiao check --rules` and as the README's table."""

from __future__ import annotations

from assistant.rules.findings import SEVERITY_LABEL
from assistant.rules.registry import RULES

# Rules whose findings are errors where the form is wrong for certain, warnings otherwise.
MIXED = {
    "indicator.required_missing": "错误/警告",  # a required category: error; 满意度 where people are served: warning
    "form.placeholder_left": "错误/警告",  # in a value: error (no target); in a name or goal: warning
    "indicator.value_unparsed": "错误/警告",  # unreadable: error; readable but not measurable: warning
}

FIX = {
    "schema.invalid": "按记录格式改正字段名和类型，金额写数字（万元）",
    "project.field_missing": "按预算批复填写项目名称、主管部门、实施单位、项目属性、项目期和年度",
    "funds.sum_mismatch": "核对预算批复，使总额等于财政拨款、上年结转和其他资金之和",
    "funds.annual_exceeds_mid_term": "中期资金是整个实施期的合计，改为不小于年度资金",
    "funds.mid_term_missing": "多年期项目同时填写中期（一般三年）资金、目标和指标",
    "plan.not_cumulative": "资金支出计划写截至各时点的累计比例，逐点不下降",
    "plan.not_complete": "资金支出计划最后一个时点写 100%",
    "goal.missing": "用一两句话写清今年这笔钱做成什么、做到什么程度",
    "goal.vague": "写明对谁、做什么、做多少、达到什么效果，不只重复项目名称、金额或口号",
    "goal.mid_term_copy": "中期目标写整个实施期的总量和最终效果，年度目标写今年完成的部分",
    "indicator.hierarchy": "把二级指标放到所属的一级指标下，用规范的指标名称",
    "indicator.required_missing": "补上缺少的数量、质量、时效、成本、效益指标；有服务对象时加满意度指标",
    "indicator.empty": "写出要衡量的内容和目标值；不需要的行删除",
    "indicator.value_unparsed": "写成“符号+数字+单位”（≥200人、=100%、≤48万元）或规范的定性描述（年底前完成、显著提升）",
    "indicator.no_unit": "给数字加上单位：人、次、条、万元……",
    "indicator.unit_category": "数量写个数，比率放到质量，金额放到成本，时效写时间或及时率",
    "indicator.not_quantified": "数量写要完成多少（≥12场、=136个），满意度写满意率（≥90%）；程度放到质量或效益指标，时间放到时效指标",
    "indicator.percent_range": "百分比写在 0–100% 之间；增长幅度改写为具体数量",
    "indicator.ge_100": "把 ≥100% 改为 =100%",
    "indicator.cost_not_money": "成本写花多少钱的上限，例如 ≤48万元、≤15000元/条·年",
    "indicator.cost_operator": "成本是上限，把 ≥ 改为 ≤",
    "indicator.cost_exceeds_budget": "核对各项金额、单价和数量，使成本合计不超过该期资金",
    "indicator.cost_is_budget": "全部资金不是一项成本：只写总成本，或删去这一行、分项列出主要成本",
    "indicator.scale_implausible": "核对单价、数量和预算，补上没有列出的主要成本",
    "indicator.satisfaction_range": "满意度目标写 ≥90% 或 ≥95%，不低于下限、不写 100%",
    "indicator.duplicate": "同一套指标中每个名称只用一次，分别写清各衡量什么",
    "indicator.value_in_name": "名称只写衡量什么，数字写到指标值里；名称不能只是一个数值或时间",
    "indicator.multi_value": "一个指标只写一个目标值，多个目标拆成几行",
    "indicator.approximate": "去掉“约、左右、近”，写明确的目标",
    "indicator.input_as_output": "资金到位、拨付、执行、合规是管理要求，改为这笔钱做成了什么",
    "indicator.misfiled": "把指标移到名称所属的二级指标下，或改写名称",
    "indicator.name_value_mismatch": "比率的目标写百分比，个数的目标写个数；或改名称使它与目标一致",
    "indicator.name_sentence": "名称写一个短语说明衡量什么，效果的描述放到指标描述里",
    "project.department_section": "主管部门填预算主管部门（及代码），不填内设科室",
    "project.name_document": "项目名称按预算批复写项目本身，文件号写到立项依据里",
    "indicator.satisfaction_subject": "写明是谁的满意度：参保群众、受训学员、定点医药机构……",
    "indicator.output_ceiling": "要完成的数量写 ≥（至少）或 =（正好），不写 ≤",
    "indicator.operator_missing": "成本写 ≤，满意度写 ≥，比率写 ≥ 或 =",
    "indicator.nonstandard_name": "改用知识库中的标准指标名称",
    "indicator.mid_term_copy": "中期指标写整个实施期的合计（或写明“每年”），不照抄年度指标",
    "indicator.too_few": "至少覆盖数量、质量、时效、成本、效益和满意度",
    "indicator.type_mismatch": "按本项目的产出和效果重写指标，可从同类项目的标准指标中选",
    "indicator.type_benefit_missing": "加上这类项目最重要的效益指标，例如环保项目的生态效益",
    "indicator.description_copy": "逐项写明每个指标衡量什么、指标值的来源，不用同一句套话",
    "form.placeholder_left": "把模板里的 **、××、……、N 换成具体的数字和内容",
    "records.copy_paste": "每个项目按自己的产出和效果逐项改写指标",
    "dept.tasks_sum": "核对各项任务金额和金额合计，使之相符",
    "selfeval.weights_total": "调整分值，使各指标分值加预算执行率分值等于 100",
    "selfeval.weights_split": "按评分方案分配一级指标分值（默认 产出 50、效益 30、满意度 10、执行率 10）",
    "selfeval.score_over_weight": "得分最多等于分值",
    "selfeval.score_mismatch": "按实际完成值与目标之比（定性指标按档次）重新计算得分",
    "selfeval.execution_rate": "执行率得分 = min(全年执行数 ÷ 全年预算数, 1) × 分值",
    "selfeval.execution_over_budget": "核对全年执行数，或把调整后的预算填入全年预算数",
    "selfeval.total_mismatch": "总分改为各指标得分加预算执行率得分之和",
    "selfeval.grade_mismatch": "按总分定等级：优 ≥90，良 80–90，中 60–80，差 <60",
    "selfeval.deviation_missing": "扣分的指标和执行率不足 90% 时写明偏差原因和改进措施",
    "selfeval.actual_missing": "填写年底实际达到的数值",
    "selfeval.actual_is_target": "实际完成值写实际测得的数，不写 ≥、≤ 等目标表达式",
    "selfeval.actual_vague": "定量目标的实际完成值写数字，不写“达成预期”",
    "selfeval.actual_over_ceiling": "超过名称中上限的按比例扣分并写明偏差原因，或核对实际值",
    "selfeval.actual_copies_goal": "实际完成情况写年底实际完成的数量和效果，不照抄预期目标",
    # department-wide self-evaluation (branch dse, issue of 部门整体自评)
    "dse.spending_split": "对照部门决算核对，使基本支出加项目支出等于年度资金总额",
    "dse.tasks_exceed_funds": "核对各任务的预算数和执行数，使合计不超过部门资金总额",
    "dse.task_overspent": "改正填写错误，或写明调整预算的依据和偏差原因",
    "dse.task_money_missing": "填写每项任务的预算数和执行数",
}


def entries() -> list[dict[str, str]]:
    """One entry per registered rule, in id order."""
    import assistant.rules.engine  # noqa: F401  (registers every rule)

    return [
        {
            "id": spec.id,
            "severity": MIXED.get(spec.id, SEVERITY_LABEL[spec.severity]),
            "checks": spec.title,
            "fix": FIX[spec.id],
        }
        for spec in sorted(RULES.values(), key=lambda s: s.id)
    ]


def markdown() -> str:
    """The catalogue as a Markdown table (the README's section)."""
    lines = ["| 规则 | 级别 | 检查什么 | 怎么改 |", "|---|---|---|---|"]
    lines += [f"| `{e['id']}` | {e['severity']} | {e['checks']} | {e['fix']} |" for e in entries()]
    return "\n".join(lines) + "\n"


def write_readme(path) -> None:
    """Put the generated table between the README's rules markers (written whole)."""
    from pathlib import Path

    path = Path(path)
    text_ = path.read_text(encoding="utf-8")
    begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
    head, rest = text_.split(begin, 1)
    _, tail = rest.split(end, 1)
    temp = path.with_suffix(".tmp")
    temp.write_text(head + begin + markdown() + end + tail, encoding="utf-8")
    temp.replace(path)


def text() -> str:
    """The catalogue for the terminal: one block per rule."""
    blocks = [f"{e['id']}  [{e['severity']}]\n  检查：{e['checks']}\n  修改：{e['fix']}" for e in entries()]
    return f"共 {len(blocks)} 条规则。\n\n" + "\n\n".join(blocks) + "\n"


if __name__ == "__main__":  # python -m assistant.rules.catalogue README.md
    import sys

    write_readme(sys.argv[1] if len(sys.argv) > 1 else "README.md")
