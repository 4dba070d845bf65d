"""The engine knows no UI: every layer below the TUI imports and runs without Textual."""

import subprocess
import sys

ENGINE_MODULES = ["assistant.values", "assistant.knowledge", "assistant.rules", "assistant.interview",
                  "assistant.interview.engine", "assistant.interview.replay"]

PROBE = """
import sys
sys.modules['textual'] = None  # any 'import textual' now fails
import importlib
for name in {modules!r}:
    importlib.import_module(name)
from assistant.rules import check
from assistant.fileio import load_file
assert check(load_file({record!r}))
assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules if sys.modules[m] is not None)
print('ok')
"""


def test_engine_layers_import_and_run_without_textual():
    from conftest import FIXTURES
    record = str(FIXTURES / "records" / "001_network_leasing.json")
    out = subprocess.run([sys.executable, "-c", PROBE.format(modules=ENGINE_MODULES, record=record)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


REPLAY_PROBE = """
import sys
sys.modules['textual'] = None
from assistant.interview.replay import replay, write_outputs
result = replay({transcript!r})
assert result.ok and result.finished
write_outputs(result, {out!r}, ("json", "md"))
assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules if sys.modules[m] is not None)
print('ok')
"""


def test_an_interview_replays_without_textual(tmp_path):
    from pathlib import Path
    transcript = str(Path(__file__).resolve().parent.parent / "transcripts" / "003_bookkeeping.jsonl")
    out = subprocess.run([sys.executable, "-c", REPLAY_PROBE.format(transcript=transcript, out=str(tmp_path))],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
