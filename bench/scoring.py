"""Benchmark: score a synthetic national campaign end to end
(`python bench/scoring.py [--db sqlite|postgres]`).

14,000 sites, 60 leaf indicators (machine, expert, public, portal, self),
5 experts per site and 1,000,000 public answers; target: under 60 s on 2 cores.
The inputs are built in memory first (not timed), then `score_campaign` runs.
With `--db` they are stored in a fresh database (not timed), then
`score_and_store` is timed: read the inputs, score, store the results.
Figures and how to read them: bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections.abc import Sequence
from typing import Any

from ceping.framework import Framework, parse_framework
from ceping.scoring import (
    CampaignInputs,
    CampaignResults,
    ExpertRating,
    PortalRow,
    PublicAnswer,
    SelfPoints,
    UnitInput,
    score_campaign,
)

CATEGORIES = ("省级门户", "市级门户", "县级门户", "部门网站")
MACHINE_RULES = (
    "{kind: deduct, finding: broken_link, per: 0.25}",
    "{kind: deduct, finding: typo, per: 0.5}",
    "{kind: deduct, finding: [stale_column, blank_column], per: 1}",
    "{kind: deduct, finding: missing_feature, where: {feature: search}, per: 2}",
    (
        "{kind: bands, measure: home_ms, "
        "bands: [{at_most: 1500, points: 2}, {at_most: 3000, points: 1}]}"
    ),
)
FINDINGS = (
    {
        "kind": "broken_link",
        "url": "https://x.example/a",
        "page": "https://x.example/",
        "status": 404,
    },
    {"kind": "typo", "page": "https://x.example/n", "text": "按装", "suggestion": "安装"},
    {"kind": "stale_column", "page": "https://x.example/c", "latest": "2024-01-02", "days": 400},
    {"kind": "blank_column", "page": "https://x.example/b"},
    {"kind": "missing_feature", "feature": "search"},
)


def national_framework() -> Framework:
    """Four areas, 60 leaves: 25 machine, 10 expert, 10 public (scaled), 5 portal, 10 self."""
    return parse_framework(_framework_text(), source="national-bench.yaml")


def _framework_text() -> str:
    leaves: dict[str, list[str]] = {"A": [], "B": [], "C": [], "D": []}
    for i in range(25):
        rule = MACHINE_RULES[i % len(MACHINE_RULES)]
        leaves["A"].append(
            f"{{code: A{i + 1}, name: 机器{i + 1}, max: 2, source: machine, rule: {rule}}}"
        )
    for i in range(10):
        leaves["B"].append(f"{{code: B{i + 1}, name: 专家{i + 1}, max: 2, source: expert}}")
    for i in range(10):
        scale = "convenience" if i < 4 else "satisfaction"
        leaves["C"].append(
            f"{{code: C{i + 1}, name: 公众{i + 1}, max: 2, source: public, scale: {scale}}}"
        )
    for i in range(5):
        leaves["D"].append(
            f"{{code: D{i + 1}, name: 门户{i + 1}, max: 1, source: portal, "
            "rule: {kind: linear, measure: adoption_rate, low: 0.5, high: 0.95}}"
        )
    for i in range(10):
        leaves["D"].append(f"{{code: D{i + 6}, name: 自查{i + 1}, max: 0.5, source: self}}")
    areas = "\n".join(
        f"  - code: {code}\n    name: 领域{code}\n    children:\n"
        + "\n".join(f"      - {leaf}" for leaf in items)
        for code, items in leaves.items()
    )
    categories = "\n".join(f"  - {{name: {c}}}" for c in CATEGORIES)
    grading = "\n".join(
        f"    {c}: {{thresholds: {{优秀: 90, 良好: 80}}, quotas: {{优秀: 500}}}}"
        for c in CATEGORIES
    )
    text = (
        f"name: 全国抽查（基准）\ntotal: 100\ncategories:\n{categories}\n"
        "groups:\n  - {name: 门户网站, categories: [省级门户, 市级门户, 县级门户]}\n"
        f"areas:\n{areas}\n"
        "vetoes:\n  - {code: V1, name: 无法访问, finding: unreachable}\n"
        f"grading:\n  grades: [优秀, 良好]\n  categories:\n{grading}\n"
    )
    return text


def national_inputs(
    framework: Framework, sites: int, experts_per_site: int, answers: int, seed: int = 1
) -> tuple[list[UnitInput], CampaignInputs]:
    rng = random.Random(seed)
    units = [
        UnitInput(
            f"U{i:05d}", f"网站{i}", f"站{i}", CATEGORIES[i % 4], f"https://s{i}.example.gov.cn/"
        )
        for i in range(sites)
    ]
    leaves = list(framework.leaves())
    expert_leaves = [leaf.code for leaf in leaves if leaf.code.startswith("B")]
    public_leaves = [leaf for leaf in leaves if leaf.scale is not None]
    scans, expert, portal, own = {}, [], [], []
    for i, unit in enumerate(units):
        findings = [FINDINGS[k % 5] for k in range(rng.randint(0, 12))]
        scans[unit.code] = {
            "url": unit.url,
            "reachable": rng.random() > 0.002,
            "pages": 100,
            "features": {"search": True},
            "findings": findings,
            "measurements": {"home_ms": rng.randint(300, 5000)},
        }
        for code in expert_leaves:
            for k in range(experts_per_site):
                expert.append(
                    ExpertRating(
                        unit.code,
                        code,
                        f"E{(i * experts_per_site + k) % 3000}",
                        points=rng.randint(100, 200) / 100,
                    )
                )
        submitted = rng.randint(50, 2000)
        portal.append(PortalRow(unit.code, submitted, int(submitted * rng.uniform(0.6, 1.0))))
        own.extend(SelfPoints(unit.code, f"D{k + 6}", 0.5) for k in range(10))
    public = []
    choices = {
        "convenience": ("方便", "基本方便", "不方便"),
        "satisfaction": ("满意", "基本满意", "不满意"),
    }
    for n in range(answers):  # one survey form answers the 10 items of one site
        form = n // len(public_leaves)
        leaf = public_leaves[n % len(public_leaves)]
        assert leaf.scale is not None
        choice = choices[leaf.scale.value][rng.choices((0, 1, 2), (6, 3, 1))[0]]
        public.append(PublicAnswer(f"P{form}", units[form % sites].code, leaf.code, choice))
    return units, CampaignInputs(
        "全国基准", 2025, scans=scans, expert=expert, public=public, portal=portal, self_points=own
    )


def run(
    sites: int, experts_per_site: int, answers: int
) -> tuple[CampaignResults, float, float, float]:
    """Results, seconds to build the inputs, wall and CPU seconds to score them."""
    framework = national_framework()
    started = time.perf_counter()
    units, inputs = national_inputs(framework, sites, experts_per_site, answers)
    built = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    results = score_campaign(framework, units, inputs)
    return results, built, time.perf_counter() - started, time.process_time() - cpu


def run_db(
    database: str, sites: int, experts_per_site: int, answers: int
) -> tuple[CampaignResults, float, Any]:
    """Store the inputs in a fresh database, then time `score_and_store` (read, score, store)."""
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    home = Path(tempfile.mkdtemp(prefix="ceping-bench-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)  # the SQLite file of a run is ~330 MB
    os.environ["CEPING_HOME"] = str(home)
    if database == "postgres":
        os.environ["DATABASE_URL"] = _fresh_postgres("ceping_scoring_bench")
    else:
        os.environ.pop("DATABASE_URL", None)
    from ceping.cli.common import setup_django

    setup_django()
    from django.core.management import call_command

    from ceping.campaign.campaigns import create_campaign
    from ceping.campaign.inputs import store_inputs
    from ceping.campaign.scoring import score_and_store
    from ceping.web.models import Site, Unit

    call_command("migrate", interactive=False, verbosity=0)
    framework = national_framework()
    units, inputs = national_inputs(framework, sites, experts_per_site, answers)
    started = time.perf_counter()
    Unit.objects.bulk_create(
        [
            Unit(code=u.code, name=u.name, short_name=u.short_name, category=u.category)
            for u in units
        ],
        batch_size=2000,
    )
    ids = dict(Unit.objects.values_list("code", "id"))
    Site.objects.bulk_create([Site(unit_id=ids[u.code], url=u.url) for u in units], batch_size=2000)
    path = home / "national-bench.yaml"
    path.write_text(_framework_text(), encoding="utf-8")
    campaign, _, _ = create_campaign("全国基准", 2025, path)
    store_inputs(campaign, inputs)
    loaded = time.perf_counter() - started
    results, timings = score_and_store(campaign)
    return results, loaded, timings


def _fresh_postgres(name: str) -> str:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", type=int, default=14_000)
    parser.add_argument("--experts", type=int, default=5, help="experts per site")
    parser.add_argument("--answers", type=int, default=1_000_000, help="public answers")
    parser.add_argument(
        "--db",
        choices=["memory", "sqlite", "postgres"],
        default="memory",
        help="score in-memory inputs, or read them from a fresh database and store the results",
    )
    args = parser.parse_args(argv)
    load = os.getloadavg()
    if args.db != "memory":
        results, loaded, t = run_db(args.db, args.sites, args.experts, args.answers)
        wall, cpu = (t.read_s, t.score_s, t.store_s), t.cpu_s
        print(
            f"{args.db}: {args.sites:,} sites, "
            f"{sum(len(u.scores) for u in results.units):,} leaf scores; "
            f"inputs stored in {loaded:.1f} s (setup, not timed)"
        )
        print(
            f"  wall: read {wall[0]:.1f} s + score {wall[1]:.1f} s + store results {wall[2]:.1f} s "
            f"= {sum(wall):.1f} s"
        )
        print(
            f"  CPU of this process: read {cpu[0]:.1f} s + score {cpu[1]:.1f} s "
            f"+ store {cpu[2]:.1f} s "
            f"= {sum(cpu):.1f} s (the database server's own time is not in it)"
        )
        print(_load_text(load))
        return 0
    results, built, scored, cpu = run(args.sites, args.experts, args.answers)
    scores = sum(len(u.scores) for u in results.units)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"sites {args.sites:,}  leaf scores {scores:,}  "
        f"expert ratings {args.sites * 10 * args.experts:,}  "
        f"public answers {args.answers:,}  statistics {len(results.statistics):,}"
    )
    print(
        f"inputs built in {built:.1f} s (not timed); scored end to end in {scored:.1f} s wall, "
        f"{cpu:.1f} s CPU (target < 60 s); peak memory {peak_mb:,.0f} MB"
    )
    print(_load_text(load))
    return 0


def _load_text(before: tuple[float, float, float]) -> str:
    """The machine's load average at the start and the end: the timings mean little without it."""
    after = os.getloadavg()
    return (
        f"load average (1/5/15 min) at start {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
        f"at end {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
