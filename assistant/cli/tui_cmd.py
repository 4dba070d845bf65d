"""`jixiao` and `jixiao new [--form project|department|self-eval]`: the chat UI."""

from __future__ import annotations

import sys

from assistant.records.home import HomeError, resolve_home


NOT_A_TERMINAL = ("jixiao 的对话界面要在终端窗口里运行（现在的输入或输出不是终端）。"
                  "其他用法见 jixiao --help。")


def in_terminal() -> bool:
    if sys.stdin.isatty() and sys.stdout.isatty():
        return True
    print(NOT_A_TERMINAL, file=sys.stderr)
    return False


def run_self_evaluation(record_id: str, form: str | None = None) -> int:
    """`jixiao new [--form self-eval|department-self-eval] --from ID`: a
    self-evaluation of a stored declaration (without --form, the one that
    follows the stored record's form)."""
    from assistant.interview.handlers.selfeval import self_evaluation_of, start_self_evaluation, stored_declaration
    from assistant.records import StoreError

    try:
        home = resolve_home(None)
        if form is None:
            form = self_evaluation_of(home, record_id)
        stored_declaration(home, record_id, form)     # a wrong id is said before anything opens
        if not in_terminal():
            return 2
        session = start_self_evaluation(home, record_id, form)
    except (HomeError, StoreError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from assistant.tui import run as run_tui

    return report(run_tui(home, offer_resume=False, resume=session.path))


def run(form: str | None, offer_resume: bool) -> int:
    from assistant.interview import workspace

    try:
        home = resolve_home(None)
    except HomeError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    workspace.complete_pending(home)    # a finalisation killed last time: finish it now
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
