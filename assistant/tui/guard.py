"""The UI never shows a traceback.

An unexpected error in a handler (a bug, a disk that fails in a new way) is
logged under the home (``logs/``), said in Chinese in the chat, and the
interview goes on: the handler's step did not take effect, everything saved
before it is still there. `last_resort` is for errors Textual itself catches
outside any handler: logged, said, and the app ends with that message instead
of a Rich traceback and exit code 0.
"""

from __future__ import annotations

import functools

from assistant.records.home import write_error_log


def unexpected_message(exc: BaseException, log) -> str:
    where = f"详细信息已记录在 {log}。" if log else ""
    return (
        f"出了一个意外的问题（{type(exc).__name__}），这一步没有生效；之前的回答都已保存。{where}"
        "可以继续回答；如果问题重复出现，请按 Ctrl+S 保存退出，并把记录文件发给维护人员。"
    )


def guarded(handler):
    """Wrap an app method: an unexpected exception is logged and said, not raised."""

    @functools.wraps(handler)
    def wrapper(self, *args, **kwargs):
        try:
            return handler(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the UI's last line of defence
            log = write_error_log(exc, getattr(self, "home", None))
            try:
                self.post_note(unexpected_message(exc, log), "error")
            except Exception:  # noqa: BLE001 - the screen itself is gone
                pass
            return None

    return wrapper


def last_resort(app, error: Exception) -> str:
    """Log an error Textual caught outside the guarded handlers; the message to end with."""
    return unexpected_message(error, write_error_log(error, getattr(app, "home", None)))
