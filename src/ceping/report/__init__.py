"""Reports: the notice (通报), unit reports, score tables and charts."""

from __future__ import annotations

from ceping.report.campaign import write_campaign_report
from ceping.report.layout import Fonts
from ceping.report.notice import Notice, build_notice
from ceping.report.template import load_template, parse_template, shipped_template_path

__all__ = [
    "Fonts",
    "Notice",
    "build_notice",
    "load_template",
    "parse_template",
    "shipped_template_path",
    "write_campaign_report",
]
