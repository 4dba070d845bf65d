"""Reading a record file given on the command line (a `.json` record, or a
file of the store): bounded, and every failure said in Chinese."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.fileio import InputError, parse_user_json, read_user_text
from assistant.forms import FORM_LABELS


class UnreadableRecord(Exception):
    """A file that cannot be checked at all; the message names the file (Chinese)."""


def read_record(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        record = parse_user_json(read_user_text(path))
    except InputError as exc:
        raise UnreadableRecord(f"{path}：{exc}，未检查。") from None
    except FileNotFoundError:
        raise UnreadableRecord(f"{path}：找不到这个文件。") from None
    except IsADirectoryError:
        raise UnreadableRecord(f"{path}：这是一个目录，请给出表格文件（用 jixiao review 审查整个目录）。") from None
    except UnicodeDecodeError:
        raise UnreadableRecord(f"{path}：不是 UTF-8 编码的文本文件。") from None
    except json.JSONDecodeError as exc:
        raise UnreadableRecord(f"{path}：不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）。") from None
    except OSError as exc:
        from assistant.records.home import describe_oserror  # platformdirs: only when it failed

        reason, _ = describe_oserror(exc)
        raise UnreadableRecord(f"{path}：无法读取（{reason}）。") from None
    except ValueError as exc:  # e.g. a number beyond Python's own limits
        raise UnreadableRecord(f"{path}：不是有效的 JSON（{exc}）。") from None
    record = _current_version(record)
    if not isinstance(record, dict) or not isinstance(record.get("form"), str):
        raise UnreadableRecord(
            f"{path}：不是 jixiao 记录文件——缺少 form 字段或它不是文字（应为 {'、'.join(FORM_LABELS)} 之一）。"
        )
    return record


def _current_version(data: Any) -> Any:
    """A file of the store (`db/records/<id>.json`: id, created, versions) is
    checked as its current version; anything else as it is."""
    if isinstance(data, dict) and "form" not in data and isinstance(data.get("versions"), list) and data["versions"]:
        last = data["versions"][-1]
        if isinstance(last, dict) and isinstance(last.get("record"), dict):
            return last["record"]
    return data
