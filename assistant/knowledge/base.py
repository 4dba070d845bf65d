"""The knowledge base: frameworks (指标体系), standard indicators, project-type
templates, rule parameters and scoring profiles, loaded from knowledge/.

A knowledge directory given explicitly (`load_from`) is schema-checked; the
bundled one (`load`) is not re-validated at every start — the tests validate
it — so jsonschema is only imported when something is checked."""

from __future__ import annotations

import json
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from assistant.knowledge.errors import KnowledgeError  # noqa: E402  (re-exported)
from assistant.paths import knowledge_dir, schemas_dir


class Level2(NamedTuple):
    """A 二级指标 of a framework: its 一级指标, role, requirement and help text."""

    name: str
    level1: str
    role: str  # quantity quality timeliness cost social_cost eco_cost benefit satisfaction
    requirement: str  # required | required_group | if_served | optional
    help: str
    classic: str  # the classic 二级 it corresponds to (itself in classic)


class Framework(NamedTuple):
    """An indicator framework (指标体系): its 二级指标 in order."""

    id: str
    name: str
    source: str
    level2s: tuple[Level2, ...]

    @property
    def level1_names(self) -> list[str]:
        return list(dict.fromkeys(l2.level1 for l2 in self.level2s))

    def children(self, level1: str) -> list[Level2]:
        return [l2 for l2 in self.level2s if l2.level1 == level1]

    def level2(self, name: str) -> Level2 | None:
        return next((l2 for l2 in self.level2s if l2.name == name), None)

    def for_classic(self, classic_level2: str) -> Level2 | None:
        """Where a standard indicator (stored under classic names) goes in this framework."""
        return next((l2 for l2 in self.level2s if l2.classic == classic_level2), None)


class Indicator(NamedTuple):
    """A standard indicator of the knowledge base."""

    id: str
    level1: str
    level2: str
    name: str
    operator: str
    unit: str
    typical: str
    description: str
    keywords: tuple[str, ...]
    project_types: tuple[str, ...]
    source: str
    aliases: tuple[str, ...] = ()
    direction: str = ""  # 正向 | 反向 | 定性
    sector: str = ""  # the sector (行业) id; "" = cross-cutting

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "aliases": list(self.aliases),
            "operator": self.operator,
            "unit": self.unit,
            "direction": self.direction,
            "typical": self.typical,
            "description": self.description,
            "keywords": list(self.keywords),
            "project_types": list(self.project_types),
            "sector": self.sector,
            "source": self.source,
        }


class ProjectType(NamedTuple):
    """A project type: the words that recognise it and the indicators it suggests."""

    id: str
    name: str
    keywords: tuple[str, ...]
    indicators: tuple[str, ...]
    example_goal: str
    kind: str = "spending"  # sector | spending
    sector: str = ""  # the sector id of a sector's project type
    departments: tuple[str, ...] = ()  # department-name words that signal this type


class KnowledgeBase:
    """The loaded knowledge: frameworks, standard indicators, project types, rule parameters, scoring."""

    def __init__(
        self,
        frameworks: dict[str, Framework],
        indicators: list[Indicator],
        project_types: dict[str, ProjectType],
        params: dict[str, Any],
        scoring: dict[str, Any],
        release: str,  # project_types.json's "version"
        sectors: dict[str, str] | None = None,  # sector id → 中文名称
        directory: Path | None = None,
    ):
        self.frameworks = frameworks
        self.indicators = indicators
        self.project_types = project_types
        self.params = params
        self.scoring = scoring
        self.release = release
        self.sectors = sectors or {}
        self.directory = directory
        self.by_id = {ind.id: ind for ind in indicators}

    @cached_property
    def version(self) -> str:
        """The release and a digest of every file of the directory: it changes whenever
        any knowledge file changes (transcripts record it). Read only by what
        writes a transcript, so `check` and `kb search` do not hash 1 MB of files."""
        return self.release if self.directory is None else _version(self.directory, self.release)

    def framework(self, framework_id: str | None) -> Framework:
        return self.frameworks.get(framework_id or "classic") or self.frameworks["classic"]


def _read(path: Path, schema_name: str, validate: bool = True) -> Any:
    try:
        data = json.loads(path.read_bytes())  # bytes: faster than a text read, UTF-8 detected
    except FileNotFoundError as exc:
        raise KnowledgeError(f"知识库文件缺失：{path}。请重新安装 jixiao。") from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"知识库文件 {path} 不是有效的 JSON（第 {exc.lineno} 行）：{exc.msg}") from exc
    if validate:
        check_schema(path, data, schema_name)
    return data


def check_schema(path: Path, data: Any, schema_name: str) -> None:
    from jsonschema import Draft202012Validator

    with open(schemas_dir() / f"{schema_name}.schema.json", encoding="utf-8") as handle:
        schema = json.load(handle)
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(顶层)"
        raise KnowledgeError(f"知识库文件 {path.name} 不符合格式要求：{where}：{errors[0].message}")


def _framework(data: dict[str, Any]) -> Framework:
    level2s = tuple(
        Level2(
            name=l2["name"],
            level1=l1["name"],
            role=l2["role"],
            requirement=l2["requirement"],
            help=l2["help"],
            classic=l2.get("classic", l2["name"]),
        )
        for l1 in data["level1"]
        for l2 in l1["level2"]
    )
    return Framework(id=data["id"], name=data["name"], source=data["source"], level2s=level2s)


def indicator_files(directory: Path) -> list[Path]:
    """knowledge/indicators/*.json (cross-cutting files first, then by sector), and
    a single knowledge/indicators.json if a locality keeps one."""
    single = directory / "indicators.json"
    files = sorted((directory / "indicators").glob("*.json"), key=lambda p: (p.stem not in _FIRST, p.stem))
    if single.exists() or not files:
        files.insert(0, single)
    return files


_FIRST = ("common", "spending")


def _indicators(path: Path, data: dict[str, Any]) -> list[Indicator]:
    file_sector = data.get("sector", "")
    return [
        Indicator(
            id=row["id"],
            level1=row["level1"],
            level2=row["level2"],
            name=row["name"],
            operator=row["operator"],
            unit=row["unit"],
            typical=row["typical"],
            description=row["description"],
            keywords=tuple(row["keywords"]),
            project_types=tuple(row["project_types"]),
            source=row["source"],
            aliases=tuple(row.get("aliases", ())),
            direction=row.get("direction", ""),
            sector=row.get("sector", file_sector),
        )
        for row in data["indicators"]
    ]


def load_from(directory: Path, *, validate: bool = True) -> KnowledgeBase:
    frameworks = {}
    for path in sorted((directory / "frameworks").glob("*.json")):
        fw = _framework(_read(path, "framework", validate))
        frameworks[fw.id] = fw
    if "classic" not in frameworks:
        raise KnowledgeError("知识库缺少默认指标体系 frameworks/classic.json。")
    indicators: list[Indicator] = []
    for path in indicator_files(directory):
        try:
            indicators += _indicators(path, _read(path, "indicators", validate))
        except (KeyError, TypeError, AttributeError) as exc:  # unchecked data that is not in shape
            check_schema(path, json.loads(path.read_text(encoding="utf-8")), "indicators")
            raise KnowledgeError(f"知识库文件 {path.name} 不符合格式要求：{exc}") from exc
    types_data = _read(directory / "project_types.json", "project_types", validate)
    project_types = {
        row["id"]: ProjectType(
            id=row["id"],
            name=row["name"],
            keywords=tuple(row["keywords"]),
            indicators=tuple(row["indicators"]),
            example_goal=row["example_goal"],
            kind=row.get("kind", "sector" if row.get("sector") else "spending"),
            sector=row.get("sector", ""),
            departments=tuple(row.get("departments", ())),
        )
        for row in types_data["project_types"]
    }
    sectors = {row["id"]: row["name"] for row in types_data.get("sectors", ())}
    _check_references(indicators, project_types)
    params = _read(directory / "rule_params.json", "rule_params", validate)
    scoring = _read(directory / "scoring_profiles.json", "scoring_profiles", validate)
    return KnowledgeBase(
        frameworks=frameworks,
        indicators=indicators,
        project_types=project_types,
        params=params,
        scoring=scoring,
        release=types_data["version"],
        sectors=sectors,
        directory=directory,
    )


def _check_references(indicators: list[Indicator], project_types: dict[str, ProjectType]) -> None:
    ids = {ind.id for ind in indicators}
    if len(ids) != len(indicators):
        raise KnowledgeError("知识库指标文件（indicators/）中有重复的指标 id。")
    for ptype in project_types.values():
        missing = [i for i in ptype.indicators if i not in ids]
        if missing:
            raise KnowledgeError(f"项目类型“{ptype.name}”引用了不存在的指标：{'、'.join(missing)}")


def _version(directory: Path, release: str) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*.json")):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{release}+{digest.hexdigest()[:10]}"


@cache
def load() -> KnowledgeBase:
    """The bundled knowledge base, not re-validated (tests/test_knowledge*.py validate it)."""
    return load_from(knowledge_dir(), validate=False)
