"""The fast fuzzy extraction (an LCS bound picks the candidates) gives exactly
what scoring every string would."""

import random

from assistant.knowledge import searcher
from assistant.knowledge.search import _extract, _score


def reference(query, strings, cutoff):
    """Every string scored."""
    scored = [(text, _score(query, text), pos) for pos, text in enumerate(strings)]
    found = [item for item in scored if item[1] >= cutoff]
    return sorted(found, key=lambda item: (-item[1], item[2]))


def test_fast_extract_equals_scoring_every_name():
    strings = searcher()._choices[0]
    rng = random.Random(13)
    queries = ["农村饮水安全工程维修养护经费", "开展医保业务基础知识及各项专题培训", "率", "满意度", "村卫生事专线"]
    for _ in range(60):
        text = rng.choice(strings)
        size = rng.randint(1, len(text))
        start = rng.randint(0, len(text) - size)
        query = text[start : start + size]
        if len(query) > 2 and rng.random() < 0.5:  # a wrong character, as typed
            at = rng.randrange(len(query))
            query = query[:at] + rng.choice("的率数量人次") + query[at + 1 :]
        queries.append(query)
    for query in queries:
        for cutoff in (45, 75, 80):
            assert _extract(query, strings, cutoff=cutoff) == reference(query, strings, cutoff), (query, cutoff)
