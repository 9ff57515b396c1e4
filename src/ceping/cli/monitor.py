"""`ceping monitor` and `ceping beat`: visit a campaign's sites on a schedule, here (embedded,
one process) or through Celery beat and the workers (scale-out)."""

from __future__ import annotations

import argparse

from ceping.cli.common import console, setup_django


def _interval(text: str) -> int:
    from ceping.monitor import parse_interval

    try:
        return parse_interval(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def cmd_monitor(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.campaigns import campaign_named
    from ceping.campaign.monitor_loop import run_monitor
    from ceping.campaign.monitoring import monitored_sites, set_plan
    from ceping.monitor import ProbeSettings

    campaign = campaign_named(args.campaign)
    plan = set_plan(
        campaign,
        interval_s=args.interval,
        pages=args.pages,
        emails=args.email,
        webhook=args.webhook,
        allow_private=args.allow_private,
        rescan_interval_s=args.rescan_every,
    )
    if args.distributed or args.stop:
        from ceping.campaign.monitor_queue import schedule_rounds

        schedule_rounds(campaign, enabled=not args.stop)
        handed = f"已交给定时任务（ceping beat）和检测节点，每 {plan.interval_s} 秒一轮"
        console.print(f"{campaign.name}：" + ("已停止定时监测" if args.stop else handed))
        return 0
    settings = ProbeSettings(
        timeout_s=args.timeout,
        concurrency=args.concurrency,
        allow_private=args.allow_private,
    )
    sites = monitored_sites(campaign)
    console.print(
        f"{campaign.name}：监测网站 {len(sites)} 个，"
        f"每个网站访问首页和 {len(plan.pages)} 个重点页面，每 {plan.interval_s} 秒一轮"
    )

    def show(done):  # type: ignore[no-untyped-def]
        console.print(
            f"{done.round_at:%Y-%m-%d %H:%M:%S} 一轮完成：记录 {done.samples} 次访问，"
            f"用时 {done.seconds:.1f} 秒",
            highlight=False,
        )
        for subject in done.alerts:
            console.print(f"告警：{subject}", highlight=False)

    try:
        run_monitor(campaign, settings, rounds=1 if args.once else args.rounds, on_round=show)
    except KeyboardInterrupt:  # the way to stop the embedded loop: what was stored stays
        console.print(f"{campaign.name}：已停止监测")
    return 0


def cmd_beat(args: argparse.Namespace) -> int:
    from ceping.tasks import app

    app.Beat(loglevel=args.loglevel).run()
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ceping.monitor import rules

    p = sub.add_parser("monitor", help="持续监测测评活动的网站能否访问（可用率、告警）")
    p.add_argument("campaign", help="测评活动名称")
    p.add_argument("--once", action="store_true", help="只访问一轮")
    p.add_argument("--rounds", type=int, default=None, help="访问几轮后停止（默认一直运行）")
    p.add_argument(
        "--interval", type=_interval, default=None, help="访问间隔，如 30m、1h（默认 30m）"
    )
    p.add_argument("--pages", nargs="*", default=None, help="首页以外的重点页面，如 /xxgk/")
    p.add_argument(
        "--rescan-every",
        type=_interval,
        default=None,
        help="定期复查检测整个网站的间隔，如 7d（与上次检测比较新发现、已整改、仍存在的问题）",
    )
    p.add_argument("--email", nargs="*", default=None, help="告警邮箱")
    p.add_argument("--webhook", default=None, help="告警回调地址（JSON POST）")
    p.add_argument(
        "--timeout", type=float, default=rules.PROBE_TIMEOUT_S, help="单次访问超时（秒）"
    )
    p.add_argument("--concurrency", type=int, default=rules.PROBE_CONCURRENCY, help="同时访问数")
    p.add_argument("--allow-private", action="store_true", help="允许访问内网和本机地址")
    p.add_argument("--distributed", action="store_true", help="交给 Celery 定时任务和检测节点执行")
    p.add_argument("--stop", action="store_true", help="停止 Celery 定时监测")
    p.set_defaults(handler=cmd_monitor)

    p = sub.add_parser("beat", help="启动 Celery 定时任务（监测轮次）")
    p.add_argument("--loglevel", default="INFO")
    p.set_defaults(handler=cmd_beat)
