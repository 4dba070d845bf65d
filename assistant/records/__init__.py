"""Record store: records, their versions, the index and the home directory."""

from assistant.records.home import HomeError, resolve_home
from assistant.records.similarity import PairIndex, copy_paste_matches, record_pairs
from assistant.records.store import Store, StoreError, diff_paths

__all__ = [
    "HomeError",
    "PairIndex",
    "Store",
    "StoreError",
    "copy_paste_matches",
    "diff_paths",
    "record_pairs",
    "resolve_home",
]
