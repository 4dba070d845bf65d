"""What an interview may ask of the record store, declared.

An `Interview` (and the `Session` around it) is given a `StoreView` when it
is made; without one it sees an empty store. The view answers two questions:

- `others()`: what the copy-paste rule compares the record with, either a
  matcher (an object with `copy_paste_matches`, e.g. the store's pair index)
  or a list of (label, record) pairs;
- `records(form, year)`: the stored records of one form and year, e.g. the
  project declarations a department form can take its tasks from.

Nothing else of the store is reachable from the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from assistant.forms import title_of

if TYPE_CHECKING:
    from assistant.records.store import Store


class StoreView(Protocol):
    def others(self) -> Any: ...

    def records(self, form: str, year: Any) -> list[dict[str, Any]]: ...


class EmptyView:
    """No store: nothing to compare with, nothing stored."""

    def others(self) -> list[tuple[str, dict[str, Any]]]:
        return []

    def records(self, form: str, year: Any) -> list[dict[str, Any]]:
        return []


EMPTY = EmptyView()


class RecordsView:
    """A view over records held in memory: records, or (label, record) pairs.
    Copy-paste compares with the pairs (a bare record is labelled by its title)."""

    def __init__(self, items: Iterable[Any] = ()):
        self._pairs = [item if isinstance(item, tuple) else (_label(item), item) for item in items]

    def others(self) -> list[tuple[str, dict[str, Any]]]:
        return list(self._pairs)

    def records(self, form: str, year: Any) -> list[dict[str, Any]]:
        return _of(form, year, (record for _, record in self._pairs))


class StoreBackedView:
    """The view of a record store (`assistant.records.Store`), read lazily: the
    pair index is built at the first copy-paste check, a form's records of a
    year are read once, when first asked for."""

    def __init__(self, store: Store, exclude: str | None = None):
        self.store = store
        self.exclude = exclude  # the record being fixed is not compared with itself
        self._others: Any = None
        self._records: dict[tuple[str, Any], list[dict[str, Any]]] = {}

    def others(self) -> Any:
        if self._others is None:
            from assistant.records.copy_paste_source import store_others

            self._others = store_others(self.store, exclude=self.exclude)
        return self._others

    def records(self, form: str, year: Any) -> list[dict[str, Any]]:
        key = (form, year)
        if key not in self._records:
            self._records[key] = [self.store.get(meta["id"]) for meta in self.store.list(year=year, form=form)]
        return self._records[key]


def _of(form: str, year: Any, records: Iterable[Any]) -> list[dict[str, Any]]:
    return [r for r in records if isinstance(r, dict) and r.get("form") == form and r.get("year") == year]


def _label(record: Any) -> str:
    return title_of(record) if isinstance(record, dict) else ""


__all__ = ["EMPTY", "EmptyView", "RecordsView", "StoreBackedView", "StoreView"]
