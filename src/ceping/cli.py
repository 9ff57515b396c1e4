"""The `ceping` command: parses arguments, reads the environment, calls the core, prints."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from ceping.errors import CepingError

if TYPE_CHECKING:  # the scanner is imported only by the commands that scan
    from ceping.scan import ScanConfig

console = Console()
err_console = Console(stderr=True)

Handler = Callable[[argparse.Namespace], int]


def setup_django() -> None:
    """Configure Django for commands that use the database (the core never needs it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceping.web.settings")
    import django

    django.setup()


def cmd_migrate(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    console.print("[green]数据库已就绪[/]")
    return 0


def cmd_framework_validate(args: argparse.Namespace) -> int:
    from ceping.console import framework_tree
    from ceping.framework import load_framework

    framework = load_framework(args.file)
    console.print(framework_tree(framework))
    console.print(f"[green]{args.file}: 有效[/]")
    return 0


def cmd_units_import(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.web.services.units import import_units

    summary = import_units(Path(args.file))
    console.print(f"[green]{args.file}: 新增 {summary.created} 个单位，更新 {summary.updated} 个[/]")
    return 0


def cmd_portal_import(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.errors import InputError, Problem
    from ceping.web.models import Campaign
    from ceping.web.services.portal import import_portal

    match = Campaign.objects.filter(name=args.campaign) or (
        Campaign.objects.filter(pk=int(args.campaign)) if args.campaign.isdigit() else Campaign.objects.none()
    )
    campaign = match.first()
    if campaign is None:
        raise InputError([Problem("<command>", "", "CAMPAIGN", f"no campaign named {args.campaign!r}")])
    summary = import_portal(campaign, Path(args.file))
    console.print(f"[green]{args.file}: 门户网站考核数据新增 {summary.created} 个单位，更新 {summary.updated} 个[/]")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.demo.pipeline import run_demo
    from ceping.demo_console import print_outcome

    console.print("[bold]ceping 演示：2012年度上海市政府网站测评（据通报重建的样例数据）[/]")
    outcome = run_demo(console, Path(args.out), sites=args.sites)
    print_outcome(console, outcome)
    return 0


def cmd_campaign_scan(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.web.models import Campaign
    from ceping.web.services.scan_store import scan_campaign

    campaign = _campaign(Campaign, args.campaign)
    config = _scan_config(args, urls=())
    if args.distributed:
        return _campaign_scan_distributed(campaign, config, args.wait)
    reports = scan_campaign(campaign, config)
    findings = sum(len(r.findings) for r in reports)
    console.print(f"[green]{campaign.name}：检测网站 {len(reports)} 个，发现问题 {findings} 条[/]")
    return 0


def _campaign_scan_distributed(campaign, config, wait_s: float) -> int:  # type: ignore[no-untyped-def]
    from rich.live import Live

    from ceping.web.models import Finding, ScanStatus
    from ceping.web.services.distributed import enqueue_campaign_scan, wait_for_campaign_scan

    sent = enqueue_campaign_scan(campaign, config)
    console.print(f"已向检测节点派发 {sent} 个网站的检测任务")
    with Live(console=console, refresh_per_second=4) as live:
        def show(statuses, pages):  # type: ignore[no-untyped-def]
            done, failed = statuses[ScanStatus.DONE], statuses[ScanStatus.FAILED]
            live.update(f"完成 {done} 个，失败 {failed} 个，进行中 {sum(statuses.values()) - done - failed} 个；"
                        f"已抓取页面 {pages} 个")
        statuses = wait_for_campaign_scan(campaign, wait_s, show)
    findings = Finding.objects.filter(scan_run__campaign=campaign).count()
    console.print(f"[green]{campaign.name}：检测网站 {statuses[ScanStatus.DONE]} 个，发现问题 {findings} 条[/]")
    if statuses[ScanStatus.FAILED]:
        err_console.print(f"[red]{statuses[ScanStatus.FAILED]} 个网站检测失败，详见管理后台的检测记录[/]")
        return 1
    return 0


def cmd_campaign_load_sample(args: argparse.Namespace) -> int:
    """Store the rebuilt sample inputs of the campaign's year; for 2012 also score a rebuilt 2011 before it."""
    setup_django()
    from ceping.demo.rebuild.files import read_units, read_year
    from ceping.framework import shipped_framework_path
    from ceping.web.models import Campaign
    from ceping.web.services.campaigns import create_campaign
    from ceping.web.services.sample_inputs import store_inputs
    from ceping.web.services.scoring import score_and_store

    campaign = _campaign(Campaign, args.campaign)
    units, _ = read_units()
    if campaign.year == 2012 and campaign.previous is None:
        before, _ = create_campaign("2011年度上海市政府网站测评（重建样例数据）", 2011,
                                    shipped_framework_path("shanghai-2012"), is_sample_data=True)
        store_inputs(before, read_year(2011, units))
        score_and_store(before)
        campaign.previous = before
        campaign.save(update_fields=["previous"])
        console.print(f"已建立并计分上一年度：{before.name}")
    store_inputs(campaign, read_year(campaign.year, units))
    campaign.is_sample_data = True
    campaign.save(update_fields=["is_sample_data"])
    console.print(f"[green]{campaign.name}：已载入重建样例数据（机器检测、专家、公众、门户网站考核、单位自查）[/]")
    return 0


def cmd_campaign_score(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.web.models import Campaign
    from ceping.web.services.scoring import score_and_store

    campaign = _campaign(Campaign, args.campaign)
    results, timings = score_and_store(campaign)
    grades = "，".join(
        f"{g} {sum(1 for u in results.units if u.grade == g)} 个" for g in results.framework.grading.grades
    )
    missing = [u for u in results.units if u.missing]
    console.print(f"[green]{campaign.name}：{len(results.units)} 个单位已计分（{grades}）[/]"
                  f"，读取 {timings.read_s:.1f} 秒，计分 {timings.score_s:.1f} 秒，保存 {timings.store_s:.1f} 秒")
    if missing:
        err_console.print(f"[yellow]{len(missing)} 个单位缺少数据，未定等级：[/]"
                          + "、".join(f"{u.short_name}（{'、'.join(u.missing)}）" for u in missing[:20]))
    return 0


def cmd_campaign_results(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.scoring_console import results_tables
    from ceping.web.models import Campaign
    from ceping.web.services.scoring import stored_results

    campaign = _campaign(Campaign, args.campaign)
    if not campaign.unit_results.exists():
        raise CepingError(f"{campaign.name} 尚未计分：先运行 ceping campaign score {campaign.name!r}")
    for table in results_tables(stored_results(campaign), args.category):
        console.print(table)
    return 0


def cmd_recheck(args: argparse.Namespace) -> int:
    """Re-check every finding a unit marked fixed (here, or on the workers with --distributed)."""
    setup_django()
    from collections import Counter

    from ceping.scan.codec import config_to_json
    from ceping.scan.config import ScanConfig
    from ceping.web.services.rechecks import run_rechecks
    from ceping.web.services.selfcheck import pending_rechecks

    config = ScanConfig(urls=(), allow_private=args.allow_private)
    ids = pending_rechecks()
    if args.distributed:
        from ceping.tasks import recheck_findings

        recheck_findings.delay(ids, config_to_json(config))
        console.print(f"已向检测节点派发 {len(ids)} 条复查")
        return 0
    verdicts = Counter(str(o.status) for o in run_rechecks(config, ids))
    console.print(f"复查 {len(ids)} 条：" + "，".join(f"{k} {n} 条" for k, n in sorted(verdicts.items())))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Prepare the database and static files, then hand the process to gunicorn."""
    setup_django()
    from django.core.management import call_command

    from ceping.web.services.first_login import ensure_organizer

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    username, password = ensure_organizer()
    console.print(f"[bold green]ceping 已启动：[/] http://{args.bind}/")
    if password is not None:
        console.print(f"组织方账号：[bold]{username}[/]　初始密码：[bold]{password}[/]（登录后请修改）")
    else:
        console.print(f"组织方账号：[bold]{username}[/]（密码已由用户修改）")
    sys.stdout.flush()
    argv = [sys.executable, "-m", "gunicorn", "ceping.web.wsgi:application", "--bind", args.bind,
            "--workers", str(args.workers), "--threads", str(args.threads), "--access-logfile", "-",
            "--timeout", "300"]
    os.execv(sys.executable, argv)
    return 0  # not reached: gunicorn now runs in this process


def cmd_worker(args: argparse.Namespace) -> int:
    from ceping.tasks import app

    argv = ["worker", "--loglevel", args.loglevel, "--queues", app.conf.task_default_queue,
            "--concurrency", str(args.concurrency), "--pool", args.pool]
    app.worker_main(argv)
    return 0


def cmd_campaign_create(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.framework import shipped_framework_path, shipped_frameworks
    from ceping.web.models import Campaign
    from ceping.web.services.campaigns import create_campaign

    path = Path(args.framework)
    if not path.is_file():
        if args.framework not in shipped_frameworks():
            raise CepingError(f"没有指标体系文件 {args.framework}（内置：{'、'.join(shipped_frameworks())}）")
        path = shipped_framework_path(args.framework)
    previous = _campaign(Campaign, args.previous) if args.previous else None
    campaign, framework = create_campaign(args.name, args.year, path, previous=previous)
    console.print(f"[green]已建立测评活动：{campaign.name}（{framework.name}，{campaign.units.count()} 个单位）[/]")
    return 0


def cmd_campaign_report(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.web.models import Campaign
    from ceping.web.services.reports import write_reports

    campaign = _campaign(Campaign, args.campaign)
    written = write_reports(campaign, Path(args.out), Path(args.template) if args.template else None)
    console.print(f"[green]{campaign.name}：已写入 {len(written)} 个文件到 {args.out}[/]")
    return 0


def _campaign(model: type, name: str):  # type: ignore[no-untyped-def]
    try:
        return model.objects.get(name=name)
    except model.DoesNotExist:
        names = "、".join(model.objects.values_list("name", flat=True)) or "无"
        raise CepingError(f"没有名为 {name!r} 的测评活动（现有：{names}）") from None
def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def cmd_scan(args: argparse.Namespace) -> int:
    """Crawl and check the sites, write the JSON of DESIGN §5.1, print a summary."""
    import json
    import time
    from pathlib import Path

    from ceping.scan import run_scan, to_json
    from ceping.scan_console import LiveProgress, print_summary

    config = _scan_config(args, urls=tuple(args.urls))
    started = time.monotonic()
    if args.distributed:
        setup_django()
        from ceping.web.services.distributed import scan_urls_distributed

        out = scan_urls_distributed(config.urls, config, timeout_s=args.wait)
        out.update(as_of=config.as_of.isoformat(), seconds=round(time.monotonic() - started, 3))
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        console.print(f"[green]{len(out['sites'])} 个网站已由检测节点完成，结果写入 {args.json}[/]")
        return 0
    if args.quiet:
        reports = run_scan(config)
    else:
        with LiveProgress(err_console, config.urls) as progress:
            reports = run_scan(config, progress=progress)
    seconds = time.monotonic() - started
    out = to_json(reports, as_of=config.as_of.isoformat(), seconds=round(seconds, 3))
    Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.quiet:
        print_summary(console, reports, seconds, args.json)
    return 0


def _scan_config(args: argparse.Namespace, urls: tuple[str, ...]) -> ScanConfig:
    """The crawl options of `scan` and `campaign scan`; the defaults are ScanConfig's."""
    from ceping.scan import ScanConfig

    overrides = {k: v for k, v in (("timeout_s", args.timeout), ("max_pages", args.max_pages),
                                    ("concurrency", args.concurrency), ("per_host", args.per_host),
                                    ("max_depth", args.max_depth), ("delay_s", args.delay))
                 if v is not None}
    for name, value in sorted(overrides.items()):
        err_console.print(f"scan: {name} = {value}", highlight=False)
    return ScanConfig(
        urls=urls, as_of=args.as_of or dt.date.today(), allow_private=args.allow_private,
        obey_robots=not args.ignore_robots, check_typos=not args.no_typos,
        check_external=not args.no_external, **overrides,
    )


def _add_crawl_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as-of", type=_date, help="judge staleness against this date (default today)")
    p.add_argument("--timeout", type=float, metavar="S", help="per-request timeout in seconds")
    p.add_argument("--max-pages", type=int, metavar="N", help="pages per site at most")
    p.add_argument("--max-depth", type=int, metavar="N", help="link depth from the home page")
    p.add_argument("--concurrency", type=int, metavar="N", help="requests in flight (default 64)")
    p.add_argument("--per-host", type=int, metavar="N", help="requests in flight per host (default 4)")
    p.add_argument("--delay", type=float, metavar="S", help="pause between requests to one host")
    p.add_argument("--allow-private", action="store_true",
                   help="allow loopback and private addresses (tests, intranet campaigns)")
    p.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    p.add_argument("--no-typos", action="store_true", help="skip the typo check")
    p.add_argument("--no-external", action="store_true", help="do not check links to other sites")
    p.add_argument("--distributed", action="store_true", help="one Celery task per site (start workers first)")
    p.add_argument("--wait", type=float, default=24 * 3600, help="with --distributed: give up after S seconds")


def _add_scan_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scan", help="machine inspection of websites (JSON of DESIGN §5.1)")
    p.add_argument("urls", nargs="+", metavar="URL")
    p.add_argument("--json", required=True, metavar="PATH", help="where to write the results")
    _add_crawl_options(p)
    p.add_argument("--quiet", action="store_true", help="no progress display nor summary")
    p.set_defaults(handler=cmd_scan)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ceping", description="ceping 政府网站测评")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="create or upgrade the database")
    p.set_defaults(handler=cmd_migrate)

    p = sub.add_parser("demo", help="run the rebuilt Shanghai 2012 campaign end to end")
    p.add_argument("--out", default="out/2012", help="where the notice and reports go (default out/2012)")
    p.add_argument("--sites", type=int, help="only N units, taken from every category (a quicker demo)")
    p.set_defaults(handler=cmd_demo)

    framework = sub.add_parser("framework", help="indicator frameworks").add_subparsers(
        dest="framework_command", required=True
    )
    p = framework.add_parser("validate", help="validate a framework YAML file and print its tree")
    p.add_argument("file")
    p.set_defaults(handler=cmd_framework_validate)

    campaign = sub.add_parser("campaign", help="campaigns").add_subparsers(dest="campaign_command", required=True)
    p = campaign.add_parser("create", help="create a campaign of every unit (replaces one of that name)")
    p.add_argument("name")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--framework", default="shanghai-2012", help="a shipped framework's name or a YAML file")
    p.add_argument("--previous", help="the previous campaign's name (for changes on last year)")
    p.set_defaults(handler=cmd_campaign_create)

    p = campaign.add_parser("report", help="write the notice, unit reports, score tables and summary.json")
    p.add_argument("campaign", help="the campaign's name")
    p.add_argument("--out", required=True, help="the folder to write")
    p.add_argument("--template", help="a notice template (docs/report.md); the shipped one by default")
    p.set_defaults(handler=cmd_campaign_report)

    p = campaign.add_parser("scan", help="scan every site of a campaign into the database (resumes)")
    p.add_argument("campaign", help="the campaign's name")
    _add_crawl_options(p)
    p.set_defaults(handler=cmd_campaign_scan)

    p = campaign.add_parser("score", help="score a campaign from its stored inputs and store the results")
    p.add_argument("campaign", help="the campaign's name")
    p.set_defaults(handler=cmd_campaign_score)
    p = campaign.add_parser("results", help="print a scored campaign's totals, grades and statistics")
    p.add_argument("campaign", help="the campaign's name")
    p.add_argument("--category", help="only this category (default: all)")
    p.set_defaults(handler=cmd_campaign_results)
    p = campaign.add_parser("load-sample", help="store the rebuilt 2011/2012 sample inputs in a campaign")
    p.add_argument("campaign", help="the campaign's name")
    p.set_defaults(handler=cmd_campaign_load_sample)

    p = sub.add_parser("recheck", help="re-check the findings units marked fixed")
    p.add_argument("--allow-private", action="store_true", help="allow loopback and private addresses")
    p.add_argument("--distributed", action="store_true", help="run on the Celery workers")
    p.set_defaults(handler=cmd_recheck)

    p = sub.add_parser("serve", help="run the web app (gunicorn, static files served)")
    p.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
    # Plain (sync) processes, two per core, behind the proxy that keeps clients' connections
    # alive: on bench/survey.py they held p99 at 130 ms where threaded ones ranged 150-350 ms.
    p.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="processes (default: 2 per core)")
    p.add_argument("--threads", type=int, default=1, help="threads per process (> 1: threaded workers with keep-alive)")
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("worker", help="run a Celery worker for distributed scans")
    p.add_argument("--concurrency", type=int, default=2)
    p.add_argument("--pool", default="prefork", choices=["prefork", "solo", "threads"])
    p.add_argument("--loglevel", default="INFO")
    p.set_defaults(handler=cmd_worker)

    units = sub.add_parser("units", help="units and their sites").add_subparsers(dest="units_command", required=True)
    p = units.add_parser("import", help="import units from CSV or XLSX (all or nothing)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_units_import)
    _add_scan_parser(sub)

    portal = sub.add_parser("portal", help="the portal office's statistics").add_subparsers(
        dest="portal_command", required=True
    )
    p = portal.add_parser("import", help="import per-unit portal statistics from CSV or XLSX (all or nothing)")
    p.add_argument("campaign", metavar="CAMPAIGN", help="campaign name (or id)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_portal_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except CepingError as exc:
        err_console.print(f"[red]错误[/]: {exc}", markup=True, highlight=False)
        return 2


if __name__ == "__main__":
    sys.exit(main())
