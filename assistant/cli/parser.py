"""argparse with Chinese messages and exit code 2 on bad usage."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


class UsageError(Exception):
    """Bad command-line usage; the message is Chinese."""


def _width() -> int:
    """The width argparse formats help to: the terminal's columns (COLUMNS, else the
    terminal, else 80) less 2, as `shutil.get_terminal_size` and argparse compute it."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns if columns > 0 else 80) - 2


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, given its width: argparse builds one for every
    add_argument (to check the metavar), and without a width it imports shutil
    (with bz2 and lzma), ~2.5 ms of a `jixiao check FILE`."""

    def __init__(self, prog: str, **kwargs: Any):
        kwargs.setdefault("width", _width())
        super().__init__(prog, **kwargs)


class ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        translated = (
            message.replace("the following arguments are required", "缺少参数")
            .replace("invalid int value", "应为整数，现在是")
            .replace("invalid float value", "应为数字，现在是")
            .replace("unrecognized arguments", "不认识的参数")
            .replace("invalid choice", "无效的选项")
            .replace("expected one argument", "需要一个值")
            .replace("argument", "参数")
            .replace("choose from", "可选")
        )
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}：{translated}（用 --help 查看用法）")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：")

    def format_help(self) -> str:
        return (
            super()
            .format_help()
            .replace("usage:", "用法：")
            .replace("positional arguments:", "参数：")
            .replace("options:", "选项：")
            .replace("show this help message and exit", "显示帮助并退出")
        )
