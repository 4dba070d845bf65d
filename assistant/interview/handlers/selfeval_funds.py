"""Self-evaluation funds: 年初预算数, 全年预算数 (adjusted) and 全年执行数 for
each funds row, then 执行率 and its score; the reason for a shortfall when
执行率 is below the floor (90%).

Rows are asked top-down: 年度资金总额, 本年财政拨款 (Enter = same as the
total), 上年结转资金 only when 财政拨款 does not cover the total; 其他资金 is
what remains, so the rows always add up (funds.sum_mismatch cannot fire).
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.interview.handlers.base import Handler, ask
from assistant.interview.handlers.selfeval_common import (
    FUND_LABELS,
    percent,
    pts,
    rescore,
    status_line,
)
from assistant.interview.model import Reply
from assistant.rules.scoring import execution_rate
from assistant.values import ValueParseError, format_wan, parse_money, to_decimal

COLUMNS = ("initial", "adjusted", "executed")
DEVIATION = "funds:deviation"
# One amount as typed in a funds answer: `10`, `9.2万`, `１２．５万元`.
AMOUNT_PATTERN = r"[0-9０-９]+(?:[.．][0-9０-９]+)?\s*(?:万元|万|亿元|亿|元)?"
_AMOUNT = re.compile(AMOUNT_PATTERN)


def parse_amount(text: str) -> Decimal:
    """One typed amount in 万元 (a full-width decimal point allowed); ValueParseError otherwise."""
    return parse_money(text.replace("．", "."))


def triple_text(row: dict | None) -> str | None:
    if not isinstance(row, dict) or any(row.get(c) is None for c in COLUMNS):
        return None
    return " ".join(format_wan(to_decimal(row[c])) for c in COLUMNS)


def parse_triple(text: str, initial: Decimal | None) -> dict[str, Decimal]:
    """`10 10 9.2` (年初 全年 执行), or `10 9.2` when 年初预算数 is known."""
    amounts = [parse_amount(m.group()) for m in _AMOUNT.finditer(text)]
    if len(amounts) == 2 and initial is not None:
        amounts = [initial, *amounts]
    if len(amounts) != 3:
        known = f"年初预算数已知（{format_wan(initial)}）时也可以只写后两个数。" if initial is not None else ""
        raise ValueParseError("请按顺序写三个数（万元）：年初预算数 全年预算数 全年执行数，例如“10 10 9.2”。" + known)
    return dict(zip(COLUMNS, amounts))


class SelfEvalFundsHandler(Handler):
    def next_question(self, iv, entry):
        answered = iv.state.answered
        for row in ("total", "fiscal", "carryover"):
            if f"funds.{row}" not in answered:
                return self._row_question(iv, entry, row)
        if self._needs_deviation(iv) and not str(iv.record["execution"].get("deviation") or "").strip():
            return self._deviation_question(iv, entry)
        return None

    def question_for(self, iv, entry, key):
        if key in ("funds", "funds.total", "funds.fiscal", "funds.carryover"):
            return self._row_question(iv, entry, key.split(".")[1] if "." in key else "total", revisit=True)
        if key == DEVIATION:
            return self._deviation_question(iv, entry)
        return None

    # ------------------------------------------------------------ questions
    def _row_question(self, iv, entry, row: str, revisit: bool = False):
        funds = iv.record["funds"]
        initial = to_decimal(funds[row].get("initial"))
        default = triple_text(funds[row]) if revisit else None
        if row == "total":
            known = f"申报时的年初预算数是 {format_wan(initial)} 万元。" if initial is not None else ""
            return ask(entry, "funds.total", default=default, note=known)
        total = funds["total"]
        if row == "fiscal":
            if default is None and (initial is None or initial == to_decimal(total.get("initial"))):
                default = triple_text(total)
            enter = f"全部是财政拨款就直接回车：{default}" if default else "三个数用空格隔开，例如 8 8 7.5"
            return ask(
                entry,
                "funds.fiscal",
                default=default,
                prompt=f"其中本年财政拨款的 年初预算数 全年预算数 全年执行数？（{enter}）",
                help="本年财政拨款是本级财政今年安排的钱；上年结转资金和其他资金另外列。三列分别是年初、调整后全年、实际执行。",
                example=triple_text(total) or "10 10 9.2",
            )
        rest = self._remainder(iv)
        return ask(
            entry,
            "funds.carryover",
            default=default or "0 0 0",
            prompt=(
                f"财政拨款之外还有 {' '.join(format_wan(rest[c]) for c in COLUMNS)} 万元。"
                "其中上年结转资金的 年初 全年 执行 各多少？（剩下的算其他资金；没有结转就直接回车：0 0 0）"
            ),
            help="上年结转资金是以前年度没花完、结转到今年使用的钱；其余来源（上级补助、自有收入等）算其他资金。",
            example="0 0 0",
        )

    def _deviation_question(self, iv, entry):
        rate = execution_rate(iv.record["funds"])
        floor = iv.kb.scoring["deviation_rate_floor"]
        return ask(
            entry,
            DEVIATION,
            section=entry.section,
            multiline=True,
            default=iv.record["execution"].get("deviation") or None,
            prompt=(
                f"预算执行率只有 {percent(rate)}，低于 {floor}%。请写偏差原因分析及改进措施："
                "钱为什么没有按计划花出去，下一步怎么改。"
            ),
            help="执行率低于 90% 必须说明原因（如项目延期、采购节约、政策调整）和改进措施（如加快支付进度、调整预算）。",
            example="政府采购节约资金0.8万元；今后按实际需求编制预算。",
            format="一两句话",
        )

    # -------------------------------------------------------------- answers
    def apply(self, iv, entry, question, text):
        if question.key == DEVIATION:
            if len(text) < 6:
                return Reply.error(
                    "请写清原因和改进措施（至少一句话），例如：政府采购节约资金0.8万元；今后按实际需求编制预算。"
                )
            iv.record["execution"]["deviation"] = text
            iv.remember(DEVIATION, text)
            return Reply(True, message="已记录执行率偏差原因。")
        row = question.key.split(".")[1]
        funds = iv.record["funds"]
        try:
            amounts = parse_triple(text, to_decimal(funds[row].get("initial")))
        except ValueParseError as exc:
            return Reply.error(str(exc))
        problem = self._problem(iv, row, amounts)
        if problem:
            return Reply.error(problem)
        funds[row] = amounts
        iv.state.answered.add(question.key)
        if row == "total":  # the rows below must fit the new total: ask them again
            iv.state.answered.difference_update({"funds.fiscal", "funds.carryover"})
        else:
            self._fill_rest(iv, row)
        iv.remember(question.key, text)
        rescore(iv.record, iv.kb)
        return Reply(True, message=self._message(iv, row))

    def _problem(self, iv, row: str, amounts: dict[str, Decimal]) -> str | None:
        if row == "total":
            if amounts["adjusted"] == 0:
                return "全年预算数不能为 0：执行率 = 全年执行数 ÷ 全年预算数。请填写调整后的全年预算。"
            if amounts["executed"] > amounts["adjusted"]:
                return (
                    f"全年执行数 {format_wan(amounts['executed'])} 大于全年预算数 {format_wan(amounts['adjusted'])}。"
                    "年中追加的预算要算进全年预算数；请核对。"
                )
            return None
        limit = self._remainder(iv) if row == "carryover" else iv.record["funds"]["total"]
        what = "财政拨款之外的部分" if row == "carryover" else "年度资金总额"
        for column, label in zip(COLUMNS, ("年初预算数", "全年预算数", "全年执行数"), strict=True):
            ceiling = to_decimal(limit[column])
            if ceiling is not None and amounts[column] > ceiling:
                return (
                    f"{FUND_LABELS[row]}的{label} {format_wan(amounts[column])} 超过了{what} "
                    f"{format_wan(ceiling)}。请核对。"
                )
        return None

    def _remainder(self, iv) -> dict[str, Decimal]:
        funds = iv.record["funds"]
        return {
            c: (to_decimal(funds["total"][c]) or Decimal(0))
            - (to_decimal((funds.get("fiscal") or {}).get(c)) or Decimal(0))
            for c in COLUMNS
        }

    def _fill_rest(self, iv, row: str) -> None:
        """After 财政拨款: 上年结转 and 其他 are 0 when it covers the total; after
        上年结转: 其他资金 is what remains."""
        funds = iv.record["funds"]
        rest = self._remainder(iv)
        if row == "fiscal":
            if all(v == 0 for v in rest.values()):
                funds["carryover"] = {c: Decimal(0) for c in COLUMNS}
                funds["other"] = {c: Decimal(0) for c in COLUMNS}
                iv.state.answered.add("funds.carryover")
            else:
                iv.state.answered.discard("funds.carryover")
            return
        funds["other"] = {c: rest[c] - funds["carryover"][c] for c in COLUMNS}

    def _message(self, iv, row: str) -> str:
        funds = iv.record["funds"]
        if row == "total":
            rate = execution_rate(funds)
            execution = iv.record["execution"]
            shown = percent(rate) if rate is not None else "—"
            head = (
                f"执行率 = {format_wan(funds['total']['executed'])} ÷ {format_wan(funds['total']['adjusted'])} = "
                f"{shown}，执行率得分 {pts(execution.get('score'))}/{pts(execution.get('weight'))}。"
            )
            return head + status_line(iv.record, iv.kb)
        if row == "carryover" or "funds.carryover" in iv.state.answered:
            other = funds["other"]
            return f"已记录。其他资金：{' '.join(format_wan(other[c]) for c in COLUMNS)}（年初 全年 执行）。"
        return "已记录财政拨款。"

    def _needs_deviation(self, iv) -> bool:
        rate = execution_rate(iv.record["funds"])
        floor = Decimal(str(iv.kb.scoring["deviation_rate_floor"])) / 100
        return rate is not None and rate < floor
