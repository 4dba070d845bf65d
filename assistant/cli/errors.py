"""What the command line does with an error nobody expected: never a traceback.

The traceback is written to ``<home>/logs/`` (`write_error_log`: the
temporary directory if the home cannot be written), and the user gets one Chinese sentence naming
that file. An OSError is said in words (disk full, read-only, path too long);
a closed pipe (``jixiao list | head``) ends the command quietly.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def unexpected(exc: BaseException, home: Path | None) -> str:
    """The Chinese message for an unexpected error (the traceback is logged)."""
    from assistant.records.home import write_error_log

    log = write_error_log(exc, home)
    where = f"详细信息已记录在 {log}，" if log else ""
    if isinstance(exc, MemoryError):
        what = "内存不够（输入可能太大）"
    elif isinstance(exc, RecursionError):
        what = "输入的嵌套层数太多"
    else:
        what = f"程序内部出错（{type(exc).__name__}）"
    return f"jixiao 没能完成这个命令：{what}。已保存的数据没有受影响。{where}如果问题重复出现，请把它发给维护人员。"


def oserror_message(exc: OSError) -> str:
    from assistant.records.home import describe_oserror

    reason, advice = describe_oserror(exc)
    target = exc.filename if exc.filename is not None else ""
    shown = printable(str(target))
    if len(shown) > 120:
        shown = shown[:60] + "…" + shown[-40:]
    return f"无法读写 {shown}：{reason}。{advice}后再试。" if shown else f"读写文件失败：{reason}。{advice}后再试。"


def silence_broken_pipe() -> None:
    """After EPIPE on stdout, point it at /dev/null so the interpreter's final
    flush does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def printable(text: str) -> str:
    """Text safe to print on a terminal: control and format characters (an
    escape sequence in a project name) are shown as ``\\x1b``-style escapes,
    lone surrogates as ``\\udcxx``."""
    if text.isprintable():
        return text
    import unicodedata

    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in "\t":
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def safe_streams() -> None:
    """Never fail on printing a character the terminal's encoding lacks (or a
    lone surrogate read from a file): escape it instead."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
