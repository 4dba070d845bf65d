"""The mid-term indicator set: offered as derived from the annual one (counts
per year, amounts × years), otherwise asked like the annual set."""

from __future__ import annotations

from assistant.forms import kind_of
from assistant.interview.commands import NO_CHOICE_WORDS, YES_CHOICE_WORDS
from assistant.interview.handlers.base import ask
from assistant.interview.handlers.indicators import IndicatorsHandler, rows_of
from assistant.interview.model import Question, Reply
from assistant.values import ValueParseError, format_wan, parse_value
from assistant.values.period import mid_term_years


def derive_mid_term(iv, annual_rows: list[dict]) -> list[dict]:
    """Mid-term rows from annual ones: counts per year, amounts × years."""
    years = mid_term_years((iv.record.get("project") or {}).get("period"))
    derived = []
    for row in annual_rows:
        new = {k: v for k, v in row.items() if k != "_todo"}
        new["value"] = _mid_term_value(row.get("value", ""), row.get("level2") == "成本指标", years)
        derived.append(new)
    return derived


def _mid_term_value(text: str, money: bool, years: int) -> str:
    try:
        value = parse_value(text, money_context=money)
    except ValueParseError:
        return text
    if value.kind == "deadline":
        return text if text.startswith("每年") else f"每年{text}"
    if not value.is_quantitative or value.multi or value.number is None:
        return text
    if value.unit_category == "money" and not value.per_year:
        return f"{value.operator or ''}{format_wan(value.number * years)}{value.unit}"
    if value.unit_category in ("count", "measure") and not value.per_year:
        return f"每年{text}"
    return text


def annual_rows(iv) -> list[dict]:
    """The rows of the form's 年度 set, which the mid-term set is derived from."""
    kind = kind_of(iv.form)
    sets = kind.indicator_sets if kind else ()
    return next((rows_of(iv, s.path) for s in sets if s.label == "年度"), [])


class MidTermIndicatorsHandler(IndicatorsHandler):
    """Offer the mid-term set derived from the annual one; otherwise ask it like the annual."""

    def _derive_key(self, entry) -> str:
        return f"{entry.field}:derive"

    def next_question(self, iv, entry):
        if self._derive_key(entry) not in iv.state.answered:
            return self._derive_question(iv, entry)
        return super().next_question(iv, entry)

    def question_for(self, iv, entry, key):
        if key == self._derive_key(entry):
            return self._derive_question(iv, entry)
        return super().question_for(iv, entry, key)

    def _derive_question(self, iv, entry) -> Question:
        derived = derive_mid_term(iv, annual_rows(iv))
        lines = "\n".join(f"  {r['level2']} · {r['name']}：{r['value']}" for r in derived)
        return ask(
            entry,
            self._derive_key(entry),
            prompt="要按年度指标推算中期指标吗？（是：采用下面的推算结果，之后可以修改；否：逐类填写）",
            note=f"推算结果（数量写“每年”，金额乘以年数）：\n{lines}",
            default="是",
            choices=("是", "否"),
            format="是 / 否",
            example="是",
        )

    def apply(self, iv, entry, question, text):
        if question.key != self._derive_key(entry):
            return super().apply(iv, entry, question, text)
        if text.lower() in YES_CHOICE_WORDS:
            rows = rows_of(iv, entry.field)
            rows[:] = derive_mid_term(iv, annual_rows(iv))
            for level2 in iv.kb.framework(iv.record.get("framework")).level2s:
                iv.state.closed.add(f"{entry.field}:{level2.name}")
            message = f"已推算 {len(rows)} 个中期指标。要改其中一项，可以说“修改 中期 指标名称 为 新值”。"
        elif text.lower() in NO_CHOICE_WORDS:
            message = "好的，逐类填写中期指标。"
        else:
            return Reply.error("请回答“是”或“否”。")
        iv.state.answered.add(self._derive_key(entry))
        iv.remember(question.key, text)
        return Reply(True, message=message)
