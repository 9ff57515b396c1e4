"""`ceping demo --framework national-2019`: a small campaign under the 2019 national table, end to
end on this machine.

Twelve invented units (no real site is named or contacted), each with a loopback site whose
planted defects fire one single veto or none: a site that does not answer (V1), a home page
whose newest news is 30 days old (V2), 10 stale columns (V3), 5 blank columns (V4), no
consultation channel (V5), no services on a department that should offer them (V6) and on one
that has none to offer (no veto), messages unanswered for 120 days (V7), and a leak the
organizer verifies with evidence (V8). Experts' points put the others above and below 60 and
one portal above 80 into the bonus part; the departments without services are scaled by 4/3.
Steps as in the Shanghai demo: units → campaign → inputs → farm → real scan → scoring →
notice and reports.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from ceping.demo.pipeline import DemoOutcome, scan_with_progress, served_farm, stepper
from ceping.demo.sitefarm import SitePlan
from ceping.scoring import CampaignInputs, ExpertRating, OrganizerVerdict

FRAMEWORK = "national-2019"
CAMPAIGN = "2025年度政府网站检查（演示）"
YEAR = 2025
AS_OF = dt.date(2025, 12, 31)
EXPERTS = ("national-expert-1", "national-expert-2")
# Where a site that does not answer is "served": a loopback port nothing listens on.
DEAD_URL = "http://127.0.0.1:9/"


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    short_name: str
    category: str
    points: dict[str, float]  # each expert's points per leaf (the second gives one less on A1)
    defects: dict[str, Any] = field(default_factory=dict)  # SitePlan fields
    leak: str = ""  # the organizer's evidence for V8, "" when none was found
    reachable: bool = True

    @property
    def url(self) -> str:
        # A reserved name (RFC 2606): the scan goes to the farm, never to this address.
        return f"http://{self.code.lower()}.demo.example/"


UNITS = (
    DemoUnit("NG01", "示范市人民政府", "示范市政府", "门户网站",
             {"A1": 24, "B1": 23, "C1": 22, "D1": 22, "E1": 12}),  # 91 > 80: the bonus counts
    DemoUnit("NG02", "示范县人民政府", "示范县政府", "门户网站",
             {"A1": 22, "B1": 20, "C1": 20, "D1": 20, "E1": 10}, {"blank_columns": 5}),
    DemoUnit("NB01", "示范市教育局", "市教育局", "部门网站",
             {"A1": 20, "B1": 18, "C1": 17, "D1": 18}),
    DemoUnit("NB02", "示范市交通运输局", "市交通局", "部门网站",
             {"A1": 15, "B1": 12, "C1": 15, "D1": 12}),  # below 60
    DemoUnit("NB03", "示范市民政局", "市民政局", "部门网站",
             {"A1": 22, "B1": 20, "C1": 20, "D1": 20}, {"stale_columns": 10}),
    DemoUnit("NB04", "示范市卫生健康委员会", "市卫健委", "部门网站",
             {"A1": 22, "B1": 22, "C1": 20, "D1": 20},
             leak="2025年11月3日首页《工作简报》附件含涉密内容，已截图存档（演示）"),
    DemoUnit("NB05", "示范市统计局", "市统计局", "部门网站",
             {"A1": 20, "B1": 20, "C1": 20, "D1": 20}, {"missing_sections": ("网上办事",)}),
    DemoUnit("NB06", "示范市审计局", "市审计局", "部门网站",
             {"A1": 20, "B1": 20, "C1": 20, "D1": 20}, reachable=False),
    DemoUnit("NB07", "示范市司法局", "市司法局", "部门网站",
             {"A1": 20, "B1": 20, "C1": 20, "D1": 20}, {"stale_home_days": 30}),
    DemoUnit("NB08", "示范市人力资源和社会保障局", "市人社局", "部门网站",
             {"A1": 20, "B1": 20, "C1": 20, "D1": 20}, {"unanswered_messages": 2}),
    DemoUnit("NW01", "示范市档案局", "市档案局", "无对外服务部门",
             {"A1": 20, "C1": 20, "D1": 21}, {"missing_sections": ("网上办事",)}),
    DemoUnit("NW02", "示范市地方志办公室", "市地方志办", "无对外服务部门",
             {"A1": 20, "C1": 18, "D1": 20}, {"missing_sections": ("政民互动",)}),
)  # fmt: skip


# What the first expert wrote beside the points of the unit below 60 (its report quotes it).
COMMENTS = {
    ("NB02", "A1"): "政策文件栏目2025年下半年仅更新2条，解读材料缺失（演示）",
    ("NB02", "C1"): "留言办理结果未公开，答复内容简单（演示）",
}


# The organizer's GB/T 9704 elements and deadline of the invented campaign.
NOTICE_TEXTS = {
    "issuer": "示范市人民政府办公室",
    "date": "2026年1月15日",
    "printed_by": "示范市人民政府办公室",
    "printed_on": "2026年1月15日",
    "deadline": "请于2026年2月28日前完成整改",
}


def demo_inputs() -> CampaignInputs:
    """The experts' points and the organizer's verdicts (the scan comes from the farm)."""
    expert = [
        ExpertRating(
            u.code,
            leaf,
            name,
            points=value - (i if leaf == "A1" else 0),
            comment="" if i else COMMENTS.get((u.code, leaf), ""),
        )
        for u in UNITS
        for i, name in enumerate(EXPERTS)
        for leaf, value in u.points.items()
    ]
    verdicts = [
        OrganizerVerdict(u.code, veto, hit=bool(u.leak and veto == "V8"), evidence=u.leak)
        for u in UNITS
        for veto in ("V8", "V9")
        if not (veto == "V9" and u.category == "无对外服务部门")
    ]
    return CampaignInputs(CAMPAIGN, YEAR, expert=expert, verdicts=verdicts, is_sample_data=True)


def _units_table(folder: Path) -> Path:
    path = folder / "units.csv"
    rows = [f"{u.code},{u.name},{u.short_name},{u.category},{u.url}" for u in UNITS]
    path.write_text("\n".join(["代码,名称,简称,类别,网站", *rows]) + "\n", encoding="utf-8")
    return path


def run_national_demo(console: Console, out_dir: Path) -> DemoOutcome:
    from django.core.management import call_command

    from ceping.campaign import publication
    from ceping.campaign.campaigns import create_campaign
    from ceping.campaign.inputs import store_inputs
    from ceping.campaign.reports import write_reports
    from ceping.campaign.scans import scan_campaign
    from ceping.campaign.scoring import score_and_store
    from ceping.campaign.units import import_units
    from ceping.framework import load_framework, shipped_framework_path
    from ceping.web.models import Unit

    started = time.monotonic()
    step = stepper(console)
    path = shipped_framework_path(FRAMEWORK)
    with step("准备数据库"):
        call_command("migrate", interactive=False, verbosity=0)
    with step("导入被测单位（演示用虚构单位）"), tempfile.TemporaryDirectory() as folder:
        import_units(_units_table(Path(folder)), load_framework(path))
    units = list(Unit.objects.filter(code__in=[u.code for u in UNITS]).order_by("code"))
    with step("建立测评活动，载入专家评分和组织方核实结果"):
        campaign, _, _ = create_campaign(CAMPAIGN, YEAR, path, units=units, is_sample_data=True)
        store_inputs(campaign, demo_inputs())
        # What the organizer fills in before generating (通报填写内容): without it the generic
        # template signs "（发文机关）" and the unit reports name no office to report to.
        campaign.notice_texts = dict(NOTICE_TEXTS)
        campaign.save(update_fields=["notice_texts"])
    served = [u for u in UNITS if u.reachable]
    plans = [SitePlan(u.code, u.name, **u.defects) for u in served]
    with served_farm(plans, AS_OF) as farm_urls:
        at = {u.code: url for u, url in zip(served, farm_urls, strict=True)}
        targets = {u.sites.get(is_primary=True).url: at.get(u.code, DEAD_URL) for u in units}
        scan_with_progress(console, campaign, targets, scan_campaign, AS_OF)
    with step("计分、定级、统计"):
        results, _ = score_and_store(campaign)
    with step(f"生成通报和报告（{out_dir}）"):
        written = write_reports(campaign, out_dir)
        publication.publish(campaign)  # the notice is out: units see their results
    codes = [u.code for u in UNITS]
    imported = tuple(Unit.objects.filter(code__in=codes).values_list("category", flat=True))
    return DemoOutcome(results, imported, written, time.monotonic() - started)
