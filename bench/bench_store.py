"""Benchmark of the record store at archive scale.

Builds a store of 5,000 realistic project declarations (five budget years,
many departments and project kinds, some indicator sets copy-pasted between
projects as in the seed forms) in a temporary directory, then measures the
real code paths:

    save (new record), update (new version of an existing record),
    get, list (all / by year / by year+form, in a fresh process-like Store and
    right after a save), and the copy-paste check (pairs index from the store,
    cold and with its cache, and the per-record query).

Prints one JSON object per line: {"name": "store.save_ms_p50", "value": 7.1, "unit": "ms"}.
Aims (issues 21): save p95 ≤ 15 ms at 5,000 and at 50,000 records (a save
flushes once, its journal entry, and the index is appended to, so save cost
is flat in store size; printed: flushes and KB written per save); `jixiao list` as a
process at 5,000 records ≤ 0.2 s (printed beside `python -c pass`); the
copy-paste sweep of every record against the store ≤ 1 s at 5,000.

    .venv/bin/python bench/bench_store.py [--records 5000] [--seed 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.records import PairIndex, Store, copy_paste_matches, record_pairs  # noqa: E402
from assistant.records.similarity import CACHE_NAME  # noqa: E402

YEARS = (2019, 2020, 2021, 2022, 2023)

PLACES = [
    "中卫市沙坡头区",
    "明光市",
    "中宁县",
    "海原县",
    "彭阳县",
    "西吉县",
    "隆德县",
    "泾源县",
    "盐池县",
    "同心县",
    "红寺堡区",
    "灵武市",
    "永宁县",
    "贺兰县",
    "平罗县",
    "惠农区",
]
BUREAUS = [
    "医疗保障局",
    "卫生健康局",
    "教育局",
    "农业农村局",
    "民政局",
    "人力资源和社会保障局",
    "交通运输局",
    "水务局",
    "自然资源局",
    "文化旅游广电局",
    "住房和城乡建设局",
    "财政局",
]
PROJECTS = [
    ("社保专线网络租赁费", "条", "网络专线"),
    ("城乡居民医疗救助资金", "人次", "救助对象"),
    ("村级组织运转经费", "个", "行政村"),
    ("义务教育营养改善计划", "人", "受益学生"),
    ("高标准农田建设项目", "亩", "农田"),
    ("农村公路养护经费", "公里", "农村公路"),
    ("城乡居民养老保险补贴", "人", "参保居民"),
    ("基本公共卫生服务项目", "人", "服务人口"),
    ("市外医疗专项调查费", "次", "外出稽核"),
    ("困难群众临时救助", "户", "救助家庭"),
    ("农村饮水安全维修养护", "处", "供水工程"),
    ("乡村振兴示范村建设", "个", "示范村"),
    ("公共文化场馆免费开放", "个", "场馆"),
    ("老旧小区改造补助", "户", "住户"),
    ("医保基金监管专项经费", "家", "定点医药机构"),
    ("家庭医生签约服务", "人", "签约居民"),
]
SATISFACTION = ["≥90%", "≥85%", "≥95%", "≥80%", "≥92%"]
QUALITY = ["=100%", "≥98%", "≥95%", "100%", "≥99%"]
TIMELY = ["年底前完成", "=100%", "≤30个工作日", "按季度完成", "12月底前"]
EFFECT = ["显著提高", "效果显著", "逐步提升", "明显改善", "持续提升"]


def make_record(rng: random.Random, year: int, serial: int) -> dict:
    place = rng.choice(PLACES)
    bureau = rng.choice(BUREAUS)
    base, unit, obj = rng.choice(PROJECTS)
    name = base if rng.random() < 0.5 else f"{place}{base}（{serial % 97 + 1}期）"
    dept = f"{place}{bureau}"
    total = rng.choice([Decimal(rng.randint(5, 900)), Decimal(rng.randint(500, 99999)) / 100])
    count = rng.randint(8, 2000)
    rows = [
        ("产出指标", "数量指标", f"{obj}数量", f"{count}{unit}"),
        ("产出指标", "数量指标", f"覆盖{obj}比例", rng.choice(QUALITY)),
        ("产出指标", "质量指标", f"{obj}服务合格率", rng.choice(QUALITY)),
        ("产出指标", "质量指标", "信息上传准确率", rng.choice(QUALITY)),
        ("产出指标", "时效指标", "资金支付及时性", rng.choice(TIMELY)),
        ("产出指标", "成本指标", f"每{unit}{obj}补助标准", f"≤{rng.randint(1, 50000)}元"),
        ("效益指标", "社会效益指标", f"{obj}保障水平", rng.choice(EFFECT)),
        ("效益指标", "可持续影响指标", "长效机制建立情况", rng.choice(["长期", "健全", "逐步完善"])),
        ("满意度指标", "服务对象满意度指标", f"{obj}满意度", rng.choice(SATISFACTION)),
    ]
    extra = rng.randint(0, 4)
    for i in range(extra):
        rows.append(("产出指标", "数量指标", f"{obj}培训场次{i + 1}", f"≥{rng.randint(1, 40)}场"))
    return {
        "form": "project-declaration",
        "year": year,
        "project": {
            "name": name,
            "code": f"{year}{rng.randint(10**9, 10**10 - 1)}",
            "department": dept,
            "unit": dept,
            "attribute": rng.choice(["延续项目", "新增项目"]),
            "period": "1年",
        },
        "funds": {"mid_term": None, "annual": {"total": total, "fiscal": total, "other": 0}},
        "spending_plan": [
            {"month": 3, "percent": 25},
            {"month": 6, "percent": 50},
            {"month": 9, "percent": 75},
            {"month": 12, "percent": 100},
        ],
        "goals": {
            "mid_term": [],
            "annual": [
                f"目标1：保障{count}{unit}{obj}按时足额落实，提升{place}{base}的服务水平；",
                f"目标2：资金{total}万元按进度拨付，专款专用，年底前全部完成；",
                f"目标3：{obj}满意度不低于{rng.choice(SATISFACTION)[1:]}，形成长效管理机制。",
            ],
        },
        "indicators": {
            "mid_term": [],
            "annual": [
                {
                    "level1": l1,
                    "level2": l2,
                    "name": n,
                    "value": v,
                    "description": f"{n}达到{v}",
                    "basis": rng.choice(["计划标准", "历史标准", "行业标准"]),
                }
                for l1, l2, n, v in rows
            ],
        },
    }


def build_records(n: int, rng: random.Random) -> list[dict]:
    records = []
    for i in range(n):
        year = YEARS[i * len(YEARS) // n]
        record = make_record(rng, year, i)
        if records and rng.random() < 0.08:
            # the copy-paste of seed 003: another project's indicator set reused
            donor = rng.choice(records[-200:])
            record["indicators"] = copy.deepcopy(donor["indicators"])
        records.append(record)
    return records


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def emit(name: str, value: float, unit: str = "ms") -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}, ensure_ascii=False), flush=True)


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def series(name: str, samples: list[float]) -> None:
    emit(f"{name}_ms_p50", pct(samples, 50))
    emit(f"{name}_ms_p95", pct(samples, 95))


class Flushes:
    """Counts the flushes (fsync, fdatasync) and bytes written in its block."""

    def __init__(self):
        self.count = 0
        self.written: int | None = None
        self._lock = threading.Lock()  # a checkpoint flushes from several threads
        self._real = {name: getattr(os, name) for name in ("fsync", "fdatasync") if hasattr(os, name)}

    def __enter__(self):
        for name, real in self._real.items():
            setattr(os, name, self._counting(real))
        self._start = written_bytes()
        return self

    def _counting(self, real):
        def flush(fd):
            with self._lock:
                self.count += 1
            return real(fd)

        return flush

    def __exit__(self, *exc):
        for name, real in self._real.items():
            setattr(os, name, real)
        end = written_bytes()
        self.written = None if end is None or self._start is None else end - self._start


def written_bytes() -> int | None:
    """Bytes this process has passed to write(2) so far (Linux only)."""
    try:
        with open("/proc/self/io", encoding="ascii") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith("wchar:"))
    except (OSError, StopIteration):
        return None


FRESH_SAVE = """
import random, sys, time
sys.path.insert(0, {bench!r})
from bench_store import make_record
from assistant.records import Store
record = make_record(random.Random(), 2023, 1)
start = time.perf_counter()
Store(sys.argv[1]).save(record)
print((time.perf_counter() - start) * 1000)
"""


def fresh_process_save(home: Path) -> float:
    """One save in a new process, imports excluded: the schema is compiled
    and nothing is cached, as for `jixiao import` or the end of an interview."""
    import subprocess

    code = FRESH_SAVE.format(bench=str(Path(__file__).resolve().parent))
    out = subprocess.run(
        [sys.executable, "-c", code, str(home)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return float(out.stdout.strip())


def process_ms(args: list[str], home: Path) -> float:
    """Median wall time of a command run as a new process (3 runs)."""
    import subprocess

    env = dict(os.environ, JIXIAO_HOME=str(home))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env, cwd=Path(__file__).resolve().parent.parent)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--keep", help="build the store in this directory and keep it")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    home = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    try:
        records = build_records(args.records, rng)
        extra = build_records(args.samples + 15, random.Random(args.seed + 1))

        # -- build through the bulk path (same validation and atomic writes) --
        ms, ids = timed(lambda: Store(home).save_many(records))
        emit("store.build_s", ms / 1000, "s")
        emit("store.records", len(ids), "records")
        size = sum(p.stat().st_size for p in (home / "db").rglob("*") if p.is_file())
        emit("store.size_mb", size / 1e6, "MB")
        emit("store.index_kb", (home / "db" / "index.json").stat().st_size / 1e3, "KB")
        emit("store.journal_kb", (home / "db" / "journal.log").stat().st_size / 1e3, "KB")

        store = Store(home)

        # -- save: a new record through the real save path --
        saves = []
        with Flushes() as flushes:
            for record in extra[: args.samples]:
                ms, new_id = timed(lambda: store.save(record))  # noqa: B023 - called at once
                saves.append(ms)
                ids.append(new_id)
        series("store.save", saves)
        emit("store.save_flushes_per_save", flushes.count / args.samples, "fsync")
        if flushes.written is not None:
            emit("store.save_kb_written_per_save", flushes.written / args.samples / 1e3, "KB")
        emit("store.save_fresh_process_ms_p50", statistics.median(fresh_process_save(home) for _ in range(3)))

        # -- update: one indicator changed, a version appended --
        updates = []
        for _i in range(args.samples):
            rid = rng.choice(ids)
            record = store.get(rid)
            row = record["indicators"]["annual"][0]
            row["value"] = f"{rng.randint(1, 5000)}个"
            ms, _ = timed(lambda: store.save(record, record_id=rid, note=f"修改指标 {row['name']}"))
            updates.append(ms)
        series("store.update", updates)

        # -- get --
        gets = [timed(lambda: store.get(rng.choice(ids)))[0] for _ in range(args.samples * 3)]
        series("store.get", gets)

        # -- list: a fresh Store (as `jixiao list` in a new process) --
        fresh = [timed(lambda: Store(home).list())[0] for _ in range(15)]
        series("store.list_all_fresh", fresh)
        warm_store = Store(home)
        warm_store.list()
        warm = [timed(lambda: warm_store.list())[0] for _ in range(15)]
        series("store.list_all_warm", warm)
        after_save = []
        for record in extra[args.samples : args.samples + 15]:
            store.save(record)
            after_save.append(timed(lambda: Store(home).list())[0])
        series("store.list_all_after_save", after_save)
        by_year = [timed(lambda: Store(home).list(year=rng.choice(YEARS)))[0] for _ in range(15)]
        series("store.list_year_fresh", by_year)
        by_both = [timed(lambda: Store(home).list(year=2021, form="project-declaration"))[0] for _ in range(15)]
        series("store.list_year_form_fresh", by_both)
        emit("store.list_process_ms", process_ms([sys.executable, "-m", "assistant.cli.main", "list"], home))
        emit("reference.python_pass_ms", process_ms([sys.executable, "-c", "pass"], home))
        (home / "db" / "index.json").unlink()
        (home / "db" / "index.log").unlink(missing_ok=True)
        ms, listed = timed(lambda: Store(home).list())
        emit("store.list_rebuild_index", ms)
        assert len(listed) == len(ids) + 15 + 3, (len(listed), len(ids))  # + the fresh-process saves

        # -- copy-paste check --
        (home / "db" / CACHE_NAME).unlink(missing_ok=True)
        ms, index = timed(lambda: PairIndex.from_store(Store(home)))
        emit("copy_paste.index_cold", ms)
        warm_idx = [timed(lambda: PairIndex.from_store(Store(home)))[0] for _ in range(5)]
        series("copy_paste.index_cached", warm_idx)
        targets = [rng.choice(ids) for _ in range(args.samples * 3)]
        target_pairs = {rid: record_pairs(store.get(rid)) for rid in targets}
        queries = [timed(lambda: copy_paste_matches(target_pairs[rid], index, exclude_ids=[rid]))[0] for rid in targets]
        series("copy_paste.query", queries)
        one = targets[0]
        pairs_one = target_pairs[one]
        check = [timed(lambda: copy_paste_matches(pairs_one, Store(home), exclude_ids=[one]))[0] for _ in range(5)]
        series("copy_paste.check_one_fresh", check)

        def all_records_check() -> int:
            hits = 0
            for rid in index.terms_of:
                hits += bool(
                    index.matches(index.pairs_of(rid), exclude_ids=[rid], exclude_project=index.project_of[rid])
                )
            return hits

        ms, flagged = timed(all_records_check)
        emit("copy_paste.check_all_records", ms)
        emit("copy_paste.records_flagged", flagged, "records")
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
