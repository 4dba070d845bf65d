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

# The answers that open two real project interviews, up to their first goal
# (tests/fixtures/openings.json, which bench/bench_kb.py reads too):
# 社保专线网络租赁费 (seed 001) as a hurried clerk gives them: Enter for the defaults,
# the spending plan skipped …
_OPENINGS = json.loads((FIXTURES / "openings.json").read_text(encoding="utf-8"))
NETWORK_OPENING = _OPENINGS["network"]
# … and stated in full: 延续项目, one year, the quarterly plan.
NETWORK_OPENING_STATED = [*NETWORK_OPENING[:4], "", "延续项目", "1年", "48万，全部财政拨款", "25 50 75 100"]
# 农村饮水安全工程维修养护经费 of a county water bureau.
WATER_OPENING = _OPENINGS["water"]

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
