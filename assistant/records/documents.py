"""What a record file holds: its document (id, versions), checks and the index row."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from assistant import fileio, record_path
from assistant.records.errors import FORMAT, FORMAT_VERSION, StoreError, check_marker, corrupt
from assistant.records.home import describe_oserror
from assistant.records.index import record_key
from assistant.records.journal import Entry
from assistant.records.versions import content_hash, diff_paths

STATUSES = ("draft", "final")
STATUS_LABELS = {"draft": "草稿", "final": "定稿"}
# <year>-<seq>: four digits, or more without a leading zero (one id, one spelling)
ID_RE = re.compile(r"^(?P<year>[0-9]{4})-(?P<seq>[0-9]{4}|[1-9][0-9]{4,})$")
FILE_RE = re.compile(r"^(?P<id>[0-9]{4}-(?:[0-9]{4}|[1-9][0-9]{4,}))\.json$")


def project_name(record: dict) -> str:
    """The name a record is listed under: the project, or the department."""
    project = record.get("project")
    if isinstance(project, dict) and isinstance(project.get("name"), str):
        return project["name"]
    if isinstance(record.get("department"), str):
        return record["department"]
    return ""


def department_of(record: dict) -> str:
    project = record.get("project")
    if isinstance(project, dict):
        return project.get("department") or project.get("unit") or ""
    value = record.get("department")
    return value if isinstance(value, str) else ""


def new_doc(record_id: str, record: dict, digest: str, status: str, note: str, stamp: str) -> dict:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "kind": "record",
        "id": record_id,
        "created": stamp,
        "versions": [
            {
                "n": 1,
                "time": stamp,
                "status": status,
                "note": note or "新建",
                "changed": [],
                "hash": digest,
                "record": record,
            }
        ],
    }


def append_version(doc: dict, record: dict, digest: str, status: str, note: str, stamp: str) -> bool:
    """Add a version unless content and status are those of the current one."""
    current = doc["versions"][-1]
    changed = diff_paths(current["record"], record)
    if current["status"] != status:
        changed.append("status")
    if not changed:
        return False
    doc["versions"].append(
        {
            "n": len(doc["versions"]) + 1,
            "time": stamp,
            "status": status,
            "note": note,
            "changed": changed,
            "hash": digest,
            "record": record,
        }
    )
    return True


def check_status(status: str) -> None:
    if status not in STATUSES:
        raise StoreError(f"状态应为 draft（草稿）或 final（定稿），现在是 {status!r}。")


def check_id(record_id: Any) -> None:
    if not isinstance(record_id, str) or not ID_RE.match(record_id):
        raise StoreError(f"记录编号 {record_id!r} 格式不对，应形如 2023-0001。")


def prepare(record: Any) -> tuple[dict, str]:
    """Validate and serialise a record; the stored (round-tripped) form and its hash."""
    from assistant.rules.schema import record_errors  # jsonschema: write paths only

    try:
        errors = record_errors(record)
    except (ArithmeticError, TypeError, ValueError) as exc:  # e.g. Decimal("NaN") compared with a minimum
        raise StoreError("记录中有无法检查的数值（如 NaN 或无穷大），未保存。数值须为有限的数字。") from exc
    if errors:
        shown = "；".join(f"{record_path.format(e.absolute_path) or '（顶层）'}：{e.message}" for e in errors[:5])
        more = f"；另有 {len(errors) - 5} 处" if len(errors) > 5 else ""
        raise StoreError(
            f"记录不符合格式要求，未保存（共 {len(errors)} 处）：{shown}{more}。请先用 jixiao check 检查并改正。",
            errors=errors,
        )
    try:
        digest = content_hash(record)
        normalized = fileio.loads(fileio.dumps(record, indent=None))
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end].encode("unicode_escape").decode("ascii")
        raise StoreError(
            f"记录中有无法保存的字符（{bad}，不是完整的 Unicode 字符），未保存。请删去它或重新输入这段文字。"
        ) from exc
    except (TypeError, ValueError) as exc:
        raise StoreError(f"记录中有无法保存的值（{exc}），未保存。数值须为有限的数字。") from exc
    return normalized, digest


def check_doc(doc: dict, record_id: str, path: Path) -> None:
    versions = doc.get("versions")
    if (
        doc.get("id") != record_id
        or not isinstance(doc.get("created"), str)
        or not isinstance(versions, list)
        or not versions
    ):
        raise corrupt(path)
    for n, version in enumerate(versions, start=1):
        if (
            not isinstance(version, dict)
            or version.get("n") != n
            or not isinstance(version.get("time"), str)
            or version.get("status") not in STATUSES
            or not isinstance(version.get("note"), str)
            or not isinstance(version.get("changed"), list)
            or not isinstance(version.get("hash"), str)
            or not isinstance(version.get("record"), dict)
        ):
            raise corrupt(path)
    current = versions[-1]["record"]
    if not isinstance(current.get("form"), str) or not isinstance(current.get("year"), int):
        raise corrupt(path)


def meta_of(doc: dict) -> dict:
    current = doc["versions"][-1]
    record = current["record"]
    row = {
        "id": doc["id"],
        "form": record["form"],
        "year": record["year"],
        "project": project_name(record),
        "department": department_of(record),
        "status": current["status"],
        "created": doc["created"],
        "updated": current["time"],
        "versions": len(doc["versions"]),
        "hash": current["hash"],
    }
    if isinstance(doc.get("origin"), str):
        row["origin"] = doc["origin"]
    return row


def read_doc(path: Path, record_id: str, journalled: Entry | None = None) -> tuple[dict, list[int]]:
    """A record file, checked: (document, key of the file read).

    ``journalled`` is the store journal's entry for this record, if any: when
    the file is what a power cut left of that write (see journal.py), the
    document is read from the journal instead."""
    if journalled is not None:
        if journalled.lost(path):
            try:
                key = record_key(os.stat(path))
            except OSError:
                key = [-1, -1]  # no file (yet): the index re-reads it until there is one
            return load_doc(journalled.data, record_id, path), key
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
            key = record_key(os.fstat(handle.fileno()))
    except FileNotFoundError:
        raise StoreError(f"记录 {record_id} 不存在。可用 jixiao list 查看已有记录。", path=path) from None
    except OSError as exc:
        reason, advice = describe_oserror(exc)
        raise StoreError(f"无法读取记录文件 {path}：{reason}。{advice}。", path=path) from exc
    return load_doc(raw, record_id, path), key


def load_doc(raw: bytes, record_id: str, path: Path) -> dict:
    """The checked document in the bytes of a record file (read from ``path``)."""
    try:
        doc = fileio.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise corrupt(path) from exc
    check_marker(doc, "record", path)
    check_doc(doc, record_id, path)
    return doc
