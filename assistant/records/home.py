"""Where jixiao keeps its data: the home directory.

The home is chosen as: the explicit ``--home`` argument, else the environment
variable ``JIXIAO_HOME``, else the per-user data directory of the platform
(``platformdirs.user_data_dir("jixiao")``). Inside it::

    db/            the record store (see store.py)
    transcripts/   interview transcripts, one per record
    exports/       rendered forms (md, xlsx, docx, json)

`resolve_home` creates the layout and proves the directory is writable by
writing (and removing) a small probe file, so a read-only mount or a full disk
is reported once, in Chinese, before any work is done.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import platformdirs

ENV_VAR = "JIXIAO_HOME"
SUBDIRS = ("db", "transcripts", "exports")
LOGS = "logs"  # tracebacks of unexpected errors (the user sees a Chinese sentence)


class HomeError(Exception):
    """The data directory cannot be created or written. The message is Chinese."""


# errno -> (what is wrong, what to do). Anything else falls back to strerror.
_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满", "请清理空间"),
    errno.EROFS: ("所在文件系统是只读的", "请检查该磁盘或挂载方式"),
    errno.EACCES: ("没有写入权限", "请检查目录权限"),
    errno.EPERM: ("没有写入权限", "请检查目录权限"),
    errno.ENOTDIR: ("路径中有一部分不是目录", "请检查路径"),
    errno.EEXIST: ("同名文件已存在，不是目录", "请检查路径"),
    errno.ENAMETOOLONG: ("路径过长", "请换一个较短的路径"),
    errno.ELOOP: ("路径中符号链接过多", "请检查路径"),
    errno.EIO: ("磁盘读写出错", "请检查磁盘"),
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = ("超出磁盘配额", "请清理空间或联系管理员")


def describe_oserror(exc: OSError) -> tuple[str, str]:
    """A Chinese (reason, advice) pair for an OSError."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    detail = exc.strerror or exc.__class__.__name__
    return (f"系统错误（{detail}）", "请检查该目录")


def home_error(path: Path, exc: OSError) -> HomeError:
    reason, advice = describe_oserror(exc)
    return HomeError(f"无法写入数据目录 {path}：{reason}。{advice}或用 --home 指定其他目录。")


def default_home() -> Path:
    return Path(platformdirs.user_data_dir("jixiao", appauthor=False))


def choose_home(explicit: str | os.PathLike | None = None) -> Path:
    """The home directory that would be used, without touching the disk."""
    if explicit is not None and str(explicit).strip():
        chosen = Path(explicit)
    elif os.environ.get(ENV_VAR, "").strip():
        chosen = Path(os.environ[ENV_VAR])
    else:
        chosen = default_home()
    return chosen.expanduser().absolute()


def resolve_home(explicit: str | os.PathLike | None = None, *, writable: bool = True) -> Path:
    """Choose, create and check the home directory; raise `HomeError` if unusable.

    ``writable=False`` is for commands that only read (list, show, history,
    export): the home is neither created nor probed, so a read-only medium or
    a home that does not exist yet still reads (as empty)."""
    home = choose_home(explicit)
    if home.exists() and not home.is_dir():
        raise home_error(home, OSError(errno.EEXIST, os.strerror(errno.EEXIST), str(home)))
    if not writable:
        return home
    try:
        home.mkdir(parents=True, exist_ok=True)
        for name in SUBDIRS:
            sub = home / name
            if sub.exists() and not sub.is_dir():
                raise OSError(errno.EEXIST, os.strerror(errno.EEXIST), str(sub))
            sub.mkdir(exist_ok=True)
        _probe(home / "db")
    except OSError as exc:
        raise home_error(home, exc) from exc
    return home


def _probe(directory: Path) -> None:
    # Creating an empty file can succeed on a full disk; write a few bytes and
    # flush them so ENOSPC shows up here rather than in the middle of a save.
    fd, tmp = tempfile.mkstemp(prefix=".probe.", suffix=".tmp", dir=directory)
    try:
        os.write(fd, b"jixiao")
        os.fsync(fd)
    finally:
        os.close(fd)
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def write_error_log(exc: BaseException, home: Path | None) -> Path | None:
    """The traceback of ``exc`` in a new file under ``<home>/logs`` (or the
    temporary directory); its path, or None if nothing could be written."""
    import sys
    import traceback
    from datetime import datetime

    text = "".join(traceback.format_exception(exc))
    name = f"error-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    places = [Path(home) / LOGS] if home is not None else []
    places.append(Path(tempfile.gettempdir()) / "jixiao-logs")
    for directory in places:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / name
            path.write_text(f"jixiao {' '.join(sys.argv[1:])[:500]}\n{text}", encoding="utf-8")
            return path
        except OSError:
            continue
    return None
