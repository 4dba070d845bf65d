"""Rules about what the header fields say (beyond being filled, project.field_missing):
an internal section given as the 主管部门, a document number in the project's name,
an indicator name that is a whole sentence."""

from __future__ import annotations

from assistant.forms import PROJECT_FORMS
from assistant.lazy_regex import ends_with, lazy_regex
from assistant.rules.common import rows
from assistant.rules.context import Context
from assistant.rules.findings import WARNING
from assistant.rules.registry import rule

_SECTION = ("科", "股", "室", "组")
_DEPARTMENT = tuple("局 委 委员会 办 办公室 厅 部 院 中心 政府 街道 镇 乡 所 站 馆 队 会 社 校 学".split())
# A budget code before the name: [066], 206-, （12）
_CODE = lazy_regex(r"^[\[【(（]?\d+[\]】)）]?[-—\s]*")
_DOCUMENT = lazy_regex(r"[\u4e00-\u9fff]{1,6}[〔\[(（【]\s*(?:19|20)\d\d\s*[〕\])）】]\s*\d+\s*号")


def _project(ctx: Context) -> dict:
    project = ctx.record.get("project")
    return project if isinstance(project, dict) else {}


@rule("project.department_section", WARNING, "主管部门写的是内设科室", PROJECT_FORMS)
def department_section(ctx: Context):
    department = str(_project(ctx).get("department") or "").strip()
    has_code = any(c.isdecimal() for c in department[:2])  # a code starts with its digits or one bracket
    compact = _CODE.sub("", department) if has_code else department
    if compact and ends_with(compact, _SECTION) and not ends_with(compact, _DEPARTMENT):
        yield (
            "project.department",
            (
                f"主管部门写的是“{department}”，像是单位的内设科室。主管部门填预算主管部门（及代码），"
                "例如 [066]六安市农业农村局；科室不是预算单位。"
            ),
        )


@rule("project.name_document", WARNING, "项目名称里带着文件号", PROJECT_FORMS)
def name_document(ctx: Context):
    name = str(_project(ctx).get("name") or "")
    match = _DOCUMENT.search(name) if "号" in name else None  # its CJK range compiles slowly: only when it can match
    if match:
        yield (
            "project.name",
            (f"项目名称“{name}”里带着文件号“{match.group()}”。项目名称按预算批复写项目本身，文件号写到立项依据里。"),
        )


_CLAUSE_MARKS = "，,；;。"


def _has_clause(name: str) -> bool:
    """A clause mark with a character after it (not a line break): what
    `re.search("[，,；;。](?=.)", name)` finds."""
    return any(mark in _CLAUSE_MARKS and after != "\n" for mark, after in zip(name, name[1:], strict=False))


@rule("indicator.name_sentence", WARNING, "指标名称是一整句话")
def name_sentence(ctx: Context):
    minimum = ctx.params["name_sentence_chars"]
    for _, row in rows(ctx):
        name = row.name.strip().rstrip("，,；;。")
        if len(name) >= minimum and _has_clause(name):
            shown = name if len(name) <= 30 else name[:30] + "…"
            yield (
                row.name_path,
                (
                    f"指标名称“{shown}”是一整句话。名称只写衡量什么（一个短语），"
                    "例如 政策知晓率、医院门诊人次；效果的描述写到指标描述里，目标写到指标值里。"
                ),
            )
