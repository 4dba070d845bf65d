import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from assistant.fileio import load_file

# CI explores the same examples on every run, so a red build points at a change,
# not at a new random draw; local runs keep exploring (and their failures are
# kept as explicit @example cases).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

FIXTURES = Path(__file__).parent / "fixtures"
SEED_RECORDS = sorted((FIXTURES / "records").glob("*.json"))
GOOD_RECORDS = sorted((FIXTURES / "good").glob("*.json"))


def seed(name: str) -> dict:
    """A seed form encoded as a record (tests/fixtures/records/NAME.json)."""
    return load_file(FIXTURES / "records" / f"{name}.json")


def good(name: str) -> dict:
    """A corrected, reviewer-clean record (tests/fixtures/good/NAME.json)."""
    return load_file(FIXTURES / "good" / f"{name}.json")


def corpus(name: str) -> dict:
    """A published corpus form as a record (tests/fixtures/corpus/NAME.json)."""
    return load_file(FIXTURES / "corpus" / f"{name}.json")


@pytest.fixture
def tmp_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("JIXIAO_HOME", str(home))
    return home


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A home directory with its folders, as JIXIAO_HOME (the UI tests' home)."""
    path = tmp_path / "home"
    for name in ("db", "transcripts", "exports"):
        (path / name).mkdir(parents=True)
    monkeypatch.setenv("JIXIAO_HOME", str(path))
    return path
