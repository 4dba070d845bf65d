"""Bad input from users: odd digits in answers, hostile files and arguments.
Whatever comes in, the answer is a Chinese message, never a traceback."""

import copy
from pathlib import Path

import pytest

from assistant.interview.engine import Interview
from assistant.interview.transcript import read
from assistant.values.user_numbers import ascii_digits, choice_number, user_int, user_ints

EXAMPLES = sorted((Path(__file__).parent.parent / "transcripts").glob("*.jsonl"))
ODD_DIGITS = ["²", "①", "2²", "¹²", "⑩", "Ⅻ", "１", "٣", "2" * 5000]


@pytest.mark.parametrize(
    "text, number",
    [
        ("2", 2),
        (" 12 ", 12),
        ("１２", 12),
        ("٣", 3),
        ("०७", 7),
        ("²", None),
        ("①", None),
        ("2²", None),
        ("⑩", None),
        ("Ⅻ", None),
        ("", None),
        ("-1", None),
        ("1.5", None),
        ("2" * 5000, None),
        (None, None),
        (3, None),
    ],
)
def test_user_int_reads_decimal_digits_of_any_script_and_nothing_else(text, number):
    assert user_int(text) == number


def test_choice_numbers_are_bounded_by_the_choices():
    assert choice_number("3", 3) == 3 and choice_number("4", 3) is None and choice_number("0", 3) is None
    assert user_ints(["1", "３"], 3) == [1, 3] and user_ints(["1", "²"], 3) is None and user_ints([], 3) is None
    assert ascii_digits("２０２３年²①") == "2023年²①"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_odd_digits_at_every_question_of_every_example_never_raise(path):
    """Walk each example interview (all forms); at every question, first try each
    odd number on a copy of the interview: it is an answer or a refusal, never an error."""
    transcript = read(path)
    interview = Interview(transcript.header.get("form"), source=transcript.header.get("source"))
    for number, (_, event) in enumerate(transcript.events):
        if number % 3 == 0:  # every third question keeps the test quick
            for text in ODD_DIGITS:
                probe = copy.copy(interview)
                probe.state = copy.deepcopy(interview.state)
                reply = probe.answer(probe.resolve(text))
                assert reply.message is None or isinstance(reply.message, str)
        interview.answer(event["answer"])


# --------------------------------------------------------------------------
# the command line: every bad input is a Chinese message and exit 2

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from conftest import FIXTURES  # noqa: E402

from assistant.cli.main import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOOD = FIXTURES / "good"
PROJECT = (GOOD / "project_network_leasing_2023.json").read_text(encoding="utf-8")
SELFEVAL = (GOOD / "selfeval_investigation_2022.json").read_text(encoding="utf-8")


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "Traceback" not in out.out
    return code, out.out, out.err


def _deep(n: int) -> str:
    return '{"form": "project-declaration", "x": ' + "[" * n + "]" * n + "}"


BAD_FILES = {
    "nested 2000 deep": _deep(2000),
    "nested 100 deep": _deep(100),
    "5000-digit number": PROJECT.replace('"year": 2023', '"year": ' + "9" * 5000, 1),
    "form is a list": PROJECT.replace('"form": "project-declaration"', '"form": ["x"]', 1),
    "NaN money": PROJECT.replace('"total": 48', '"total": NaN', 1),
    "1e400 money": PROJECT.replace('"total": 48', '"total": 1e400', 1),
    "Infinity money": PROJECT.replace('"total": 48', '"total": Infinity', 1),
    "NaN weight": SELFEVAL.replace('"weight": 10', '"weight": NaN', 1),
    "1e400 weight": SELFEVAL.replace('"weight": 10', '"weight": 1e400', 1),
    "-Infinity weight": SELFEVAL.replace('"weight": 10', '"weight": -Infinity', 1),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_hostile_record_file_is_refused_by_check_and_import_alike(tmp_path, tmp_home, capsys, name):
    assert BAD_FILES[name] not in (PROJECT, SELFEVAL)
    path = tmp_path / "bad.json"
    path.write_text(BAD_FILES[name], encoding="utf-8")
    for command in (["check", str(path)], ["check", str(path), "--json"], ["import", str(path)]):
        code, _, err = run_cli(capsys, *command)
        assert code == 2 and _chinese(err), (command, err)
    assert run_cli(capsys, "list")[1].startswith("还没有保存的记录")


def test_a_lone_surrogate_and_control_characters_are_printed_escaped(tmp_path, tmp_home, capsys):
    path = tmp_path / "odd.json"
    path.write_text(PROJECT.replace("社保专线网络租赁费", "社保\\ud800专线\\u001b[31m租赁费", 1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli.main", "check", str(path)],
        capture_output=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        cwd=ROOT,
    )
    assert done.returncode in (0, 1) and b"Traceback" not in done.stderr and b"\\ud800" in done.stdout
    code, _, err = run_cli(capsys, "import", str(path))
    assert code == 2 and "无法保存的字符（\\ud800" in err
    path.write_text(PROJECT.replace("社保专线网络租赁费", "社保专线\\u001b[31m租赁费", 1), encoding="utf-8")
    assert run_cli(capsys, "import", str(path))[0] == 0
    code, out, _ = run_cli(capsys, "list")
    assert "\x1b" not in out and "\\x1b[31m" in out


def test_check_of_a_device_is_refused_not_read_whole(capsys, tmp_path):
    code, _, err = run_cli(capsys, "check", "/dev/zero")  # no extension: not a form file at all
    assert code == 2 and "不认识的文件类型" in err
    endless = tmp_path / "endless.json"
    endless.symlink_to("/dev/zero")  # a device behind a record's name
    code, _, err = run_cli(capsys, "check", str(endless))
    assert code == 2 and "太大" in err


@pytest.mark.parametrize("out", ["/dev/null", "FILE/sub", "a" * 5000, "/".join(["d"] * 2000), "/proc/jixiao"])
def test_a_bad_out_directory_is_said_in_chinese(tmp_path, tmp_home, capsys, out):
    (tmp_path / "FILE").write_text("x")
    target = out.replace("FILE", str(tmp_path / "FILE")) if out.startswith("FILE") else out
    if target.startswith("d/"):
        target = str(tmp_path / target)
    transcript = ROOT / "transcripts" / "001_network_leasing.jsonl"
    code, _, err = run_cli(capsys, "replay", str(transcript), "--out", target, "--format", "json")
    assert code == 2 and _chinese(err), err
    run_cli(capsys, "import", str(GOOD / "project_network_leasing_2023.json"))
    code, _, err = run_cli(capsys, "export", "2023-0001", "--out", target, "--format", "json")
    assert code == 2 and _chinese(err), err


def test_a_closed_pipe_ends_list_and_kb_search_quietly(tmp_home, capsys):
    run_cli(capsys, "import", str(GOOD / "project_network_leasing_2023.json"))
    for args in (["list"], ["kb", "search", "专线", "--limit", "50"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli.main", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(os.environ, JIXIAO_HOME=str(tmp_home)),
            cwd=ROOT,
        )
        proc.stdout.close()  # `| head` that has already quit
        err = proc.stderr.read().decode("utf-8", "replace")
        assert proc.wait() == 0 and "Traceback" not in err and "BrokenPipe" not in err, err


def test_a_negative_value_is_a_value_not_an_option(tmp_home, capsys):
    run_cli(capsys, "import", str(GOOD / "project_network_leasing_2023.json"))
    code, out, err = run_cli(capsys, "fix", "2023-0001", "--indicator", "村卫生室专线数量", "--value", "-5个")
    assert "需要一个值" not in err and code in (0, 1) and _chinese(err + out)


def test_store_directories_of_the_wrong_kind_are_said_in_chinese(tmp_home, capsys):
    run_cli(capsys, "import", str(GOOD / "project_network_leasing_2023.json"))
    index = tmp_home / "db" / "index.json"
    index.unlink(missing_ok=True)
    index.mkdir()  # db/index.json a directory: rebuilt in memory
    code, out, _ = run_cli(capsys, "list")
    assert code == 0 and "社保专线网络租赁费" in out
    records = tmp_home / "db" / "records"
    records.rename(tmp_home / "db" / "moved")
    records.write_text("not a directory")  # db/records a file
    for command in (["list"], ["show", "2023-0001"], ["import", str(GOOD / "department_2022.json")]):
        code, _, err = run_cli(capsys, *command)
        assert code == 2 and _chinese(err), (command, err)


def test_an_unexpected_error_is_logged_and_said_in_chinese(tmp_home, capsys, monkeypatch):
    from assistant.cli import records_cmd

    def broken(store, args):
        raise KeyError("boom")

    monkeypatch.setitem(records_cmd.COMMANDS, "list", broken)
    code, _, err = run_cli(capsys, "list")
    assert code == 2 and "程序内部出错（KeyError）" in err
    logs = list((tmp_home / "logs").glob("error-*.log"))
    assert len(logs) == 1 and "KeyError: 'boom'" in logs[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["truncated", "garbled", "empty", "directory"])
def test_one_damaged_record_among_many_is_named_and_skipped(tmp_home, capsys, damage):
    for name in ("project_network_leasing_2023", "project_labour_dispatch_2022", "department_2022"):
        assert run_cli(capsys, "import", str(GOOD / f"{name}.json"))[0] == 0
    listed = {line.split()[0]: line for line in run_cli(capsys, "list")[1].splitlines() if line[:1].isdigit()}
    assert len(listed) == 3
    broken = tmp_home / "db" / "records" / "2022-0001.json"
    content = broken.read_bytes()
    if damage == "truncated":
        broken.write_bytes(content[: len(content) // 2])
    elif damage == "garbled":
        broken.write_bytes(content[:100] + b"\x00\xff" * 50 + content[200:])
    elif damage == "empty":
        broken.write_bytes(b"")
    else:
        broken.unlink()
        broken.mkdir()
    damaged = broken.read_bytes() if broken.is_file() else None
    code, out, err = run_cli(capsys, "list")
    assert code == 0 and "2022-0001" in err and "已跳过" in err
    assert {line.split()[0] for line in out.splitlines() if line[:1].isdigit()} == set(listed) - {"2022-0001"}
    assert run_cli(capsys, "show", "2023-0001")[0] in (0, 1)
    code, _, err = run_cli(capsys, "show", "2022-0001")
    assert code == 2 and "2022-0001" in err
    code, out, _ = run_cli(capsys, "import", str(GOOD / "selfeval_investigation_2022.json"))
    assert code == 0 and "2022-0003" in out  # the damaged id is not handed out again
    code, out, _ = run_cli(capsys, "fix", "2023-0001", "--indicator", "参保群众满意度", "--value", "≥95%")
    assert code in (0, 1) and "已修改" in out
    if damage == "directory":
        assert broken.is_dir()
    else:
        assert broken.read_bytes() == damaged  # left as it was, never rewritten


@pytest.fixture
def read_only_home(tmp_path):
    """A home on a tmpfs remounted read-only (needs root, as in CI)."""
    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_reads_work_on_read_only_media(read_only_home, capsys, monkeypatch):
    monkeypatch.setenv("JIXIAO_HOME", str(read_only_home))
    for name in ("project_network_leasing_2023", "department_2022"):
        assert run_cli(capsys, "import", str(GOOD / f"{name}.json"))[0] == 0
    (read_only_home / "db" / "index.json").unlink()  # stale index: must be rebuilt in memory
    done = subprocess.run(["mount", "-o", "remount,ro", str(read_only_home)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.strip()}")
    code, out, _ = run_cli(capsys, "list")
    assert code == 0 and "社保专线网络租赁费" in out and "共 2 份" in out
    assert run_cli(capsys, "history", "2023-0001")[0] == 0
    assert run_cli(capsys, "show", "2023-0001")[0] in (0, 1)
    code, _, err = run_cli(capsys, "import", str(GOOD / "project_labour_dispatch_2022.json"))
    assert code == 2 and "只读" in err


# --------------------------------------------------------------------------
# the chat screen: never a traceback, the interview goes on

from test_tui import answer, make_app, notes, question, send_keys, until  # noqa: E402


@pytest.fixture
def ui_home(tmp_path, monkeypatch):
    path = tmp_path / "home"
    for name in ("db", "transcripts", "exports"):
        (path / name).mkdir(parents=True)
    monkeypatch.setenv("JIXIAO_HOME", str(path))
    return path


async def test_odd_digits_typed_where_choices_are_listed_do_not_crash_the_ui(ui_home):
    app = make_app(ui_home, form=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None, "the form question")
        for text in ("²", "①", "2²", "１"):
            send_keys(app, list(text))
            await pilot.pause()
            send_keys(app, ["backspace"] * len(text))
            await pilot.pause()
        await answer(pilot, "１")  # fullwidth 1: the first form
        assert app.session.interview.form == "project-declaration"
        await answer(pilot, "2023")
        await answer(pilot, "社保专线网络租赁费")
        for _ in range(2):
            await answer(pilot, "")
        await answer(pilot, "")  # the attribute question lists choices
        send_keys(app, ["²"])
        await pilot.pause()
        await answer(pilot, "")
    assert app.return_code in (0, None)


async def test_an_unexpected_error_is_logged_said_and_the_interview_goes_on(ui_home, monkeypatch):
    from assistant.interview.engine import Interview

    app = make_app(ui_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None, "the first question")
        await answer(pilot, "2023")
        real = Interview.answer

        def broken(self, text):
            if text == "社保专线网络租赁费":
                raise ZeroDivisionError("a bug")
            return real(self, text)

        monkeypatch.setattr(Interview, "answer", broken)
        await answer(pilot, "社保专线网络租赁费")
        said = notes(app, "error")
        assert any("意外的问题（ZeroDivisionError）" in text and "logs" in text for text in said), said
        logs = list((ui_home / "logs").glob("error-*.log"))
        assert logs and "ZeroDivisionError: a bug" in logs[0].read_text(encoding="utf-8")
        monkeypatch.undo()
        assert question(app).key == "project.name"  # the step did not take effect
        await answer(pilot, "社保专线网络租赁费")
        assert question(app).key == "project.code"


async def test_keys_typed_before_the_answer_box_has_focus_are_kept(ui_home):
    app = make_app(ui_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session is not None and question(app) is not None, "the first question")
        app.set_focus(None)  # as in the first moments after start
        await answer(pilot, "2023")
        assert [e["text"] for _, e in read(app.session.path).events] == ["2023"]
        assert question(app).key == "project.name"
