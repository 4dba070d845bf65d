"""JSON Schema validation of records and knowledge files (Draft 2020-12)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from assistant.forms import FORM_IDS as FORM_KINDS
from assistant.paths import schemas_dir


@cache
def validator(schema_name: str) -> Draft202012Validator:
    path = schemas_dir() / f"{schema_name}.schema.json"
    with open(path, encoding="utf-8") as handle:
        schema = json.load(handle)
    # The shipped schemas are checked against the metaschema by the test suite
    # (tests/test_knowledge.py), not on every start: that costs 20 ms a process.
    return Draft202012Validator(schema)


def record_errors(record: Any) -> list[ValidationError]:
    """Schema errors of a record, best-first. A non-record gives one error."""
    if not isinstance(record, dict):
        return [ValidationError("记录文件的顶层必须是一个 JSON 对象。", path=(), validator="jixiao")]
    form = record.get("form")
    if form not in FORM_KINDS:
        return [
            ValidationError(
                f"form 字段应为 {'、'.join(FORM_KINDS)} 之一，现在是 {form!r}。", path=("form",), validator="jixiao"
            )
        ]
    errors = sorted(validator(form).iter_errors(record), key=lambda e: list(e.absolute_path))
    return errors + _template_errors(record, form)


def _template_errors(record: dict, form: str) -> list[ValidationError]:
    """A record's `template` must name a template of its own form kind."""
    named = record.get("template")
    if not isinstance(named, str):
        return []
    from assistant.knowledge.templates import templates_for

    ids = [t["id"] for t in templates_for(form)]
    if named in ids:
        return []
    return [
        ValidationError(
            f"表样“{named}”不是{form}的表样。可用的表样：{'、'.join(ids)}。", path=("template",), validator="jixiao"
        )
    ]


def is_valid(record: Any) -> bool:
    return not record_errors(record)
