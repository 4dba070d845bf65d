"""Is a record valid? A JSON Schema compiled into one predicate, for the
keywords jixiao's schemas use (Draft 2020-12, as jsonschema reads them).

Only the yes/no is computed, ~20× faster than jsonschema's `iter_errors` and
without importing jsonschema: most records checked are valid, so `check FILE`
and replay skip jsonschema altogether. When a record is invalid, jsonschema
itself lists the errors (rules.schema.record_errors), so every message stays
as it was. A keyword this compiler does not know raises `Unsupported` when the
schema is compiled, never a wrong answer; tests/test_rules_validity.py keeps
the predicate equal to jsonschema on real and mutated records.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Predicate = Callable[[Any], bool]

# Keywords that say nothing about validity.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "then", "else"}
)


class Unsupported(ValueError):
    """The schema uses a keyword the compiler does not implement."""


def compile_schema(schema: Any) -> Predicate:
    """The predicate of `schema` (its `$ref`s resolved inside it)."""
    return _Compiler(schema).compile(schema)


# -- the types, as jsonschema's Draft 2020-12 type checker defines them
def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


def _is_integer(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


_TYPES: dict[str, Predicate] = {
    "array": lambda x: isinstance(x, list),
    "boolean": lambda x: isinstance(x, bool),
    "integer": _is_integer,
    "null": lambda x: x is None,
    "number": _is_number,
    "object": lambda x: isinstance(x, dict),
    "string": lambda x: isinstance(x, str),
}


def _equal(one: Any, two: Any) -> bool:
    """JSON equality as jsonschema's `enum` and `const` use it: True is not 1."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    if isinstance(one, bool) or isinstance(two, bool):
        return False  # `one is two` was not true
    return bool(one == two)


def _all(predicates: list[Predicate]) -> Predicate:
    if not predicates:
        return lambda x: True
    if len(predicates) == 1:
        return predicates[0]

    def every(x: Any) -> bool:
        for predicate in predicates:
            if not predicate(x):
                return False
        return True

    return every


class _Compiler:
    def __init__(self, root: Any):
        self.root = root
        self.refs: dict[str, Predicate] = {}

    def compile(self, schema: Any) -> Predicate:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, dict):
            raise Unsupported(f"not a schema: {schema!r}")
        unknown = schema.keys() - _KEYWORDS.keys() - _ANNOTATIONS
        if unknown:
            raise Unsupported(f"keywords not compiled: {sorted(unknown)}")
        return _all([build(self, schema[key], schema) for key, build in _KEYWORDS.items() if key in schema])

    def ref(self, ref: Any, schema: dict) -> Predicate:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise Unsupported(f"only local $ref: {ref!r}")
        if ref not in self.refs:
            target = self.root
            for part in ref[1:].split("/")[1:]:
                target = target[part.replace("~1", "/").replace("~0", "~")]
            self.refs[ref] = lambda x: True  # a recursive schema refers to itself while compiling
            self.refs[ref] = self.compile(target)
        refs = self.refs
        return lambda x: refs[ref](x)


def _type(c: _Compiler, value: Any, schema: dict) -> Predicate:
    checks = tuple(_TYPES[t] for t in (value if isinstance(value, list) else [value]))
    if len(checks) == 1:
        return checks[0]
    return lambda x: any(check(x) for check in checks)


def _properties(c: _Compiler, value: dict, schema: dict) -> Predicate:
    items = [(name, c.compile(sub)) for name, sub in value.items()]

    def properties(x: Any) -> bool:
        if isinstance(x, dict):
            for name, predicate in items:
                if name in x and not predicate(x[name]):
                    return False
        return True

    return properties


def _additional(c: _Compiler, value: Any, schema: dict) -> Predicate:
    known = frozenset(schema.get("properties", ()))
    if value is False:
        return lambda x: not isinstance(x, dict) or x.keys() <= known
    predicate = c.compile(value)
    return lambda x: not isinstance(x, dict) or all(predicate(v) for k, v in x.items() if k not in known)


def _required(c: _Compiler, value: list, schema: dict) -> Predicate:
    names = tuple(value)
    return lambda x: not isinstance(x, dict) or all(name in x for name in names)


def _enum(c: _Compiler, value: list, schema: dict) -> Predicate:
    if all(isinstance(v, str) for v in value):
        allowed = frozenset(value)
        return lambda x: isinstance(x, str) and x in allowed
    return lambda x: any(_equal(v, x) for v in value)


def _bound(test: Callable[[Any, Any], bool]) -> Callable[[_Compiler, Any, dict], Predicate]:
    def build(c: _Compiler, limit: Any, schema: dict) -> Predicate:
        return lambda x: not _is_number(x) or test(x, limit)

    return build


def _items(c: _Compiler, value: Any, schema: dict) -> Predicate:
    predicate = c.compile(value)
    return lambda x: not isinstance(x, list) or all(predicate(item) for item in x)


def _pattern(c: _Compiler, value: str, schema: dict) -> Predicate:
    search = re.compile(value).search
    return lambda x: not isinstance(x, str) or search(x) is not None


def _one_of(c: _Compiler, value: list, schema: dict) -> Predicate:
    predicates = [c.compile(sub) for sub in value]
    return lambda x: sum(1 for predicate in predicates if predicate(x)) == 1


def _if(c: _Compiler, value: Any, schema: dict) -> Predicate:
    condition = c.compile(value)
    then = c.compile(schema.get("then", True))
    otherwise = c.compile(schema.get("else", True))
    return lambda x: then(x) if condition(x) else otherwise(x)


_KEYWORDS: dict[str, Callable[[_Compiler, Any, dict], Predicate]] = {
    "type": _type,
    "const": lambda c, value, schema: lambda x: _equal(x, value),
    "enum": _enum,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional,
    "minimum": _bound(lambda x, limit: not x < limit),
    "maximum": _bound(lambda x, limit: not x > limit),
    "exclusiveMinimum": _bound(lambda x, limit: not x <= limit),
    "exclusiveMaximum": _bound(lambda x, limit: not x >= limit),
    "minLength": lambda c, value, schema: lambda x: not isinstance(x, str) or len(x) >= value,
    "maxLength": lambda c, value, schema: lambda x: not isinstance(x, str) or len(x) <= value,
    "pattern": _pattern,
    "items": _items,
    "$ref": lambda c, value, schema: c.ref(value, schema),
    "allOf": lambda c, value, schema: _all([c.compile(sub) for sub in value]),
    "anyOf": lambda c, value, schema: (lambda ps: lambda x: any(p(x) for p in ps))([c.compile(s) for s in value]),
    "oneOf": _one_of,
    "if": _if,
}
