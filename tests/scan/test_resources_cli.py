"""The resource options of `ceping scan`: on or off, per-site and per-page budgets (issue 23)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceping.cli import build_parser, main
from ceping.cli.common import scan_config
from ceping.cli.scan_checks import with_page_checks
from ceping.scan import ScanConfig, policy
from tests.scan.test_resources import Site, file, html, serve

SITE = "http://a.gov.cn/"


def config_of(*options: str) -> ScanConfig:
    args = build_parser().parse_args(["scan", SITE, "--json", "x.json", *options])
    return with_page_checks(scan_config(args, urls=(SITE,)), args)


def test_the_defaults_leave_the_scan_config_alone() -> None:
    config = config_of()
    assert config == ScanConfig(urls=(SITE,), as_of=config.as_of)
    assert config.check_resources
    assert config.max_resources == policy.MAX_RESOURCES_PER_SITE
    assert config.max_resources_per_page == policy.MAX_RESOURCES_PER_PAGE


def test_each_option_sets_its_field_and_is_told_back(capsys: pytest.CaptureFixture[str]) -> None:
    config = config_of(
        "--no-resources", "--max-resources", "2000", "--max-resources-per-page", "50"
    )
    assert not config.check_resources
    assert (config.max_resources, config.max_resources_per_page) == (2000, 50)
    err = capsys.readouterr().err
    assert "检测设置：不检查页面资源" in err
    assert "检测设置：每个网站最多检查的页面资源数 = 2000" in err
    assert "检测设置：每个页面最多检查的页面资源数 = 50" in err


@pytest.mark.parametrize("option", ["--max-resources", "--max-resources-per-page"])
@pytest.mark.parametrize("value", ["-5", "abc", "0", "1.5", ""])
def test_a_wrong_count_is_refused_in_chinese_naming_the_option(
    option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["scan", SITE, "--json", "x.json", f"{option}={value}"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    refusal = f"应为不小于 1 的整数（不检查页面资源请用 --no-resources）：{value}"
    assert f"参数 {option}：{refusal}" in err
    assert "invalid" not in err and "error" not in err


def test_the_help_says_what_each_option_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["scan", "--help"])
    out = capsys.readouterr().out
    assert "页面资源（图片、样式表、脚本、音视频等）" in out
    assert "不检查页面引用的图片、样式表、脚本等资源，只检查页面链接和附件" in out
    assert "每个网站最多检查的页面资源数（默认 100000）" in out
    assert "每个页面最多检查的页面资源数（默认 500）" in out


HOME = "".join(f"<img src=/img/{i}.png>" for i in range(6)) + "<a href=/gone.html>x</a>"


def scan_json(site: Site, tmp_path: Path, *options: str) -> dict[str, object]:
    out = tmp_path / "scan.json"
    argv = ["scan", site.base, "--json", str(out), "--allow-private", "--no-typos", "--quiet"]
    assert main([*argv, *options]) == 0
    (report,) = json.loads(out.read_text(encoding="utf-8"))["sites"]
    return report  # type: ignore[no-any-return]


def resources_asked(site: Site) -> set[str]:
    return {path for _, path in site.requests if path.startswith("/img/")}


def test_ceping_scan_obeys_the_resource_options(tmp_path: Path) -> None:
    routes = {"/": html(HOME), "/img/0.png": file("image/png")}
    with serve(Site(routes)) as site:
        report = scan_json(site, tmp_path)
    assert len(resources_asked(site)) == 6
    kinds = [f["resource"] for f in report["findings"] if f["kind"] == "broken_link"]  # type: ignore[attr-defined, index]
    assert sorted(kinds) == ["image"] * 5 + ["page"]
    with serve(Site(routes)) as site:
        report = scan_json(site, tmp_path, "--max-resources-per-page", "2")
    assert len(resources_asked(site)) == 2
    assert "resources" in report["stats"]["limits_hit"]  # type: ignore[index]
    with serve(Site(routes)) as site:
        report = scan_json(site, tmp_path, "--no-resources")
    assert resources_asked(site) == set()
    kinds = [f["resource"] for f in report["findings"] if f["kind"] == "broken_link"]  # type: ignore[attr-defined, index]
    assert kinds == ["page"]
