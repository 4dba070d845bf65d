"""Markdown for the assistant's messages.

The messages use a small part of Markdown: paragraphs, line breaks, **bold**,
*italic*, `code`, `- ` and `1. ` lists, `#` headings. This renders that part
directly to Rich text, which costs nothing at start-up; `rich.markdown` (with
markdown-it and pygments, about 45 ms to import) is loaded only for text that
needs more, such as the tables of 预览 (the whole form).
"""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|(?<![\\*])\*(?P<italic>[^*]+?)\*|`(?P<code>[^`]+)`|\\(?P<escaped>[\\*`_])")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)


def inline(text: str, style: str = "") -> Text:
    """One paragraph's inline markup as Rich Text."""
    out = Text(style=style)
    position = 0
    for match in _INLINE.finditer(text):
        out.append(text[position : match.start()])
        if match.group("bold") is not None:
            out.append_text(inline(match.group("bold"), "bold"))
        elif match.group("italic") is not None:
            out.append_text(inline(match.group("italic"), "italic"))
        elif match.group("code") is not None:
            out.append(match.group("code"), style="bold cyan")
        else:
            out.append(match.group("escaped"))
        position = match.end()
    out.append(text[position:])
    return out


def _paragraph(lines: list[str]) -> Text:
    # A line ending in two spaces (or a backslash) is a hard break; other line
    # breaks inside a paragraph join lines (no space between Chinese characters).
    text = ""
    for line in lines:
        hard = line.endswith(("  ", "\\"))
        line = line.rstrip(" \\").strip()
        text += line + ("\n" if hard else "")
    return inline(text.rstrip("\n"))


def _item(marker: str, body: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(ratio=1)
    grid.add_row(Text(marker, style="bold"), inline(body))
    return grid


def render(markdown: str) -> RenderableType:
    if _TABLE.search(markdown):
        from rich.markdown import Markdown  # full Markdown (tables) only when needed

        return Markdown(markdown)
    blocks: list[RenderableType] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(_paragraph(paragraph))
            paragraph.clear()

    for line in markdown.splitlines():
        bullet, numbered, heading = _BULLET.match(line), _NUMBERED.match(line), _HEADING.match(line)
        if not line.strip():
            flush()
            blocks.append(Text(""))
        elif heading:
            flush()
            blocks.append(inline(heading.group(2), "bold underline" if len(heading.group(1)) == 1 else "bold"))
        elif bullet:
            flush()
            blocks.append(_item("‣", bullet.group(1)))
        elif numbered:
            flush()
            blocks.append(_item(f"{numbered.group(1)}.", numbered.group(2)))
        else:
            paragraph.append(line)
    flush()
    while blocks and isinstance(blocks[-1], Text) and not blocks[-1].plain:
        blocks.pop()
    while blocks and isinstance(blocks[0], Text) and not blocks[0].plain:
        blocks.pop(0)
    # Collapse runs of blank lines left between blocks.
    tidy: list[RenderableType] = []
    for block in blocks:
        if isinstance(block, Text) and not block.plain and tidy and isinstance(tidy[-1], Text) and not tidy[-1].plain:
            continue
        tidy.append(block)
    return Group(*tidy)
