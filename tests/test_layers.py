"""The engine knows no UI: every module below the TUI imports and runs without
Textual or Rich (pyproject's import-linter contracts say the same statically),
and no module imports itself round a cycle."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import assistant

ENGINE_PACKAGES = ("values", "knowledge", "rules", "intake", "records", "render", "interview")
# Every leaf module, not the packages: their lazy __init__ files load nothing.
ENGINE_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages([str(Path(assistant.__file__).parent)], "assistant.")
    if info.name.split(".")[1] in ENGINE_PACKAGES
)

PROBE = """
import sys
sys.modules['textual'] = None  # any 'import textual' now fails
sys.modules['rich'] = None
import importlib
for name in {modules!r}:
    importlib.import_module(name)
from assistant.rules import check
from assistant.fileio import load_file
assert check(load_file({record!r}))
ui = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') and sys.modules[m] is not None]
assert not ui, ui
print('ok')
"""


def test_no_import_cycles():
    import grimp

    graph = grimp.build_graph("assistant", exclude_type_checking_imports=True)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("assistant") and graph.chain_exists(imported=module, importer=imported):
                cycles.append((module, imported))
    assert cycles == []


def test_engine_layers_import_and_run_without_textual():
    from conftest import FIXTURES

    record = str(FIXTURES / "records" / "001_network_leasing.json")
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(modules=ENGINE_MODULES, record=record)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


REPLAY_PROBE = """
import sys
sys.modules['textual'] = None
sys.modules['rich'] = None
from assistant.interview.replay import replay, write_outputs
result = replay({transcript!r})
assert result.ok and result.finished
write_outputs(result, {out!r}, ("json", "md"))
ui = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') and sys.modules[m] is not None]
assert not ui, ui
print('ok')
"""


def test_an_interview_replays_without_textual(tmp_path):
    from pathlib import Path

    transcript = str(Path(__file__).resolve().parent.parent / "transcripts" / "003_bookkeeping.jsonl")
    out = subprocess.run(
        [sys.executable, "-c", REPLAY_PROBE.format(transcript=transcript, out=str(tmp_path))],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_no_module_is_over_400_lines():
    """Small modules with one job: a module that grows past 400 lines is split by responsibility."""
    root = Path(assistant.__file__).parent
    long = {
        str(path.relative_to(root)): lines
        for path in root.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
