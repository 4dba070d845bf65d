"""Forms as Markdown, Excel, Word and PDF, in the layout of their template.

    render_markdown(record, findings=None, template=None) -> str
    write_xlsx(record, path, template=None)
    write_docx(record, path, template=None)
    write_forms(record, out_dir, stem, formats=("md", "xlsx", "docx"), template=None) -> list[Path]

`forms` lays out each form once from its template (`grid` is the model);
the writers only format it. Output is deterministic: the same record gives
the same bytes. Writers are imported when a format is asked for, so
`jixiao show` and Markdown-only replays pay for nothing else.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..fileio import write_atomic

__all__ = ["FORMATS", "build_form", "render_markdown", "write_docx", "write_forms", "write_xlsx"]

_SERIALISERS = {
    "md": ("markdown", "render_markdown"),
    "xlsx": ("xlsx", "xlsx_bytes"),
    "docx": ("docx", "docx_bytes"),
    "pdf": ("pdf", "pdf_bytes"),
}
# The formats written by default; "pdf" needs LibreOffice and is asked for explicitly.
FORMATS = ("md", "xlsx", "docx")
_LAZY = {"build_form": "forms", "render_markdown": "markdown", "write_xlsx": "xlsx", "write_docx": "docx"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)


def write_forms(
    record: dict,
    out_dir: str | os.PathLike,
    stem: str,
    formats: Iterable[str] = FORMATS,
    template: str | None = None,
    durable: bool = True,
) -> list[Path]:
    """Write `<stem>.<format>` into out_dir for each format, in the order
    given; returns the paths. `template` overrides the record's template;
    `durable` is write_atomic's (False: the caller syncs once at the end).
    Raises ValueError for an unknown format or a stem that is not a plain
    file name inside out_dir, PdfUnavailable for pdf without LibreOffice."""
    formats = list(formats)
    unknown = [fmt for fmt in formats if fmt not in _SERIALISERS]
    if unknown:
        raise ValueError(f"不支持的导出格式：{', '.join(unknown)}（可选：{', '.join(_SERIALISERS)}）")
    directory = Path(out_dir)
    targets = [(fmt, _target(directory, stem, fmt)) for fmt in dict.fromkeys(formats)]
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt, path in targets:
        module, function = _SERIALISERS[fmt]
        serialise = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        write_atomic(path, serialise(record, template=template), durable=durable)
        paths.append(path)
    return paths


def _target(directory: Path, stem: str, fmt: str) -> Path:
    name = f"{stem}.{fmt}"
    bad = (
        not isinstance(stem, str)
        or not stem.strip()
        or stem.startswith(".")
        or any(ch in stem for ch in "/\\\x00:")
        or Path(name).name != name
    )
    path = directory / name
    if bad or path.resolve().parent != directory.resolve():
        raise ValueError(f"文件名不合法：{stem!r}")
    return path
