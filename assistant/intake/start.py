"""Start from last year's form: a file path or a pasted table becomes the
starting record of an interview, with its findings.

`jixiao new --from FILE[#N]` (cli/tui_cmd.run_from_file) calls
`starting_record(text)`: `text` is a path, or a pasted table. A path to
an existing file is read by its type; anything else with a tab or a line
break is read as a pasted table. The returned `Start` holds the record to
pass as the interview's `source`, the rule findings on it, and what could
not be read (`problems`, Chinese, with places)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.forms import title_of
from assistant.intake.api import IntakeError, read_pasted, read_path


@dataclass
class Start:
    record: dict[str, Any]
    name: str
    findings: list = field(default_factory=list)  # rules.Finding
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where, message) of reading
    others: list[str] = field(default_factory=list)  # names of the file's other forms


def looks_like_path(text: str) -> bool:
    stripped = text.strip().strip('"').strip("'")
    return bool(stripped) and "\n" not in stripped and "\t" not in stripped and Path(stripped).expanduser().is_file()


def starting_record(text: str, *, form: str | tuple[str, ...] | None = None, pick: int | None = None) -> Start:
    """The form to start from. `form` keeps only forms of that kind, or of
    these kinds (a self-evaluation starts from last year's self-evaluation or
    its declaration); `pick` (1-based) chooses among several.
    Raises IntakeError (Chinese) when nothing usable is found."""
    from assistant.rules import check

    if looks_like_path(text):
        path = Path(text.strip().strip('"').strip("'")).expanduser()
        if path.suffix.lower() == ".json":
            return _from_json(path)
        intake = read_path(path)
    elif "\t" in text or "\n" in text.strip():
        intake = read_pasted(text)
    elif Path(text.strip()).suffix:
        raise IntakeError(f"{text.strip()}：找不到这个文件。")
    else:
        raise IntakeError(
            f"“{text.strip()[:40]}”既不是存在的文件，也不像从表格里复制的内容。"
            "请给出文件路径，或把表格整个复制粘贴进来。"
        )
    wanted = (form,) if isinstance(form, str) else form
    forms = [f for f in intake.forms if wanted is None or f.record.get("form") in wanted]
    if not forms:
        reasons = "；".join(message for _, message in intake.all_problems()[:2])
        raise IntakeError("没有找到可以用来开始的表" + (f"（{reasons}）" if reasons else "") + "。")
    if pick is not None and not 1 <= pick <= len(forms):
        raise IntakeError(f"只有 {len(forms)} 张表，没有第 {pick} 张。")
    chosen = forms[(pick or 1) - 1]
    problems = list(intake.problems) + list(chosen.problems)
    return Start(chosen.record, chosen.name, check(chosen.record), problems, [f.name for f in forms if f is not chosen])


def _from_json(path: Path) -> Start:
    from assistant.fileio import load_file
    from assistant.rules import check

    try:
        record = load_file(path)
    except (OSError, ValueError) as exc:
        raise IntakeError(f"{path}：不是有效的 JSON 记录文件（{exc}）。") from None
    if not isinstance(record, dict) or "form" not in record:
        raise IntakeError(f"{path}：不是 jixiao 记录文件（缺少 form 字段）。")
    name = title_of(record) or path.stem
    return Start(record, name, check(record))
