"""Versions of a record: what changed between two, a stable content hash, times."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from assistant import record_path


def diff_paths(old: Any, new: Any) -> list[str]:
    """Paths of the fields that differ between two records, in document order.

    Dicts are compared key by key, lists index by index (an added or removed
    item is reported as ``list[i]``), scalars by value (``48`` equals
    ``Decimal("48")``, but ``True`` does not equal ``1``).
    """
    out: list[str] = []
    _diff(old, new, (), out)
    return out


def _diff(a: Any, b: Any, path: tuple, out: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key, value in a.items():
            if key in b:
                _diff(value, b[key], path + (key,), out)
            else:
                out.append(record_path.format(path + (key,)))
        for key in b:
            if key not in a:
                out.append(record_path.format(path + (key,)))
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            if i < len(a) and i < len(b):
                _diff(a[i], b[i], path + (i,), out)
            else:
                out.append(record_path.format(path + (i,)))
    elif _scalar_differs(a, b):
        out.append(record_path.format(path))


def _scalar_differs(a: Any, b: Any) -> bool:
    numbers = (int, float, Decimal)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return a != b
    return type(a) is not type(b) or a != b


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        if value.is_finite() and value == value.to_integral_value():
            return int(value)
        return float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def content_hash(record: Any) -> str:
    """A stable hash of a record's content (key order does not matter)."""
    text = json.dumps(
        record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_json_default, allow_nan=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def utc_text(moment: datetime) -> str:
    """ISO 8601 UTC with microseconds, fixed width so times sort as text."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def default_now() -> datetime:
    return datetime.now(UTC)
