"""The `ceping` command as a person runs it: separate processes, a fresh CEPING_HOME."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from rich.console import Console

from ceping.cli.scan_view import print_summary
from ceping.framework import shipped_framework_path
from ceping.scan import Finding, SiteReport
from tests.commands import run_ceping
from tests.vocabulary_words import UNKNOWN_KIND, english_keys


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_ceping(home, *args, timeout_s=120)


def test_framework_validate_accepts_a_shipped_file(tmp_path: Path) -> None:
    result = run(tmp_path, "framework", "validate", str(shipped_framework_path("shanghai-2012")))
    assert result.returncode == 0, result.stderr
    assert "有效" in result.stdout


def test_framework_validate_prints_a_shipped_framework_by_name_with_every_veto(
    tmp_path: Path,
) -> None:
    result = run(tmp_path, "framework", "validate", "national-2019")
    assert result.returncode == 0, result.stderr
    out = "".join(result.stdout.split())  # rich wraps long lines
    for veto in (
        "V1单项否决站点无法访问",
        "V2单项否决首页不更新",
        "V3单项否决栏目不更新（应更新但长期未更新的栏目超过（含）10个）",
        "栏目长期未更新达到10个否决",
        "V4单项否决栏目不更新（空白栏目超过（含）5个）",
        "空白栏目达到5个否决",
        "V5单项否决互动回应差",
        "V6单项否决服务不实用",
        "V7单项否决互动回应差（超过3个月未回应有效留言）",
    ):
        assert veto in out, veto
    # Organizer vetoes: rich breaks their long names onto lines of the tree ("│").
    tree = out.replace("│", "")
    for veto in (
        "V8单项否决安全、泄密事故等严重问题（严重表述错误、泄露国家秘密",
        "弄虚作假、严重负面舆情）（组织方依据证据核实；未核实的单位为待核实，不定等级）",
        "V9单项否决服务不实用（办事指南重点要素类别缺失",
        "（组织方依据证据核实；未核实的单位为待核实，不定等级；仅适用于门户网站、部门网站）",
    ):
        assert veto in tree, veto
    assert "加分项：其余指标得分高于80分时计入" in out
    assert "无对外服务部门得分（加分指标除外）乘以4/3" in out
    assert "national-2019：有效" in out


def test_framework_validate_names_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\ntotal: 5\ncategories: [{name: 区县}]\nareas: []\n"
        "grading: {grades: [优秀], categories: {}}\n"
    )
    result = run(tmp_path, "framework", "validate", str(bad))
    assert result.returncode == 2
    assert f"{bad}，第 4 行，areas：应为指标列表，且不能为空" in result.stderr


def test_units_import_reports_the_bad_row(tmp_path: Path) -> None:
    table = tmp_path / "units.csv"
    table.write_text(
        "代码,名称,类别,网站\nQX01,黄浦区,区,https://hp.example.gov.cn/\n", encoding="utf-8"
    )
    result = run(tmp_path, "units", "import", str(table))
    assert result.returncode == 2
    assert "units.csv，第 2 行，类别：没有这个类别：“区”" in result.stderr


def test_scan_and_campaign_scan_take_the_same_crawl_options() -> None:
    from ceping.cli import build_parser
    from ceping.cli.common import scan_config

    options = [
        "--as-of",
        "2012-11-30",
        "--timeout",
        "5",
        "--max-pages",
        "300",
        "--max-depth",
        "4",
        "--concurrency",
        "8",
        "--per-host",
        "2",
        "--delay",
        "0.5",
        "--allow-private",
        "--ignore-robots",
        "--no-typos",
        "--no-external",
    ]
    parser = build_parser()
    one = scan_config(
        parser.parse_args(["scan", "http://127.0.0.1/", "--json", "x.json", *options]), urls=()
    )
    campaign = scan_config(parser.parse_args(["campaign", "scan", "2012年度", *options]), urls=())
    assert one == campaign
    # The crawler processes, apart from the crawl's settings: the same option on both commands.
    for command in (["scan", "http://127.0.0.1/", "--json", "x.json"], ["campaign", "scan", "甲"]):
        assert parser.parse_args([*command, "--processes", "3"]).processes == 3
        assert parser.parse_args([*command, "--workers", "2"]).processes == 2
    assert (
        one.timeout_s,
        one.max_pages,
        one.max_depth,
        one.concurrency,
        one.per_host,
        one.delay_s,
    ) == (5, 300, 4, 8, 2, 0.5)
    assert one.allow_private and not (one.obey_robots or one.check_typos or one.check_external)
    assert one.as_of.isoformat() == "2012-11-30"


def test_scan_summary_counts_findings_by_their_chinese_labels() -> None:
    findings = (
        Finding.make("broken_link", page="https://a.gov.cn/", url="https://a.gov.cn/x"),
        Finding.make("broken_link", page="https://a.gov.cn/", url="https://a.gov.cn/y"),
        Finding.make("missing_feature", feature="search"),
        Finding.make(UNKNOWN_KIND),
    )
    report = SiteReport("https://a.gov.cn/", True, 3, {"search": False, "english": True}, findings)
    console = Console(record=True, width=200)
    print_summary(console, [report], 1.0, "scan.json")
    text = console.export_text()
    assert "错链断链 2，缺少必备功能或栏目 1，其他问题 1" in text
    assert english_keys(text) == []


def test_scan_summary_says_unchecked_for_a_site_behind_a_script_challenge() -> None:
    note = Finding.make("script_challenge", page="https://a.gov.cn/", status=412, page_count=1)
    features = {"unchecked": True, "search": None, "english": None}
    report = SiteReport("https://a.gov.cn/", True, 1, features, (note,))
    console = Console(record=True, width=200)
    print_summary(console, [report], 1.0, "scan.json")
    text = console.export_text()
    assert text.count("未检查") == 2 and "需要脚本验证，未能检查 1" in text


def test_scan_summary_says_which_sites_were_cut_short_and_why() -> None:
    cut = SiteReport(
        "https://a.gov.cn/[red]", True, 3, {}, (), {"limits_hit": ["time"], "failures": 2}
    )
    whole = SiteReport("https://b.gov.cn/", True, 3, {}, (), {"limits_hit": [], "failures": 0})
    console = Console(record=True, width=300)
    print_summary(console, [cut, whole], 1.0, "scan.json")
    text = console.export_text()
    assert "https://a.gov.cn/[red] 检测不完整：检测时间达到上限" in text
    assert "2 个页面或检查处理出错" in text
    assert "https://b.gov.cn/ 检测不完整" not in text


def test_an_error_quotes_a_file_name_as_written_on_one_line(tmp_path: Path) -> None:
    # Square brackets in a name are no console markup, and a long message is not broken.
    table = tmp_path / "单位[red]名单.csv"
    table.write_text("代码,名称\nQX01,上海市黄浦区人民政府\n", encoding="utf-8")
    result = run(tmp_path, "units", "import", str(table))
    assert result.returncode == 2
    assert (
        "单位[red]名单.csv，第 1 行，类别：缺少这一列（表头中没有）"
        in result.stderr.splitlines()[0]
    )


def test_the_command_line_speaks_chinese_when_a_command_is_wrong(tmp_path: Path) -> None:
    missing = run(tmp_path, "scan")
    assert missing.returncode == 2
    assert "用法：ceping scan" in missing.stderr
    assert "ceping scan：错误：缺少必填的参数：网址, --json" in missing.stderr
    wrong = run(tmp_path, "scan", "--json", "x.json", "--max-pages", "many", "http://a.example/")
    assert "参数 --max-pages：不是有效的值：'many'" in wrong.stderr
    unknown = run(tmp_path, "nonsense")
    assert "ceping：错误：参数 命令：没有这个选项：'nonsense'" in unknown.stderr
    said = missing.stderr + wrong.stderr + unknown.stderr
    assert not re.findall(r"\b(?:usage|error|argument|invalid|required|choose)\b", said)


def test_the_notice_texts_are_filled_in_from_the_command_line(tmp_path: Path) -> None:
    assert run(tmp_path, "migrate").returncode == 0
    table = tmp_path / "units.csv"
    table.write_text("代码,名称,类别,网站\nQX01,黄浦区,区县,https://hp.example.gov.cn/\n", "utf-8")
    made = run(tmp_path, "campaign", "create", "甲", "--year", "2012", "--units", str(table))
    assert made.returncode == 0, made.stderr
    done = run(tmp_path, "campaign", "notice", "甲", "--set", "number=沪府办〔2013〕[b]1号")
    assert done.returncode == 0, done.stderr
    assert "number　发文字号（如“×府办〔2013〕12号”）：沪府办〔2013〕[b]1号" in done.stdout
    bad = run(tmp_path, "campaign", "notice", "甲", "--set", "colour=red")
    assert bad.returncode == 2 and "colour：通报模板中没有这一项" in bad.stderr
