"""Find records whose indicators were copied from another record.

A record's indicators are reduced to a set of (name, value) pairs, lightly
normalised (NFKC, no whitespace, ``>=`` → ``≥``; rows without a name or a
value are left out). An inverted index maps each
pair to the ids of the records that have it, so the records sharing pairs with
a target are found by walking only the target's posting lists — the cost is
the number of (pair, record) hits, not records × indicators string
comparisons.

Reading 5,000 record files to build the index would dominate a one-shot
``jixiao check``, so the pairs of every record are cached in
``db/pairs.json``, keyed by the record's content hash (which the store's index
already holds). The cache is derived data: an entry is only used for exactly
the content it was computed from, so it can never be stale; it is rewritten
atomically and best-effort. A cache file that is not ours is ignored and left
untouched.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from typing import Any

from assistant import fileio
from assistant.rules.copy_paste import indicator_pairs, indicator_rows, normalise  # noqa: F401

Pair = tuple[str, str]

CACHE_NAME = "pairs.json"
_CACHE_MARK = {"format": "jixiao-store", "version": 1, "kind": "pairs-cache", "normalisation": 3}


# One definition of "the same indicator" for the rule and the store index.
_norm = normalise
record_pairs = indicator_pairs


class PairIndex:
    """Inverted index (name, value) → record ids over a whole store.

    Pairs are interned: ``terms[i]`` is a pair, ``postings[i]`` the ids of
    the records that have it.
    """

    def __init__(self) -> None:
        self.vocab: dict[Pair, int] = {}
        self.terms: list[Pair] = []
        self.postings: list[list[str]] = []
        self.terms_of: dict[str, tuple[int, ...]] = {}
        self.project_of: dict[str, str] = {}
        #: record id -> the store's meta (id, form, year, project, …) when built by `from_store`
        self.meta_of: dict[str, dict] = {}

    def intern(self, pair: Pair) -> int:
        term = self.vocab.get(pair)
        if term is None:
            term = self.vocab[pair] = len(self.terms)
            self.terms.append(pair)
            self.postings.append([])
        return term

    def add(self, record_id: str, project: str, pairs: Iterable[Pair]) -> None:
        self._add_terms(record_id, project, tuple({self.intern((p[0], p[1])) for p in pairs}))

    def _add_terms(self, record_id: str, project: str, terms: tuple[int, ...]) -> None:
        self.terms_of[record_id] = terms
        self.project_of[record_id] = project
        postings = self.postings
        for term in terms:
            postings[term].append(record_id)

    def pairs_of(self, record_id: str) -> frozenset[Pair]:
        return frozenset(self.terms[t] for t in self.terms_of.get(record_id, ()))

    def __len__(self) -> int:
        return len(self.terms_of)

    @classmethod
    def from_store(cls, store: Any, *, use_cache: bool = True) -> PairIndex:
        index = cls()
        cache_path = store.db_dir / CACHE_NAME
        cached_terms, entries, writable = _load_cache(cache_path) if use_cache else ([], {}, False)
        # The cache's vocabulary becomes ours as is; new pairs are appended.
        for pair in cached_terms:
            index.intern(pair)
        used: dict[str, list[int]] = {}
        missing = False
        for meta in store.list():
            digest = meta.get("hash")
            terms = entries.get(digest)
            if terms is None:
                missing = True
                # meta and record from one read: the hash the pairs are cached
                # under is that of exactly this content, even if it just changed
                meta, record = store.current(meta["id"])
                digest = meta["hash"]
                terms = sorted({index.intern(p) for p in record_pairs(record)})
            used[digest] = terms
            index.meta_of[meta["id"]] = meta
            index._add_terms(meta["id"], meta.get("project") or "", tuple(terms))
        if writable and (missing or len(used) != len(entries)):
            _save_cache(cache_path, index.terms, used)
        return index

    def matches(
        self,
        target_pairs: Iterable[Pair],
        *,
        min_share: float = 0.8,
        min_pairs: int = 3,
        exclude_ids: Iterable[str] = (),
        exclude_project: str | None = None,
        normalised: bool = False,
    ) -> list[tuple[str, float]]:
        """Records holding at least ``min_share`` of the target's pairs.

        ``share`` = |target ∩ other| / |target|. Targets with fewer than
        ``min_pairs`` pairs give no matches (three indicators that everyone
        uses are not evidence of copying). ``exclude_project`` leaves out
        records of the same project (its own earlier years, its
        self-evaluation), compared without whitespace. ``normalised`` says the
        pairs already are (`record_pairs` gives them so): they are not redone.
        """
        target = frozenset(target_pairs) if normalised else frozenset((_norm(n), _norm(v)) for n, v in target_pairs)
        if not target or len(target) < min_pairs:
            return []
        # Prefix filter: a record holding >= `needed` of the target's pairs
        # holds at least one of any len(target) - needed + 1 of them, so only
        # the posting lists of that many of the *rarest* pairs are walked to
        # find candidates (pairs nobody has count as rarest), and each
        # candidate is then counted exactly. Pairs every record uses
        # ("资金支付及时性 =100%") are never walked: a sweep over the whole
        # store stays linear instead of quadratic.
        needed = max(1, math.ceil(min_share * len(target) - 1e-9))
        known = sorted((t for t in map(self.vocab.get, target) if t is not None), key=lambda t: len(self.postings[t]))
        prefix = len(target) - needed + 1 - (len(target) - len(known))
        if prefix <= 0:
            return []
        candidates: set[str] = set()
        for term in known[:prefix]:
            candidates.update(self.postings[term])
        wanted = set(known)
        excluded = set(exclude_ids)
        project = _norm(exclude_project) if exclude_project else None
        found = []
        for record_id in candidates:
            if record_id in excluded:
                continue
            shared = len(wanted.intersection(self.terms_of.get(record_id, ())))
            if shared < needed:
                continue
            if project is not None and _norm(self.project_of.get(record_id)) == project:
                continue
            found.append((record_id, round(shared / len(target), 4)))
        found.sort(key=lambda item: (-item[1], item[0]))
        return found


def copy_paste_matches(target_pairs: Iterable[Pair], store: Any, **options: Any) -> list[tuple[str, float]]:
    """``[(record_id, share)]`` of the records sharing ≥ 80 % of the target's pairs.

    ``store`` is a `Store` (the index is built, using the pairs cache) or an
    already built `PairIndex` (to check many records in one go). Options are
    those of `PairIndex.matches`.
    """
    index = store if isinstance(store, PairIndex) else PairIndex.from_store(store)
    return index.matches(target_pairs, **options)


def _load_cache(path: os.PathLike) -> tuple[list[Pair], dict[str, list[int]], bool]:
    """(terms, entries, writable). A missing cache is empty and writable; a
    foreign or damaged one is ignored and left alone."""
    try:
        with open(path, "rb") as handle:
            obj = json.loads(handle.read().decode("utf-8"))
    except FileNotFoundError:
        return [], {}, True
    except (OSError, ValueError, UnicodeDecodeError):
        return [], {}, False
    if not isinstance(obj, dict) or obj.get("format") != _CACHE_MARK["format"] or obj.get("kind") != "pairs-cache":
        return [], {}, False
    terms, entries = obj.get("terms"), obj.get("entries")
    if (
        obj.get("version") != _CACHE_MARK["version"]
        or obj.get("normalisation") != _CACHE_MARK["normalisation"]
        or not isinstance(terms, list)
        or not isinstance(entries, dict)
    ):
        return [], {}, True  # ours, but another layout: rebuild it
    try:
        pairs = [(str(n), str(v)) for n, v in terms]
        if len(set(pairs)) != len(pairs):
            raise ValueError("duplicate terms")
        limit = len(pairs)
        for value in entries.values():
            if not all(isinstance(t, int) and 0 <= t < limit for t in value):
                raise ValueError
    except (TypeError, ValueError):
        return [], {}, True
    return pairs, entries, True


def _save_cache(path: os.PathLike, terms: list[Pair], entries: dict[str, list[int]]) -> None:
    # Keep only the pairs still in use, renumbered.
    renumber: dict[int, int] = {}
    kept: list[list[str]] = []
    compact: dict[str, list[int]] = {}
    for digest, values in entries.items():
        out = []
        for t in values:
            if t not in renumber:
                renumber[t] = len(kept)
                kept.append(list(terms[t]))
            out.append(renumber[t])
        compact[digest] = out
    text = json.dumps({**_CACHE_MARK, "terms": kept, "entries": compact}, ensure_ascii=False, separators=(",", ":"))
    try:
        fileio.write_atomic(path, text, durable=False)  # a cache: not worth a flush
    except OSError:
        pass  # a cache; a read-only home just means no speed-up
