"""The `jixiao` command."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Any

from assistant import __version__

if TYPE_CHECKING:
    from assistant.cli.parser import ChineseArgumentParser

# Subcommand modules are imported when their command runs: bare `jixiao`
# should show the UI without first loading the rules, the store and jsonschema.
# Even the parser's modules are imported in main(), once the collector is set
# for start-up (_START_UP_THRESHOLD).

# Start-up makes some 10^5 objects that live as long as the command: modules,
# functions, the knowledge base, compiled patterns. At the default threshold
# (a young collection every 700 allocations) the collector scans them again
# and again, ~7 ms of a `check FILE`. A command runs with this threshold
# instead; garbage cycles are still collected, in fewer, larger batches.
_START_UP_THRESHOLD = 50_000


class _Unused:
    """Stands for the parser of a command that is not being run: nothing is added to it."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        return None

    def add_parser(self, *args: Any, **kwargs: Any) -> _Unused:
        return self

    def add_subparsers(self, *args: Any, **kwargs: Any) -> _Unused:
        return self


class _OnlyCommand:
    """The subcommands, of which only `only`'s parser is built (argparse spends
    ~0.3 ms and several gettext look-ups on each, which `check FILE` would pay)."""

    def __init__(self, commands: Any, only: str):
        self.commands, self.only = commands, only

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self.commands.add_parser(name, **kwargs) if name == self.only else _Unused()


def command_of(argv: list[str]) -> str | None:
    """The command `argv` runs when that is plain to see (only --home before it);
    None when the whole parser is needed: help, the version, an unknown word."""
    from assistant.cli import records_cmd

    commands = ("new", "check", "replay", "review", *records_cmd.COMMANDS, "kb")
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--home":
            skip = True
        elif not arg.startswith("--home="):
            return arg if arg in commands else None
    return None


def build_parser(only: str | None = None) -> ChineseArgumentParser:
    """The command line; with `only`, the parser of that command alone."""
    from assistant.cli import records_cmd
    from assistant.cli.parser import ChineseArgumentParser

    parser = ChineseArgumentParser(prog="jixiao", description="绩效目标申报表、绩效自评表填报助手（离线）")
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}", help="显示版本号并退出")
    parser.add_argument("--home", help="数据目录（数据库、访谈记录、导出文件）；也可用环境变量 JIXIAO_HOME")
    commands: Any = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    if only is not None:
        commands = _OnlyCommand(commands, only)

    new = commands.add_parser(
        "new",
        help="开始填一张新表（对话界面）",
        description="在终端里一问一答地填表。不带命令运行 jixiao 时，还会先问要不要接着填上次没填完的表。",
    )
    new.add_argument(
        "--form",
        choices=["project", "department", "self-eval", "department-self-eval"],
        help="表格：project 项目支出绩效目标申报表，department 部门整体支出绩效目标申报表，"
        "self-eval 项目支出绩效自评表，department-self-eval 部门整体支出绩效自评表（不写就在界面里选）",
    )
    new.add_argument(
        "--from",
        dest="from_id",
        metavar="ID|FILE",
        help="自评表：从已保存的申报表（记录编号）开始，带入项目（部门）、任务、目标和指标；"
        "或给出去年的表格文件（.xlsx/.docx/.pdf/.txt/.json），从它开始填",
    )

    check = commands.add_parser(
        "check",
        help="用全部规则检查记录文件",
        description="检查记录文件。退出码：0 无错误，1 有错误，2 文件无法读取或用法错误。",
    )
    check.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="记录文件 .json，或别处填好的表格 .xlsx/.docx/.pdf/.txt/.tsv（可多个，互相比对是否复制粘贴）",
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    check.add_argument("--rules", action="store_true", help="列出全部规则：编号、级别、检查什么、怎么改")
    check.add_argument("--year", type=int, help="表上没有印年度时用这个年度")

    rep = commands.add_parser(
        "replay",
        help="按访谈记录重新生成记录和表格",
        description="用今天的规则和知识库重放访谈记录（.jsonl 文件或目录），写出记录 JSON 和表格。"
        "有回答不再通过时退出码为 1。",
    )
    rep.add_argument("target", metavar="TRANSCRIPT|DIR", help="访谈记录文件，或包含 .jsonl 的目录")
    rep.add_argument("--out", default="jixiao-out", help="输出目录（默认 ./jixiao-out）")
    rep.add_argument(
        "--format",
        default="json,md,xlsx,docx",
        help="输出格式，逗号分隔：json,md,xlsx,docx,pdf（pdf 需要 LibreOffice）",
    )
    rep.add_argument("--jobs", type=int, default=None, help="同时重放几份（默认每个 CPU 核一份）")

    review = commands.add_parser(
        "review",
        help="审查一个目录里的全部表格（审核人员用）",
        description="逐份检查目录（含子目录）里的每张表，比对各单位之间的复制粘贴，写出审查汇总表。退出码同 check。",
    )
    review.add_argument("directory", metavar="DIR", help="收到的表格所在目录")
    review.add_argument("--out", metavar="report.xlsx", help="审查汇总表（Excel）写到哪里")
    review.add_argument("--json", action="store_true", help="以 JSON 输出审查结果")
    review.add_argument("--jobs", type=int, default=None, help="同时读几个文件（默认每个 CPU 核一个）")
    review.add_argument("--year", type=int, help="表上没有印年度时用这个年度")

    records_cmd.add_parsers(commands)

    kb = commands.add_parser("kb", help="标准指标库")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="子命令", parser_class=ChineseArgumentParser)
    search = kb_commands.add_parser("search", help="搜索标准指标（容错，按项目类型优先）")
    search.add_argument("words", nargs="*", metavar="WORDS", help="关键词、项目名称或目标")
    search.add_argument("--level2", metavar="NAME", help="只看某个二级指标，例如 数量指标")
    search.add_argument("--json", action="store_true", help="以 JSON 输出（最匹配的在前）")
    search.add_argument("--limit", type=int, default=10, help="最多显示几条（默认 10）")
    return parser


# Options whose value is free text: `--value -5个` is a value, not an option.
_FREE_TEXT_OPTIONS = ("--value", "--indicator")


def _join_free_text(argv: list[str]) -> list[str]:
    out: list[str] = []
    pending = False
    for arg in argv:
        if pending:
            out[-1] += "=" + arg
            pending = False
        elif arg in _FREE_TEXT_OPTIONS:
            out.append(arg)
            pending = True
        else:
            out.append(arg)
    return out


def main(argv: list[str] | None = None) -> int:
    """The command; whatever goes wrong ends in a Chinese message, never a traceback."""
    threshold = gc.get_threshold()
    gc.set_threshold(_START_UP_THRESHOLD, *threshold[1:])
    try:
        return _run(argv)
    finally:
        gc.set_threshold(*threshold)


def _run(argv: list[str] | None) -> int:
    from assistant.cli import errors

    errors.safe_streams()
    try:
        return _main(_join_free_text(list(sys.argv[1:] if argv is None else argv)))
    except BrokenPipeError:
        errors.silence_broken_pipe()  # `jixiao list | head`: the reader has all it wanted
        return 0
    except KeyboardInterrupt:
        print("\n已中断。已保存的内容不会丢失。", file=sys.stderr)
        return 130
    except OSError as exc:
        print(errors.oserror_message(exc), file=sys.stderr)
        return 2
    except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - the last line of defence
        print(errors.unexpected(exc, _home_for_logs()), file=sys.stderr)
        return 2


def _home_for_logs():
    from assistant.records.home import choose_home

    try:
        return choose_home(None)
    except Exception:  # noqa: BLE001
        return None


def _main(argv: list[str]) -> int:
    from assistant.cli import records_cmd
    from assistant.cli.parser import UsageError
    from assistant.knowledge.errors import KnowledgeError

    parser = build_parser(command_of(argv))
    try:
        args = parser.parse_args(argv)
        if args.home:
            os.environ["JIXIAO_HOME"] = args.home
        if args.command == "check":
            from assistant.cli import check_cmd

            if args.rules:
                return check_cmd.print_rules(args.json)
            if not args.files:
                raise UsageError(
                    "jixiao check：缺少参数 FILE（或用 jixiao check --rules 列出全部规则；用 --help 查看用法）"
                )
            return check_cmd.run(args.files, args.json, args.year)
        if args.command == "review":
            from assistant.cli import review_cmd

            return review_cmd.run(args.directory, args.out, args.json, args.jobs, args.year)
        if args.command == "replay":
            from assistant.cli import replay_cmd

            return replay_cmd.run(args.target, args.out, args.format, args.jobs)
        if args.command in records_cmd.COMMANDS:
            return records_cmd.run(args)
        if args.command == "kb":
            if args.kb_command != "search":
                raise UsageError("用法：jixiao kb search WORDS [--level2 NAME] [--json]")
            from assistant.cli import kb_cmd

            return kb_cmd.search(args.words, args.level2, args.json, args.limit)
        if args.command == "new" and getattr(args, "from_id", None) and _is_file(args.from_id):
            from assistant.cli import tui_cmd

            return tui_cmd.run_from_file(args.from_id, args.form)
        if args.command == "new" and getattr(args, "from_id", None):
            if args.form not in (None, "self-eval", "department-self-eval"):
                raise UsageError(
                    "--from 只用于自评表：jixiao new --form self-eval|department-self-eval --from 记录编号"
                )
            from assistant.cli import tui_cmd
            from assistant.forms import FORM_ALIASES

            return tui_cmd.run_self_evaluation(args.from_id, FORM_ALIASES[args.form] if args.form else None)
        if args.command in (None, "new"):
            # Textual is imported only on this path, so `jixiao check` never loads it.
            from assistant.cli import tui_cmd

            return tui_cmd.run(getattr(args, "form", None), offer_resume=args.command is None)
        parser.print_help()
        return 0
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KnowledgeError as exc:
        print(f"知识库有问题：{exc}", file=sys.stderr)
        return 2


def _is_file(value: str) -> bool:
    """`--from` names a file (last year's form) rather than a record id."""
    from pathlib import Path

    from assistant.cli.tui_cmd import split_pick

    path = split_pick(value)[0]
    return Path(path).expanduser().is_file() or Path(path).suffix.lower() in (
        ".xlsx",
        ".docx",
        ".pdf",
        ".txt",
        ".tsv",
        ".json",
    )


if __name__ == "__main__":
    sys.exit(main())
