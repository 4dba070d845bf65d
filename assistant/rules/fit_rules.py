"""Rules about how an indicator set fits the kind of project, using the knowledge
base's project types (IndicatorSearch.project_types, ProjectType.indicators):
a set copied from another kind of project, and a benefit category that matters
for the type (生态效益 for an environmental project) left out."""

from __future__ import annotations

from assistant.forms import ANNUAL, PROJECT_FORMS
from assistant.knowledge import ProjectType
from assistant.rules.common import real_rows
from assistant.rules.context import Context, IndicatorSet, Row, goal_texts, is_not_applicable
from assistant.rules.findings import WARNING
from assistant.rules.registry import rule


def _project_name(ctx: Context) -> str:
    project = ctx.record.get("project")
    name = project.get("name") if isinstance(project, dict) else None
    return name.strip() if isinstance(name, str) else ""


def _goal_text(ctx: Context) -> str:
    return " ".join(text for _, text in goal_texts(ctx.record, ANNUAL))


def project_types(ctx: Context) -> list[ProjectType]:
    """The kinds of project the name and goals point to clearly, best first."""
    strength = ctx.params["type_fit"]["strength"]
    text = f"{_project_name(ctx)} {_goal_text(ctx)}".strip()
    return [ptype for ptype, score in ctx.search.project_types(text) if score >= strength]


def _row_types(ctx: Context, row: Row) -> set[str]:
    """The kinds of project a row belongs to: those its name and description point
    to, and those of the standard indicator it is (closest match)."""
    strength = ctx.params["type_fit"]["strength"]
    text = f"{row.name} {row.data.get('description') or ''}".strip()
    found = {ptype.id for ptype, score in ctx.search.project_types(text) if score >= strength}
    hit = ctx.search.closest(row.name, cutoff=ctx.params["type_fit"]["match_cutoff"])
    if hit is not None:
        found.update(hit.indicator.project_types)
    return found


def _shares_words(name: str, about: str, generic: list[str]) -> bool:
    """Does the row's name share a two-character word with the project's name or
    goals, once words every project uses (项目, 工作, 服务…) are set aside?"""
    for word in generic:
        name, about = name.replace(word, " "), about.replace(word, " ")
    return any(" " not in name[i : i + 2] and name[i : i + 2] in about for i in range(len(name) - 1))


def _foreign_rows(ctx: Context, ind_set: IndicatorSet, own: set[str]) -> tuple[int, list[tuple[Row, set[str]]]]:
    """(rows that fit the project, [(row, its other kinds)] rows that point elsewhere)."""
    about = f"{_project_name(ctx)} {_goal_text(ctx)}"
    generic = ctx.params["type_fit"]["generic_words"]
    fit, foreign = 0, []
    for row in real_rows(ind_set):
        kinds = _row_types(ctx, row)
        if kinds & own or _shares_words(row.name, about, generic):
            fit += 1
        elif kinds:
            foreign.append((row, kinds))
    return fit, foreign


@rule("indicator.type_mismatch", WARNING, "指标像是从另一类项目复制来的", PROJECT_FORMS)
def type_mismatch(ctx: Context):
    types = project_types(ctx)
    if not types:
        return  # the kind of project is not clear: nothing certain to compare with
    params = ctx.params["type_fit"]
    own = {ptype.id for ptype in types}
    names = {ptype.id: ptype.name for ptype in ctx.kb.project_types.values()}
    for ind_set in ctx.indicator_sets:
        fit, foreign = _foreign_rows(ctx, ind_set, own)
        if len(foreign) < params["min_foreign"] or fit * params["ratio"] >= len(foreign):
            continue
        shown = "、".join(
            f"“{row.name}”（{'或'.join(sorted(names.get(k, k) for k in kinds)[:2])}）" for row, kinds in foreign[:4]
        )
        examples = "、".join(ctx.kb.by_id[i].name for i in types[0].indicators[:3] if i in ctx.kb.by_id)
        yield (
            ind_set.path,
            (
                f"本项目是“{'”或“'.join(ptype.name for ptype in types[:2])}”类，但{ind_set.label}指标有 {len(foreign)} 项属于其他类项目：{shown}，"
                f"只有 {fit} 项与本项目的名称和目标有关。指标可能是从别的项目复制来的，请按本项目的产出重写，"
                f"例如 {examples}。"
            ),
        )


def _needed_benefits(ctx: Context, types: list[ProjectType]) -> dict[str, str]:
    """二级 benefit categories the project's kind calls for → why: the project's name,
    or the name of a project type it is recognised as (生态环境, 造林绿化…), has a word
    of the category's theme. (Every sector template of the knowledge base lists one
    生态效益 indicator, so a type listing one says nothing about what matters.)"""
    needed: dict[str, str] = {}
    name = _project_name(ctx)
    for entry in ctx.params["type_benefits"]:
        hit = next((word for word in entry["words"] if word in name), None)
        if hit:
            needed[entry["level2"]] = f"项目名称含“{hit}”"
            continue
        ptype = next((p for p in types if any(word in p.name for word in entry["words"])), None)
        if ptype is not None:
            needed[entry["level2"]] = f"项目属于“{ptype.name}”类"
    return needed


@rule("indicator.type_benefit_missing", WARNING, "该类项目最重要的效益类别没有指标", PROJECT_FORMS)
def type_benefit_missing(ctx: Context):
    needed = _needed_benefits(ctx, project_types(ctx))
    if not needed:
        return
    examples = {entry["level2"]: entry["example"] for entry in ctx.params["type_benefits"]}
    for ind_set in ctx.indicator_sets:
        present = {
            row.level2.classic for row in ind_set.rows if row.level2 and row.value and not is_not_applicable(row)
        }
        for level2, why in needed.items():
            if level2 not in present:
                yield (
                    ind_set.path,
                    (
                        f"{ind_set.label}指标没有{level2}，而{why}，这类项目的主要效果正在于此。"
                        f"请加一项，例如 {examples[level2]}。"
                    ),
                )
