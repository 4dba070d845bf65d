"""Fuzzy string scoring for the indicator search (rapidfuzz), with the length
bounds that let it score only the few strings that can reach a cutoff."""

from __future__ import annotations

import math
from collections.abc import Callable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq


def extract(
    query: str,
    strings: list[str],
    *,
    cutoff: float,
    limit: int | None = None,
    buckets: dict[int, tuple[list[str], list[int]]] | None = None,
    scorer: Callable[[str, str], float] | None = None,
) -> list[tuple[str, float, int]]:
    """`process.extract(query, strings, scorer=scorer, score_cutoff=cutoff)`, fast,
    for a scorer (default `similarity`) that is at most max(ratio, partial_ratio).

    `similarity` is at most max(ratio, partial_ratio), and either reaching c = cutoff/100
    needs a longest common subsequence of at least c·n/(2−c) characters, n the
    shorter length (a window w of the longer string scores 2·LCS/(n+|w|) with
    LCS ≤ |w|). So rapidfuzz's bit-parallel LCS, run per choice length
    (`buckets`: length → strings, positions), picks the few candidates and only
    those are scored. Same results, same order (best first, ties in list order)."""
    if buckets is None:
        buckets = length_buckets(strings)
    c = cutoff / 100
    candidates: list[int] = []
    for length, (texts, positions) in buckets.items():
        need = max(1, math.ceil(c * min(length, len(query)) / (2 - c) - 1e-9))
        if need > min(length, len(query)):
            continue
        candidates.extend(
            positions[i]
            for _, _, i in process.extract(query, texts, scorer=LCSseq.similarity, score_cutoff=need, limit=None)
        )
    score_of = scorer or similarity
    found = []
    for pos in candidates:
        score = score_of(query, strings[pos])
        if score >= cutoff:
            found.append((strings[pos], score, pos))
    found.sort(key=lambda item: (-item[1], item[2]))
    return found if limit is None else found[:limit]


def best_ratio(
    query: str, buckets: dict[int, tuple[list[str], list[int]]], cutoff: float
) -> list[tuple[str, float, int]]:
    """`process.extract(query, strings, scorer=fuzz.ratio, score_cutoff=cutoff, limit=1)`,
    scoring only the lengths that can reach the cutoff: fuzz.ratio is 2·LCS/(n+m)
    ≤ 2·min(n, m)/(n+m). Same result (best score, the first of equals)."""
    c = cutoff / 100
    best: tuple[str, float, int] | None = None
    for length, (texts, positions) in buckets.items():
        if 2 * min(length, len(query)) < c * (length + len(query)) - 1e-9:
            continue
        found = process.extractOne(query, texts, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None:
            continue
        pos = positions[found[2]]
        if best is None or found[1] > best[1] or (found[1] == best[1] and pos < best[2]):
            best = (found[0], found[1], pos)
    return [best] if best else []


def length_buckets(strings: list[str]) -> dict[int, tuple[list[str], list[int]]]:
    buckets: dict[int, tuple[list[str], list[int]]] = {}
    for pos, text in enumerate(strings):
        texts, positions = buckets.setdefault(len(text), ([], []))
        texts.append(text)
        positions.append(pos)
    return buckets


def similarity(query: str, choice: str, **kwargs) -> float:
    """Whole-string similarity, or the query found inside the name (or the name
    inside a long query), whichever is higher; a short query inside a long name
    is discounted so `率` alone does not match everything."""
    full = fuzz.ratio(query, choice, **kwargs)
    partial = fuzz.partial_ratio(query, choice, **kwargs)
    shorter = min(len(query), len(choice))
    if shorter < 2:
        return full
    return max(full, partial * (0.75 + 0.25 * min(shorter, 6) / 6))
