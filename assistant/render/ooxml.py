"""Packaging shared by the XLSX and DOCX writers: XML escaping, the core
and app properties, and a zip with fixed member timestamps so the same
record always gives the same bytes."""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from collections.abc import Iterable

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(value: object) -> str:
    return str(value).translate(_ESCAPES)


def fixed_datetime(year: int | None) -> _dt.datetime:
    """Document timestamps are 1 January of the form's year, so the same
    record always gives the same file."""
    year = year if year and 1980 <= year <= 9999 else 2000
    return _dt.datetime(year, 1, 1, 0, 0, 0)


def core_xml(title: str, when: _dt.datetime) -> str:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title><dc:creator>jixiao</dc:creator>"
        "<cp:lastModifiedBy>jixiao</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"<cp:lastPrinted>{stamp}</cp:lastPrinted>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_xml(application: str) -> str:
    return (
        XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>' + esc(application) + "</Application></Properties>"
    )


def rels_xml(relations: Iterable[tuple[str, str, str]]) -> str:
    """Relationships part from (id, type suffix or full type, target)."""
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind if kind.startswith("http") else DOC_REL + "/" + kind}" '
        f'Target="{target}"/>'
        for rid, kind, target in relations
    )
    return XML_HEAD + f'<Relationships xmlns="{REL_NS}">{items}</Relationships>'


PACKAGE_RELS = rels_xml(
    [
        ("rId1", "officeDocument", "{main}"),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        ("rId3", "extended-properties", "docProps/app.xml"),
    ]
)


def package_rels(main: str) -> str:
    return PACKAGE_RELS.replace("{main}", main)


def content_types(overrides: Iterable[tuple[str, str]]) -> str:
    items = "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
    return (
        XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' + items + "</Types>"
    )


def zipped(parts: Iterable[tuple[str, str | bytes]], when: _dt.datetime) -> bytes:
    """A zip of the parts in the order given, every member stamped `when`."""
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            member = zipfile.ZipInfo(name, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            member.create_system = 3
            archive.writestr(member, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()
