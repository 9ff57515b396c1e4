"""The immutable values that flow through a scan: links, pages, link statuses, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ceping.scan.pagesignals import NO_SIGNALS, PageSignals

# Finding kinds of the JSON contract (DESIGN §5.1) and our documented extras.
BROKEN_LINK = "broken_link"
TYPO = "typo"
STALE_COLUMN = "stale_column"
BLANK_COLUMN = "blank_column"
MISSING_FEATURE = "missing_feature"
SLOW_PAGE = "slow_page"
TRAP = "trap"
NO_HTTPS = "no_https"
UNREACHABLE = "unreachable"
STALE_HOME = "stale_home"
UNANSWERED_MESSAGE = "unanswered_message"
SLOW_REPLY = "slow_reply"
GUIDE_INCOMPLETE = "guide_incomplete"
MISSING_IDENTIFIER = "missing_identifier"
HIDDEN_LINK = "hidden_link"
SENSITIVE_WORD = "sensitive_word"
NO_VIEWPORT = "no_viewport"
MISSING_ALT = "missing_alt"
NO_ACCESSIBLE_MODE = "no_accessible_mode"
NO_LANG = "no_lang"
# A note, not a defect: pages answered with a script challenge the scan could not pass.
SCRIPT_CHALLENGE = "script_challenge"
# What a run measures, which differs between two runs that find the same defect: a finding's
# identity (and its stored key) leaves these out.
# What a link target is to the page that uses it (a broken_link finding's `resource`). Pages
# and frames are crawled; documents are judged by their headers; the rest are embedded
# resources, checked once per scan and never crawled.
PAGE_LINK = "page"
FRAME = "frame"
DOWNLOAD = "download"
FORM = "form"
IMAGE = "image"
STYLESHEET = "stylesheet"
SCRIPT = "script"
MEDIA = "media"
FONT = "font"
OBJECT = "object"
# A plug-in's installer or download page (ActiveX `codebase`, `pluginspage`, `pluginurl`): only a
# browser that lacks the plug-in fetches it (old IE), no reader sees it; checked and reported,
# but the shipped frameworks deduct nothing for it.
PLUGIN = "plugin"
OTHER_RESOURCE = "other"
CRAWLED_KINDS = frozenset({PAGE_LINK, FRAME, DOWNLOAD})
# How many pages show a typo depends on how far the crawl went: the same defect either way.
MEASURED_FIELDS = frozenset(
    {"ms", "ttfb_ms", "days", "status", "error", "skipped", "confidence", "page_count",
     "other_pages"}
)  # fmt: skip


@dataclass(frozen=True)
class Link:
    """A link found on a page: absolute URL without fragment, and the words it shows.

    `kind` says what the target is to the page (PAGE_LINK, IMAGE, ...); `error` is set for a
    malformed URL, kept as written in `url`, that no request can be made for."""

    url: str
    text: str = ""
    tag: str = "a"
    kind: str = PAGE_LINK
    error: str | None = None


@dataclass(frozen=True)
class Form:
    """A form on a page, reduced to what the search check needs."""

    action: str
    method: str
    text_fields: tuple[str, ...]
    hidden: tuple[tuple[str, str], ...]
    words: str  # button labels, placeholders, ids and classes, lower-cased


@dataclass(frozen=True)
class DatedItem:
    """One item of a list page that carries a date."""

    date: str  # YYYY-MM-DD
    title: str
    is_pinned: bool = False  # 置顶: kept on top for years, says nothing of the column's upkeep


@dataclass(frozen=True)
class PageResult:
    """One fetched page of a site, with what the checks need from it."""

    url: str
    depth: int
    status: int | None
    error: str | None = None
    final_url: str = ""
    content_type: str = ""
    ttfb_ms: int = 0
    total_ms: int = 0
    size: int = 0
    is_html: bool = False
    title: str = ""
    links: tuple[Link, ...] = ()
    forms: tuple[Form, ...] = ()
    text: str = ""
    dated_items: tuple[DatedItem, ...] = ()
    is_list_page: bool = False
    encoding: str = ""
    # A list page without dates: its items' URLs, judged by the dates of the articles themselves.
    undated_items: tuple[str, ...] = ()
    published: str = ""  # YYYY-MM-DD: the date the page itself says it was published
    last_modified: str = ""  # the Last-Modified header as sent, "" when absent
    signals: PageSignals = NO_SIGNALS  # what the page checks read from its markup
    # A column page: the address of its next page ("" on the last), and the same-site addresses
    # its scripts load its empty list from (a JSON endpoint), read when the HTML shows nothing.
    next_page: str = ""
    data_sources: tuple[str, ...] = ()
    is_script_built: bool = False  # its list container is empty and its scripts fill it
    cut: str = ""  # "nesting": parsed only up to where it nested too deep (scan/nesting.py)

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400


@dataclass(frozen=True)
class LinkStatus:
    """The answer for one link target, checked once per scan."""

    url: str
    status: int | None
    error: str | None = None
    checked: bool = True  # False: not requested (robots.txt, limits), so never a finding

    @property
    def is_broken(self) -> bool:
        return self.checked and (self.status is None or self.status >= 400)


@dataclass(frozen=True)
class Finding:
    """A defect or a missing feature found on a site: data, never an exception."""

    kind: str
    page: str = ""
    fields: tuple[tuple[str, Any], ...] = field(default=())

    @staticmethod
    def make(kind: str, **values: Any) -> Finding:
        page = values.pop("page", "")
        return Finding(kind, page, tuple(sorted(values.items())))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.page or self.kind not in (MISSING_FEATURE, NO_HTTPS, UNREACHABLE):
            out["page"] = self.page
        out.update(self.fields)
        return out

    @property
    def identity(self) -> tuple[Any, ...]:
        """What makes two findings the same defect; measured values differ between runs."""
        return (self.kind, self.page, tuple(f for f in self.fields if f[0] not in MEASURED_FIELDS))

    def get(self, name: str) -> Any:
        return dict(self.fields).get(name)
