"""The workbook's styles, registered once per workbook: each distinct
(font, number format, alignment, border, quote prefix) is one cellXfs
entry, looked up by key while the cells are written."""

from __future__ import annotations

from .grid import HEAD, LABEL, LONG
from .ooxml import XML_HEAD, esc

FONT_SIZE = 10.5
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "0.00%": 10}
# font index: 0 default, 1 body, 2 bold, 3 title, 4 subtitle, 5 caption
_FONTS = ((11, False), (FONT_SIZE, False), (FONT_SIZE, True), (16, True), (12, False), (12, True))
_CENTRE = '<alignment horizontal="center" vertical="center" wrapText="1"/>'
_LEFT = '<alignment horizontal="left" vertical="center" wrapText="1" indent="1"/>'
_BANNERS = {
    "title": (3, '<alignment horizontal="center" vertical="center" wrapText="1"/>'),
    "subtitle": (4, '<alignment horizontal="center" vertical="center" wrapText="1"/>'),
    "caption": (5, '<alignment horizontal="left" vertical="center"/>'),
    "line_left": (1, '<alignment horizontal="left" vertical="center"/>'),
    "line_right": (1, '<alignment horizontal="right" vertical="center"/>'),
}


class Styles:
    def __init__(self, font: str = "宋体"):
        self.font = font
        self._formats: dict[str, int] = {}
        self._xfs: dict[tuple, int] = {("plain",): 0}

    def _xf(self, key: tuple) -> int:
        index = self._xfs.get(key)
        if index is None:
            index = self._xfs[key] = len(self._xfs)
        return index

    def _format(self, code: str) -> int:
        if code in _BUILTIN_FORMATS:
            return _BUILTIN_FORMATS[code]
        return self._formats.setdefault(code, 164 + len(self._formats))

    def cell(self, role: str, fmt: str = "General", quote: bool = False) -> int:
        """A boxed table cell of `role` with number format `fmt`."""
        font = 2 if role in (LABEL, HEAD) else 1
        return self._xf(("cell", font, self._format(fmt), _LEFT if role == LONG else _CENTRE, quote))

    def border_only(self) -> int:
        """A cell covered by a merge: only its borders show."""
        return self._xf(("cell", 1, 0, _CENTRE, False))

    def banner(self, kind: str) -> int:
        font, alignment = _BANNERS[kind]
        return self._xf(("banner", font, 0, alignment, False))

    def xml(self) -> str:
        name = esc(self.font)
        formats = "".join(
            f'<numFmt numFmtId="{index}" formatCode="{esc(code)}"/>' for code, index in self._formats.items()
        )
        fonts = "".join(
            f'<font>{"<b/>" if bold else ""}<sz val="{size}"/><name val="{name}"/>'
            '<family val="3"/><charset val="134"/></font>'
            for size, bold in _FONTS
        )
        xfs = []
        for key in self._xfs:
            if key == ("plain",):
                xfs.append('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>')
                continue
            kind, font, fmt, alignment, quote = key
            border = 1 if kind == "cell" else 0
            flags = (
                (' applyNumberFormat="1"' if fmt else "")
                + ' applyFont="1"'
                + (' applyBorder="1"' if border else "")
                + ' applyAlignment="1"'
                + (' quotePrefix="1"' if quote else "")
            )
            xfs.append(
                f'<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="{border}" xfId="0"{flags}>{alignment}</xf>'
            )
        thin = '<{0} style="thin"><color rgb="FF000000"/></{0}>'
        box = "".join(thin.format(side) for side in ("left", "right", "top", "bottom"))
        return (
            XML_HEAD
            + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (f'<numFmts count="{len(self._formats)}">{formats}</numFmts>' if formats else "")
            + f'<fonts count="{len(_FONTS)}">{fonts}</fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            f'<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            f"<border>{box}<diagonal/></border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )
