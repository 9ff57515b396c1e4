"""`ceping migrate`, `serve`, `worker` and `recheck`: the database, the web app and the workers."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter

from ceping.cli.common import console, setup_django


def cmd_migrate(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    console.print("[green]数据库已就绪[/]")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Prepare the database and static files, then hand the process to gunicorn."""
    setup_django()
    from django.core.management import call_command

    from ceping.campaign.accounts import ensure_organizer

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    username, password = ensure_organizer()
    console.print(f"[bold green]ceping 已启动：[/] http://{args.bind}/")
    if password is not None:
        console.print(
            f"组织方账号：[bold]{username}[/]　初始密码：[bold]{password}[/]"
            "（登录后请点页面顶部的“修改密码”修改）"
        )
    else:
        console.print(f"组织方账号：[bold]{username}[/]（密码已由用户修改）")
    sys.stdout.flush()
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "ceping.web.wsgi:application",
        "--bind",
        args.bind,
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--access-logfile",
        "-",
        "--timeout",
        "300",
        # Starts the job runner's workers beside the web server, and stops them with it.
        "--config",
        "python:ceping.web.gunicorn_conf",
    ]
    os.execv(sys.executable, argv)
    return 0  # not reached: gunicorn now runs in this process


def cmd_worker(args: argparse.Namespace) -> int:
    from ceping.tasks import app

    argv = [
        "worker",
        "--loglevel",
        args.loglevel,
        "--queues",
        app.conf.task_default_queue,
        "--concurrency",
        str(args.concurrency),
        "--pool",
        args.pool,
    ]
    app.worker_main(argv)
    return 0


def cmd_jobs_worker(args: argparse.Namespace) -> int:
    """The organizer's jobs on the embedded default, without the web server (`ceping serve`
    starts these itself)."""
    setup_django()
    from django.core.management import call_command

    call_command("db_worker", startup_delay=False, reload=False, interval=1.0)
    return 0


def cmd_recheck(args: argparse.Namespace) -> int:
    """Re-check every finding a unit marked fixed (here, or on the workers with --distributed)."""
    setup_django()
    from ceping.campaign.rechecks import RECHECK_LABELS, pending_rechecks, run_rechecks
    from ceping.scan.config import ScanConfig

    config = ScanConfig(urls=(), allow_private=args.allow_private)
    ids = pending_rechecks()
    if args.distributed:
        from ceping.campaign.distributed import enqueue_rechecks

        enqueue_rechecks(ids, config)
        console.print(f"已向检测节点派发 {len(ids)} 条复查")
        return 0
    verdicts = Counter(str(o.status) for o in run_rechecks(config, ids))
    console.print(
        f"复查 {len(ids)} 条："
        + (
            "，".join(f"{RECHECK_LABELS.get(k, k)} {n} 条" for k, n in sorted(verdicts.items()))
            or "没有待复查的问题"
        )
    )
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("migrate", help="建立或升级数据库")
    p.set_defaults(handler=cmd_migrate)

    p = sub.add_parser("serve", help="启动网页端（gunicorn，含静态文件）")
    p.add_argument("--bind", default="127.0.0.1:8000", metavar="地址:端口", help="监听的地址和端口")
    # Plain (sync) processes, two per core, behind the proxy that keeps clients' connections
    # alive: on bench/survey.py they held p99 at 130 ms where threaded ones ranged 150-350 ms.
    p.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1),
        metavar="N",
        help="进程数（默认每核 2 个）",
    )
    p.add_argument(
        "--threads",
        type=int,
        default=1,
        metavar="N",
        help="每进程线程数（大于 1 时用多线程进程，保持连接）",
    )
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("worker", help="启动 Celery 检测节点（分布式检测）")
    p.add_argument("--concurrency", type=int, default=2, metavar="N", help="同时执行的任务数")
    p.add_argument(
        "--pool", default="prefork", choices=["prefork", "solo", "threads"], help="并发方式"
    )
    p.add_argument(
        "--loglevel", default="INFO", metavar="级别", help="日志级别（DEBUG、INFO、WARNING）"
    )
    p.set_defaults(handler=cmd_worker)

    p = sub.add_parser(
        "jobs-worker", help="单独运行后台任务处理进程（ceping serve 已自带，一般不需要）"
    )
    p.set_defaults(handler=cmd_jobs_worker)

    p = sub.add_parser("recheck", help="复查各单位标为已整改的问题")
    p.add_argument("--allow-private", action="store_true", help="允许检测本机和内网地址")
    p.add_argument("--distributed", action="store_true", help="交给检测节点执行")
    p.set_defaults(handler=cmd_recheck)
