"""The fixed parts of a DOCX package: styles (宋体 or the template's font,
zh-CN), settings, and the footer that numbers the pages."""

from __future__ import annotations

from .ooxml import XML_HEAD, esc

FONT_HALF_POINTS = 21  # 五号 10.5 pt
W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_W = W_NS


def run(value: str, size: int | None = None, bold: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "")
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{esc(value)}</w:t></w:r>'


def styles_xml(font: str, half_points: int = FONT_HALF_POINTS) -> str:
    name = esc(font)
    fonts = f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'
    lang = '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    size = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    return (
        XML_HEAD + f"<w:styles {_W}><w:docDefaults><w:rPrDefault><w:rPr>{fonts}{size}{lang}"
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f'<w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:rPr>{fonts}{size}{lang}'
        "</w:rPr></w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style></w:styles>'
    )


SETTINGS = (
    XML_HEAD + f'<w:settings {_W}><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
)


def _field(instruction: str) -> str:
    return f'<w:fldSimple w:instr=" {instruction} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


FOOTER = (
    XML_HEAD + f'<w:ftr {_W}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
    f"{run('第 ')}{_field('PAGE')}{run(' 页 共 ')}{_field('NUMPAGES')}{run(' 页')}</w:p></w:ftr>"
)
