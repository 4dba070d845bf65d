"""Knowledge for every sector: real project names of published forms get their
own sector's indicators first, in every category; other sectors' never."""

import json
import subprocess
import sys

import pytest
from conftest import NETWORK_OPENING_STATED, WATER_OPENING

from assistant.knowledge import load, searcher
from assistant.knowledge.recognize import OTHER

# (sector, project name as printed on a published form, department as printed)
REAL_PROJECTS = [
    ("water", "农村饮水安全工程维修养护经费", ""),
    ("water", "三洋村坝头溪河道治理", ""),
    ("education", "初中公用经费", "银川市第六中学"),
    ("education", "公办和普惠性民办幼儿园公用经费", "湘阴县教育局"),
    ("health", "国家基本公共卫生服务项目", "卫健委"),
    ("health", "麻风病防治", "区疾控中心"),
    ("medical_insurance", "城乡居民医疗保险业务经办工作经费", "中卫市沙坡头区医疗保障局"),
    ("agriculture", "发展建设类-农产品质检体系建设和“三品一标”发展项目", "六安市农业农村局"),
    ("agriculture", "强制免疫补助", ""),
    ("rural_revitalisation", "同心县2022年下马关镇上垣、下垣村乡村振兴人居环境综合整治示范村项目", "同心县下马关镇"),
    ("rural_revitalisation", "2020年市级财政专项扶贫资金(第二批扶贫开发项目)", ""),
    ("transport", "车辆购置税收入补助地方资金(普通省道公路建设)", "阆中市交通运输局"),
    ("transport", "“四好农村路”、“三个一号旅游路”工作经费", "阳泉市公路服务中心"),
    ("culture", "农村文化建设配套补助经费", "淮北市文化旅游体育局"),
    ("culture", "图书馆资源购置和信息共享等专项经费", "鄂州市图书馆"),
    ("environment", "2021年第一批中央大气污染防治资金", "咸宁市生态环境局"),
    ("civil_affairs", "2024年开展“助老颐养”公益项目资金", "肇庆市民政局"),
    ("civil_affairs", "养老服务体系建设", "大英县民政局"),
    ("forestry", "古昌镇大青冈村乡村振兴绿化美化项目", "区林业局"),
    ("housing", "2025年农村危房改造补助资金", ""),
    ("public_security", "黄山市雪亮工程市本级机房租赁2024至2027服务采购项目", ""),
    ("public_security", "禁毒经费", "宣城市公安局"),
    ("justice", "司法业务经费", "上饶市司法局"),
    ("justice", "法治宣传经费、法治建设经费", "金寨县司法局"),
    ("science", "中央引导地方科技发展资金", ""),
    ("disability", "残疾人事业发展补助资金", ""),
    ("emergency", "12350安全生产举报奖及安全生产专项督查等工作经费", "奉节县应急管理局"),
    ("sports", "2025金安国际网球公开赛(国际系列赛事)", "六安市金安区体育局"),
    ("sports", "安徽省常规赛费用", "六安市金安区体育局"),
    ("employment", "就业补助资金", "淮南市田家庵区人力资源和社会保障局"),
    ("employment", "“三支一扶”省级财政补助资金", "滁州市人力资源和社会保障局"),
    ("market_regulation", "食品监管补助资金", "四川省市场监管局"),
    ("statistics", "昌州财行(2022)10号 国家统计局调查队专项经费", "阜康市统计局"),
    ("urban_management", "疫情期间区域病媒防治环境卫生清洁等费用", ""),
    ("urban_management", "绿化养护经费", ""),
]
CATEGORIES = [
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
]


def test_every_sector_has_a_real_project_here():
    kb = load()
    assert len(kb.sectors) >= 20
    assert {s for s, _, _ in REAL_PROJECTS} == set(kb.sectors)


@pytest.mark.parametrize("sector,name,department", REAL_PROJECTS, ids=[f"{s}:{n[:12]}" for s, n, _ in REAL_PROJECTS])
def test_real_project_gets_its_sector_first_in_every_category(sector, name, department):
    search = searcher()
    recognized = search.recognize(name, "", department).sure_sectors
    assert recognized[0].sector == sector
    known = {"", *(g.sector for g in recognized)}  # a 旅游路 is 交通 first, and 文旅 too
    own_categories = {ind.level2 for ind in load().indicators if ind.sector == sector}
    assert {"数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "服务对象满意度指标"} <= own_categories
    for level2 in CATEGORIES:
        suggestions = search.suggest(name, level2, limit=12, department=department)
        assert all(ind.sector in known for ind in suggestions), (level2, [i.name for i in suggestions])
        if level2 in own_categories:
            assert suggestions and suggestions[0].sector == sector, (level2, [i.name for i in suggestions])


def test_water_project_is_never_offered_insurance_indicators():
    names = [
        ind.name
        for level2 in CATEGORIES
        for ind in searcher().suggest("农村饮水安全工程维修养护经费", level2, limit=12, department="县水利局")
    ]
    assert "水质达标率" in names
    assert not any("参保" in n or "医保" in n or "骗保" in n for n in names)


def test_sector_and_spending_type_both_count():
    recognition = searcher().recognize("黄石市第三中学2023年度校园维修改造及设备购置项目")
    assert recognition.sure_sectors[0].sector == "education"
    assert "equipment_purchase" in {c.ptype.id for c in recognition.spending}
    # the school's own indicators first, then the purchase ones, then cross-cutting
    suggestions = searcher().suggest("黄石市第三中学2023年度校园维修改造及设备购置项目", "数量指标", limit=60)
    sectors = [ind.sector for ind in suggestions]
    assert sectors[0] == "education" and "" in sectors
    assert sectors.index("") > max(i for i, s in enumerate(sectors) if s == "education")


def test_department_alone_tells_the_sector_but_the_project_comes_first():
    # 物业管理费 of an exhibition hall: a property-management project of the culture sector
    recognition = searcher().recognize("物业管理费支出", "", "东莞展览馆")
    assert recognition.sure_sectors[0].sector == "culture" and not recognition.sure_sectors[0].from_name
    first = searcher().suggest("物业管理费支出", "数量指标", limit=5, department="东莞展览馆")
    assert "office_rent" in first[0].project_types
    assert all(ind.sector in ("", "culture") for ind in first)


def test_unsure_recognition_offers_top_three_and_other():
    tie = searcher().recognize("古昌镇大青冈村乡村振兴绿化美化项目")
    assert tie.unsure
    assert tie.choices()[:2] == ["林业和草原", "乡村振兴"] and tie.choices()[-1] == OTHER
    assert tie.sector_of_choice("2") == "rural_revitalisation" and tie.sector_of_choice(OTHER) is None
    clear = searcher().recognize("古昌镇大青冈村乡村振兴绿化美化项目", "", "区林业局")
    assert clear.sure_sectors[0].sector == "forestry"  # the department breaks the tie
    assert searcher().recognize("办公经费").unsure


@pytest.mark.parametrize("query", ["水质达标率", "szdbl", "shuizhi", "shui zhi da biao lv"])
def test_kb_search_finds_water_quality_by_name_pinyin_and_initials(query):
    hits = searcher().search(query, context=query, limit=5)
    assert hits[0].indicator.name == "水质达标率"


def test_kb_search_for_a_water_project_lists_water_indicators():
    hits = searcher().search("农村饮水安全工程维修养护经费", context="农村饮水安全工程维修养护经费", limit=5)
    assert [h.indicator.sector for h in hits[:3]] == ["water"] * 3


def test_counts_sources_values_and_directions():
    kb = load()
    assert len(kb.indicators) >= 1000 and len(kb.project_types) >= 40
    spending = {t.name for t in kb.project_types.values() if t.kind == "spending"}
    for word in (
        "会议",
        "培训",
        "设备购置",
        "工程建设",
        "信息化建设与运维",
        "政府购买服务",
        "补助/补贴发放",
        "房租物业",
        "劳务派遣",
        "宣传",
        "课题研究",
    ):
        assert any(word in name for name in spending), word
    for ind in kb.indicators:
        assert ind.source and ind.direction in ("正向", "反向", "定性"), ind.id
        assert "N" not in ind.typical and "*" not in ind.typical, ind.id  # a template is no usual value
    for ptype in kb.project_types.values():
        names = [kb.by_id[i].name for i in ptype.indicators]
        assert len(names) == len(set(names)), ptype.id
        assert ptype.kind == "spending" or ptype.sector in kb.sectors, ptype.id


def test_no_source_points_at_an_untrusted_mirror():
    bad = (
        "clix4bitcoin",
        "anthempetcare",
        "9757kk",
        "yabovip8",
        "blackcurrantstudio",
        "lcrblgd",
        "bodyboxing",
        "13560281748",
    )
    assert not [ind.id for ind in load().indicators if any(b in ind.source for b in bad)]


def test_bundled_knowledge_loads_without_jsonschema():
    code = (
        "import sys; from assistant.knowledge import searcher; searcher().search('水质达标率');"
        "print(json.dumps(['jsonschema' in sys.modules, 'pypinyin' in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", "import json;" + code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [False, False]


def _interview(*answers):
    from assistant.interview.engine import Interview

    iv = Interview("project-declaration")
    for text in answers:
        assert iv.answer(iv.resolve(text)).accepted, text
    return iv


HEADER = WATER_OPENING


def test_examples_come_from_the_projects_sector():
    iv = _interview(*HEADER)
    goals = iv.question()
    assert goals.key == "goals.annual" and "供水" in goals.example and "医保" not in goals.example
    iv = _interview(
        *HEADER, "完成全县32处农村集中供水工程维修养护，保障12万农村人口饮水安全", "完成", "1", "≥12万人", "", "完成"
    )
    pick = iv.question()
    first = pick.suggestions[0]
    assert pick.key == "indicators.annual:质量指标" and pick.example == first.value
    assert {i.name: i.sector for i in load().indicators}[first.value] == "water"
    assert first.label == first.value  # no usual value from its source: none shown
    assert "水质达标率" in [s.value for s in pick.suggestions[:5]]
    value = _interview(*HEADER, "完成全县32处农村集中供水工程维修养护", "完成", "1").question()
    assert value.default in (None, "")  # a source without a usual value offers none


def test_a_project_whose_name_names_no_sector_keeps_the_plans_example():
    # 社保专线网络租赁费 of a 医保局: a network project; the sector is known from the department only
    iv = _interview(
        *NETWORK_OPENING_STATED,
    )
    assert iv.question().example == "为136个村卫生室和11个社区民生服务站租用社保专线网络，保障门诊费用及时结算"


def test_a_water_bureau_department_form_gets_water_indicators():
    from assistant.interview.engine import Interview

    iv = Interview("department-declaration")
    for text in [
        "2024",
        "某县水利局",
        "一、农村供水工程运行管护，120万，全部财政拨款",
        "二、河道清淤和堤防维修，80万，全部财政拨款",
        "完成",
        "200万，全部财政拨款",
        "保障农村供水安全，完成河道整治",
        "完成",
    ]:
        assert iv.answer(iv.resolve(text)).accepted, text
    question = iv.question()
    assert question.key == "indicators:数量指标"
    names = [s.value for s in question.suggestions]
    standard = {ind.name: ind for ind in load().indicators}
    assert names and all(standard[n].sector in ("water", "") for n in names)
    assert standard[names[0]].sector == "water" and "打击欺诈骗保专项行动次数" not in names


def test_the_users_answer_to_which_kind_replaces_the_guess():
    name = "古昌镇大青冈村乡村振兴绿化美化项目"
    recognition = searcher().recognize(name)
    chosen = recognition.sector_of_choice("乡村振兴")
    suggestions = searcher().suggest(name, "数量指标", limit=12, sector=chosen)
    assert suggestions[0].sector == "rural_revitalisation"
    assert all(ind.sector in ("", "rural_revitalisation") for ind in suggestions)
    other = searcher().suggest(name, "数量指标", limit=12, sector=recognition.sector_of_choice(OTHER) or "")
    assert other == searcher().suggest_by_search(name, "数量指标", limit=12)


def test_unchecked_knowledge_out_of_shape_still_gives_a_chinese_error(tmp_path):
    import shutil

    from assistant.knowledge import KnowledgeError, load_from
    from assistant.paths import knowledge_dir

    copy = tmp_path / "knowledge"
    shutil.copytree(knowledge_dir(), copy)
    path = copy / "indicators" / "water.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["indicators"][0]["name"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="water.json 不符合格式要求"):
        load_from(copy, validate=False)
    assert len(load_from(knowledge_dir()).indicators) == len(load().indicators)  # the bundled data is valid


def test_kb_search_of_a_project_name_prefers_its_sector():
    hits = searcher().search("就业补助资金", context="就业补助资金", limit=5)
    assert hits[0].indicator.sector == "employment"
    assert "军转干部医疗补助经费" not in [h.indicator.name for h in hits]


def test_value_example_is_written_like_the_indicator():
    search = searcher()
    assert search.example_value(search.by_name["水质达标率"]).endswith("%")  # no typical: a % one of another
    assert search.example_value(search.by_name["服务对象满意度"]) == "≥90%"  # its own typical value
    assert search.example_value(search.by_name["农村饮水安全保障程度"]) is None  # 定性: none borrowed
    iv = _interview(*HEADER, "完成全县32处农村集中供水工程维修养护", "完成", "1")
    value = iv.question()
    unit = search.by_name[iv.record["indicators"]["annual"][0]["name"]].unit
    assert value.key.endswith(".value") and unit and value.example.endswith(unit) and not value.default
