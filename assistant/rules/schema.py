"""JSON Schema validation of records and knowledge files (Draft 2020-12).

A record is first tested with the schema's compiled predicate
(rules.validity); jsonschema is imported and run only to list the errors of a
record that fails it, so the messages are jsonschema's as before."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from assistant.forms import FORM_IDS as FORM_KINDS
from assistant.paths import schemas_dir
from assistant.rules.validity import Predicate, Unsupported, compile_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def schema(schema_name: str) -> dict[str, Any]:
    path = schemas_dir() / f"{schema_name}.schema.json"
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@cache
def validator(schema_name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    # The shipped schemas are checked against the metaschema by the test suite
    # (tests/test_knowledge.py), not on every start: that costs 20 ms a process.
    return Draft202012Validator(schema(schema_name))


@cache
def predicate(schema_name: str, part: str | None = None) -> Predicate | None:
    """Is an instance valid against the schema (or its `$defs` entry `part`)?
    None if the schema uses a keyword rules.validity does not compile."""
    whole = schema(schema_name)
    target = whole if part is None else {"$ref": f"#/$defs/{part}", "$defs": whole["$defs"]}
    try:
        return compile_schema(target)
    except Unsupported:
        return None


def record_errors(record: Any) -> list[ValidationError]:
    """Schema errors of a record, best-first. A non-record gives one error."""
    if not isinstance(record, dict):
        return [_own_error("记录文件的顶层必须是一个 JSON 对象。", ())]
    form = record.get("form")
    if form not in FORM_KINDS:
        return [_own_error(f"form 字段应为 {'、'.join(FORM_KINDS)} 之一，现在是 {form!r}。", ("form",))]
    if _surely_valid(form, record):
        errors = []
    else:
        errors = sorted(validator(form).iter_errors(record), key=lambda e: list(e.absolute_path))
    return errors + _template_errors(record, form)


def _surely_valid(schema_name: str, instance: Any) -> bool:
    test = predicate(schema_name)
    try:
        return test is not None and test(instance)
    except Exception:  # noqa: BLE001 - e.g. a Decimal NaN compared: jsonschema decides
        return False


def _own_error(message: str, path: tuple) -> ValidationError:
    from jsonschema.exceptions import ValidationError

    return ValidationError(message, path=path, validator="jixiao")


def _template_errors(record: dict, form: str) -> list[ValidationError]:
    """A record's `template` must name a template of its own form kind."""
    named = record.get("template")
    if not isinstance(named, str):
        return []
    from assistant.knowledge.templates import templates_for

    ids = [t["id"] for t in templates_for(form)]
    if named in ids:
        return []
    return [_own_error(f"表样“{named}”不是{form}的表样。可用的表样：{'、'.join(ids)}。", ("template",))]


def is_valid(record: Any) -> bool:
    return not record_errors(record)
