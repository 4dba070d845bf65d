"""Whole-or-nothing file writes and Decimal-exact JSON.

Every file jixiao writes goes through `write_atomic`: the bytes land in a
temporary file in the same directory, are fsync'ed, then renamed over the
target, so a crash leaves either the old file or the new one, never half.
"""

from __future__ import annotations

import json
import os
import tempfile
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


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


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


def loads(text: str) -> Any:
    """Parse JSON keeping every non-integer number as an exact Decimal."""
    return json.loads(text, parse_float=Decimal)


def load_file(path: str | os.PathLike) -> Any:
    with open(path, encoding="utf-8-sig") as handle:
        return loads(handle.read())
