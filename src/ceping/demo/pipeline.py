"""`ceping demo`: the Shanghai 2012 campaign, rebuilt and run end to end on this machine.

Steps: database → units → campaigns (2011 scored as the year before) → the synthetic
site farm on loopback → the real scanner → expert, public, portal and self-inspection
inputs → scoring → the notice and reports in out/2012/. Run twice, the second run
replaces the first campaign cleanly.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ceping.demo import DEMO_CAMPAIGN, DEMO_YEAR, units_path
from ceping.demo.farmplan import band_edges, plan_for
from ceping.demo.sitefarm import SitePlan, build_demo_farm, demo_host
from ceping.errors import CepingError
from ceping.scan.config import ScanConfig
from ceping.scoring import CampaignResults, UnitInput

AS_OF = dt.date(2012, 12, 31)  # the campaign judged the sites at the end of its year
FARM_START_TIMEOUT_S = 120


@dataclass(frozen=True)
class DemoOutcome:
    results: CampaignResults
    imported: tuple[str, ...]  # the category of every unit imported, the campaign's or not
    written: list[Path]
    seconds: float


def _serve_farm(
    plans: Sequence[SitePlan],
    port: int,
    ready: multiprocessing.synchronize.Event,
    as_of: dt.date = AS_OF,
) -> None:
    """Child process: serve the farm until killed (its own process, so its CPU is not the
    scanner's)."""
    from ceping.sitefarm.server import FarmServer

    FarmServer(build_demo_farm(plans, port, as_of)).start()
    ready.set()
    while True:
        time.sleep(3600)


@contextmanager
def served_farm(plans: Sequence[SitePlan], as_of: dt.date = AS_OF) -> Iterator[list[str]]:
    """Start URLs of the demo farm, one per plan, served by a child process while inside; its
    pages are dated as seen on `as_of`."""
    from ceping.sitefarm.server import free_port

    port = free_port()
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    process = context.Process(
        target=_serve_farm, args=(list(plans), port, ready, as_of), daemon=True
    )
    process.start()
    try:
        deadline = time.monotonic() + FARM_START_TIMEOUT_S
        while not ready.wait(0.2):
            if not process.is_alive() or time.monotonic() > deadline:
                raise CepingError(f"演示网站群未能启动（子进程退出码 {process.exitcode}）")
        yield [f"http://{demo_host(i)}:{port}/" for i in range(len(plans))]
    finally:
        process.kill()
        process.join(10)


def run_demo(console: Console, out_dir: Path, sites: int | None = None) -> DemoOutcome:
    """Run every step; `sites` limits the campaign to N units from every category (a quicker
    demo)."""
    from django.core.management import call_command

    from ceping.campaign import publication
    from ceping.campaign.campaigns import create_campaign
    from ceping.campaign.reports import write_reports
    from ceping.campaign.scans import scan_campaign
    from ceping.campaign.scoring import score_and_store
    from ceping.campaign.units import import_units
    from ceping.demo.rebuild.files import read_units
    from ceping.demo.sample import FRAMEWORK, create_previous_year, load_sample
    from ceping.framework import load_framework, shipped_framework_path
    from ceping.web.models import Unit

    started = time.monotonic()
    step = stepper(console)
    framework_path = shipped_framework_path(FRAMEWORK)
    with step("准备数据库"):
        call_command("migrate", interactive=False, verbosity=0)
    with step("导入被测单位"):
        import_units(units_path(), load_framework(framework_path))
        unit_inputs, _ = read_units()
        chosen = sample_units(unit_inputs, sites) if sites else unit_inputs
        units = list(Unit.objects.filter(code__in=[u.code for u in chosen]).order_by("code"))
    with step("建立2011年度测评（上一年度，重建样例数据）并计分"):
        before = create_previous_year(units)
    with step("建立2012年度测评，载入专家、公众、门户网站考核和单位自查数据"):
        campaign, framework, _ = create_campaign(
            DEMO_CAMPAIGN,
            DEMO_YEAR,
            framework_path,
            units=units,
            previous=before,
            is_sample_data=True,
        )
        # The machine part comes from the real scan below.
        inputs, _ = load_sample(campaign, with_scans=False)
    edges = band_edges(framework)
    plans = [
        plan_for(u.code, u.short_name, inputs.scans[u.code], edges, gbk=i % 5 == 3)
        for i, u in enumerate(units)
    ]
    with served_farm(plans) as farm_urls:
        targets = {
            u.sites.get(is_primary=True).url: url for u, url in zip(units, farm_urls, strict=True)
        }
        scan_with_progress(console, campaign, targets, scan_campaign)
    with step("计分、定级、统计"):
        results, _ = score_and_store(campaign)
    with step(f"生成通报和报告（{out_dir}）"):
        written = write_reports(campaign, out_dir)
        publication.publish(campaign)  # the notice is out: units see their results
    imported = tuple(Unit.objects.values_list("category", flat=True))
    return DemoOutcome(results, imported, written, time.monotonic() - started)


def sample_units(units: Sequence[UnitInput], n: int) -> list[UnitInput]:
    """N units taken in turn from each category, so that every figure of the notice exists."""
    categories = list(dict.fromkeys(u.category for u in units))
    if n < len(categories):
        raise CepingError(f"--sites 至少为 {len(categories)}（每个类别至少一个单位）")
    queues = {c: [u for u in units if u.category == c] for c in categories}
    chosen: list[UnitInput] = []
    while len(chosen) < min(n, len(units)):
        for category in categories:
            if queues[category] and len(chosen) < n:
                chosen.append(queues[category].pop(0))
    return sorted(chosen, key=lambda u: u.code)


def scan_with_progress(
    console: Console, campaign, targets: dict[str, str], scan_campaign, as_of: dt.date = AS_OF
) -> None:  # type: ignore[no-untyped-def]
    """Scan the campaign's sites at `targets` (its URLs mapped to the farm's), with a bar."""
    config = ScanConfig(urls=(), as_of=as_of, allow_private=True)
    columns = (
        TextColumn("机器检测"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    )
    pages: dict[str, int] = {}
    findings: dict[str, int] = {}
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("scan", total=len(targets), detail="")

        def on_progress(site: str, n_pages: int, links: int, n_findings: int, done: bool) -> None:
            pages[site], findings[site] = n_pages, n_findings
            if done:
                bar.advance(task)
            bar.update(task, detail=f"页面 {sum(pages.values())}，问题 {sum(findings.values())}")

        scan_campaign(campaign, config, progress=on_progress, targets=targets)


def stepper(console: Console) -> Callable[[str], contextmanager]:  # type: ignore[type-arg]
    @contextmanager
    def step(title: str) -> Iterator[None]:
        started = time.monotonic()
        with console.status(f"{title}……"):
            yield
        console.print(f"[green]✓[/] {title}（{time.monotonic() - started:.1f} 秒）")

    return step
