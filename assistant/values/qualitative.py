"""Values without a number: 是/否, grade words, qualitative phrases, and the
test for text that is garbled rather than qualitative.

A qualitative value is any wording without digits. It is *recognised* when it
is a yes/no answer, a grade, or says a direction or a state (提升, 明显增加,
专款专用, 符合相关文件要求, 基本建立); otherwise it is *vague* (实际工作需求, a grade
list such as 高中低 offered as the target): readable, but it should be made
measurable. Only text a reviewer could not read at all is refused: Latin
letters standing where a number belongs (`M.8万元`, `第O份`, `≥abc%`).
"""

import re
from typing import NamedTuple

from assistant.lazy_regex import lazy_regex

YES_NO = {"是": "是", "否": "否", "有": "是", "没有": "否", "无": "否", "已": "是", "未": "否"}
GRADES = (
    "优秀",
    "良好",
    "合格",
    "不合格",
    "较高",
    "较低",
    "较好",
    "较差",
    "一般",
    "优",
    "良",
    "中",
    "差",
    "高",
    "低",
    "好",
    "强",
    "弱",
    "较强",
    "较弱",
)
_GRADE_SEPARATORS = "/、,，或"
_GRADE_LIST = lazy_regex(rf"^(?:(?:{'|'.join(sorted(GRADES, key=len, reverse=True))})[{_GRADE_SEPARATORS}]?){{2,}}$")
# A grade list holds only these (and a final newline, as `$` allows).
_GRADE_LIST_CHARACTERS = frozenset("".join(GRADES) + _GRADE_SEPARATORS + "\n")
_LATIN_GRADE_FIRST = "ABCDE"
_LATIN_GRADE = lazy_regex(r"^[A-E][+-]?$|^A{1,5}级?$|^[A-E]级$|^[A-E]类$|^[A-E]等$")
# A level or class: 一级, III类, Ⅱ类水质 (NFKC reads Ⅲ as III), 4A级, 三星.
_LEVEL_MARKS = "级类等档星"
_LEVEL = lazy_regex(
    rf"^(?:[一二三四五六七八九十]|[IVX]{{1,4}}|\d?A{{1,5}}|[1-5])[{_LEVEL_MARKS}](?:及以上|以上|水质|标准)?$"
)


# The grade patterns are compiled only for a text that can be one (most values are not).
def _is_latin_grade(text: str) -> bool:
    return text[:1] != "" and text[0] in _LATIN_GRADE_FIRST and bool(_LATIN_GRADE.match(text))


def _is_level(text: str) -> bool:
    # 1–6 characters before the mark, at most 3 after it and a final newline
    return len(text) <= 11 and any(c in _LEVEL_MARKS for c in text[1:7]) and bool(_LEVEL.match(text))


def _is_grade_list(text: str) -> bool:
    return _GRADE_LIST_CHARACTERS.issuperset(text) and bool(_GRADE_LIST.match(text))


# Words that say a direction, a state or a standard met. A phrase containing one
# says what is to be achieved, though not how much.
_DIRECTION = (
    "提高",
    "提升",
    "增加",
    "增长",
    "增强",
    "加强",
    "加大",
    "扩大",
    "改善",
    "优化",
    "降低",
    "下降",
    "减少",
    "减轻",
    "减小",
    "缩短",
    "缩小",
    "控制",
    "遏制",
    "防止",
    "避免",
    "推进",
    "推动",
    "促进",
    "带动",
    "发挥",
    "巩固",
    "保持",
    "维持",
    "持续",
    "稳定",
    "稳步",
    "逐步",
    "越来越",
    "显著",
    "明显",
    "有效",
    "有力",
    "积极",
    "良好",
    "正面",
    "支撑",
    "改进",
    "完善",
    "健全",
    "建立",
    "建成",
    "形成",
    "实现",
    "达到",
    "满足",
    "保障",
    "确保",
    "保证",
    "支持",
    "影响",
    "持平",
    "不变",
    "杜绝",
)
_STATE = (
    "完成",
    "到位",
    "达标",
    "合格",
    "规范",
    "符合",
    "按照",
    "按时",
    "按期",
    "如期",
    "及时",
    "准确",
    "足额",
    "全面",
    "全部",
    "全覆盖",
    "覆盖",
    "专用",
    "专款",
    "严格",
    "执行",
    "落实",
    "无",
    "未发生",
    "不发生",
    "零",
    "安全",
    "正常",
    "满意",
    "认可",
    "公开",
    "透明",
    "合规",
    "合法",
    "真实",
    "完整",
    "可持续",
    "长期",
    "长效",
    "不超过",
    "不低于",
    "控制在",
    "以内",
    "之内",
    "预算",
    "标准",
    "要求",
    "规定",
    "制度",
    "条件",
    "环境",
    "机制",
    "体系",
    "明确",
    "细化",
    "量化",
    "适用",
    "运行",
    "运转",
    "服务",
    "管理",
    "建设",
    "提供",
    "按",
    "约定",
    "合同",
    "协议",
    "计划",
    "方案",
    "即时",
    "当日",
    "当天",
    "立即",
    "随时",
    "同步",
    "实时",
)

_LOOKALIKE = lazy_regex(r"[A-Za-z]+")


class Reading(NamedTuple):
    """A qualitative target read: a yes/no answer, a grade, or words too vague to assess."""

    answer: str | None = None  # 是 / 否
    grade: str | None = None
    vague: bool = False


def garbled(compact: str) -> str | None:
    """The Latin letters that stand where a number belongs, or None.

    A letter run right before a decimal point and a digit (`M.8万元`), a digit
    look-alike between digits (`1O0`, `2l5`), or letters in the place of the number
    of a value that has no digits (`第O份`, `≥abc%`) are recognition or typing
    errors. Unit words after a number (80M, 2TB), grade letters (A级, AAA) and
    codes that mix letters and digits (PM2.5, SO2, 5G, IPv6, H5N1) are not."""
    has_digit = bool(re.search(r"\d", compact))
    for match in _LOOKALIKE.finditer(compact):
        word, start, end = match.group(), match.start(), match.end()
        before, after = compact[start - 1 : start], compact[end : end + 2]
        if len(word) <= 2 and re.match(r"\.\d", after) and not re.match(r"[\dA-Za-z]", before) and word.lower() != "no":
            return word
        if len(word) <= 2 and re.fullmatch(r"[OolI]+", word) and before.isdigit() and after[:1].isdigit():
            return word
        if not has_digit:
            numeral_slot = before in ("第", "≥", "≤", "=", "<", ">", "约") or after[:1] in ("%", "万", "亿")
            if numeral_slot and not _is_latin_grade(word):
                return word
    return None


def read_words(compact: str, phrases: frozenset[str]) -> Reading:
    """Classify a value without digits (already normalised, not garbled)."""
    if compact in YES_NO:
        return Reading(answer=YES_NO[compact])
    if compact in GRADES or _is_latin_grade(compact) or _is_level(compact):
        return Reading(grade=compact)
    if _is_grade_list(compact):
        return Reading(vague=True)  # 高中低: the grades to choose from, not a target
    if compact in phrases:
        return Reading()
    recognised = any(word in compact for word in _DIRECTION) or any(word in compact for word in _STATE)
    return Reading(vague=not recognised)
