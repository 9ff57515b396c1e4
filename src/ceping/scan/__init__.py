"""Machine inspection: crawl a site, parse its pages, run the checks, emit findings."""

from ceping.scan.config import ScanConfig
from ceping.scan.engine import run_scan, scan
from ceping.scan.models import Finding, Link, LinkStatus, PageResult
from ceping.scan.report import SiteReport, to_json
from ceping.scan.sink import MemorySink, NullSink, Restored, Sink

__all__ = [
    "Finding",
    "Link",
    "LinkStatus",
    "MemorySink",
    "NullSink",
    "PageResult",
    "Restored",
    "ScanConfig",
    "Sink",
    "SiteReport",
    "run_scan",
    "scan",
    "to_json",
]
