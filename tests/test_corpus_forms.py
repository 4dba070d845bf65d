"""The 43 corpus forms as records (tests/fixtures/corpus/): each is a valid record
under its local template, and the checker raises no error a reviewer would not."""

import json
from pathlib import Path

import pytest

from assistant.knowledge.templates import record_template
from assistant.rules.schema import record_errors

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FILES = sorted(p.name for p in CORPUS.glob("*.json"))


def corpus(name: str) -> dict:
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def test_all_43_forms_are_fixtures_and_listed_in_the_readme():
    assert len(FILES) == 43
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name in FILES:
        assert f"`{name}`" in readme


@pytest.mark.parametrize("name", FILES)
def test_each_form_is_a_valid_record_under_its_template(name):
    record = corpus(name)
    assert record_errors(record) == []
    tmpl = record_template(record)
    assert tmpl["form"] == record["form"]
    assert record.get("template", tmpl["id"]) == tmpl["id"]


def test_every_form_kind_and_several_local_templates_are_covered():
    records = [corpus(n) for n in FILES]
    assert {r["form"] for r in records} == {"project-declaration", "self-evaluation", "department-declaration",
                                            "department-self-evaluation"}
    assert len({record_template(r)["id"] for r in records}) >= 12
