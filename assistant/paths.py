"""Where the shipped data lives.

An installed wheel carries knowledge/ and schemas/ under assistant/_data; a
source checkout (editable install, tests) has them at the repository root.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到数据目录 {name}/：安装不完整，请重新安装 jixiao。")


def knowledge_dir() -> Path:
    return data_dir("knowledge")


def schemas_dir() -> Path:
    return data_dir("schemas")
