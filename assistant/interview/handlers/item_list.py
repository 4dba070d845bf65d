"""Lists answered one item at a time — goals, tasks, indicator rows: the
add-another / 删除 / 完成 idiom, written once.

A list lives at a record path (`goals.annual`, `tasks`, `indicators`). Its own
question, keyed by that path, takes one item per answer and a done word
(完成) to finish; `tasks[2]` re-asks item 2, where a delete word (删除)
removes it; an item may have fields asked on their own (`tasks[2].fiscal`,
`goals[0].actual`). Keys are read with `record_path.row`, never with a
regular expression per list.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from assistant import record_path
from assistant.interview.commands import DELETE_WORDS, DONE_WORD, DONE_WORDS
from assistant.interview.handlers.base import Handler
from assistant.interview.model import Reply


def items_at(record: dict[str, Any], path: str) -> list:
    """The list at `path`, or [] where the record holds none."""
    items = record_path.get(record, path)
    return items if isinstance(items, list) else []


def item_ref(key: str, rows: str, fields: Collection[str | None] | None = None) -> tuple[int, str | None] | None:
    """(index, field) when `key` is item `index` of the list at `rows` (`tasks[2]`,
    field None) or one field of it (`tasks[2].fiscal`); None for any other key.
    `fields` limits the fields taken (None among them: the item itself); by
    default every field is."""
    ref = record_path.row(key)
    if ref is None or ref.rows != rows or (fields is not None and ref.field not in fields):
        return None
    if key != item_key(rows, ref.index, ref.field):  # deeper than one field, or not written canonically
        return None
    return ref.index, ref.field


def item_key(rows: str, index: int, field: str | None = None) -> str:
    """`item_key("tasks", 2, "fiscal")` → `tasks[2].fiscal`."""
    return record_path.format((*record_path.parse(rows), index, *((field,) if field else ())))


def is_delete(text: str) -> bool:
    return text in DELETE_WORDS


def remove_item(iv, items: list, index: int, key: str, text: str) -> Any:
    """Delete item `index` on a delete word and record the answer; the removed item."""
    removed = items.pop(index)
    iv.remember(key, text)
    return removed


def close(iv, key: str, text: str, done_in: str = "closed") -> None:
    """Mark the list (or one category of it) as finished, and record the answer."""
    getattr(iv.state, done_in).add(key)
    iv.remember(key, text)


class ListHandler(Handler):
    """A list question: one item per answer, a done word to finish, an item's
    key to change or delete it. Subclasses say what an item is (how it is
    asked, read and stored) and how the list is worded."""

    counter = "条"  # 第 2 条目标, 第 2 项任务
    noun = "目标"
    done_words: frozenset[str] = DONE_WORDS
    fields: tuple[str, ...] = ()  # item fields with questions of their own (`actual`, `fiscal`)
    edit_by_field = False  # another field's key (`tasks[1].name`, from a finding) re-asks the whole item
    done_in = "closed"  # the state set that records the list as finished

    # ------------------------------------------------------------ the list
    def items(self, iv, entry) -> list:
        return items_at(iv.record, entry.field)

    def finished(self, iv, entry) -> bool:
        return entry.field in getattr(iv.state, self.done_in)

    def ref(self, iv, entry, key: str) -> tuple[int, str | None] | None:
        """(index, field) of an existing item that `key` asks about."""
        fields = None if self.edit_by_field else (None, *self.fields)
        found = item_ref(key, entry.field, fields)
        return found if found is not None and found[0] < len(self.items(iv, entry)) else None

    def next_key(self, iv, entry) -> str:
        return item_key(entry.field, len(self.items(iv, entry)))

    def clear(self, record, entry) -> None:
        record_path.set(record, entry.field, [])

    # ---------------------------------------------------------- questions
    def next_question(self, iv, entry):
        if not self.finished(iv, entry):
            return self.add_question(iv, entry)
        return self.pending(iv, entry)

    def question_for(self, iv, entry, key):
        if key == entry.field:
            return self.add_question(iv, entry, default=DONE_WORD if self.finished(iv, entry) else None)
        found = self.ref(iv, entry, key)
        if found is None:
            return None
        index, field = found
        if field in self.fields:
            return self.field_question(iv, entry, index, field, key)
        return self.edit_question(iv, entry, index, key)

    def add_question(self, iv, entry, default=None):
        raise NotImplementedError

    def edit_question(self, iv, entry, index: int, key: str):
        raise NotImplementedError

    def field_question(self, iv, entry, index: int, field: str, key: str, revisit: bool = True):
        """The question of one field of an item; `revisit`: asked again, its answer the default."""
        raise NotImplementedError

    def pending(self, iv, entry):
        """What the finished list still asks of its items (each goal's 实际完成情况)."""
        return None

    def first_missing(self, iv, entry, field: str, missing: Callable[[Any], bool]):
        """The question for `field` of the first item that `missing` says lacks it."""
        for index, item in enumerate(self.items(iv, entry)):
            if missing(item):
                return self.field_question(iv, entry, index, field, item_key(entry.field, index, field), revisit=False)
        return None

    # ------------------------------------------------------------ answers
    def apply(self, iv, entry, question, text):
        found = self.ref(iv, entry, question.key)
        if found is not None:
            index, field = found
            if field in self.fields:
                return self.apply_field(iv, entry, question, index, field, text)
            if is_delete(text):
                removed = remove_item(iv, self.items(iv, entry), index, question.key, text)
                return Reply(True, message=self.deleted(iv, entry, index, removed))
            return self.edit(iv, entry, question.key, index, text)
        if text in self.done_words:
            return self.finish(iv, entry, text)
        return self.add(iv, entry, text)

    def finish(self, iv, entry, text: str) -> Reply:
        problem = None if self.items(iv, entry) else self.empty_problem(iv, entry)
        if problem:
            return Reply.error(problem)
        close(iv, entry.field, text, self.done_in)
        return Reply(True, message=self.finished_message(iv, entry))

    def add(self, iv, entry, text: str) -> Reply:
        raise NotImplementedError

    def edit(self, iv, entry, key: str, index: int, text: str) -> Reply:
        raise NotImplementedError

    def apply_field(self, iv, entry, question, index: int, field: str, text: str) -> Reply:
        raise NotImplementedError

    # ----------------------------------------------------------- wording
    def deleted(self, iv, entry, index: int, removed: Any) -> str:
        return f"已删除第 {index + 1} {self.counter}{self.noun}。"

    def empty_problem(self, iv, entry) -> str | None:
        """Why the list may not be finished empty; None when it may."""
        return f"至少要写一{self.counter}{self.noun}。例如：{entry.example}"

    def finished_message(self, iv, entry) -> str:
        return f"{self.noun}共 {len(self.items(iv, entry))} {self.counter}。"


__all__ = ["ListHandler", "close", "is_delete", "item_key", "item_ref", "items_at", "remove_item"]
