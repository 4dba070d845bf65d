"""argparse with Chinese messages and exit code 2 on bad usage."""

from __future__ import annotations

import argparse
import sys


class UsageError(Exception):
    """Bad command-line usage; the message is Chinese."""


class ChineseArgumentParser(argparse.ArgumentParser):
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
