"""Finding records by what the user types: part of a name, an id, a department."""

from __future__ import annotations

#: below this rapidfuzz partial ratio a project name is no match
FUZZY_MIN = 70


def squeeze(text: str) -> str:
    """Without any whitespace (names are often typed with spaces or line breaks)."""
    return "".join(str(text).split())


def find_in(metas: list[dict], text: str) -> list[dict]:
    """The index rows whose project name (or id, department) contains ``text``,
    then close fuzzy matches of the project name, best first."""
    needle = squeeze(text).lower()
    if not needle:
        return metas
    exact, fuzzy = [], []
    for meta in metas:
        project = squeeze(meta["project"] or "").lower()
        if needle in project or needle == meta["id"] or needle in (meta.get("department") or "").lower():
            exact.append(meta)
        else:
            fuzzy.append(meta)
    if not fuzzy or len(needle) < 2:
        return exact
    from rapidfuzz import fuzz

    scored = [(fuzz.partial_ratio(needle, squeeze(m["project"] or "")), m) for m in fuzzy]
    return exact + [m for score, m in sorted(scored, key=lambda x: -x[0]) if score >= FUZZY_MIN]
