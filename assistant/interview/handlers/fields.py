"""Single fields: text, year, choice, 项目期, funds, 资金支出计划."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant import record_path
from assistant.interview.commands import word_of
from assistant.interview.funds_phrasing import parse_funds
from assistant.interview.handlers.base import Handler, as_text, ask
from assistant.interview.model import Reply
from assistant.rules import ERROR, check
from assistant.values import ValueParseError, format_wan
from assistant.values.period import period_years
from assistant.values.user_numbers import choice_number


class ScalarHandler(Handler):
    """A field answered in one go; subclasses only convert the text."""

    def next_question(self, iv, entry):
        if entry.field in iv.state.answered:
            return None
        return self._question(iv, entry)

    def question_for(self, iv, entry, key):
        return self._question(iv, entry) if key == entry.field else None

    def _question(self, iv, entry):
        current = record_path.get(iv.record, entry.field)
        default = as_text(current) if entry.field in iv.state.answered and current not in (None, "") else entry.default
        if default is None and entry.default_from:
            default = as_text(record_path.get(iv.record, entry.default_from)) or None
        return ask(entry, entry.field, default=default)

    def convert(self, iv, entry, text):
        """Return the value to store, or raise ValueError with a Chinese message."""
        if not text:
            raise ValueError("这一项不能为空。")
        if len(text) > 200:
            raise ValueError("太长了，请控制在 200 字以内。")
        return text

    def apply(self, iv, entry, question, text):
        if not text and question.optional:  # Enter on an optional question without a default
            return self.skip(iv, entry, question)
        try:
            value = self.convert(iv, entry, text)
        except ValueError as exc:
            return Reply.error(f"{exc} 例如：{entry.example}")
        record_path.set(iv.record, entry.field, value)
        iv.state.answered.add(entry.field)
        iv.remember(entry.field, text)
        return Reply(True, message=f"已记录：{value}")

    def skip(self, iv, entry, question):
        record_path.set(iv.record, entry.field, None)
        iv.state.answered.add(entry.field)
        iv.remember(entry.field, word_of("skip"))
        return Reply(True, message="已跳过。")


class YearHandler(ScalarHandler):
    def convert(self, iv, entry, text):
        match = re.fullmatch(r"(\d{4})\s*年?(?:度)?", text)
        if not match or not 2000 <= int(match.group(1)) <= 2100:
            raise ValueError(f"“{text}”不是年份。请写四位数的年份。")
        return int(match.group(1))


class ChoiceHandler(ScalarHandler):
    def convert(self, iv, entry, text):
        choices = entry.choices
        number = choice_number(text, len(choices))
        if number is not None:
            return choices[number - 1]
        for choice in choices:
            if text == choice or text in choice or choice in text or text.rstrip("性项目") == choice.rstrip("项目"):
                return choice
        raise ValueError(f"请从 {'、'.join(f'{i} {c}' for i, c in enumerate(choices, 1))} 中选一个。")


class PeriodHandler(ScalarHandler):
    def convert(self, iv, entry, text):
        text = text.replace(" ", "")
        if re.fullmatch(r"\d+", text):
            text += "年"
        if period_years(text) is None:
            raise ValueError(f"看不懂项目期“{text}”。请写 1年、3年 或 长期。")
        return text


class FundsHandler(Handler):
    """Total, 财政拨款 and 其他资金 of one period, from one sentence if possible;
    a follow-up asks for 财政拨款 when the sentence did not say."""

    def next_question(self, iv, entry):
        if entry.field not in iv.state.answered:
            return self._total_question(iv, entry)
        if f"{entry.field}.fiscal" not in iv.state.answered:
            return self._fiscal_question(iv, entry)
        return None

    def question_for(self, iv, entry, key):
        if key == entry.field:
            return self._total_question(iv, entry)
        if key == f"{entry.field}.fiscal":
            return self._fiscal_question(iv, entry)
        return None

    def _total_question(self, iv, entry):
        row = record_path.get(iv.record, entry.field)
        default = None
        if entry.field in iv.state.answered and isinstance(row, dict):
            default = (
                f"总额{format_wan(row['total'])}万 其中财政拨款{format_wan(row['fiscal'])}万"
                if row.get("fiscal") is not None
                else format_wan(row["total"])
            )
        return ask(entry, entry.field, default=default)

    def _fiscal_question(self, iv, entry):
        row = record_path.get(iv.record, entry.field) or {}
        enter = f"（全部是财政拨款就直接回车：{format_wan(row['total'])}）" if row.get("total") is not None else ""
        return ask(
            entry,
            f"{entry.field}.fiscal",
            prompt=f"其中财政拨款多少万元？{enter}",
            help="财政拨款是本级财政安排的钱；其余为其他资金（上级补助、自有收入等），由总额减去财政拨款算出。",
            example=format_wan(row.get("total")),
            default=format_wan(row["total"]) if row.get("total") is not None else None,
        )

    def apply(self, iv, entry, question, text):
        row = dict(record_path.get(iv.record, entry.field) or {})
        try:
            if question.key.endswith(".fiscal"):
                funds = parse_funds(text if any(w in text for w in ("财政", "其他")) else f"财政拨款{text}")
                fiscal = funds.fiscal if funds.fiscal is not None else funds.total
                total = Decimal(row.get("total") or 0)
                if fiscal > total:
                    raise ValueParseError(f"财政拨款 {format_wan(fiscal)} 万元不能大于总额 {format_wan(total)} 万元。")
                row.update(fiscal=fiscal, other=total - fiscal)
            else:
                funds = parse_funds(text)
                if funds.total is None:
                    raise ValueParseError("请先说总额，例如：50万，其中财政拨款30万。")
                row = {"total": funds.total, "fiscal": funds.fiscal, "other": funds.other}
        except ValueParseError as exc:
            return Reply.error(f"{exc} 例如：{entry.example}")
        problem = self._conflict(iv, entry, row)
        if problem:
            return Reply.error(problem)
        record_path.set(iv.record, entry.field, row)
        iv.state.answered.add(entry.field)
        if row.get("fiscal") is not None:
            iv.state.answered.add(f"{entry.field}.fiscal")
        else:
            iv.state.answered.discard(f"{entry.field}.fiscal")
        iv.remember(question.key, text)
        if row.get("fiscal") is None:
            return Reply(True, message=f"总额 {format_wan(row['total'])} 万元。")
        return Reply(
            True,
            message=(
                f"已记录：总额 {format_wan(row['total'])} 万元 = 财政拨款 "
                f"{format_wan(row['fiscal'])} + 其他资金 {format_wan(row['other'])}。"
            ),
        )

    def mark_complete(self, iv, entry):
        super().mark_complete(iv, entry)
        iv.state.answered.add(f"{entry.field}.fiscal")

    def _conflict(self, iv, entry, row) -> str | None:
        if row.get("fiscal") is not None:  # the sum rule itself, as the department form does
            probe = iv.final_record()
            record_path.set(probe, entry.field, row)
            wrong = [
                f
                for f in check(probe, kb=iv.kb, search=iv.search, rules=["funds.sum_mismatch"])
                if f.severity == ERROR and (f.path == entry.field or f.path.startswith(f"{entry.field}."))
            ]
            if wrong:
                return wrong[0].message + "（可以只写总额和财政拨款，其他资金会自动算出。）"
        funds = iv.record.get("funds") or {}
        if entry.field == "funds.annual" and isinstance(funds.get("mid_term"), dict):
            mid = funds["mid_term"]["total"]
            if row["total"] > mid:
                return (
                    f"年度资金 {format_wan(row['total'])} 万元不能大于中期资金 {format_wan(mid)} 万元"
                    "（中期是整个实施期的合计）。请核对，或输入“返回”修改中期资金。"
                )
        if entry.field == "funds.mid_term" and "funds.annual" in iv.state.answered:
            annual = (funds.get("annual") or {}).get("total")
            if annual is not None and row["total"] < annual:
                return f"中期资金 {format_wan(row['total'])} 万元不能小于年度资金 {format_wan(annual)} 万元。"
        return None


_PLAN_POINT = re.compile(r"(\d{1,2})\s*月(?:底|末)?\s*[:：]?\s*(\d+(?:\.\d+)?)\s*%?")
_NUMBERS = re.compile(r"\d+(?:\.\d+)?")


class SpendingPlanHandler(ScalarHandler):
    def apply(self, iv, entry, question, text):
        reply = super().apply(iv, entry, question, text)
        if reply.accepted:  # say it as the user wrote it, not as a Python list
            reply.message = "已记录：" + " ".join(
                f"{p['month']}月{format_wan(p['percent'])}%" for p in iv.record.get("spending_plan") or []
            )
        return reply

    def _question(self, iv, entry):
        plan = iv.record.get("spending_plan")
        default = " ".join(f"{p['month']}月{format_wan(p['percent'])}%" for p in plan) if plan else None
        return ask(entry, entry.field, default=default)

    def convert(self, iv, entry, text):
        points = [(int(m), Decimal(p)) for m, p in _PLAN_POINT.findall(text)]
        if not points:
            numbers = [Decimal(n) for n in _NUMBERS.findall(text)]
            if len(numbers) != 4:
                raise ValueError("请写“3月25% 6月50% 10月75% 12月100%”，或四个季度末的累计百分比“25 50 75 100”。")
            points = list(zip((3, 6, 9, 12), numbers))
        if any(not 1 <= month <= 12 for month, _ in points) or any(p > 100 for _, p in points):
            raise ValueError("月份应在 1–12 之间，累计比例不超过 100%。")
        plan = [{"month": month, "percent": percent} for month, percent in points]
        probe = dict(iv.final_record(), spending_plan=plan)
        errors = [
            f for f in check(probe, kb=iv.kb, search=iv.search, rules=["plan.not_cumulative", "plan.not_complete"])
        ]
        if errors:
            raise ValueError(errors[0].message)
        return plan
