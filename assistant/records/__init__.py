"""Record store: records, their versions, the index and the home directory.

Names are loaded on first use (PEP 562), so `import assistant.records.home`
does not pull in TinyDB, the rules and jsonschema: the UI starts faster.
"""

from importlib import import_module

_EXPORTS = {
    "HomeError": "assistant.records.home",
    "resolve_home": "assistant.records.home",
    "PairIndex": "assistant.records.similarity",
    "copy_paste_matches": "assistant.records.similarity",
    "record_pairs": "assistant.records.similarity",
    "Store": "assistant.records.store",
    "StoreError": "assistant.records.store",
    "diff_paths": "assistant.records.store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'assistant.records' has no attribute {name!r}")
