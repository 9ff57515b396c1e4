"""`ceping campaign …`: create, scan, score, print the results of and report on a campaign."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape

from ceping.cli.common import (
    add_crawl_options,
    add_process_option,
    console,
    err_console,
    process_count,
    scan_config,
    setup_django,
)
from ceping.cli.scan_checks import add_check_options, with_check_options
from ceping.errors import CepingError


def cmd_campaign_create(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.campaigns import campaign_named, create_campaign, read_framework
    from ceping.campaign.units import import_units
    from ceping.framework import framework_file
    from ceping.web.models import Unit

    path = framework_file(args.framework)
    units = None
    if args.units:
        summary = import_units(Path(args.units), read_framework(path)[0])
        units = list(Unit.objects.filter(code__in=summary.codes))
    previous = campaign_named(args.previous) if args.previous else None
    campaign, framework, left_out = create_campaign(
        args.name, args.year, path, units=units, previous=previous
    )
    console.print(
        f"[green]已建立测评活动：{campaign.name}（{framework.name}，"
        f"{campaign.units.count()} 个单位）[/]"
    )
    if left_out:
        err_console.print(
            "[yellow]类别不属于该指标体系、未纳入的单位：[/]"
            + "，".join(f"{x.category} {x.units} 个" for x in left_out)
        )
    return 0


def cmd_campaign_scan(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.campaigns import campaign_named
    from ceping.campaign.scans import scan_campaign

    campaign = campaign_named(args.campaign)
    config = with_check_options(scan_config(args, urls=()), args)
    if args.distributed:
        return _scan_distributed(campaign, config, args.wait)
    reports = scan_campaign(campaign, config, processes=process_count(args))
    findings = sum(len(r.findings) for r in reports)
    console.print(f"[green]{campaign.name}：检测网站 {len(reports)} 个，发现问题 {findings} 条[/]")
    for report in reports:
        if report.stats.get("failed"):  # marked failed in the database; a new run retries it
            err_console.print(
                f"[yellow]{escape(report.url)}：{report.stats['failed']}；再次运行本命令即重新检测[/]"
            )
    return 0


def cmd_campaign_publish(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign import publication
    from ceping.campaign.campaigns import campaign_named

    campaign = campaign_named(args.campaign)
    change = publication.unpublish if args.withdraw else publication.publish
    console.print(f"[green]{campaign.name}：{change(campaign)}[/]")
    return 0


def _scan_distributed(campaign, config, wait_s: float) -> int:  # type: ignore[no-untyped-def]
    from rich.live import Live

    from ceping.campaign.distributed import (
        enqueue_campaign_scan,
        findings_count,
        wait_for_campaign_scan,
    )
    from ceping.web.models import ScanStatus

    sent = enqueue_campaign_scan(campaign, config)
    console.print(f"已向检测节点派发 {sent} 个网站的检测任务")
    with Live(console=console, refresh_per_second=4) as live:

        def show(statuses, pages):  # type: ignore[no-untyped-def]
            done, failed = statuses[ScanStatus.DONE], statuses[ScanStatus.FAILED]
            live.update(
                f"完成 {done} 个，失败 {failed} 个，"
                f"进行中 {sum(statuses.values()) - done - failed} 个；"
                f"已抓取页面 {pages} 个"
            )

        statuses = wait_for_campaign_scan(campaign, wait_s, show)
    console.print(
        f"[green]{campaign.name}：检测网站 {statuses[ScanStatus.DONE]} 个，"
        f"发现问题 {findings_count(campaign)} 条[/]"
    )
    if statuses[ScanStatus.FAILED]:
        err_console.print(
            f"[red]{statuses[ScanStatus.FAILED]} 个网站检测失败，详见管理后台的检测记录[/]"
        )
        return 1
    return 0


def cmd_campaign_load_sample(args: argparse.Namespace) -> int:
    """Store the rebuilt sample inputs of the campaign's year; for 2012 also score a rebuilt 2011
    before it."""
    setup_django()
    from ceping.campaign.campaigns import campaign_named
    from ceping.demo.sample import load_sample

    campaign = campaign_named(args.campaign)
    _, created = load_sample(campaign)
    if created is not None:
        console.print(f"已建立并计分上一年度：{created.name}")
    console.print(
        f"[green]{campaign.name}：已载入重建样例数据（机器检测、专家、公众、门户网站考核、单位自查）[/]"
    )
    return 0


def cmd_campaign_score(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.campaigns import campaign_named
    from ceping.campaign.scoring import score_and_store

    campaign = campaign_named(args.campaign)
    results, timings = score_and_store(campaign)
    grades = "，".join(
        f"{g} {sum(1 for u in results.units if u.grade == g)} 个"
        for g in results.framework.grading.grades
    )
    missing = [u for u in results.units if u.missing]
    console.print(
        f"[green]{campaign.name}：{len(results.units)} 个单位已计分（{grades}）[/]"
        f"，读取 {timings.read_s:.1f} 秒，计分 {timings.score_s:.1f} 秒，"
        f"保存 {timings.store_s:.1f} 秒"
    )
    if missing:
        err_console.print(
            f"[yellow]{len(missing)} 个单位缺少数据，未定等级：[/]"
            + "、".join(f"{u.short_name}（{'、'.join(u.missing)}）" for u in missing[:20])
        )
    return 0


def cmd_campaign_results(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.campaigns import campaign_named
    from ceping.campaign.scoring import is_scored, stored_results
    from ceping.cli.campaign_view import results_tables

    campaign = campaign_named(args.campaign)
    if not is_scored(campaign):
        raise CepingError(
            f"{campaign.name} 尚未计分：先运行 ceping campaign score {campaign.name!r}"
        )
    for table in results_tables(stored_results(campaign), args.category):
        console.print(table)
    return 0


def cmd_campaign_report(args: argparse.Namespace) -> int:
    setup_django()
    from ceping.campaign.campaigns import campaign_named
    from ceping.campaign.reports import write_reports
    from ceping.report.pdf import pdf_skipped

    campaign = campaign_named(args.campaign)
    written = write_reports(
        campaign, Path(args.out), Path(args.template) if args.template else None
    )
    console.print(f"[green]{campaign.name}：已写入 {len(written)} 个文件到 {args.out}[/]")
    skipped = pdf_skipped(written)
    if skipped:
        console.print(f"[yellow]{escape(skipped)}[/]")
    return 0


def cmd_campaign_notice(args: argparse.Namespace) -> int:
    setup_django()
    from rich.markup import escape

    from ceping.campaign.campaigns import campaign_named
    from ceping.campaign.notice_texts import notice_fields, set_notice_texts

    campaign = campaign_named(args.campaign)
    values = {}
    for item in args.set or ():
        name, eq, value = item.partition("=")
        if not eq:
            raise CepingError(f"--set 应写成 名称=内容，不是“{item}”")
        values[name.strip()] = value.replace("\\n", "\n")
    if values:
        set_notice_texts(campaign, values)
    for field in notice_fields(campaign):
        shown = escape(field.value) if field.value else "[dim]（未填写）[/]"
        console.print(f"{field.name}　{field.label}：{shown}", highlight=False)
    return 0


def cmd_campaign_verdict(args: argparse.Namespace) -> int:
    """The organizer's verdict on a veto a machine cannot decide, for one unit."""
    setup_django()
    from ceping.campaign.campaigns import campaign_named
    from ceping.campaign.verdicts import enter_verdict

    campaign = campaign_named(args.campaign)
    enter_verdict(
        campaign, args.unit, args.veto, hit=args.hit, evidence=args.evidence or "", who=None
    )
    outcome = "单项否决" if args.hit else "未发现"
    console.print(f"[green]{campaign.name}：{args.unit} 的 {args.veto} 已核实为{outcome}[/]")
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ceping.framework import DEFAULT_FRAMEWORK

    group = sub.add_parser("campaign", help="测评活动").add_subparsers(
        dest="campaign_command", metavar="命令", required=True
    )
    p = group.add_parser("create", help="建立测评活动（同名的活动被替换）")
    p.add_argument("name", metavar="名称")
    p.add_argument("--year", type=int, required=True, metavar="年度", help="测评年度，如 2012")
    p.add_argument(
        "--framework",
        default=DEFAULT_FRAMEWORK,
        metavar="指标体系",
        help=f"指标体系：内置名称或 YAML 文件（默认 {DEFAULT_FRAMEWORK}）",
    )
    p.add_argument(
        "--units",
        metavar="文件",
        help="先导入此单位表（按该指标体系检查类别），活动只含表中单位；"
        "不给时含已有的、类别属于该指标体系的全部单位",
    )
    p.add_argument("--previous", metavar="名称", help="上一年度测评活动的名称（用于计算同比变化）")
    p.set_defaults(handler=cmd_campaign_create)

    p = group.add_parser("scan", help="检测测评活动的全部网站并存入数据库（中断后再运行即续检）")
    p.add_argument("campaign", metavar="测评活动")
    add_crawl_options(p)
    add_check_options(p)
    add_process_option(p)
    p.set_defaults(handler=cmd_campaign_scan)

    p = group.add_parser("score", help="按已收集的数据计分、定级、统计并保存")
    p.add_argument("campaign", metavar="测评活动")
    p.set_defaults(handler=cmd_campaign_score)

    p = group.add_parser("results", help="显示已计分测评活动的得分、等级和统计")
    p.add_argument("campaign", metavar="测评活动")
    p.add_argument("--category", metavar="类别", help="只显示此类别（默认全部）")
    p.set_defaults(handler=cmd_campaign_results)

    p = group.add_parser("report", help="写出通报、单位报告、得分表和 summary.json")
    p.add_argument("campaign", metavar="测评活动")
    p.add_argument("--out", required=True, metavar="目录", help="写入的目录")
    p.add_argument(
        "--template", metavar="文件", help="通报模板（见 docs/report.md；默认用内置模板）"
    )
    p.set_defaults(handler=cmd_campaign_report)

    p = group.add_parser("notice", help="显示或填写通报的版头、版记、落款和组织方撰写的段落")
    p.add_argument("campaign", metavar="测评活动")
    p.add_argument(
        "--set",
        action="append",
        metavar="名称=内容",
        help="填写一项（可多次使用；内容为空即清除；段落中的 \\n 表示换段）",
    )
    p.set_defaults(handler=cmd_campaign_notice)

    p = group.add_parser("publish", help="向各单位发布已计分的测评结果（各单位由此看到得分和报告）")
    p.add_argument("campaign", metavar="测评活动")
    p.add_argument("--withdraw", action="store_true", help="撤回发布，各单位暂时看不到结果")
    p.set_defaults(handler=cmd_campaign_publish)

    p = group.add_parser(
        "verdict", help="录入组织方对单项否决指标（安全泄密、弄虚作假等）的核实结果"
    )
    p.add_argument("campaign", metavar="测评活动")
    p.add_argument("unit", metavar="单位代码")
    p.add_argument("veto", metavar="否决项代码", help="如 V8（见 ceping framework validate）")
    found = p.add_mutually_exclusive_group(required=True)
    found.add_argument("--hit", action="store_true", help="核实存在该问题：单项否决")
    found.add_argument("--clear", action="store_true", help="核实未发现该问题")
    p.add_argument("--evidence", metavar="依据", help="核实依据（判定否决时必填）")
    p.set_defaults(handler=cmd_campaign_verdict)

    p = group.add_parser("load-sample", help="把2011、2012年度的重建样例数据存入测评活动")
    p.add_argument("campaign", metavar="测评活动")
    p.set_defaults(handler=cmd_campaign_load_sample)
