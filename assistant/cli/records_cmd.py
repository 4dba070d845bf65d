"""Record commands: list, show, export, history, import, fix."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.cli.errors import printable
from assistant.cli.parser import UsageError
from assistant.forms import FORM_ALIASES, FORM_LABELS

STATUS = {"draft": "草稿", "final": "定稿"}
EXPORT_FORMATS = ("md", "xlsx", "docx", "json", "pdf")
READ_ONLY = ("list", "show", "history", "export")  # these need no write access to the home


def add_parsers(commands) -> None:
    listing = commands.add_parser("list", help="列出保存的记录")
    listing.add_argument("--year", type=int, help="只看某一年度")
    listing.add_argument("--form", choices=sorted(FORM_ALIASES), help="只看某种表")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")

    show = commands.add_parser("show", help="显示一份记录（表格和审查意见）")
    show.add_argument("id", metavar="ID")

    export = commands.add_parser("export", help="导出记录为 Markdown、Excel、Word、PDF 或 JSON")
    export.add_argument("id", metavar="ID")
    export.add_argument(
        "--format", default="md,xlsx,docx,json", help="逗号分隔：md,xlsx,docx,json,pdf（pdf 需要 LibreOffice）"
    )
    export.add_argument("--template", metavar="ID", help="按指定表样导出（默认用记录自己的表样）")
    export.add_argument("--out", default=".", help="输出目录（默认当前目录）")

    history = commands.add_parser("history", help="一份记录的历次版本")
    history.add_argument("id", metavar="ID")

    imp = commands.add_parser("import", help="把记录文件或别处填好的表格（.xlsx/.docx/.pdf/.txt）检查后存入数据库")
    imp.add_argument("files", nargs="+", metavar="FILE", help="一个文件可以包含多张表，每张表存为一份记录")
    imp.add_argument("--year", type=int, help="表上没有印年度时用这个年度")

    fix = commands.add_parser("fix", help="快速修改一个指标并立即重新检查")
    fix.add_argument("id", metavar="ID")
    fix.add_argument("--indicator", required=True, metavar="NAME", help="指标名称（可以有错别字）")
    fix.add_argument("--value", metavar="V", help="新的指标值；不给则交互输入")


def run(args) -> int:
    from assistant.records import HomeError, Store, StoreError, resolve_home

    try:
        store = Store(resolve_home(args.home, writable=args.command not in READ_ONLY))
        return COMMANDS[args.command](store, args)
    except (StoreError, HomeError) as exc:
        print(str(exc), file=sys.stderr)
        return 2


def _list(store, args) -> int:
    form = FORM_ALIASES.get(args.form) if args.form else None
    metas = store.list(year=args.year, form=form)
    for warning in store.warnings():
        print(f"注意：{warning}", file=sys.stderr)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        k: m.get(k)
                        for k in (
                            "id",
                            "form",
                            "year",
                            "project",
                            "department",
                            "status",
                            "created",
                            "updated",
                            "versions",
                        )
                    }
                    for m in metas
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not metas:
        print("还没有保存的记录。用 jixiao new 开始填写，或 jixiao import 导入记录文件。")
        return 0
    for meta in metas:
        name = printable(meta.get("project") or meta.get("department") or "")
        print(
            f"{meta['id']}  {meta['year']}  {STATUS.get(meta['status'], meta['status'])}  "
            f"{FORM_LABELS.get(meta['form'], meta['form'])}  {name}"
        )
    print(f"共 {len(metas)} 份。")
    return 0


def _show(store, args) -> int:
    from assistant.records.copy_paste_source import store_others
    from assistant.render import render_markdown
    from assistant.rules import check

    record = store.get(args.id)
    findings = check(record, others=store_others(store, exclude=args.id))
    print(render_markdown(record, findings=[f.as_dict() for f in findings]))
    meta = store.meta(args.id)
    print(
        f"\n记录 {args.id}：{STATUS.get(meta['status'], meta['status'])}，第 {meta['versions']} 版，更新于 {meta['updated']}"
    )
    return 1 if any(f.severity == "error" for f in findings) else 0


def _export(store, args) -> int:
    from assistant.fileio import dumps, write_atomic
    from assistant.render import write_forms

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown or not formats:
        raise UsageError(f"--format 可选 {','.join(EXPORT_FORMATS)}，不认识：{','.join(unknown) or '（空）'}")
    if "pdf" in formats:
        from assistant.render.pdf import missing

        if missing():
            raise UsageError(missing())
    record = store.get(args.id)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        paths = write_forms(record, out, args.id, [f for f in formats if f != "json"], template=args.template)
    except ValueError as exc:  # a template of another form
        raise UsageError(str(exc)) from exc
    if "json" in formats:
        target = out / f"{args.id}.json"
        write_atomic(target, dumps(record))
        paths.append(target)
    for path in paths:
        print(f"已写出 {path}")
    return 0


def _history(store, args) -> int:
    for version in store.history(args.id):
        changed = "、".join(version["changed"][:6]) + (" 等" if len(version["changed"]) > 6 else "")
        what = version["note"] or (f"修改了 {changed}" if changed else "创建")
        print(
            f"第 {version['version']} 版  {version['time']}  {STATUS.get(version['status'], version['status'])}  "
            f"{printable(what)}"
        )
    return 0


def _import(store, args) -> int:
    from assistant.cli.check_cmd import describe
    from assistant.cli.sources import UnreadableSource, read_sources
    from assistant.records import StoreError
    from assistant.records.copy_paste_source import store_others
    from assistant.rules import check

    failed = 0
    for name in args.files:
        try:
            sources = read_sources(name, args.year)
        except UnreadableSource as exc:
            print(f"无法导入 {exc}", file=sys.stderr)
            failed += 1
            continue
        for source in sources:
            record = source.record
            findings = check(record, others=store_others(store))
            errors = [f for f in findings if f.severity == "error"]
            try:
                record_id = store.save(record, status="draft" if errors else "final", note=f"从 {Path(name).name} 导入")
            except StoreError as exc:
                print(f"无法导入 {source.label}：{exc}", file=sys.stderr)
                failed += 1
                continue
            print(
                f"已导入 {source.label} → 记录 {record_id}（{describe(record)}），"
                f"{len(errors)} 个错误、{len(findings) - len(errors)} 个警告/提示。"
            )
            for where, message in source.problems:
                print(f"  读入提示：{where}：{message}")
    return 2 if failed else 0


def _fix(store, args) -> int:
    from assistant.interview.quickfix import FixError, fix

    if args.value is None:
        return _fix_in_ui(store, args)
    try:
        result = fix(store, args.id, args.indicator, args.value)
    except FixError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return _report_fix(result)


def _fix_in_ui(store, args) -> int:
    """Open the chat screen on that indicator's value; report what changed after."""
    from assistant.cli.tui_cmd import in_terminal
    from assistant.interview.quickfix import FixError, compare, open_for_fix

    try:
        before, path, key, target = open_for_fix(store, args.id, args.indicator)
    except FixError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if not in_terminal():
        return 2
    from assistant.tui import run as run_tui

    print(f"打开“{target.name}”（现在是 {target.value}）……")
    run_tui(store.home, offer_resume=False, resume=path, first=f"跳转 {key}")
    result = compare(store, args.id, before, target)
    if result is None:
        print("没有保存新的版本（没有定稿或没有改动）。回答都已保存在访谈记录里。")
        return 0
    return _report_fix(result)


def _report_fix(result) -> int:
    from assistant.rules import SEVERITY_LABEL

    for note in getattr(result, "notes", []):
        print(f"注意：{note}")
    print(f"已修改“{result.name}”：{result.before} → {result.after}（新版本已保存，状态：{STATUS[result.status]}）")
    for finding in result.resolved:
        print(f"  已解决：{SEVERITY_LABEL[finding.severity]} {finding.rule}：{finding.message}")
    for finding in result.added:
        print(f"  新出现：{SEVERITY_LABEL[finding.severity]} {finding.rule}：{finding.message}")
    errors = [f for f in result.findings if f.severity == "error"]
    print(f"  现在共 {len(errors)} 个错误、{len(result.findings) - len(errors)} 个警告/提示。")
    return 1 if errors else 0


COMMANDS = {"list": _list, "show": _show, "export": _export, "history": _history, "import": _import, "fix": _fix}
