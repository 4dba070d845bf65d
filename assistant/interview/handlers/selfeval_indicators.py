"""Self-evaluation indicators, in three phases:

1. the list (only when starting from nothing): category by category as on the
   declaration, the 年度指标值 stored as `target`;
2. the weights (分值): proposed from the scoring profile, shown as a table;
   Enter accepts, `3 10` changes row 3, `执行率 20` the 执行率 weight
   (selfeval_weights.py);
3. per indicator: the 实际完成值 (a measured value; a repeat of the target is
   refused) or, for a qualitative target, 达成 / 部分达成 / 未达成 and a score
   within the band; the 偏差原因 only where the score is below the weight.

Scores are computed as the user goes and every reply carries the running
total and grade.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant import record_path, rules
from assistant.interview.handlers.base import ask
from assistant.interview.handlers.indicators import IndicatorsHandler, rows_of
from assistant.interview.handlers.item_list import item_key, item_ref
from assistant.interview.handlers.selfeval_checks import cost_actual_notice
from assistant.interview.handlers.selfeval_common import (
    LEVELS,
    achievement_of,
    band,
    band_default,
    is_qualitative,
    money_context,
    needs_deviation,
    propose_weights,
    pts,
    rescore,
    status_line,
    tidy,
)
from assistant.interview.handlers.selfeval_weights import WEIGHTS, WeightsTable
from assistant.interview.model import Reply
from assistant.rules import check
from assistant.rules.scoring import parse_or_none

# The fields of a row the self-evaluation asks: `indicators[3].actual`.
SE_FIELDS = ("actual", "score", "deviation", "weight")
_TARGET_NUMBER = re.compile(r"^\s*(?:[≥≤=<>≧≦]|不少于|不低于|不超过|不高于)?\s*[0-9]+(?:\.[0-9]+)?(?P<suffix>[^0-9]*)$")
_BARE_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
ACTUAL_RULES = ["selfeval.actual_is_target", "selfeval.actual_vague"]


def selfeval_rules() -> list[str]:
    return sorted(rule for rule in rules.RULES if rule.startswith("selfeval."))


def complete_actual(text: str, target: str) -> str:
    """A bare number takes the target's unit as written: `12` for `≥12次` → `12次`."""
    match = _TARGET_NUMBER.match(target or "")
    if _BARE_NUMBER.match(text) and match and match.group("suffix").strip():
        return text + match.group("suffix").strip()
    return text


class SelfEvalIndicatorsHandler(WeightsTable, IndicatorsHandler):
    value_key = "target"

    # ------------------------------------------------------------- ordering
    def next_question(self, iv, entry):
        if entry.field not in iv.state.answered:
            question = super().next_question(iv, entry)
            if question is not None:
                return question
        if WEIGHTS not in iv.state.closed:
            return self._weights_question(iv, entry, WEIGHTS)
        for index in range(len(rows_of(iv, entry.field))):
            question = self._pending(iv, entry, index)
            if question is not None:
                return question
        return None

    def _pending(self, iv, entry, index: int):
        row = rows_of(iv, entry.field)[index]
        if not str(row.get("actual") or "").strip():
            return self._actual_question(iv, entry, index, item_key(entry.field, index, "actual"))
        if is_qualitative(iv.kb, row) and row.get("score") is None:
            return self._score_question(iv, entry, index, item_key(entry.field, index, "score"))
        if needs_deviation(row) and not str(row.get("deviation") or "").strip():
            return self._deviation_question(iv, entry, index, item_key(entry.field, index, "deviation"))
        return None

    def question_for(self, iv, entry, key):
        if key == WEIGHTS:
            return self._weights_question(iv, entry, key)
        row = item_ref(key, entry.field, SE_FIELDS)
        if row is None:
            return super().question_for(iv, entry, key)
        index, field = row
        if index >= len(rows_of(iv, entry.field)):
            return None
        purpose = self._purpose(iv, entry, index, field)
        if purpose == "weight":
            return self._weights_question(iv, entry, key)
        return getattr(self, f"_{purpose}_question")(iv, entry, index, key, revisit=True)

    def _purpose(self, iv, entry, index: int, field: str) -> str:
        """A computed score is changed through the actual value it comes from."""
        row = rows_of(iv, entry.field)[index]
        if field == "score" and not is_qualitative(iv.kb, row):
            return "actual"
        return field

    # ------------------------------------------------------------ questions
    def _actual_question(self, iv, entry, index: int, key: str, revisit: bool = False):
        row = rows_of(iv, entry.field)[index]
        name, target, weight = row.get("name", ""), row.get("target", ""), pts(row.get("weight"))
        default = row.get("actual") if revisit and row.get("actual") else None
        count = f"第 {index + 1}/{len(rows_of(iv, entry.field))} 项"
        if is_qualitative(iv.kb, row):
            return ask(
                entry,
                key,
                section="绩效自评",
                note=count,
                default=default,
                choices=LEVELS,
                prompt=(
                    f"“{name}”的目标是“{target}”（定性，分值 {weight}）。完成得怎么样？"
                    "1 达成  2 部分达成  3 未达成；可以接一句说明，如“部分达成：还有3个乡镇未覆盖”。"
                ),
                help=(
                    "定性指标按完成程度计分：达成得分值的 80%–100%，部分达成 60%–80%，未达成 0–60%，"
                    "具体分数在档次内自己定。"
                ),
                example="部分达成：还有3个乡镇未覆盖",
                format="1 / 2 / 3，或 达成 / 部分达成 / 未达成 + 说明",
            )
        example = complete_actual(_number_of(target) or "12", target)
        return ask(
            entry,
            key,
            section="绩效自评",
            note=count,
            default=default,
            prompt=f"“{name}”的实际完成值是多少？（目标 {target}，分值 {weight}）",
            help=(
                "写年底实际测得的数，例如目标 ≥266米、实际 270米。不要照抄目标，也不要写 ≥、≤ 等符号或“达成预期”。"
                "只写数字时自动加上目标的单位。得分：正向指标（≥）实际/目标×分值，反向指标（≤）目标/实际×分值，"
                "最多得满分。"
            ),
            example=example,
            format="数字 + 单位",
        )

    def _score_question(self, iv, entry, index: int, key: str, revisit: bool = False):
        row = rows_of(iv, entry.field)[index]
        level = row.get("achievement") or LEVELS[0]
        low, high = band(iv.kb, row, level) or (Decimal(0), Decimal(0))
        low_p, high_p = iv.kb.scoring["qualitative_bands"][level]
        current = row.get("score")
        default = pts(current) if revisit and current is not None else pts(band_default(iv.kb, row, level))
        return ask(
            entry,
            key,
            section="绩效自评",
            default=default,
            prompt=(
                f"“{row.get('name')}”{level}：得分应在 {pts(low)}–{pts(high)} 分之间"
                f"（分值 {pts(row.get('weight'))} 的 {low_p}%–{high_p}%）。给多少分？（回车 = {default}）"
            ),
            help="在档次内按实际完成程度给分：完成得越好越靠近上限。要改完成程度，输入“返回”。",
            example=default,
            format="数字",
        )

    def _deviation_question(self, iv, entry, index: int, key: str, revisit: bool = False):
        row = rows_of(iv, entry.field)[index]
        return ask(
            entry,
            key,
            section="绩效自评",
            multiline=True,
            default=row.get("deviation") if revisit and row.get("deviation") else None,
            prompt=(
                f"“{row.get('name')}”得分 {pts(row.get('score'))}，低于分值 {pts(row.get('weight'))}"
                f"（目标 {row.get('target')}，实际 {row.get('actual')}）。"
                "请写偏差原因分析及改进措施：为什么没达到，下一步怎么改。"
            ),
            help="扣分的指标必须说明偏差原因和改进措施，审核时会看这一栏。",
            example="两起案件当事人分期退款，剩余14万元将于次年一季度追回；今后立案即冻结结算款。",
            format="一两句话",
        )

    # --------------------------------------------------------------- answers
    def resolve(self, iv, entry, question, text):
        found = item_ref(question.key, entry.field, SE_FIELDS)
        if found is None:
            return super().resolve(iv, entry, question, text)
        index, field = found
        if self._purpose(iv, entry, index, field) != "actual":
            return text
        row = rows_of(iv, entry.field)[index]
        if is_qualitative(iv.kb, row):
            return LEVELS[int(text) - 1] if text in ("1", "2", "3") else text
        return complete_actual(text, row.get("target", ""))

    def apply(self, iv, entry, question, text):
        if question.key == WEIGHTS:
            return self._apply_weights(iv, entry, question, text)
        found = item_ref(question.key, entry.field, SE_FIELDS)
        if found is None:
            reply = super().apply(iv, entry, question, text)
            if reply.accepted:
                rescore(iv.record, iv.kb)
            return reply
        index, field = found
        purpose = self._purpose(iv, entry, index, field)
        return getattr(self, f"_apply_{purpose}")(iv, entry, question, index, text)

    def _apply_actual(self, iv, entry, question, index, text):
        row = rows_of(iv, entry.field)[index]
        if is_qualitative(iv.kb, row):
            return self._apply_achievement(iv, entry, question, index, text)
        problem = self._actual_problem(iv, entry, index, row, text)
        if problem:
            return Reply.error(problem)
        row["actual"] = text
        rescore(iv.record, iv.kb)
        iv.remember(question.key, text)
        reply = self._scored(
            iv,
            entry,
            index,
            f"“{row.get('name')}”：实际 {text}（目标 {row.get('target')}），"
            f"得分 {pts(row.get('score'))}/{pts(row.get('weight'))}。",
        )
        notice = None if iv.quiet else cost_actual_notice(iv, index, row)
        reply.notices.extend([notice] if notice else [])
        return reply

    def _actual_problem(self, iv, entry, index, row, text) -> str | None:
        if not text:
            return "实际完成值不能为空。请写年底实际达到的数，例如 12次、98.5%。"
        probe, key = iv.final_record(), item_key(entry.field, index, "actual")
        record_path.set(probe, key, text)
        found = [f for f in check(probe, kb=iv.kb, search=iv.search, rules=ACTUAL_RULES) if f.path == key]
        if found:
            return found[0].message
        actual = parse_or_none(text, money_context(iv.kb, row))
        if actual is None or not actual.is_quantitative or actual.number is None or actual.multi:
            return (
                f"“{text}”不是一个测得的数值。目标是 {row.get('target')}，请写实际达到的一个数，"
                f"例如 {complete_actual(_number_of(row.get('target', '')) or '12', row.get('target', ''))}。"
            )
        if actual.operator is not None:
            return f"实际完成值不要带 {actual.operator} 等符号，只写实际测得的数，例如 {text.lstrip('=≥≤<>≧≦ ')}。"
        target = parse_or_none(row.get("target"), money_context(iv.kb, row))
        if (
            target is not None
            and target.unit
            and actual.unit
            and actual.unit != target.unit
            and (actual.money_wan() is None or target.money_wan() is None)
        ):
            return (
                f"实际完成值的单位“{actual.unit}”和目标 {row.get('target')} 的单位“{target.unit}”不同，"
                f"没法比较。请按目标的单位写，例如 {complete_actual(_number_of(row.get('target', '')) or '12', row.get('target', ''))}。"
            )
        return None

    def _apply_achievement(self, iv, entry, question, index, text):
        row = rows_of(iv, entry.field)[index]
        level = achievement_of(text)
        if level is None:
            return Reply.error("请先说完成程度：1 达成  2 部分达成  3 未达成；后面可以接一句说明。")
        if row.get("achievement") != level:
            row["score"] = None  # a new level needs a score within its band
        row["achievement"] = level
        row["actual"] = text
        rescore(iv.record, iv.kb)
        iv.remember(question.key, text)
        return Reply(True, message=f"“{row.get('name')}”：{level}。")

    def _apply_score(self, iv, entry, question, index, text):
        row = rows_of(iv, entry.field)[index]
        level = row.get("achievement") or LEVELS[0]
        low, high = band(iv.kb, row, level)
        try:
            score = Decimal(text.strip().removesuffix("分").strip())
        except InvalidOperation:
            return Reply.error(f"请写一个 {pts(low)}–{pts(high)} 之间的数。")
        if not low <= score <= high:
            return Reply.error(
                f"“{level}”的得分只能在 {pts(low)}–{pts(high)} 分之间（得分最多等于分值 "
                f"{pts(row.get('weight'))}）。完成程度不对的话，输入“返回”修改。"
            )
        row["score"] = tidy(score)
        row["achievement"] = level
        rescore(iv.record, iv.kb)
        iv.remember(question.key, text)
        return self._scored(
            iv, entry, index, f"“{row.get('name')}”：{level}，得分 {pts(score)}/{pts(row.get('weight'))}。"
        )

    def _apply_deviation(self, iv, entry, question, index, text):
        if len(text) < 6:
            return Reply.error(
                "请写清原因和改进措施（至少一句话），例如：两起案件分期退款，剩余部分次年追回；今后立案即冻结结算款。"
            )
        if len(text) > 2000:
            return Reply.error("太长了（超过 2000 字），请精简。")
        row = rows_of(iv, entry.field)[index]
        row["deviation"] = text
        iv.remember(question.key, text)
        return Reply(True, message=f"已记录“{row.get('name')}”的偏差原因。" + status_line(iv.record, iv.kb))

    def _scored(self, iv, entry, index: int, head: str) -> Reply:
        """The reply after a score: the running total, and the live selfeval findings on this row."""
        row = rows_of(iv, entry.field)[index]
        if needs_deviation(row) and not str(row.get("deviation") or "").strip():
            head += "低于分值，接下来请说明偏差原因。"
        notices = [
            f
            for f in iv.findings(selfeval_rules())
            if f.path.startswith(item_key(entry.field, index) + ".") and f.rule != "selfeval.deviation_missing"
        ]
        return Reply(True, message=head + status_line(iv.record, iv.kb), notices=notices)

    # ------------------------------------------------------ list (from nothing)
    def _budget(self, iv, set_path):
        return None  # the targets are the year's declared ones, not proposed from its budget

    def new_row(self, row: dict) -> dict:
        return {
            "level1": row["level1"],
            "level2": row["level2"],
            "name": row["name"],
            "target": "",
            "actual": "",
            "weight": None,
            "score": None,
            "deviation": "",
            "_todo": ["value"],
        }

    def _add_row(self, iv, entry, level2, name, ind, text):
        reply = super()._add_row(iv, entry, level2, name, ind, text)
        iv.state.closed.discard(WEIGHTS)  # a new row needs weights again
        return reply

    def _close(self, iv, entry, level2, text):
        reply = super()._close(iv, entry, level2, text)
        if reply.accepted and super().next_question(iv, entry) is None and WEIGHTS not in iv.state.closed:
            propose_weights(iv.record, iv.kb)  # the list is complete: propose its weights
            rescore(iv.record, iv.kb)
        return reply

    def _apply_value(self, iv, entry, question, index, text):
        reply = super()._apply_value(iv, entry, question, index, text)
        if reply.accepted:
            row = rows_of(iv, entry.field)[index]
            if row.get("actual") and (
                is_qualitative(iv.kb, row) != bool(row.get("achievement"))
                or (not is_qualitative(iv.kb, row) and self._actual_problem(iv, entry, index, row, row["actual"]))
            ):
                row["actual"], row["score"] = "", None  # the actual no longer fits the target: ask again
                row.pop("achievement", None)
            rescore(iv.record, iv.kb)
            if WEIGHTS in iv.state.closed:
                reply.message += " " + status_line(iv.record, iv.kb)
        return reply


def _number_of(target: str) -> str | None:
    match = re.search(r"[0-9]+(?:\.[0-9]+)?", target or "")
    return match.group() if match else None
