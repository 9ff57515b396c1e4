"""The organizer's controls as background jobs: each starts a job that django-tasks' own worker
(`db_worker`) runs for real, progress shows in the JSON the page polls, a second start of the same
job is refused in Chinese, a failure says why in Chinese, and only organizers may start or stop."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from ceping.campaign import jobs
from ceping.campaign.campaigns import create_campaign, framework_of
from ceping.campaign.reports import report_dir
from ceping.campaign.roles import create_user
from ceping.campaign.scoring import score_and_store
from ceping.framework import load_framework, shipped_framework_path
from ceping.web.models import (
    AuditEntry,
    Campaign,
    Finding,
    FindingStatus,
    Job,
    JobState,
    PortalStat,
    ScanRun,
    ScanStatus,
    Site,
    Unit,
)
from tests.web.conftest import PASSWORD, TEST_FRAMEWORK, client_for
from tests.web.loopback import serve_app

pytestmark = pytest.mark.django_db(transaction=True)
PORTAL_HEADER = "单位代码,报送信息数,采用信息数,收到纠错数,按时处理纠错数,领导信箱反馈案例数\n"
UNITS_HEADER = "代码,名称,简称,类别,网站,外文版,联系人\n"
SLOW_PAGE_S = 0.4
PAGES_PER_SITE = 30


def run_worker() -> None:
    """django-tasks' database worker, as its documentation runs it: every queued task, then exit."""
    call_command(
        "db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
    )


def start_worker(
    *, batch: bool = True, interval: float = 0.05, worker_id: str = "test-worker"
) -> tuple[Worker, threading.Thread]:
    """The same worker in a thread (the command installs signal handlers, which only the main
    thread may), so the test can act while a job runs. `batch`: exit once the queue is empty;
    otherwise poll until `worker.running` is set False, as `ceping serve` runs it."""
    worker = Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )

    def work() -> None:
        try:
            worker.run()
        finally:
            connections.close_all()  # this thread's own: PostgreSQL keeps it open otherwise

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return worker, thread


def worker_thread() -> threading.Thread:
    """A batch worker in a thread: every queued task, then it ends."""
    return start_worker()[1]


def job_json(client: Client, campaign: Campaign) -> list[dict[str, Any]]:
    response = client.get(reverse("campaign-jobs", args=[campaign.pk]))
    assert response.status_code == 200
    return list(response.json()["jobs"])


def wait_for(condition: Any, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def texts(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def generic(units: list[Unit], tmp_path: Path) -> Campaign:
    """The tests' framework with the shipped generic notice (the Shanghai one needs a year's
    worth of data), as the downloads page writes it: no template of the test's own."""
    text = TEST_FRAMEWORK.read_text(encoding="utf-8")
    path = tmp_path / "framework.yaml"
    path.write_text(text.replace("notice: notice-shanghai-2012.txt\n", ""), encoding="utf-8")
    return create_campaign("2012年度", 2012, path, units=units)[0]


def test_reports_are_a_job_once_at_a_time_with_progress_and_a_zip(
    generic: Campaign, organizer: Any
) -> None:
    campaign = generic
    score_and_store(campaign)
    client = client_for(organizer)
    url = reverse("dash-downloads", args=[campaign.pk])
    first = client.post(url, follow=True)
    assert "已开始“生成报告”" in " ".join(texts(first))
    second = client.post(url, follow=True)
    assert "“生成报告”正在等待（org " in " ".join(texts(second))
    assert "同一时间只能进行一个" in " ".join(texts(second))
    assert Job.objects.filter(campaign=campaign, kind="reports").count() == 1
    [waiting] = job_json(client, campaign)
    assert (waiting["state_label"], waiting["active"]) == ("等待", True)

    run_worker()

    [done] = job_json(client, campaign)
    assert (done["state_label"], done["active"]) == ("完成", False), done["message"]
    assert done["total"] > 5 and done["done"] == done["total"]
    assert done["message"].startswith("已生成 ")
    with zipfile.ZipFile(report_dir(campaign) / "units.zip") as archive:
        assert sorted(n.rsplit("/", 1)[1] for n in archive.namelist()) == [
            "BM01.docx",
            "BM02.docx",
            "QX01.docx",
            "QX02.docx",
        ]
    page = client.get(url).content.decode()
    assert "全部单位测评报告（ZIP）" in page and "units.zip" in page
    # Once it is over, the same job may start again.
    client.post(url)
    assert Job.objects.filter(campaign=campaign, kind="reports", state="waiting").count() == 1


@pytest.fixture
def slow_site() -> Iterator[str]:
    """Two small sites on loopback whose pages answer slowly, so a scan lasts a few seconds."""

    async def home(request: web.Request) -> web.Response:
        site = request.match_info["site"]
        links = "".join(f'<a href="/{site}/p{i}.html">第{i}页</a>' for i in range(PAGES_PER_SITE))
        body = f"<html><head><title>首页</title></head><body>{links}</body></html>"
        return web.Response(text=body, content_type="text/html")

    async def page(request: web.Request) -> web.Response:
        await asyncio.sleep(SLOW_PAGE_S)
        return web.Response(text="<html><body><p>内容</p></body></html>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/{site}/", home)
    app.router.add_get("/{site}/{name}.html", page)
    with serve_app(app) as base:
        yield base


def test_scan_shows_progress_refuses_a_second_start_stops_and_resumes(
    campaign: Campaign, organizer: Any, slow_site: str, settings: Any
) -> None:
    settings.SCAN_ALLOW_PRIVATE = True
    for unit in campaign.units.all():
        Site.objects.filter(unit=unit).delete()
    for unit in campaign.units.order_by("code")[:2]:
        Site.objects.create(unit=unit, url=f"{slow_site}/{unit.code.lower()}/")
    client = client_for(organizer)
    url = reverse("organizer-controls", args=[campaign.pk])
    client.post(url, {"action": "scan"})
    thread = worker_thread()
    wait_for(lambda: job_json(client, campaign)[0]["message"].startswith("已完成 "))
    [running] = job_json(client, campaign)
    assert running["state_label"] == "进行中" and running["total"] == 2

    again = client.post(url, {"action": "scan"}, follow=True)
    assert "“机器检测”正在进行中（org " in " ".join(texts(again))
    assert Job.objects.filter(kind="scan").count() == 1

    stopped = client.post(
        reverse("job-stop", args=[running["id"]]), {"back": "organizer-controls"}, follow=True
    )
    assert "已请求停止“机器检测”。" in " ".join(texts(stopped))
    thread.join(60)
    [job] = job_json(client, campaign)
    assert job["state_label"] == "已停止", job
    assert "已检测的页面和问题已保存" in job["message"]
    assert set(ScanRun.objects.values_list("status", flat=True)) == {ScanStatus.PENDING}
    assert "继续检测" in client.get(url).content.decode()

    client.post(url, {"action": "scan"})
    run_worker()
    latest = job_json(client, campaign)[0]
    assert (latest["state_label"], latest["done"], latest["total"]) == ("完成", 2, 2), latest
    assert set(ScanRun.objects.values_list("status", flat=True)) == {ScanStatus.DONE}
    assert [r.pages for r in ScanRun.objects.all()] == [PAGES_PER_SITE + 1] * 2


def test_a_refused_import_fails_with_every_bad_row_in_chinese(
    campaign: Campaign, organizer: Any
) -> None:
    client = client_for(organizer)
    url = reverse("organizer-controls", args=[campaign.pk])
    table = UNITS_HEADER + "QX09,上海市某区人民政府,某区,乡镇,https://x.example.gov.cn/,,\n"
    client.post(url, {"action": "units", "table": SimpleUploadedFile("单位.csv", table.encode())})
    run_worker()
    [job] = job_json(client, campaign)
    assert job["state_label"] == "失败"
    assert job["message"].startswith("单位.csv，第 2 行，类别："), job["message"]
    assert "Error" not in job["message"] and "Traceback" not in job["message"]
    assert not Unit.objects.filter(code="QX09").exists()
    kept = Path(Job.objects.get().params["file"])
    assert kept.parent.parent == jobs.uploads_dir() and not kept.parent.exists()  # read, gone
    page = client.get(url).content.decode()
    assert "单位.csv，第 2 行，类别：" in page


def test_a_broken_framework_snapshot_fails_the_score_in_chinese(
    campaign: Campaign, organizer: Any
) -> None:
    Campaign.objects.filter(pk=campaign.pk).update(framework_yaml="areas: [")
    client_for(organizer).post(
        reverse("organizer-controls", args=[campaign.pk]), {"action": "score"}
    )
    run_worker()
    job = Job.objects.get()
    assert job.state == JobState.FAILED
    assert job.message.startswith("测评活动“2012年度测试”的指标体系"), job.message


def test_an_unexpected_error_is_told_plainly_and_logged(organizer: Any, caplog: Any) -> None:
    # A job recorded by an older version lacks a parameter this one reads: a bug, not the
    # organizer's doing. They read a plain sentence; the details go to the server's log.
    job = Job.objects.create(kind="create", params={"name": "x"}, started_by=organizer)
    jobs.dispatch(job.pk)
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.message) == (JobState.FAILED, jobs.BUG)
    assert "KeyError" in caplog.text and f"job {job.pk} (create) failed" in caplog.text


def test_units_and_portal_import_jobs(campaign: Campaign, organizer: Any) -> None:
    client = client_for(organizer)
    controls = reverse("organizer-controls", args=[campaign.pk])
    table = UNITS_HEADER + "QX03,上海市静安区人民政府,静安区,区县,https://ja.example.gov.cn/,,\n"
    client.post(
        controls, {"action": "units", "table": SimpleUploadedFile("单位.csv", table.encode())}
    )
    run_worker()
    assert campaign.units.filter(code="QX03").exists()
    assert (
        Job.objects.get(kind="units").message == "新增 1 个单位，更新 0 个；测评活动现有 5 个单位"
    )

    portal = reverse("organizer-portal", args=[campaign.pk])
    bad = PORTAL_HEADER + "QX01,1,2,0,0,0\n"
    wrong_type = client.post(portal, {"table": SimpleUploadedFile("a.exe", b"MZ")}, follow=True)
    assert "请选择 .xlsx 或 .csv 文件" in texts(wrong_type)
    client.post(portal, {"table": SimpleUploadedFile("门户考核.csv", bad.encode())})
    run_worker()
    page = client.get(portal).content.decode()
    assert "门户考核.csv，第 2 行，采用信息数：采用信息数 2 多于报送信息数 1" in page
    good = PORTAL_HEADER + "QX01,1500,1300,20,19,12\nBM01,800,600,5,5,0\n"
    client.post(portal, {"table": SimpleUploadedFile("门户考核.csv", good.encode())})
    run_worker()
    assert PortalStat.objects.filter(campaign=campaign).count() == 2
    assert "门户网站考核数据：新增 2 个单位，更新 0 个" in client.get(portal).content.decode()


def test_create_a_campaign_in_the_browser(organizer: Any, units: list[Unit]) -> None:
    client = client_for(organizer)
    url = reverse("organizer-new-campaign")
    table = UNITS_HEADER + (
        "QX01,上海市黄浦区,黄浦区,区县,https://qx01.example.gov.cn/,,\n"
        "BM01,上海市财政局,财政局,市政府部门,https://bm01.example.gov.cn/,,\n"
    )
    before = create_campaign("2012年度测评", 2012, TEST_FRAMEWORK)[0]
    form = {"name": "2013年度测评", "year": 2013, "framework": "shanghai-2012"}
    client.post(
        url,
        {**form, "previous": before.pk, "table": SimpleUploadedFile("单位.csv", table.encode())},
    )
    refused = client.post(url, form, follow=True)
    assert "“建立测评活动”正在等待" in " ".join(texts(refused))
    run_worker()
    made = Campaign.objects.get(name="2013年度测评")
    assert sorted(made.units.values_list("code", flat=True)) == ["BM01", "QX01"]
    # The framework, year and the year before, as chosen in the form.
    shanghai = load_framework(shipped_framework_path("shanghai-2012"))
    assert (made.year, made.previous, framework_of(made)) == (2013, before, shanghai)
    page = client.get(url).content.decode()
    assert "已建立测评活动“2013年度测评”" in page
    assert reverse("organizer-controls", args=[made.pk]) in page
    same_name = client.post(url, form)
    assert same_name.status_code == 400 and "已有同名的测评活动" in same_name.content.decode()


def test_score_then_publish_and_a_new_score_withdraws(campaign: Campaign, organizer: Any) -> None:
    client = client_for(organizer)
    url = reverse("organizer-controls", args=[campaign.pk])
    # A greyed-out button says why: publishing and reports wait for a score.
    unscored = client.get(url).content.decode()
    assert "计分后才能发布" in unscored and "计分后才能生成报告" in unscored
    early = client.post(url, {"action": "publish"})
    assert early.status_code == 302
    run_worker()
    assert Job.objects.get(kind="publish").message == "尚未计分：请先计分，再发布结果"
    results = client.get(reverse("dash-results", args=[campaign.pk])).content.decode()
    assert "ceping campaign score" not in results and 'value="score"' in results

    client.post(url, {"action": "score"})
    run_worker()
    assert "计分后才能生成报告" not in client.get(url).content.decode()
    campaign.refresh_from_db()
    assert campaign.published_at is None
    assert Job.objects.get(kind="score").message.startswith("4 个单位已计分")
    client.post(url, {"action": "publish"})
    run_worker()
    campaign.refresh_from_db()
    assert campaign.is_published and campaign.get_status_display() == "已通报"
    assert AuditEntry.objects.filter(action="publish", who=organizer).count() == 1
    assert "撤回发布" in client.get(url).content.decode()
    client.post(url, {"action": "unpublish"})
    run_worker()
    campaign.refresh_from_db()
    assert not campaign.is_published and campaign.get_status_display() == "已计分"
    client.post(url, {"action": "publish"})
    run_worker()
    campaign.refresh_from_db()
    assert campaign.is_published
    client.post(url, {"action": "score"})
    run_worker()
    campaign.refresh_from_db()
    assert not campaign.is_published


def test_recheck_job_closes_what_was_fixed(
    campaign: Campaign, organizer: Any, settings: Any
) -> None:
    settings.SCAN_ALLOW_PRIVATE = True

    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/{tail:.*}", ok)
    with serve_app(app) as base:
        unit = campaign.units.get(code="QX01")
        run = ScanRun.objects.create(campaign=campaign, site=unit.sites.get(), status="done")
        finding = Finding.objects.create(
            scan_run=run,
            kind="broken_link",
            page=f"{base}/",
            key="k",
            data={"url": f"{base}/fixed.html", "status": 404},
            status=FindingStatus.FIXED,
        )
        client = client_for(organizer)
        client.post(reverse("organizer-controls", args=[campaign.pk]), {"action": "recheck"})
        run_worker()
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED
    job = Job.objects.get(kind="recheck")
    assert (job.state, job.message) == (JobState.DONE, "复查 1 条：复查通过 1 条")


def test_a_job_whose_worker_died_frees_its_slot(campaign: Campaign, organizer: Any) -> None:
    lost = jobs.start("score", campaign, organizer)
    recent = timezone.now() - dt.timedelta(seconds=jobs.STALE_AFTER_S - 30)
    Job.objects.filter(pk=lost.pk).update(state=JobState.RUNNING, heartbeat=recent)
    with pytest.raises(jobs.JobRefused):
        jobs.start("score", campaign, organizer, {})  # beating not long ago: refused
    stale = timezone.now() - dt.timedelta(seconds=jobs.STALE_AFTER_S + 1)
    Job.objects.filter(pk=lost.pk).update(heartbeat=stale)
    jobs.start("score", campaign, organizer)
    lost.refresh_from_db()
    assert (lost.state, lost.message) == (JobState.FAILED, jobs.LOST)


def test_a_waiting_job_can_be_cancelled_but_a_running_score_cannot_be_stopped(
    campaign: Campaign, organizer: Any
) -> None:
    waiting = jobs.start("reports", campaign, organizer)
    jobs.stop(waiting, organizer)
    waiting.refresh_from_db()
    assert (waiting.state, waiting.active_key) == (JobState.STOPPED, None)
    running = jobs.start("score", campaign, organizer)
    Job.objects.filter(pk=running.pk).update(state=JobState.RUNNING, heartbeat=timezone.now())
    running.refresh_from_db()
    with pytest.raises(jobs.JobRefused, match="“计分”进行中不能停止"):
        jobs.stop(running, organizer)


@pytest.mark.parametrize("who", ["anonymous", "expert", "unit"])
def test_only_organizers_start_stop_or_watch_jobs(
    campaign: Campaign, experts: list[Any], unit_user: Any, organizer: Any, who: str
) -> None:
    job = jobs.start("reports", campaign, organizer)
    client = {
        "anonymous": Client(),
        "expert": client_for(experts[0]),
        "unit": client_for(unit_user),
    }[who]
    requests = [
        ("post", reverse("organizer-controls", args=[campaign.pk]), {"action": "score"}),
        ("get", reverse("organizer-controls", args=[campaign.pk]), {}),
        ("get", reverse("campaign-jobs", args=[campaign.pk]), {}),
        ("get", reverse("organizer-new-campaign"), {}),
        ("post", reverse("organizer-new-campaign"), {"name": "x", "year": 2013}),
        ("post", reverse("job-stop", args=[job.pk]), {}),
        ("post", reverse("dash-downloads", args=[campaign.pk]), {}),
    ]
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 403, url
    assert list(Job.objects.values_list("kind", "state")) == [("reports", "waiting")]


def test_the_controls_show_the_deadlines_and_lead_to_their_page(
    campaign: Campaign, organizer: Any
) -> None:
    campaign.rectify_deadline = dt.date(2026, 12, 31)
    campaign.save(update_fields=["rectify_deadline"])
    page = client_for(organizer).get(reverse("organizer-controls", args=[campaign.pk]))
    text = page.content.decode()
    assert "自查材料截止：未设定" in text and "整改（申请复查）截止：2026-12-31" in text
    assert reverse("organizer-deadlines", args=[campaign.pk]) in text


def test_a_failed_create_refills_the_form_for_another_try(
    organizer: Any, units: list[Unit]
) -> None:
    # The table is read by the job, after the page was sent back: a bad table used to leave the
    # organizer an empty form to type again.
    client = client_for(organizer)
    url = reverse("organizer-new-campaign")
    previous = create_campaign("2012年度测评", 2012, TEST_FRAMEWORK)[0]
    form = {"name": "2013年度测评", "year": 2013, "framework": "shanghai-2012"}
    bad = SimpleUploadedFile("单位.csv", "代码,名称\nQX01,上海市黄浦区\n".encode())
    client.post(url, {**form, "previous": previous.pk, "table": bad})
    run_worker()
    assert Job.objects.get(kind="create").state == JobState.FAILED
    page = client.get(url).content.decode()
    assert 'value="2013年度测评"' in page and 'value="2013"' in page
    assert f'<option value="{previous.pk}" selected>' in page
    assert "已填回上次填写的内容" in page

    # Another organizer's failure is not theirs to refill.
    other = client_for(create_user("org2", PASSWORD, "organizer"))
    assert 'value="2013年度测评"' not in other.get(url).content.decode()

    # Once the campaign is made, the form is empty again.
    good = UNITS_HEADER + "QX01,上海市黄浦区,黄浦区,区县,https://qx01.example.gov.cn/,,\n"
    client.post(url, {**form, "table": SimpleUploadedFile("单位.csv", good.encode())})
    run_worker()
    assert Campaign.objects.filter(name="2013年度测评").exists()
    again = client.get(url).content.decode()
    assert 'value="2013年度测评"' not in again and "已填回上次填写的内容" not in again
