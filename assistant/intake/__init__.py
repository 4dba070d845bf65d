"""Forms filled elsewhere — text tables, workbooks, documents, PDFs — read
back into records by their printed labels. No UI.

Layer: between `records` and `rules` (it uses rules, knowledge and values;
records, interview and cli use it). Names load on first use (PEP 562).
"""

from importlib import import_module

_EXPORTS = {
    "Form": "api",
    "Intake": "api",
    "IntakeError": "api",
    "SUFFIXES": "api",
    "read_path": "api",
    "read_pasted": "api",
    "read_blocks": "api",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(f"assistant.intake.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'assistant.intake' has no attribute {name!r}")
