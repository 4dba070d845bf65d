"""`records.copy_paste` against the whole store, through the inverted pair
index (assistant.records.similarity) instead of comparing every record."""

from __future__ import annotations

from typing import Any

from assistant.records.similarity import PairIndex, record_pairs
from assistant.records.store import Store, project_name


class StoreOthers:
    """The store as the `others` of a check: a matcher (always truthy), not a list."""

    def __init__(self, store: Store, exclude: str | None = None):
        self.store = store
        self.exclude = exclude
        self._index: PairIndex | None = None
        self._metas: dict[str, dict] | None = None

    def copy_paste_matches(self, record: dict[str, Any], threshold: float) -> list[tuple[str, float]]:
        if self._index is None:
            self._index = PairIndex.from_store(self.store)
            self._metas = {m["id"]: m for m in self.store.list()}
        found = []
        # The same project in other years (or its self-evaluation) may keep its
        # indicators: that is continuity, not copying.
        for record_id, share in self._index.matches(
            record_pairs(record),
            min_share=threshold,
            exclude_ids=[self.exclude] if self.exclude else [],
            exclude_project=project_name(record) or None,
        ):
            meta = (self._metas or {}).get(record_id, {})
            found.append((f"记录 {record_id}“{meta.get('project', '')}”（{meta.get('year', '')}）", share))
        return found


def store_others(store: Store, exclude: str | None = None) -> StoreOthers:
    return StoreOthers(store, exclude)
