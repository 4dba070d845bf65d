"""The form kinds jixiao knows, with their Chinese names and command-line aliases."""

FORM_LABELS = {
    "project-declaration": "项目支出绩效目标申报表",
    "department-declaration": "部门整体支出绩效目标申报表",
    "self-evaluation": "项目支出绩效自评表",
}
FORM_ALIASES = {"project": "project-declaration", "department": "department-declaration",
                "self-eval": "self-evaluation", **{kind: kind for kind in FORM_LABELS}}
