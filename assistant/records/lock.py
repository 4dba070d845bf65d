"""The store's lock: ``db/.lock``, held by every operation that writes.

A `filelock.FileLock` (one per path in a process), so two processes never
lose each other's writes and never hand out the same id. Readers take no
lock: every file they read is replaced atomically or only appended to.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.records.errors import StoreError
from assistant.records.home import describe_oserror


def io_error(exc: OSError, path: Path) -> StoreError:
    """A write that failed, in Chinese: nothing stored was changed."""
    reason, advice = describe_oserror(exc)
    return StoreError(
        f"无法写入数据库 {path}：{reason}，本次保存未完成，已有数据未受影响。{advice}或用 --home 指定其他目录。",
        path=path,
    )


@contextmanager
def held(lock_path: Path, timeout: float) -> Iterator[None]:
    """Hold the store's lock, or say in Chinese who has it."""
    import filelock  # write paths only: `jixiao list` need not load it

    lock = filelock.FileLock(str(lock_path), poll_interval=0.005, is_singleton=True)
    try:
        lock.acquire(timeout=timeout)
    except filelock.Timeout as exc:
        raise StoreError(
            f"数据库正被另一个 jixiao 进程使用（等待 {timeout:g} 秒仍未轮到，锁文件 {lock_path}）。"
            "请等它完成或关闭它后再试。",
            path=lock_path,
        ) from exc
    except OSError as exc:
        raise io_error(exc, lock_path) from exc
    try:
        yield
    finally:
        lock.release()
