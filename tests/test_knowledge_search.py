"""The fast fuzzy extraction (an LCS bound picks the candidates) gives exactly
what scoring every string would."""

import random

from assistant.knowledge import searcher
from assistant.knowledge.fuzzy import extract as _extract
from assistant.knowledge.fuzzy import similarity as _score


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


def _queries(strings, rng, count):
    """Names, parts of names and names with a wrong character, as typed."""
    queries = ["", "率", "满意度", "村卫生事专线", "稳步提高参保居民待遇水平, 切实减轻参保患者医疗负担"]
    for _ in range(count):
        text = rng.choice(strings)
        size = rng.randint(1, len(text))
        start = rng.randint(0, len(text) - size)
        query = text[start : start + size] if rng.random() < 0.5 else text
        if len(query) > 2 and rng.random() < 0.5:
            at = rng.randrange(len(query))
            query = query[:at] + rng.choice("的率数量人次") + query[at + 1 :]
        queries.append(query + rng.choice(["", "情况", "工作"]))
    return queries


def test_closest_equals_scoring_every_name_with_ratio():
    from rapidfuzz import fuzz, process

    search = searcher()
    rng = random.Random(21)
    for level2 in (None, "数量指标", "服务对象满意度指标"):
        strings, owners = search._choices_for(level2)
        for query in _queries(strings, rng, 80):
            for cutoff in (70, 80, 90):
                hit = search.closest(query, level2=level2, cutoff=cutoff)
                every = process.extract(query, strings, scorer=fuzz.ratio, score_cutoff=cutoff, limit=1)
                expected = [(text, score, search.kb.indicators[owners[pos]]) for text, score, pos in every]
                assert ([(hit.matched, hit.score, hit.indicator)] if hit else []) == expected, (query, cutoff)


def reference_project_types(search, text):
    """Every project type's name and keywords scored with partial_ratio."""
    from rapidfuzz import fuzz

    ranked = []
    for ptype in search.kb.project_types.values():
        hits = [w for w in ptype.keywords if w in text]
        exact = 100.0 * min(1.0, len(hits) / 2) if hits else 0.0
        keyword = max((fuzz.partial_ratio(w, text) for w in ptype.keywords if len(w) >= 2), default=0.0)
        fuzzy = max(fuzz.partial_ratio(ptype.name, text), keyword * 0.9)
        strength = max(exact, fuzzy if fuzzy >= 75 else 0.0)
        if strength >= 60:
            ranked.append((ptype.id, strength))
    ranked.sort(key=lambda pair: -pair[1])
    return ranked


def test_project_types_equal_scoring_every_keyword():
    search = searcher()
    rng = random.Random(5)
    texts = [f"{ind.name} {ind.description}" for ind in rng.sample(search.kb.indicators, 150)]
    texts += [p.example_goal for p in search.kb.project_types.values()]
    texts += _queries([p.name for p in search.kb.project_types.values()], rng, 100)
    texts += ["社保专线网络租赁费 保证城乡居民医疗保险参保信息及时变更", "县", "农村饮水安全工程维修养护经费"]
    found = 0
    for text in texts:
        got = [(ptype.id, strength) for ptype, strength in search._project_types(text.strip())]
        assert got == reference_project_types(search, text.strip()), text
        found += bool(got)
    assert found > len(texts) // 3  # the texts do point to project types
