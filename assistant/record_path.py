"""Paths into a record: ``indicators.annual[3].value`` and its parts.

One grammar for every layer: rules report findings at a path, the interview
asks questions keyed by one, the store lists changed paths, the UI jumps to
one. A path is names joined by dots, with ``[n]`` after a name for an item of
a list. ``parse`` and ``format`` turn it into parts and back; ``get`` and
``set`` read and write a record at it; ``row`` says which item of which list
a path points into, which is what the handlers of list questions ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from assistant.lazy_regex import lazy_regex

Part = str | int
PathLike = str | Sequence[Part]

_TOKEN = lazy_regex(r"([^.\[\]]+)|\[(\d+)\]|(\.)")


@lru_cache(maxsize=4096)
def parse(path: str) -> tuple[Part, ...]:
    """``"indicators.annual[3].value"`` → ``("indicators", "annual", 3, "value")``.

    Raises ValueError on what is not a path (``"a..b"``, ``"[x]"``, ``"a["``).
    """
    parts: list[Part] = []
    position, expect_name = 0, True
    for match in _TOKEN.finditer(path):
        if match.start() != position:
            break
        position = match.end()
        name, index, dot = match.groups()
        if name is not None:
            if not expect_name:
                break
            parts.append(name)
            expect_name = False
        elif index is not None:
            if not parts or expect_name:
                break
            parts.append(int(index))
        elif dot is not None:
            if expect_name:
                break
            expect_name = True
    else:
        if position == len(path) and not expect_name:
            return tuple(parts)
    raise ValueError(f"不是记录中的位置：{path!r}")


_LABELLED = lazy_regex(r"^(?:(?P<head>.+?)\.)?(?P<word>extra|sources)\.(?P<label>.+)$")


def labelled(path: str) -> tuple[Part, ...]:
    """A path as the templates write it: ``project.extra.项目来源``,
    ``funds.annual.sources.中央补助``. The key after ``extra.`` or ``sources.``
    is a label as printed on the form, taken whole (it may hold dots or
    brackets); the rest is parsed as any path."""
    match = _LABELLED.match(path)
    if match is None:
        return parse(path)
    head = parse(match["head"]) if match["head"] else ()
    return (*head, match["word"], match["label"])


def parent(path: str) -> str:
    """``funds.annual.other`` → ``funds.annual``; ``tasks[2]`` → ``tasks``."""
    return format(parse(path)[:-1])


def format(parts: Iterable[Any]) -> str:  # noqa: A001 - the module is used as record_path.format
    """``("indicators", "annual", 3, "value")`` → ``"indicators.annual[3].value"``."""
    out = ""
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _parts(path: PathLike) -> Sequence[Part]:
    return parse(path) if isinstance(path, str) else path


def get(record: Any, path: PathLike, default: Any = None) -> Any:
    """The value at `path`, or `default` where the record has nothing there
    (a missing key, an index past the end, a scalar where a dict was expected)."""
    node = record
    for part in _parts(path):
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return default
            node = node[part]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return default
    return node


def set(record: dict[str, Any], path: PathLike, value: Any) -> None:  # noqa: A001
    """Write `value` at `path`, creating the dicts on the way.

    A list index may point at an existing item or one past the end (which
    appends); anything further, or a scalar in the way, is a ValueError: a
    record is never padded with invented rows.
    """
    parts = _parts(path)
    if not parts:
        raise ValueError("空的记录位置")
    node: Any = record
    for part, following in zip(parts, parts[1:], strict=False):
        node = _child(node, part, [] if isinstance(following, int) else {})
    _store(node, parts[-1], value)


def _child(node: Any, part: Part, empty: Any) -> Any:
    current = get(node, (part,))
    if isinstance(current, dict | list):
        return current
    if current is not None:
        raise ValueError(f"记录位置 {part!r} 上已有 {current!r}")
    _store(node, part, empty)
    return empty


def _store(node: Any, part: Part, value: Any) -> None:
    if isinstance(part, int):
        if not isinstance(node, list) or part > len(node):
            raise ValueError(f"列表中没有第 {part + 1} 项")
        if part == len(node):
            node.append(value)
        else:
            node[part] = value
    elif isinstance(node, dict):
        node[part] = value
    else:
        raise ValueError(f"记录位置 {part!r} 不在对象中")


class RowRef(NamedTuple):
    """Where a path points into a list: ``tasks[2].executed`` is item 2 of
    ``tasks``, field ``executed``; ``goals[1]`` is the item itself."""

    rows: str  # the list's path: "indicators.annual", "tasks"
    index: int  # type: ignore[assignment]  # the item's position; shadows tuple.index, which no caller wants
    field: str | None  # the first name after the index, None for the item

    @property
    def item(self) -> str:
        """The item's own path: ``tasks[2]``."""
        return f"{self.rows}[{self.index}]"


def row(path: str) -> RowRef | None:
    """The last list item `path` points into, or None when it points into none."""
    try:
        parts = parse(path)
    except ValueError:
        return None
    for at in range(len(parts) - 1, -1, -1):
        part = parts[at]
        if isinstance(part, int):
            following = parts[at + 1] if at + 1 < len(parts) else None
            return RowRef(format(parts[:at]), part, following if isinstance(following, str) else None)
    return None
