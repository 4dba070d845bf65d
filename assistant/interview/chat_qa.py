"""Questions asked in the chat: told apart from answers, and answered from
knowledge/qa.json.

Telling a question from an answer must not depend on the knowledge file (a
transcript replays the same whatever it holds then), and must never take a
real answer for a question: a goal may well contain 什么 or 如何. So only the
marks of a question count: a question mark or particle at the end
(“必须填吗”, “…？”), an asking phrase at the end (“是什么”, “怎么写”, “有什么区别”,
“选哪个”), or an asking word at the start (“什么是”, “怎么”, “请问”) of a short line.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from assistant.knowledge.qa import QAEntry, load_qa

MAX_QUESTION = 80
_END = re.compile(
    r"(?:[？?]|[吗呢嘛][。！!～~]*|是什么(?:意思)?|什么意思|啥意思|(?:怎么|如何|怎样)(?:写|填|填写|算|计算|选|办|理解|定|确定|打分|算分)"
    r"|(?:有|是)什么(?:区别|不同|关系|要求)|有何(?:区别|不同)|选哪个|选哪一个|填什么|写什么|填多少|写多少)[。！!]*$"
)
_START = re.compile(
    r"^(?:请问|请教|问一下|什么是|什么叫|啥是|啥叫|怎么|怎样|如何|为什么|为啥|哪些|哪个|哪种|能不能|可不可以|要不要|是否需要)"
)
_FILLER = re.compile(r"[？?。！!，,、：:；;\s“”\"'（）()]|请问|请教|问一下|一下|麻烦|我想知道|想问|呢|啊|呀|吧|的")
MIN_SCORE = 55
# An asking word at the start counts only in a short line without clauses: a
# long sentence that starts with 怎样/如何 is more likely a goal than a question.
SHORT_QUESTION = 16
_CLAUSE = re.compile(r"[，,；;。]")


def is_question(text: str) -> bool:
    """Is this a question to the assistant rather than an answer?"""
    text = text.strip()
    if len(text) < 3 or len(text) > MAX_QUESTION or "\n" in text:
        return False
    if _END.search(text):
        return True
    return bool(_START.match(text)) and len(text) <= SHORT_QUESTION and not _CLAUSE.search(text)


def normalize(text: str) -> str:
    return _FILLER.sub("", text.lower())


def _mentions(keyword: str, query: str) -> bool:
    """A key term is in the question, allowing one wrong character in a long one."""
    if keyword in query:
        return True
    return len(keyword) >= 4 and fuzz.partial_ratio(keyword, query) >= 75


def match(text: str, entries: tuple[QAEntry, ...] | None = None) -> tuple[QAEntry, float] | None:
    """The best entry for a question and its score, or None when nothing fits.

    An entry is a candidate only if the question mentions one of its key terms
    (so 时效指标 never gets the answer about 成本指标); among candidates the one
    whose ways of asking are closest wins, each further key term adding a little."""
    query = normalize(text)
    if not query:
        return None
    best: tuple[QAEntry, float] | None = None
    for entry in entries if entries is not None else load_qa():
        hits = [k for k in entry.keywords if _mentions(k.lower(), query)]
        if not hits:
            continue
        closeness = max(fuzz.ratio(query, normalize(q)) for q in entry.questions)
        covered = max(len(k) for k in hits) / max(len(query), 1)
        score = closeness + 4 * (len(hits) - 1) + 20 * min(covered, 1.0)
        if closeness >= 40 and score >= MIN_SCORE and (best is None or score > best[1]):
            best = (entry, score)
    return best


def answer(text: str) -> QAEntry | None:
    found = match(text)
    return found[0] if found else None


__all__ = ["answer", "is_question", "match", "normalize"]
