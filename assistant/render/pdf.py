"""PDF through LibreOffice: the DOCX of the form, converted headless.

`soffice` is found on PATH (or named by JIXIAO_SOFFICE). Without it, the
caller shows `INSTALL_HINT`: how to install LibreOffice, in Chinese.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = (
    "导出 PDF 需要 LibreOffice，但本机没有找到 soffice 命令。请先安装："
    "Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer libreoffice-calc fonts-noto-cjk；"
    "Windows/macOS 到 https://zh-cn.libreoffice.org 下载安装；"
    "装好后重新执行本命令。也可以先导出 docx/xlsx，用 WPS 或 Word 打开后另存为 PDF。"
)
TIMEOUT_S = 180


class PdfUnavailable(RuntimeError):
    """No LibreOffice to convert with; the message says how to install it."""


def soffice() -> str | None:
    named = os.environ.get("JIXIAO_SOFFICE")
    if named:
        return named if shutil.which(named) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing() -> str | None:
    """INSTALL_HINT when PDF cannot be made here, else None."""
    return None if soffice() else INSTALL_HINT


def convert(data: bytes, suffix: str) -> bytes:
    """PDF bytes of an office document (`suffix` = "docx" or "xlsx")."""
    program = soffice()
    if program is None:
        raise PdfUnavailable(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / f"form.{suffix}"
        source.write_bytes(data)
        # A private profile: a desktop LibreOffice that is open does not block the conversion.
        profile = (folder / "profile").as_uri()
        try:
            subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_S,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise PdfUnavailable(f"LibreOffice 转换 PDF 失败：{exc}") from exc
        target = folder / "form.pdf"
        if not target.exists():
            raise PdfUnavailable("LibreOffice 没有生成 PDF 文件，请检查 LibreOffice 是否能正常启动。")
        return target.read_bytes()


def pdf_bytes(record: dict, template: str | None = None) -> bytes:
    from .docx import docx_bytes

    return convert(docx_bytes(record, template), "docx")
