"""What each kind of background job does: the same use cases the CLI calls, with progress.

Each work function takes the job's row and its Reporter and returns the Chinese sentence shown
when it is done; it raises CepingError (a Chinese message for the organizer) when it cannot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ceping.campaign import audit, publication
from ceping.campaign.campaigns import (
    create_campaign,
    framework_of,
    move_status,
    read_framework,
)
from ceping.campaign.job_progress import JobStopped, Reporter
from ceping.campaign.portal import import_portal
from ceping.campaign.rechecks import RECHECK_LABELS, run_rechecks
from ceping.campaign.reports import write_reports, zip_unit_reports
from ceping.campaign.scans import ScanStopped, prepare_runs, scan_campaign
from ceping.campaign.scoring import is_scored, score_and_store
from ceping.campaign.units import import_units, import_units_into
from ceping.errors import CepingError
from ceping.framework import framework_file, shipped_frameworks
from ceping.scan.config import ScanConfig
from ceping.scan.processes import default_processes
from ceping.web.models import (
    Campaign,
    CampaignStatus,
    Finding,
    FindingStatus,
    Job,
    ScanStatus,
    Unit,
)

Work = Callable[[Job, Reporter], str]
RECHECK_BATCH = 20  # findings fetched again per step: progress moves, a stop is heard soon


@dataclass(frozen=True)
class JobKind:
    label: str  # what the organizer reads: 机器检测, 生成报告 …
    work: Work
    stoppable: bool = False  # safe to stop half way (what is done stays done)


def _campaign(job: Job) -> Campaign:
    assert job.campaign is not None  # every kind but "create" is started on a campaign
    return job.campaign


def create(job: Job, reporter: Reporter) -> str:
    params = job.params
    name = str(params["name"])
    if Campaign.objects.filter(name=name).exists():
        raise CepingError(f"已有名为“{name}”的测评活动，请换一个名称")
    if params["framework"] not in shipped_frameworks():  # a name, never a path from a form
        raise CepingError("没有这个指标体系")
    path = framework_file(str(params["framework"]))
    units = None
    reporter.tell(0, 2, "正在读取指标体系和单位表")
    if params.get("file"):
        summary = import_units(Path(params["file"]), read_framework(path)[0])
        units = list(Unit.objects.filter(code__in=summary.codes))
    reporter.tell(1, 2, "正在建立测评活动")
    previous = Campaign.objects.filter(pk=params.get("previous") or 0).first()
    campaign, framework, left_out = create_campaign(
        name, int(params["year"]), path, units=units, previous=previous
    )
    job.campaign = campaign
    job.save(update_fields=["campaign"])
    audit.record(job.started_by, "create_campaign", campaign, "name", None, name)
    told = f"已建立测评活动“{campaign.name}”（{framework.name}，{campaign.units.count()} 个单位）"
    if left_out:
        told += "；类别不属于该指标体系、未纳入的单位：" + "，".join(
            f"{x.category} {x.units} 个" for x in left_out
        )
    return told


def units(job: Job, reporter: Reporter) -> str:
    campaign = _campaign(job)
    reporter.tell(0, 1, "正在检查并导入单位表")
    summary = import_units_into(campaign, Path(job.params["file"]))
    return (
        f"新增 {summary.created} 个单位，更新 {summary.updated} 个；"
        f"测评活动现有 {campaign.units.count()} 个单位"
    )


def portal(job: Job, reporter: Reporter) -> str:
    reporter.tell(0, 1, "正在检查并导入门户网站考核数据")
    summary = import_portal(_campaign(job), Path(job.params["file"]), who=job.started_by)
    return f"门户网站考核数据：新增 {summary.created} 个单位，更新 {summary.updated} 个"


def scan(job: Job, reporter: Reporter) -> str:
    campaign = _campaign(job)
    runs = prepare_runs(campaign)
    if not runs:
        raise CepingError("测评活动的单位还没有网站：请先导入单位表（含网站地址）")
    finished = set(
        campaign.scan_runs.filter(status=ScanStatus.DONE).values_list("site__url", flat=True)
    )
    pages: dict[str, int] = {}
    found: dict[str, int] = {}

    def progress(site: str, site_pages: int, links: int, findings: int, done: bool) -> None:
        # Called inside the crawl's event loop: numbers only, the reporter writes them.
        pages[site], found[site] = site_pages, findings
        if done:
            finished.add(site)
        reporter.tell(
            len(finished),
            len(runs),
            f"已完成 {len(finished)}/{len(runs)} 个网站，本次抓取页面 {sum(pages.values())} 个，"
            f"发现问题 {sum(found.values())} 条",
        )

    reporter.tell(len(finished), len(runs), "正在检测")
    config = ScanConfig(
        urls=(),
        as_of=timezone.localdate(),
        allow_private=settings.SCAN_ALLOW_PRIVATE,
        max_pages=int(job.params.get("max_pages") or ScanConfig.max_pages),
    )
    move_status(campaign, CampaignStatus.DRAFT, CampaignStatus.SCANNING)
    try:
        reports = scan_campaign(
            campaign,
            config,
            progress,
            should_stop=lambda: reporter.stopping,
            processes=default_processes(),
        )
    except ScanStopped as exc:
        raise JobStopped(str(exc)) from None
    # Every site scanned: the experts' and the public's turn (a later score moves it on).
    move_status(campaign, CampaignStatus.SCANNING, CampaignStatus.REVIEWING)
    findings = Finding.objects.filter(scan_run__campaign=campaign).count()
    return f"已检测 {len(reports)} 个网站，共发现问题 {findings} 条"


def recheck(job: Job, reporter: Reporter) -> str:
    campaign = _campaign(job)
    ids = list(
        Finding.objects.filter(scan_run__campaign=campaign, status=FindingStatus.FIXED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return "没有单位申请复查的问题"
    config = ScanConfig(urls=(), allow_private=settings.SCAN_ALLOW_PRIVATE)
    verdicts: Counter[str] = Counter()
    for start in range(0, len(ids), RECHECK_BATCH):
        reporter.check()
        reporter.tell(start, len(ids), f"已复查 {start}/{len(ids)} 条")
        for outcome in run_rechecks(config, ids[start : start + RECHECK_BATCH]):
            verdicts[str(outcome.status)] += 1
    counts = "，".join(f"{RECHECK_LABELS.get(k, k)} {n} 条" for k, n in sorted(verdicts.items()))
    return f"复查 {len(ids)} 条：{counts}"


def score(job: Job, reporter: Reporter) -> str:
    campaign = _campaign(job)
    reporter.tell(0, 1, "正在读取数据并计分")
    results, timings = score_and_store(campaign)
    grades = "，".join(
        f"{g} {sum(1 for u in results.units if u.grade == g)} 个"
        for g in results.framework.grading.grades
    )
    seconds = timings.read_s + timings.score_s + timings.store_s
    told = f"{len(results.units)} 个单位已计分（{grades}），用时 {seconds:.0f} 秒"
    missing = [u for u in results.units if u.missing]
    if missing:
        told += f"；{len(missing)} 个单位缺少数据，未定等级"
    return told + "。结果尚未发布给各单位"


def publish(job: Job, reporter: Reporter) -> str:
    return publication.publish(_campaign(job), job.started_by)


def unpublish(job: Job, reporter: Reporter) -> str:
    return publication.unpublish(_campaign(job), job.started_by)


def reports(job: Job, reporter: Reporter) -> str:
    campaign = _campaign(job)
    if not is_scored(campaign):
        raise CepingError("尚未计分：请先计分，再生成报告")
    framework_of(campaign)  # a broken snapshot fails here, before any file is touched

    def progress(done: int, total: int) -> None:
        reporter.tell(done, total + 1, f"已写出 {done}/{total} 个文件")

    written = write_reports(campaign, progress=progress)
    reporter.tell(len(written), len(written) + 1, "正在打包全部单位测评报告")
    archive = zip_unit_reports(campaign)
    return f"已生成 {len(written)} 个文件，全部单位报告已打包（{archive.name}）"


KINDS: dict[str, JobKind] = {
    "create": JobKind("建立测评活动", create),
    "units": JobKind("导入单位", units),
    "portal": JobKind("导入门户网站考核数据", portal),
    "scan": JobKind("机器检测", scan, stoppable=True),
    "recheck": JobKind("复查", recheck, stoppable=True),
    "score": JobKind("计分", score),
    "publish": JobKind("发布结果", publish),
    "unpublish": JobKind("撤回发布", unpublish),
    "reports": JobKind("生成报告", reports),
}
