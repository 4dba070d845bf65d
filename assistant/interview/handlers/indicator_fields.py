"""The fields of one indicator row, asked and answered on their own: its name
(删除 deletes the row), its 指标值 (a bare number takes the standard's operator
and unit, a total cost defaults to the budget), its 绩效指标描述, its 指标值确定依据
and, when asked, its category."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from assistant import record_path
from assistant.forms import kind_of
from assistant.interview.commands import word_of
from assistant.interview.handlers.base import Handler, ask
from assistant.interview.handlers.indicator_rows import ROW_RULES, bad_name, done, row_errors
from assistant.interview.handlers.item_list import is_delete, item_key, remove_item
from assistant.interview.handlers.record_parts import rows_of
from assistant.interview.model import Question, Reply
from assistant.knowledge import Indicator, Level2
from assistant.values import format_wan
from assistant.values.user_numbers import choice_number, is_user_int, user_int

BASIS = ("计划标准", "历史标准", "行业标准", "其他标准")
# The fields of a row asked on their own: `indicators.annual[3].value`.
ROW_FIELDS = ("name", "value", "description", "basis", "level2")


def standard_by_name(iv, name: str) -> Indicator | None:
    """The standard indicator called exactly `name`. An alias is not enough: a row
    keeps the user's own name unless they accept the standard one (您是不是要找…?)."""
    return iv.search.by_name.get(name)  # built once per knowledge base: it may be large


def value_example(iv, ind: Indicator | None) -> str:
    """The example under a value question: the indicator's usual value, a real value
    with its unit and operator, or just its form (symbol, a number, its unit) —
    never offered as the answer."""
    if ind is None:
        return "≥200人"
    found = iv.search.example_value(ind)
    if found:
        return found
    if ind.operator == "定性" or not ind.unit:
        return "显著提升" if ind.operator == "定性" else f"{ind.operator}10"
    return f"{ind.operator}10{ind.unit}"


def budget_of(iv, set_path: str) -> Decimal | None:
    """The amount the costs of the set at `set_path` must fit in, where the form
    kind says it is (`funds.annual.total`)."""
    kind = kind_of(iv.form)
    spec = next((s for s in kind.indicator_sets if s.path == set_path), None) if kind else None
    return record_path.get(iv.record, spec.budget) if spec and spec.budget else None


class RowFieldsHandler(Handler):
    """Questions and answers about one field of one row; the category questions
    (which a row's name is re-asked with) are the subclass's."""

    value_key = "value"

    def _section(self, entry) -> str:
        return entry.section

    def _pick_question(self, iv, entry, level2: Level2, default: str | None = None) -> Question:
        raise NotImplementedError

    # ------------------------------------------------------------ questions
    def _row_question(self, iv, entry, index: int, field: str, revisit: bool = False) -> Question:
        set_path = entry.field
        row = rows_of(iv, set_path)[index]
        key = item_key(set_path, index, field)
        name = row.get("name", "")
        ind = standard_by_name(iv, name)
        section = self._section(entry)
        if field == "name":
            level2 = iv.kb.framework(iv.record.get("framework")).level2(row.get("level2"))
            question = self._pick_question(iv, entry, level2, default=name) if level2 else None
            if question is None:
                return ask(entry, key, prompt="指标名称：", default=name)
            return replace(question, key=key, prompt=f"修改指标名称（输入“删除”删掉这一行）：{question.prompt}")
        if field == "value":
            current = row.get(self.value_key) or None
            default = current if revisit and current else self._default_value(iv, set_path, row, ind)
            typical = f"标准常用值 {ind.typical}。" if ind and ind.typical else ""
            return ask(
                entry,
                key,
                section=section,
                prompt=f"“{name}”的指标值是多少？{typical}",
                help=(
                    "指标值写成“符号+数字+单位”：≥ 表示不少于，≤ 表示不超过（成本用 ≤），= 表示正好。"
                    "比率不写 ≥100%，写 =100%；定性指标写方向，如“显著提升”“年底前完成”。"
                    + (f"\n“{ind.name}”：{ind.description}。" if ind else "")
                ),
                example=value_example(iv, ind),
                format="符号+数字+单位，或定性描述",
                optional=False,
                default=default,
            )
        if field == "description":
            return ask(
                entry,
                key,
                section=section,
                prompt=f"用一句话描述“{name}”衡量什么（绩效指标描述，可直接回车跳过）：",
                help="绩效指标描述说明这个指标反映什么、怎么算，例如“反映为村卫生室租用专线的条数”。",
                example="反映为村卫生室租用医保专线的条数",
                format="一句话",
                optional=True,
                default=row.get("description") or "",
            )
        if field == "basis":
            return ask(
                entry,
                key,
                section=section,
                prompt=f"“{name}”的指标值确定依据？（1 计划标准  2 历史标准  3 行业标准  4 其他标准；回车=计划标准）",
                help="指标值从哪来：按工作计划定的是计划标准；按往年实际定的是历史标准；按行业规范定的是行业标准。",
                example="计划标准",
                format="1–4",
                optional=True,
                default=row.get("basis") if revisit and row.get("basis") else "计划标准",
                choices=BASIS,
            )
        framework = iv.kb.framework(iv.record.get("framework"))
        names = [f"{l2.level1}/{l2.name}" for l2 in framework.level2s]
        return ask(
            entry,
            key,
            section=section,
            prompt=f"“{name}”应归入哪一类？" + "  ".join(f"{i} {n}" for i, n in enumerate(names, 1)),
            help="二级指标必须属于对应的一级指标。",
            example="1",
            format="编号",
            choices=tuple(names),
            default=None,
        )

    def _budget(self, iv, set_path: str) -> Decimal | None:
        """The budget a total cost's default value is taken from."""
        return budget_of(iv, set_path)

    def _default_value(self, iv, set_path, row, ind: Indicator | None) -> str | None:
        if ind is None:
            return None
        budget = self._budget(iv, set_path)
        words = iv.kb.params["cost_total_words"]
        if ind.level2 == "成本指标" and budget and any(w in ind.name for w in words):
            return f"≤{format_wan(budget)}万元"  # a total cost is at most the budget
        return ind.typical or None  # no usual value: the user fills it in

    # --------------------------------------------------------------- answers
    def _apply_name(self, iv, entry, question, index, text) -> Reply:
        rows = rows_of(iv, entry.field)
        if is_delete(text):
            removed = remove_item(iv, rows, index, question.key, text)
            return Reply(True, message=f"已删除指标“{removed.get('name')}”。")
        if is_user_int(text) and question.suggestions:
            text = next((s.value for s in question.suggestions if s.number == user_int(text)), text)
        problem = bad_name(text)
        if problem:
            return Reply.error(problem)
        ind = standard_by_name(iv, text)
        rows[index]["name"] = text
        if ind:
            rows[index]["description"] = ind.description
        iv.remember(question.key, text)
        return Reply(True, message=f"指标名称改为“{text}”。")

    def _apply_value(self, iv, entry, question, index, text) -> Reply:
        rows = rows_of(iv, entry.field)
        row = rows[index]
        before = row.get(self.value_key, "")
        row[self.value_key] = text
        errors = row_errors(iv, entry.field, index)
        if errors:
            row[self.value_key] = before
            return Reply.error(errors[0].message)
        done(row, "value")
        iv.remember(question.key, text)
        prefix = item_key(entry.field, index) + "."
        notices = [] if iv.quiet else [f for f in iv.findings(ROW_RULES) if f.path.startswith(prefix)]
        return Reply(True, message=f"“{row.get('name')}”：{text}", notices=notices)

    def _apply_description(self, iv, entry, question, index, text) -> Reply:
        if len(text) > 500:
            return Reply.error("描述太长了，请控制在 500 字以内。")
        row = rows_of(iv, entry.field)[index]
        row["description"] = text
        done(row, "description")
        iv.remember(question.key, text or word_of("skip"))
        return Reply(True, message="已记录描述。" if text else "不写描述。")

    def _apply_basis(self, iv, entry, question, index, text) -> Reply:
        row = rows_of(iv, entry.field)[index]
        if text and text not in BASIS:
            choice = next((b for b in BASIS if text in b), None)
            if choice is None:
                return Reply.error("请输入 1–4：1 计划标准  2 历史标准  3 行业标准  4 其他标准。")
            text = choice
        row["basis"] = text
        done(row, "basis")
        iv.remember(question.key, text or word_of("skip"))
        return Reply(True, message=f"依据：{text or '（空）'}")

    def _apply_level2(self, iv, entry, question, index, text) -> Reply:
        framework = iv.kb.framework(iv.record.get("framework"))
        level2s = list(framework.level2s)
        chosen = None
        number = choice_number(text, len(level2s))
        if number:
            chosen = level2s[number - 1]
        else:
            chosen = next((l2 for l2 in level2s if text in (l2.name, f"{l2.level1}/{l2.name}")), None)
        if chosen is None:
            return Reply.error("请输入列出的编号。")
        row = rows_of(iv, entry.field)[index]
        row["level1"], row["level2"] = chosen.level1, chosen.name
        iv.remember(question.key, text)
        return Reply(True, message=f"“{row.get('name')}”归入 {chosen.level1}/{chosen.name}。")
