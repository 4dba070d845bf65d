"""`jixiao kb search WORDS [--level2 NAME] [--json]`."""

from __future__ import annotations

import json

from assistant.cli.parser import UsageError
from assistant.knowledge import load, searcher


def search(words: list[str], level2: str | None, as_json: bool, limit: int) -> int:
    query = " ".join(words).strip()
    if not query:
        raise UsageError("请给出要搜索的词，例如：jixiao kb search 网络专线（也可以输入拼音或首字母，如 szdbl）")
    kb = load()
    known = {l2.name for fw in kb.frameworks.values() for l2 in fw.level2s}
    if level2 and level2 not in known:
        raise UsageError(f"--level2 “{level2}” 不是二级指标名称。可选：{'、'.join(sorted(known))}")
    hits = searcher().search(query, level2=level2, context=query, limit=limit)
    if as_json:
        print(json.dumps([h.indicator.as_dict() for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"没有找到与“{query}”相关的标准指标。换个说法试试，例如 专线、培训、满意度，或输入拼音首字母。")
        return 0
    types = {t.id: t.name for t in kb.project_types.values()}
    for rank, hit in enumerate(hits, 1):
        ind = hit.indicator
        names = [types.get(t, t) for t in ind.project_types]
        kinds = "、".join(names[:3]) + (f" 等 {len(names)} 类" if len(names) > 3 else "") if names else "通用"
        sector = kb.sectors.get(ind.sector, "共性")
        usual = (
            f"常用值 {ind.typical}"
            if ind.typical
            else f"指标值自行填写（{ind.direction or '—'}，单位 {ind.unit or '—'}）"
        )
        print(f"{rank:>2}. {ind.name}  [{ind.level1}/{ind.level2}]  {usual}  （{sector}：{kinds}）")
        print(f"    {ind.description}  来源：{ind.source}")
    return 0
