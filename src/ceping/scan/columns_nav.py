"""The names a site shows its columns under: the words of the menu, sub-menu and breadcrumb links
that point to each column, gathered from every page of the crawl.

A column's own page rarely names it plainly (its title carries the site's name, its heading may
be a picture), but the site's navigation does, on every page: "通知公告" in the menu, in the
breadcrumb of each article, in the heading link of a home-page box.
"""

from __future__ import annotations

from ceping.scan.column_types import MAX_NAME_CHARS
from ceping.scan.models import PAGE_LINK, PageResult

# Bounds: a site of 100,000 pages links its columns from everywhere; a few names each suffice.
MAX_NAMED_URLS = 50_000
MAX_NAMES_PER_URL = 12


class ColumnNames:
    """Link words per target address, as many as the bounds allow."""

    def __init__(self) -> None:
        # Plain dicts of words and counts, not Counters: the collector stops tracking a plain
        # dict of strings and numbers, and there is one per linked address (decision 0027).
        self._names: dict[str, dict[str, int]] = {}

    def record(self, page: PageResult) -> None:
        for link in page.links:
            words = link.text  # one line of words already (parse._node_text)
            if link.kind != PAGE_LINK or not words or len(words) > MAX_NAME_CHARS:
                continue
            names = self._names.get(link.url)
            if names is None:
                if len(self._names) >= MAX_NAMED_URLS:
                    continue
                names = self._names[link.url] = {}
            if words in names or len(names) < MAX_NAMES_PER_URL:
                names[words] = names.get(words, 0) + 1

    def of(self, url: str) -> list[str]:
        """The words linking to `url`, each as often as it was seen."""
        names = self._names.get(url, {})
        return [words for words, count in names.items() for _ in range(count)]
