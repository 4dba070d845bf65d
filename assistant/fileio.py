"""Whole-or-nothing file writes and Decimal-exact JSON.

Every file jixiao writes goes through `write_atomic`: the bytes land in a
temporary file in the same directory, are fsync'ed, then renamed over the
target, so a crash leaves either the old file or the new one, never half.
"""

from __future__ import annotations

import errno
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files 0600; the files we write are ordinary documents, so
# they get the mode any new file would (0666 less the umask).
_FILE_MODE = 0o666 & ~_current_umask()


def write_atomic(
    path: str | os.PathLike, data: bytes | str, *, tmp_dir: str | os.PathLike | None = None, durable: bool = True
) -> None:
    """Replace ``path`` with ``data`` whole. ``tmp_dir`` (same file system)
    holds the temporary file instead of the target's directory, so a big
    directory need not be listed to find what a killed writer left.

    ``durable=False`` skips both flushes: the replacement is still atomic
    for every other process and survives a crash of this one, but not a
    power cut. For files whose content is kept durable elsewhere (the
    store's record files: its journal), that can be derived again, or whose
    writer calls `sync_all` once when they are all written (replay of a
    directory)."""
    import tempfile  # not on the read-only paths (check, show): 3 ms of imports

    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=tmp_dir or path.parent)
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if durable:
        _fsync_dir(path.parent)


def can_sync_all() -> bool:
    return hasattr(os, "sync")


def sync_all() -> None:
    """Flush every written file to disk at once: one sync(2) instead of two
    fsyncs a file (6 ms each on a busy disk). Only where `can_sync_all()`."""
    os.sync()


def write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd`` at its position, continuing short writes."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "short write")
        view = view[written:]


def _fsync_dir(directory: Path) -> None:
    # The rename itself is durable only once the directory entry is flushed.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Integral amounts are written as integers (48, not 48.0). Otherwise a
        # float: its shortest repr reproduces any decimal of <= 15 significant
        # digits exactly, far more than 万元 with four decimals needs.
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """JSON text with Chinese kept readable and Decimals written exactly."""
    return json.dumps(value, ensure_ascii=False, indent=indent, default=_default, sort_keys=False) + (
        "\n" if indent is not None else ""
    )


# One decoder for every call: json.loads(text, parse_float=…) builds a new one each time
# (a replay parses every line of every transcript).
_DECODER = json.JSONDecoder(parse_float=Decimal)


def loads(text: str) -> Any:
    """Parse JSON keeping every non-integer number as an exact Decimal."""
    return _DECODER.decode(text)


def load_file(path: str | os.PathLike) -> Any:
    with open(path, encoding="utf-8-sig") as handle:
        return loads(handle.read())


# --------------------------------------------------------------------------
# files from users: bounded before anything else looks at them

MAX_INPUT_BYTES = 20 * 1024 * 1024  # a record is 3-5 KB; a form with its history well under 1 MB
MAX_DEPTH = 64  # records nest 4-5 levels
MAX_DIGITS = 30  # money in 万元 needs ~16 significant digits at most
MAX_MAGNITUDE = Decimal("1e15")  # ten thousand trillion 万元: beyond any budget


class InputError(ValueError):
    """A user's file that is refused before checking; the message is Chinese."""


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise InputError(f"数字 {text[:12]}… 有 {len(text.lstrip('-'))} 位，太长了（最多 {MAX_DIGITS} 位）")
    return int(text)


def _bounded_decimal(text: str) -> Decimal:
    value = Decimal(text)
    if len(value.as_tuple().digits) > MAX_DIGITS or not value.is_finite() or abs(value) >= MAX_MAGNITUDE:
        raise InputError(f"数字 {text[:20]} 超出了合理范围（须为有限的数，绝对值小于 10¹⁵，最多 {MAX_DIGITS} 位）")
    return value


def _no_constant(name: str) -> Any:
    raise InputError(f"{name} 不是数字（表格里的数须为有限的数）")


def parse_user_json(text: str) -> Any:
    """JSON from a user's file: Decimal-exact, with NaN/Infinity, over-long or
    huge numbers and deep nesting refused (`InputError`, Chinese)."""
    try:
        value = json.loads(text, parse_float=_bounded_decimal, parse_int=_bounded_int, parse_constant=_no_constant)
    except RecursionError:
        raise InputError(f"嵌套层数太多（最多 {MAX_DEPTH} 层）") from None
    if _depth(value) > MAX_DEPTH:
        raise InputError(f"嵌套层数太多（最多 {MAX_DEPTH} 层）")
    return value


def read_user_text(path: str | os.PathLike, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """A user's text file, at most ``max_bytes`` (a device like /dev/zero is cut off and refused)."""
    with open(path, "rb") as handle:
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError(f"文件太大（超过 {max_bytes // (1024 * 1024)} MB），不是 jixiao 记录文件")
    return raw.decode("utf-8-sig")


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest
