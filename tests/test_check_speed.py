"""`jixiao check FILE.json` loads only what checking a valid record needs: not
jsonschema (the compiled predicate says the record is valid), not the readers
of forms filled elsewhere, not what only writing or failing needs, and not
the dataclass machinery (its classes cost ~0.5 ms each to create, and it
imports `inspect`): the value objects a check makes are NamedTuples."""

import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

PROBE = """
import sys
from assistant.cli.main import main
code = main(["check", {record!r}])
heavy = (
    "jsonschema", "assistant.intake", "tempfile", "hashlib", "platformdirs", "textual", "docx", "openpyxl",
    "dataclasses", "inspect", "shutil",
)
print(code, sorted(m for m in sys.modules if m.split(".")[0] in heavy or m.startswith(heavy)))
"""


def probed(program: str, record: Path) -> str:
    """The last line a fresh process running `program` on `record` prints."""
    done = subprocess.run(
        [sys.executable, "-c", program.format(record=str(record))], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def loaded(record: Path) -> str:
    return probed(PROBE, record)


def test_checking_a_valid_record_file_loads_no_validator_reader_or_writer():
    assert loaded(FIXTURES / "good" / "project_network_leasing_2023.json") == "0 []"
    assert loaded(FIXTURES / "records" / "001_network_leasing.json") == "1 []"  # findings, but a valid record


def test_an_invalid_record_still_gets_jsonschemas_chinese_messages(tmp_path):
    record = (FIXTURES / "good" / "project_network_leasing_2023.json").read_text(encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(record.replace('"year": 2023', '"year": "2023"'), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli.main", "check", str(bad)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 1
    assert "schema.invalid" in out.stdout and "年度应为整数" in out.stdout


def test_the_help_is_as_wide_as_argparse_would_make_it(monkeypatch):
    """The parser finds the terminal width itself (argparse would import shutil for it):
    the same width as shutil's, with COLUMNS set, unset or nonsense."""
    import shutil

    from assistant.cli.parser import _width

    for columns in ("132", "0", "wide", None):
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        assert _width() == shutil.get_terminal_size().columns - 2


NO_FORWARD_REFS = """
import sys, typing
made = []
init = typing.ForwardRef.__init__
def counting(self, arg, *args, **kwargs):
    made.append(arg)
    init(self, arg, *args, **kwargs)
typing.ForwardRef.__init__ = counting
from assistant.cli.main import main
main(["check", {record!r}])
print(made)
"""


def test_a_check_turns_no_annotation_into_a_forward_reference():
    """A NamedTuple turns each string annotation into a typing.ForwardRef, whose
    compile() call initialises the AST types (~1.3 ms in a fresh process) and then
    costs ~10 us a field. So the modules that define the value objects a check makes
    do not use `from __future__ import annotations`, and write no annotation of a
    NamedTuple field as a string."""
    assert probed(NO_FORWARD_REFS, FIXTURES / "records" / "000_department.json") == "[]"
