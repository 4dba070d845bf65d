"""The store's error and the marker every store file carries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FORMAT = "jixiao-store"
FORMAT_VERSION = 1


class StoreError(Exception):
    """A store operation failed. The message is Chinese and says what to do.

    ``path`` names the file concerned, if any; ``errors`` holds the schema
    errors when a record was refused.
    """

    def __init__(self, message: str, *, path: Path | None = None, errors: list | None = None):
        super().__init__(message)
        self.path = path
        self.errors = errors or []


def corrupt(path: Path) -> StoreError:
    return StoreError(
        f"数据库文件 {path} 已损坏或不是 jixiao 的数据库，未做任何修改。请从备份恢复或用 --home 指定其他目录。",
        path=path,
    )


def too_new(path: Path, version: Any) -> StoreError:
    return StoreError(
        f"数据库文件 {path} 由更新版本的 jixiao 创建（格式版本 {version}），未做任何修改。"
        "请升级 jixiao 后再打开，或用 --home 指定其他目录。",
        path=path,
    )


def check_marker(obj: Any, kind: str, path: Path) -> None:
    if not isinstance(obj, dict) or obj.get("format") != FORMAT or obj.get("kind") != kind:
        raise corrupt(path)
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise corrupt(path)
    if version > FORMAT_VERSION:
        raise too_new(path, version)
