"""Local form templates: data, schema, accessor and level-label mapping."""

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, write_json

from assistant.cli.main import main
from assistant.knowledge import KnowledgeError, load
from assistant.knowledge.templates import (
    FORMS,
    default_template,
    framework_levels,
    header_paths,
    normalise_label,
    record_template,
    split_label,
    template,
    template_ids,
    templates_for,
)
from assistant.paths import knowledge_dir, schemas_dir
from assistant.rules.schema import record_errors

SEED_IDS = [
    "project-standard",
    "project-midterm",
    "project-graded",
    "project-itemised",
    "department-standard",
    "selfeval-central",
]


def test_every_template_file_matches_the_template_schema_and_its_file_name():
    schema = json.loads((schemas_dir() / "template.schema.json").read_text(encoding="utf-8"))
    paths = sorted((knowledge_dir() / "templates").glob("*.json"))
    assert len(paths) >= len(SEED_IDS)
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        assert data["id"] == path.stem


def test_seed_templates_exist_with_their_forms():
    forms = {
        "project-standard": "project-declaration",
        "project-midterm": "project-declaration",
        "project-graded": "project-declaration",
        "project-itemised": "project-declaration",
        "department-standard": "department-declaration",
        "selfeval-central": "self-evaluation",
    }
    for template_id, form in forms.items():
        assert template(template_id)["form"] == form
    assert set(SEED_IDS) <= set(template_ids())


def test_seed_layouts_as_data():
    assert template("project-graded")["grade_line"] is True
    assert template("project-graded")["title"] == "部门项目支出预算绩效目标申报表"
    itemised = template("project-itemised")
    assert itemised["unit_line"] is True
    headers = [h for _, h in itemised["columns"]]
    assert "绩效指标描述" in headers and "指标值确定依据" in headers
    assert "project.code" in header_paths(itemised)
    assert template("project-midterm")["mid_term"] is True
    assert "绩效标准" in [h for _, h in template("project-midterm")["columns"]]
    assert template("selfeval-central")["scoring"] == "central"


def test_defaults_and_record_template():
    assert default_template("project-declaration") == "project-standard"
    assert default_template("department-declaration") == "department-standard"
    assert default_template("self-evaluation") == "selfeval-central"
    for form in FORMS:
        assert templates_for(form)[0]["id"] == default_template(form)
        assert all(t["form"] == form for t in templates_for(form))
    assert record_template({"form": "project-declaration"})["id"] == "project-standard"
    assert record_template({"form": "project-declaration", "template": "project-graded"})["id"] == "project-graded"
    # a template of another form is not adopted
    assert record_template({"form": "project-declaration", "template": "selfeval-central"})["id"] == "project-standard"


def test_unknown_template_id_is_a_chinese_error():
    with pytest.raises(KnowledgeError, match="没有名为"):
        template("no-such-form")
    with pytest.raises(KnowledgeError):
        default_template("budget")


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("产 出 指 标", "产出指标"),
        ("产出指标(50分)", "产出指标"),
        ("产出指标 (40-50)分", "产出指标"),
        ("项目管理(25分)", "项目管理"),
        ("数量指标（10分）", "数量指标"),
        ("一、产出指标", "产出指标"),
        ("效 益 指 标", "效益指标"),
    ],
)
def test_label_normalisation(printed, expected):
    assert normalise_label(printed) == expected


def test_bracketed_combined_label_is_split():
    assert split_label("【产出指标-数量指标】") == ("产出指标", "数量指标")
    assert split_label("【满意度指标-服务对象满意度指标】") == ("满意度指标", "服务对象满意度指标")


CLASSIC = load().framework("classic")


@pytest.mark.parametrize(
    "tmpl, label1, label2, expected",
    [
        ("project-standard", "产出 指标", "成本", ("产出指标", "成本指标")),
        ("project-standard", "效益 指标", "可持续性", ("效益指标", "可持续影响指标")),
        ("project-standard", "效益指标", "可持续性发展影响指标", ("效益指标", "可持续影响指标")),
        ("project-standard", "满意度指标", "服务对象或受益者满意度指标", ("满意度指标", "服务对象满意度指标")),
        ("project-standard", "满意度指标", "满意度指标", ("满意度指标", "服务对象满意度指标")),
        ("project-standard", "", "质量指标", ("产出指标", "质量指标")),
        ("project-standard", "【效益指标-社会效益指标】", None, ("效益指标", "社会效益指标")),
        ("project-standard", "产出指标-质量指标", None, ("产出指标", "质量指标")),
        ("project-standard", "社会效益指标", "", ("效益指标", "社会效益指标")),  # a 二级 as the block label
        ("project-standard", "满意度", "", ("满意度指标", "")),
        ("project-completion", "项目完成 指标", "数量指标", ("产出指标", "数量指标")),
        ("project-completion", "项目效益 指标", "社会效益指标", ("效益指标", "社会效益指标")),
        ("project-expected-output", "预期产出指标", "预算(或投资规模)控制指标", ("产出指标", "成本指标")),
        ("project-expected-output", "预期产出指标", "时效指标(工期指标)", ("产出指标", "时效指标")),
        ("project-expected-output", "效果指标", "社会、经济、生态效益 指标", ("效益指标", "社会效益指标")),
        ("selfeval-central", "产出指标(50分)", "数量指标", ("产出指标", "数量指标")),
        ("project-standard", "项目决策(10分)", "项目立项", ("", "")),
    ],
)
def test_printed_labels_map_onto_the_framework(tmpl, label1, label2, expected):
    assert framework_levels(label1, label2, template(tmpl), CLASSIC) == expected


def test_mof_2021_cost_level_with_points():
    mof = load().framework("mof-2021")
    assert framework_levels("成本指标(0-20)分", "经济成本指标", template("project-cost-first"), mof) == (
        "成本指标",
        "经济成本指标",
    )


def _declaration(**row):
    base = {"level1": "产出指标", "level2": "数量指标", "name": "巡查次数", "value": "≥12次"}
    base.update(row)
    return {
        "form": "project-declaration",
        "year": 2024,
        "project": {"name": "x", "department": None, "unit": None, "attribute": None, "period": None},
        "funds": {"mid_term": None, "annual": {"total": 10, "fiscal": None, "other": None}},
        "goals": {"mid_term": [], "annual": ["目标"]},
        "indicators": {"mid_term": [], "annual": [base]},
    }


def test_record_schema_accepts_the_contract_keys():
    record = _declaration(label1="项目完成指标", unit="次", nature="≥", weight=10, extra={"佐证资料": "台账"})
    record["template"] = "project-completion"
    record["project"]["extra"] = {"项目来源": "上级下达"}
    record["funds"]["annual"]["sources"] = {"一般公共预算": 4, "政府性基金": None}
    assert record_errors(record) == []


def test_record_schema_accepts_rows_without_levels_and_a_level1_only():
    assert record_errors(_declaration(level1="", level2="")) == []
    assert record_errors(_declaration(level1="满意度指标", level2="")) == []
    assert record_errors(_declaration(level1="", level2="数量指标"))  # a 二级 always has its 一级


def test_record_naming_a_template_of_another_form_is_refused():
    record = _declaration()
    record["template"] = "selfeval-central"
    errors = record_errors(record)
    assert errors and "不是project-declaration的表样" in errors[-1].message
    record["template"] = "no-such"
    assert record_errors(record)


# ------------------------------------------------ jixiao check respects the template
_RECORDS = sorted((FIXTURES / "corpus").glob("*.json")) + sorted((FIXTURES / "records").glob("*.json"))


def _without_attribute() -> list[Path]:
    paths = []
    for path in _RECORDS:
        record = json.loads(path.read_text(encoding="utf-8"))
        if "project.attribute" not in header_paths(record_template(record)):
            paths.append(path)
    return paths


def test_check_says_nothing_about_attribute_where_the_template_has_none(capsys):
    paths = _without_attribute()
    assert len(paths) >= 30  # 003's eleven, the self-evaluations, most corpus layouts
    assert any(json.loads(p.read_text(encoding="utf-8")).get("project", {}).get("attribute") is None for p in paths)
    main(["check", *map(str, paths), "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert findings  # the forms have other problems: the check did run
    assert not [f for f in findings if f["path"] == "project.attribute" or "项目属性" in f["message"]]


def test_check_still_asks_for_attribute_where_the_template_prints_it(tmp_path, capsys):
    record = json.loads((FIXTURES / "corpus" / "011_agriculture_luan_2024.json").read_text(encoding="utf-8"))
    assert "project.attribute" in header_paths(record_template(record))
    record["project"]["attribute"] = ""
    assert main(["check", str(write_json(tmp_path / "r.json", record)), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f for f in findings if f["rule"] == "project.field_missing" and f["path"] == "project.attribute"]


def test_a_printed_label_in_the_level_field_is_explained():
    from assistant.rules import check

    record = json.loads((FIXTURES / "corpus" / "015_health_zhaohua_2021.json").read_text(encoding="utf-8"))
    row = record["indicators"]["annual"][0]
    row["level1"] = row.pop("label1")  # 项目完成 指标 where 产出指标 belongs
    (finding,) = [f for f in check(record) if f.rule == "indicator.hierarchy"]
    assert "对应产出指标/数量指标" in finding.message and "label1" in finding.message
    # rows that keep the printed label in label1 and the framework level in level1 pass
    assert not [
        f
        for f in check(json.loads((FIXTURES / "corpus" / "015_health_zhaohua_2021.json").read_text(encoding="utf-8")))
        if f.rule == "indicator.hierarchy"
    ]


@pytest.mark.parametrize(
    "form, labels, expected",
    [
        (
            "project-declaration",
            ["项目名称", "项目编码", "绩效指标描述", "指标值确定依据", "单位：万元"],
            "project-itemised",
        ),
        ("project-declaration", ["项目名称", "主管部门及代码", "实施单位", "项目属性", "项目日期"], "project-graded"),
        (
            "project-declaration",
            ["项目名称", "预算单位", "一般公共预算", "政府性基金", "项目完成 指标"],
            "project-completion",
        ),
        ("project-declaration", ["项目名称", "主管部门及代码", "实施单位", "项目来源", "项目期"], "project-source"),
        ("project-declaration", ["预期产出指标", "效果指标", "预算(或投资规模)控制指标"], "project-expected-output"),
        ("project-declaration", ["项目名称", "主管部门及代码", "实施单位", "项目属性", "项目期"], "project-standard"),
        ("project-declaration", [], "project-standard"),
        ("self-evaluation", ["转移支付(项目)名称", "全年实际完成值", "未完成原因和改进措施"], "selfeval-transfer"),
        (
            "self-evaluation",
            ["项目名称", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            "selfeval-central",
        ),
        ("department-self-evaluation", ["指标名称", "计量单位", "指标性质", "得分系数(%)"], "department-selfeval-flat"),
    ],
)
def test_best_template_for_the_labels_read_off_a_form(form, labels, expected):
    from assistant.knowledge.templates import best_template

    assert best_template(form, labels) == expected


def _schema_node(schema: dict, path: str):
    node = schema
    for part in path.split("."):
        if part in ("extra", "sources"):
            return node.get("properties", {}).get(part) or node
        props = node.get("properties")
        if props is None and "oneOf" in node:
            props = next(alt.get("properties") for alt in node["oneOf"] if alt.get("type") == "object")
        if not props or part not in props:
            return None
        node = props[part]
    return node


def test_every_path_and_column_a_template_names_exists_in_its_record_schema():
    for template_id in template_ids():
        tmpl = template(template_id)
        schema = json.loads((schemas_dir() / f"{tmpl['form']}.schema.json").read_text(encoding="utf-8"))
        for path, _ in tmpl["header_fields"] + tmpl.get("funds_rows", []):
            assert _schema_node(schema, path) is not None, (template_id, path)
        row_keys = set(schema["$defs"]["row"]["properties"])
        for key, _ in tmpl["columns"]:
            assert key.startswith("extra:") or key in row_keys, (template_id, key)
