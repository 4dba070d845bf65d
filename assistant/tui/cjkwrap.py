"""Chinese line breaking for Rich and Textual.

Both libraries wrap at spaces only, so a Chinese sentence with one space in
it ("产出指标 › 数量指标（必填）：选一个编号…") breaks at that space and leaves
half a line empty. Chinese text may break between any two characters, except
that closing punctuation (，。）” …) must not start a line and opening
punctuation (（“《 …) must not end one. `install()` swaps the word pattern
both libraries use for one that makes each Chinese character (with the
punctuation stuck to it) a word of its own; Latin words and numbers are
unchanged. Applied by the TUI only, and skipped if a library changes shape.
"""

from __future__ import annotations

import re

_CJK = "\u2e80-\u2fff\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
_OPEN = "（《「『“‘【〔〈"
_CLOSE = "，。；：、）》」』”’！？】〕〉…—"
_UNIT = rf"[{_OPEN}]*[{_CJK}{_OPEN}{_CLOSE}][{_CLOSE}]*"
_OTHER = rf"[^\s{_CJK}{_OPEN}{_CLOSE}]+[{_CLOSE}]*"

RICH_WORD = re.compile(rf"\s*(?:{_UNIT}|{_OTHER})\s*")
TEXTUAL_CHUNK = re.compile(rf"(?:{_UNIT}|{_OTHER})\s*|\s+")


def install() -> bool:
    """Patch Rich's and Textual's wrapping; True if both took."""
    done = 0
    try:
        import rich._wrap as rich_wrap

        if isinstance(getattr(rich_wrap, "re_word", None), re.Pattern):
            rich_wrap.re_word = RICH_WORD
            done += 1
    except ImportError:  # pragma: no cover
        pass
    try:
        import textual._wrap as textual_wrap

        if isinstance(getattr(textual_wrap, "re_chunk", None), re.Pattern):
            textual_wrap.re_chunk = TEXTUAL_CHUNK
            done += 1
    except ImportError:  # pragma: no cover
        pass
    return done == 2
