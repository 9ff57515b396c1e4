"""A framework's `scan:` section: the windows, thresholds, switches and words its campaigns are
scanned with, each mistake named by line; an option given for one scan wins over it."""

from __future__ import annotations

import textwrap

import pytest

from ceping.campaign.scans import with_framework_settings
from ceping.errors import FrameworkError
from ceping.framework import load_framework, shipped_framework_path
from ceping.framework.loader import parse_framework
from ceping.scan.config import ScanConfig
from tests.framework.test_loader import GOOD

SETTINGS = """\
scan:
  checks: {ipv6: false, hsts: false}
  windows: {动态要闻: 7, 其他: 90}
  thresholds: {stale_home_days: 10, missing_alt_share: 0.3, missing_alt_min_images: 8,
               max_resources: 2000, max_resources_per_page: 50}
  sensitive_words: [某敏感词]
  identifiers: [site_code, icp, psb, icp]
"""


def _problems(section: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(GOOD + textwrap.dedent(section), source="bad.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_section_sets_the_scan_config_fields() -> None:
    framework = parse_framework(GOOD + SETTINGS)
    assert dict(framework.scan) == {
        "check_ipv6": False,
        "check_hsts": False,
        "stale_news_days": 7,
        "stale_after_days": 90,
        "stale_home_days": 10,
        "missing_alt_share": 0.3,
        "missing_alt_min_images": 8,
        "max_resources": 2000,
        "max_resources_per_page": 50,
        "sensitive_words": ("某敏感词",),
        "identifiers": ("site_code", "icp", "psb"),
    }


def test_a_framework_without_the_section_changes_nothing() -> None:
    config = ScanConfig(urls=())
    assert with_framework_settings(config, parse_framework(GOOD).scan) == config


def test_an_option_given_for_the_scan_wins_over_the_framework() -> None:
    settings = parse_framework(GOOD + SETTINGS).scan
    given = ScanConfig(urls=(), stale_news_days=3)  # --stale-window 动态要闻=3
    config = with_framework_settings(given, settings)
    assert config.stale_news_days == 3
    assert (config.check_ipv6, config.stale_after_days, config.stale_home_days) == (False, 90, 10)
    assert config.sensitive_words == ("某敏感词",)


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        ("scan: [ipv6]\n", "bad.yaml，第 19 行，scan：应为键值表"),
        ("scan:\n  speed: 1\n", "bad.yaml，第 20 行，scan.speed：不认识的字段"),
        ("scan:\n  checks: {ipv7: false}\n", "bad.yaml，第 20 行，scan.checks.ipv7：没有这项检查"),
        ("scan:\n  checks: {ipv6: 'no'}\n", "scan.checks.ipv6：应为 true（检查）或 false"),
        ("scan:\n  windows: {新闻: 7}\n", "scan.windows.新闻：没有这种栏目类型"),
        ("scan:\n  windows: {动态要闻: 0}\n", "scan.windows.动态要闻：更新时限应为正整数（天）"),
        (
            "scan:\n  thresholds: {missing_alt_share: 2}\n",
            "缺少替代文字的图片比例界限（0 到 1）应为 0 到 1 之间的数",
        ),
        ("scan:\n  thresholds: {stale_home_days: 1.5}\n", "首页更新时限（天）应为正整数"),
        ("scan:\n  sensitive_words: 某词\n", "scan.sensitive_words：敏感词表应为词语的列表"),
        (
            "scan:\n  thresholds: {max_resources_per_page: 0}\n",
            "每个页面最多检查的页面资源数应为正整数",
        ),
        ("scan:\n  identifiers: [icp, 备案号]\n", "scan.identifiers：应为必备标识的列表"),
        ("scan:\n  identifiers: []\n", "至少一项，取自 site_code（网站标识码）、icp"),
        ("scan:\n  identifiers: icp\n", "scan.identifiers：应为必备标识的列表"),
    ],
)
def test_each_mistake_is_named(section: str, problem: str) -> None:
    (told,) = _problems(section)
    assert problem in told, told


def test_national_2019_states_the_tables_windows() -> None:
    scan = load_framework(shipped_framework_path("national-2019")).scan
    assert (scan["stale_news_days"], scan["stale_notice_days"], scan["stale_policy_days"]) == (
        14,
        183,
        183,
    )
    assert (scan["stale_home_days"], scan["unanswered_after_days"]) == (14, 90)


def test_the_framework_s_marks_and_resource_budgets_reach_the_scan() -> None:
    settings = parse_framework(GOOD + SETTINGS).scan
    config = with_framework_settings(ScanConfig(urls=()), settings)
    assert config.identifiers == ("site_code", "icp", "psb")
    assert (config.max_resources, config.max_resources_per_page) == (2000, 50)
    assert config.missing_alt_min_images == 8
