"""`ceping campaign scan` takes the check options of `ceping scan`, parsed by the same code, and
the campaign's stored findings follow them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceping.cli import build_parser, main
from ceping.cli.common import scan_config
from ceping.cli.scan_checks import with_check_options
from ceping.scan import ScanConfig, policy
from ceping.web.models import Finding
from tests.scanfarm import campaigns_over
from tests.threaded_http import QuietHandler, serve_threaded

# A home page with no viewport, no lang and a word the organizer's list names.
HOME = (
    "<html><head><title>首页</title></head><body><p>本站发布违禁词甲的处理通报。</p>"
    "<a href='/a.html'>政务公开</a></body></html>"
)


def _options(words: Path) -> list[str]:
    return [
        "--no-https-redirect", "--no-hsts", "--no-tls", "--no-mixed-content", "--no-ipv6",
        "--sensitive-words", str(words), "--hidden-link-words", str(words),
        "--missing-alt-share", "0.3", "--no-identifiers", "--no-hidden-links", "--no-viewport",
        "--no-alt", "--no-accessible-mode", "--no-lang",
        "--stale-window", "动态要闻=10", "--stale-window", "其他=90", "--render-pages", "0",
        "--missing-alt-min-images", "9", "--identifiers", "icp,psb",
        "--no-resources", "--max-resources", "2000", "--max-resources-per-page", "50",
    ]  # fmt: skip


def test_campaign_scan_parses_every_check_option_of_scan_alike(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("违禁词甲\n", encoding="utf-8")
    parser = build_parser()

    def config_of(*argv: str) -> ScanConfig:
        args = parser.parse_args(list(argv))
        return with_check_options(scan_config(args, urls=()), args)

    one = config_of("scan", "http://127.0.0.1/", "--json", "x.json", *_options(words))
    campaign = config_of("campaign", "scan", "2025年度", *_options(words))
    assert one == campaign
    assert not any(
        (one.check_https_redirect, one.check_hsts, one.check_tls, one.check_mixed_content,
         one.check_ipv6, one.check_identifiers, one.check_hidden_links, one.check_viewport,
         one.check_alt, one.check_accessible_mode, one.check_lang)
    )  # fmt: skip
    assert (one.sensitive_words, one.hidden_link_words) == (("违禁词甲",), ("违禁词甲",))
    assert (one.missing_alt_share, one.stale_news_days, one.stale_after_days) == (0.3, 10, 90)
    assert one.render_pages == 0
    assert (one.missing_alt_min_images, one.identifiers) == (9, ("icp", "psb"))
    assert not one.check_resources
    assert (one.max_resources, one.max_resources_per_page) == (2000, 50)
    # Without options both take the same defaults, the browser included.
    plain = config_of("campaign", "scan", "2025年度")
    assert plain.render_pages == policy.RENDER_PAGES_PER_SITE
    assert plain == config_of("scan", "http://127.0.0.1/", "--json", "x.json")


class _Site(QuietHandler):
    def do_GET(self) -> None:
        self.send_body(HOME if self.path == "/" else "<html><body>页</body></html>")

    do_HEAD = do_GET


@pytest.mark.django_db(transaction=True)
def test_a_campaign_is_scanned_with_the_options_given(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("违禁词甲\n", encoding="utf-8")
    common = ["--allow-private", "--no-typos", "--render-pages", "0", "--timeout", "5"]
    with serve_threaded(_Site) as base:
        given, default = campaigns_over([base + "/"], "带选项", "默认")
        assert main(["campaign", "scan", given.name, *common, "--sensitive-words",
                     str(words), "--no-viewport", "--no-lang"]) == 0  # fmt: skip
        assert main(["campaign", "scan", default.name, *common]) == 0

    def kinds(name: str) -> set[str]:
        stored = Finding.objects.filter(scan_run__campaign__name=name)
        return set(stored.values_list("kind", flat=True))

    assert "sensitive_word" in kinds("带选项")
    assert not {"no_viewport", "no_lang"} & kinds("带选项")
    assert {"no_viewport", "no_lang"} <= kinds("默认")
    assert "sensitive_word" not in kinds("默认")


@pytest.mark.django_db(transaction=True)
def test_a_campaign_is_scanned_with_its_framework_s_settings(tmp_path: Path) -> None:
    """The framework's `scan:` section applies to every scan of the campaign (the browser's
    scan job calls the same use case); an option given on the command line wins."""
    common = ["--allow-private", "--no-typos", "--render-pages", "0", "--timeout", "5"]
    with serve_threaded(_Site) as base:
        (campaign,) = campaigns_over([base + "/"], "框架设置")
        campaign.framework_yaml += (
            "scan:\n  checks: {viewport: false, lang: false}\n  sensitive_words: [违禁词甲]\n"
        )
        campaign.save(update_fields=["framework_yaml"])
        assert main(["campaign", "scan", campaign.name, *common]) == 0
    stored = set(Finding.objects.filter(scan_run__campaign=campaign).values_list("kind", flat=True))
    assert "sensitive_word" in stored
    assert not {"no_viewport", "no_lang"} & stored
