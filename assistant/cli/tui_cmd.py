"""`jixiao` and `jixiao new [--form project|department|self-eval]`: the chat UI."""

from __future__ import annotations

import sys

from assistant.records.home import HomeError, resolve_home

NOT_A_TERMINAL = "jixiao 的对话界面要在终端窗口里运行（现在的输入或输出不是终端）。其他用法见 jixiao --help。"


def in_terminal() -> bool:
    if sys.stdin.isatty() and sys.stdout.isatty():
        return True
    print(NOT_A_TERMINAL, file=sys.stderr)
    return False


def run_self_evaluation(record_id: str, form: str | None = None) -> int:
    """`jixiao new [--form self-eval|department-self-eval] --from ID`: a
    self-evaluation of a stored declaration (without --form, the one that
    follows the stored record's form)."""
    from assistant.interview.self_evaluation_start import self_evaluation_of, start_self_evaluation, stored_declaration
    from assistant.records import StoreError

    try:
        home = resolve_home(None)
        if form is None:
            form = self_evaluation_of(home, record_id)
        stored_declaration(home, record_id, form)  # a wrong id is said before anything opens
        if not in_terminal():
            return 2
        session = start_self_evaluation(home, record_id, form)
    except (HomeError, StoreError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from assistant.tui import run as run_tui

    return report(run_tui(home, offer_resume=False, resume=session.path))


def run_from_file(source: str, form: str | None) -> int:
    """`jixiao new --from FILE[#N]`: last year's form (any readable file) is the
    starting record; the interview opens on it and asks what is missing or wrong.
    `--form self-eval` with a project declaration starts its self-evaluation."""
    from assistant.forms import kind_of
    from assistant.intake import IntakeError
    from assistant.intake.start import starting_record
    from assistant.interview import workspace

    path, pick = split_pick(source)
    full = workspace.FORM_ALIASES.get(form, form) if form else None
    # a self-evaluation starts from last year's self-evaluation or its declaration
    kind = kind_of(full)
    wanted = (kind.id, kind.source_form) if kind is not None and kind.source_form else full
    try:
        home = resolve_home(None)
        start = starting_record(path, form=wanted, pick=pick)
    except (HomeError, IntakeError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if start.others:
        print(
            f"{path} 里还有 {len(start.others)} 张表（{'、'.join(start.others[:5])}"
            f"{' 等' if len(start.others) > 5 else ''}）；用 --from {path}#序号 选择另一张。",
            file=sys.stderr,
        )
    for where, message in start.problems:
        print(f"读入提示：{where}：{message}", file=sys.stderr)
    errors = sum(1 for f in start.findings if f.severity == "error")
    print(
        f"从“{start.name}”开始：{errors} 个错误、{len(start.findings) - errors} 个警告/提示，界面里逐一处理。",
        file=sys.stderr,
    )
    if not in_terminal():
        return 2
    session = workspace.start_session(home, full or start.record.get("form"), source=start.record)
    from assistant.tui import run as run_tui

    return report(run_tui(home, offer_resume=False, resume=session.path))


def split_pick(source: str) -> tuple[str, int | None]:
    """`表.xlsx#3` → (表.xlsx, 3): the third form of a file holding several."""
    head, sep, tail = source.rpartition("#")
    return (head, int(tail)) if sep and tail.isdigit() else (source, None)


def run(form: str | None, offer_resume: bool) -> int:
    from assistant.interview import workspace

    try:
        home = resolve_home(None)
    except HomeError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    workspace.complete_pending(home)  # a finalisation killed last time: finish it now
    full = workspace.FORM_ALIASES.get(form, form) if form else None
    if full is not None:
        try:
            workspace.check_plan(full)
        except workspace.PlanMissing as exc:
            print(str(exc), file=sys.stderr)
            return 2
    if not in_terminal():
        return 2
    from assistant.tui import run as run_tui

    result = run_tui(home, full, offer_resume=offer_resume)
    return report(result)


def report(result) -> int:
    """What stays on the terminal after the screen closes."""
    if result is None or result.status == "quit":
        print("已退出。回答都已保存，下次运行 jixiao 可以接着填。")
        return 0
    if result.status == "final":
        print(f"已定稿，记录编号 {result.record_id}。表格：")
        for path in result.paths:
            print(f"  {path}")
        return 0
    if result.status == "draft":
        where = f"（草稿 {result.record_id}）" if result.record_id else ""
        print(f"已保存{where}。下次运行 jixiao 可以从这里接着填。")
        return 0
    print(result.message or "没有完成。", file=sys.stderr)
    return 1
