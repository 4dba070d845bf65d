import json
import shutil

import jsonschema
import pytest

from assistant.knowledge import KnowledgeError, load, load_from, searcher
from assistant.paths import knowledge_dir, schemas_dir
from assistant.values import parse_value


def test_every_knowledge_file_matches_its_schema():
    pairs = {
        "project_types.json": "project_types",
        "units.json": "units",
        "pinyin.json": "pinyin",
        "qa.json": "qa",
        "rule_params.json": "rule_params",
        "scoring_profiles.json": "scoring_profiles",
    }
    pairs.update({f"indicators/{p.name}": "indicators" for p in (knowledge_dir() / "indicators").glob("*.json")})
    assert len(pairs) > 20
    for name, schema in pairs.items():
        data = json.loads((knowledge_dir() / name).read_text(encoding="utf-8"))
        jsonschema.validate(data, json.loads((schemas_dir() / f"{schema}.schema.json").read_text(encoding="utf-8")))
    for path in (knowledge_dir() / "frameworks").glob("*.json"):
        jsonschema.validate(
            json.loads(path.read_text(encoding="utf-8")),
            json.loads((schemas_dir() / "framework.schema.json").read_text(encoding="utf-8")),
        )


def test_every_shipped_schema_is_a_valid_2020_12_schema():
    paths = sorted(schemas_dir().glob("*.schema.json"))
    assert len(paths) >= 10
    for path in paths:
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_knowledge_base_content():
    kb = load()
    assert len(kb.indicators) >= 150
    assert {"classic", "mof-2021"} <= set(kb.frameworks)
    required_types = {
        "network_leasing",
        "it_operations",
        "labour_dispatch",
        "publicity_training",
        "fund_supervision",
        "office_rent",
        "commissioned_services",
        "medical_assistance",
        "volume_procurement",
        "payment_reform",
        "remote_settlement",
        "operating_funds",
    }
    assert required_types <= set(kb.project_types)
    for ptype in kb.project_types.values():
        level2s = {kb.by_id[i].level2 for i in ptype.indicators}
        assert {"数量指标", "质量指标", "时效指标", "成本指标"} <= level2s, ptype.id
    for ind in kb.indicators:
        if ind.typical:  # only where a source gives one
            value = parse_value(ind.typical, money_context=ind.level2 == "成本指标")
            assert value.kind in ("quantitative", "qualitative", "deadline")
        assert ind.source


def test_frameworks_are_data():
    kb = load()
    classic, mof = kb.frameworks["classic"], kb.frameworks["mof-2021"]
    assert [l2.name for l2 in classic.children("产出指标")] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert mof.level1_names[0] == "成本指标"
    assert mof.for_classic("成本指标").name == "经济成本指标"


def test_network_leasing_search_lists_network_indicators_first():
    hits = searcher().search("网络专线", limit=5)
    assert all("network_leasing" in h.indicator.project_types for h in hits)


def test_search_is_typo_tolerant():
    names = [h.indicator.name for h in searcher().search("村卫生事专线", limit=3)]
    assert "村卫生室专线数量" in names


def test_project_name_or_goal_ranks_its_project_type_first():
    hits = searcher().search("", context="劳务派遣人员经费", limit=5)
    assert hits and all("labour_dispatch" in h.indicator.project_types for h in hits)
    goal = "通过公开招标委托第三方实施医药集中招标采购服务，组织开展医药集中带量采购"
    top = searcher().search(goal, limit=5)
    assert "volume_procurement" in top[0].indicator.project_types


def test_level2_filter_and_suggestions():
    hits = searcher().search("满意度", level2="服务对象满意度指标", limit=10)
    assert hits and all(h.indicator.level2 == "服务对象满意度指标" for h in hits)
    suggestions = searcher().suggest("社保专线网络租赁费", "数量指标", limit=3)
    assert suggestions[0].name == "村卫生室专线数量"


def test_broken_knowledge_file_gives_chinese_error(tmp_path):
    copy = tmp_path / "knowledge"
    shutil.copytree(knowledge_dir(), copy)
    data = json.loads((copy / "indicators" / "common.json").read_text(encoding="utf-8"))
    data["indicators"][0]["level2"] = "不存在的指标"
    (copy / "indicators" / "common.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="不符合格式要求"):
        load_from(copy)
    (copy / "indicators" / "common.json").write_text("{", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="不是有效的 JSON"):
        load_from(copy)
