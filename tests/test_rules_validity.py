"""The compiled schema predicate (rules.validity) says valid exactly when
jsonschema finds no error: on every fixture record and on records mutated at
any place (a value replaced, a key dropped or added)."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.forms import FORM_IDS
from assistant.rules.schema import predicate, record_errors, validator
from assistant.rules.validity import Unsupported, compile_schema

FIXTURES = Path(__file__).parent / "fixtures"
RECORDS = sorted(
    [*(FIXTURES / "records").glob("*.json"), *(FIXTURES / "good").glob("*.json"), *(FIXTURES / "corpus").glob("*.json")]
)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def agrees(form, instance):
    jsonschema_valid = not list(validator(form).iter_errors(instance))
    assert predicate(form)(instance) == jsonschema_valid, instance
    return jsonschema_valid


def test_every_record_schema_and_transcript_part_compiles():
    for form in FORM_IDS:
        assert predicate(form) is not None, form
    for part in ("header", "event", "refusal"):
        assert predicate("transcript", part) is not None, part


def test_fixture_records_agree_with_jsonschema():
    assert len(RECORDS) > 20
    valid = [agrees(record["form"], record) for record in map(load, RECORDS) if record.get("form") in FORM_IDS]
    assert any(valid) and len(valid) > 20


def _places(value, path=()):
    """Every path into a record: dict keys and list indices."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, (*path, index))


_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.decimals(min_value=-10, max_value=3000, places=2),
    st.sampled_from(["", "产出指标", "数量指标", "≥95%", "classic", "central", "年度", "优", "project-declaration"]),
    st.text(max_size=4),
)
_value = st.recursive(
    _leaf,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2),
    max_leaves=4,
)
SAMPLES = [load(path) for path in RECORDS[:: max(1, len(RECORDS) // 12)]]


@given(st.data())
@settings(max_examples=400, deadline=None)
def test_mutated_records_agree_with_jsonschema(data):
    record = copy.deepcopy(data.draw(st.sampled_from(SAMPLES)))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(_places(record))[1:]))
        *parent_path, last = path
        parent = record
        for part in parent_path:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "drop", "add"]))
        if action == "replace":
            parent[last] = data.draw(_value)
        elif action == "drop" and isinstance(parent, dict):
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "name", "value", "mid_term", "level1"]))] = data.draw(_value)
    if record.get("form") in FORM_IDS:
        agrees(record["form"], record)


def test_the_types_and_equality_are_jsonschemas():
    assert compile_schema({"type": "integer"})(2.0) and not compile_schema({"type": "integer"})(Decimal("2"))
    assert not compile_schema({"type": "number"})(True) and compile_schema({"type": "number"})(Decimal("1.5"))
    assert not compile_schema({"enum": [1, 2]})(True) and compile_schema({"enum": [1, 2]})(1.0)
    assert not compile_schema({"const": False})(0) and compile_schema({"const": [1, "a"]})([1, "a"])
    assert not compile_schema({"oneOf": [{"type": "number"}, {"minimum": 0}]})(5)  # both match: not one
    assert compile_schema({"minimum": 3})("a string is not compared")


def test_a_keyword_not_compiled_is_refused_not_guessed():
    with pytest.raises(Unsupported):
        compile_schema({"type": "array", "uniqueItems": True})
    with pytest.raises(Unsupported):
        compile_schema({"$ref": "https://elsewhere.example/schema.json"})


def test_an_invalid_record_still_gets_jsonschemas_errors():
    record = load(FIXTURES / "good" / "project_network_leasing_2023.json")
    assert record_errors(record) == []
    record["year"] = "2023"
    record["surplus"] = 1
    kinds = sorted(e.validator for e in record_errors(record))
    assert kinds == ["additionalProperties", "type"]


def test_seeded_mutations_make_valid_and_invalid_records_and_agree():
    import random

    rng = random.Random(7)
    swaps = [None, True, 0, -1, 2.5, Decimal("12.34"), "", "≥95%", [], {}, {"extra": 1}, ["产出指标"]]
    verdicts = []
    for sample in SAMPLES:
        for _ in range(40):
            record = copy.deepcopy(sample)
            *parent_path, last = rng.choice(list(_places(record))[1:])
            parent = record
            for part in parent_path:
                parent = parent[part]
            if isinstance(parent, dict) and rng.random() < 0.3:
                del parent[last]
            else:
                parent[last] = rng.choice(swaps)
            verdicts.append(agrees(sample["form"], record))
    assert 0 < sum(verdicts) < len(verdicts)
