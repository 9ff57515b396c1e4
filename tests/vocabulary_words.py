"""Finding kinds and evidence fields by their English keys in text people read: tests assert
none."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl

from ceping.vocabulary import FIELD_LABELS, KINDS, MEASURE_LABELS, VALUE_LABELS

UNKNOWN_KIND = "made_up_kind"  # a kind from a newer scanner: it too must not show its key


def _words(words: set[str]) -> re.Pattern[str]:
    # Longest first, and no letter, digit or _ around: no_https is not found in no_https_redirect.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9_])({alternatives})(?![A-Za-z0-9_])")


_KINDS = _words({*KINDS, UNKNOWN_KIND})
# A field name followed by a colon is a label left in English (or a dict printed whole).
_FIELDS = re.compile(_words(set(FIELD_LABELS)).pattern + r"['\"]?\s*[:：]")
# Values that are keys themselves (search, session_id, site_code, …) have Chinese names too.
_VALUES = _words({v for values in VALUE_LABELS.values() for v in values if v.isascii()})
# What a rule measures (home_ms, adoption_rate …), named in the rule beside a unit's points.
_MEASURES = _words(set(MEASURE_LABELS))
_URL = re.compile(r"\b(?:https?|ftp)://[!-~]+")  # up to the first space or non-ASCII character


def english_keys(text: str) -> list[str]:
    """The finding kinds, field names, value keys and measures that a text shows in English.

    URLs are left out: a scanned site's /english/ or /search/ is data, not our wording.
    """
    text = _URL.sub(" ", text)
    found = {
        m.group(1)
        for pattern in (_KINDS, _FIELDS, _VALUES, _MEASURES)
        for m in pattern.finditer(text)
    }
    return sorted(found)


class _Text(HTMLParser):
    HIDDEN = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of a page as a reader sees it: no tags, attributes, scripts or styles."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a Word file, its headers and footers too."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    for section in document.sections:
        parts += [p.text for p in (*section.header.paragraphs, *section.footer.paragraphs)]
    return "\n".join(parts)


def xlsx_text(path: Path) -> str:
    """Every sheet title and cell value of a workbook."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    parts = []
    for sheet in workbook.worksheets:
        parts.append(sheet.title)
        parts += [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    workbook.close()
    return "\n".join(parts)


# A value for every evidence field; the keys among them (search, site_code, …) must be translated.
SAMPLE_VALUES: dict[str, object] = {
    "status": 404, "error": "连接超时", "text": "国务晥", "suggestion": "国务院",
    "context": "……国务晥办公厅……", "confidence": 0.9, "suspect": True, "latest": "2011-09-30",
    "days": 458, "ms": 5400, "ttfb_ms": 800, "feature": "search", "reason": "session_id",
    "pattern": "/cal/#", "skipped": 120, "identifier": "site_code", "posted": "2012-01-05",
    "replied": "2012-03-01", "missing": "办理时限", "protocol": "TLS 1.0", "cipher": "RC4",
    "resource": "image",
    "subject": "CN=www.example.gov.cn", "issuer": "CN=Example CA",
    "not_before": "2012-01-01 00:00:00 UTC", "not_after": "2012-12-31 23:59:59 UTC",
    "names": "www.example.gov.cn、example.gov.cn", "header": "max-age=0",
    "address": "2001:db8::1", "content": "active",
    "keyword": "百家乐", "declared": "width=1024", "share": 0.75,
    "images": 8, "without_alt": 6, "examples": "https://a.gov.cn/1.jpg https://a.gov.cn/2.jpg",
    "column_type": "通知公告", "window_days": 183,
    "window": "2026-11-30 至 2026-12-06", "visits": 140, "failures": 7,
    "page_count": 3, "other_pages": ["https://a.gov.cn/2.html", "https://a.gov.cn/3.html"],
}  # fmt: skip


def sample_finding(kind: str, site: str, n: int) -> dict[str, object]:
    """A finding of `kind` with every evidence field of its kind filled (URLs under `site`)."""
    finding: dict[str, object] = {"kind": kind}
    for evidence in KINDS[kind].evidence if kind in KINDS else ():
        if evidence.field == "page":
            finding["page"] = f"{site}p/{n}.html"
        elif evidence.field in ("url", "probe"):
            finding[evidence.field] = f"{site}t/{n}.html"
        else:
            finding[evidence.field] = SAMPLE_VALUES[evidence.field]
    if kind not in KINDS:
        finding.update(page=f"{site}p/{n}.html", weight=3, url=f"{site}t/{n}.html")
    return finding
