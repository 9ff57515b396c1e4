"""A page being written: its markup, and every link and resource in it, recorded as written.

The ground truth of broken links is computed from these records, never by parsing the
markup back, so a link the generator writes is a link the truth knows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass
class Page:
    path: str  # as linked: "/col/col3/index.html?uid=col3&pageNum=2"
    title: str
    parts: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)  # as written; resolved against the page
    images: list[tuple[str, bool]] = field(default_factory=list)  # content images: src, has alt

    def ref(self, href: str) -> str:
        """An address written into the markup (escaped), recorded as a link of this page."""
        self.hrefs.append(href)
        return escape(href, quote=True)

    def a(self, href: str, text: str, attrs: str = "") -> str:
        extra = f" {attrs}" if attrs else ""
        return f'<a href="{self.ref(href)}"{extra}>{text}</a>'

    def img(self, src: str, alt: str | None, attrs: str = "") -> str:
        """An image; a content image unless marked decorative (role="presentation"), and with
        alternative text when `alt` says something (a blank alt is none: scan/pagesignals)."""
        if 'role="presentation"' not in attrs:
            self.images.append((src, bool(alt and alt.strip())))
        alt_attr = "" if alt is None else f' alt="{escape(alt, quote=True)}"'
        extra = f" {attrs}" if attrs else ""
        return f'<img src="{self.ref(src)}"{alt_attr}{extra}>'

    def add(self, *html: str) -> None:
        self.parts.extend(html)

    @property
    def body(self) -> str:
        return "".join(self.parts)
