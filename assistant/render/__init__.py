"""Forms as Markdown, Excel and Word, in the official layouts.

    render_markdown(record, findings=None) -> str
    write_xlsx(record, path)
    write_docx(record, path)
    write_forms(record, out_dir, stem, formats=("md", "xlsx", "docx")) -> list[Path]

`layout` describes each form once; the three writers only format it. Output
is deterministic: the same record gives the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from ..fileio import write_atomic
from .docx import docx_bytes, write_docx
from .layout import build_form
from .markdown import render_markdown
from .xlsx import write_xlsx, xlsx_bytes

__all__ = ["FORMATS", "build_form", "render_markdown", "write_docx", "write_forms", "write_xlsx"]

_SERIALISERS: dict[str, Callable[[dict], bytes | str]] = {
    "md": render_markdown,
    "xlsx": xlsx_bytes,
    "docx": docx_bytes,
}
FORMATS = tuple(_SERIALISERS)


def write_forms(record: dict, out_dir: str | os.PathLike, stem: str,
                formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write `<stem>.<format>` into out_dir for each format, in the order
    given; returns the paths. Raises ValueError for an unknown format or a
    stem that is not a plain file name inside out_dir."""
    formats = list(formats)
    unknown = [fmt for fmt in formats if fmt not in _SERIALISERS]
    if unknown:
        raise ValueError(f"不支持的导出格式：{', '.join(unknown)}（可选：{', '.join(FORMATS)}）")
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in dict.fromkeys(formats):
        path = _target(directory, stem, fmt)
        write_atomic(path, _SERIALISERS[fmt](record))
        paths.append(path)
    return paths


def _target(directory: Path, stem: str, fmt: str) -> Path:
    name = f"{stem}.{fmt}"
    bad = (not isinstance(stem, str) or not stem.strip() or stem.startswith(".")
           or any(ch in stem for ch in "/\\\x00:") or Path(name).name != name)
    path = directory / name
    if bad or path.resolve().parent != directory.resolve():
        raise ValueError(f"文件名不合法：{stem!r}")
    return path
