"""One site of the second farm while it is built: its template, plan, pages and ground truth."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from ceping.scan import urls
from ceping.sitefarm.cms.lists import Item
from ceping.sitefarm.cms.page import Page
from ceping.sitefarm.cms.plan import SitePlan
from ceping.sitefarm.cms.templates import BY_NAME, TEMPLATES, Split, Template
from ceping.sitefarm.cms.truth import key_of
from ceping.sitefarm.cms.wording import NEWS_SECTION, WINDOW_DAYS
from ceping.sitefarm.farm import FarmFile, FarmSite


@dataclass
class CmsSite(FarmSite):
    """A farm site with its template, its name, and the clean cases beside the planted ones."""

    template_name: str = ""
    name: str = ""
    clean: list[dict[str, Any]] = field(default_factory=list)  # kind, keys, and why it is clean

    @property
    def template(self) -> Template:
        return BY_NAME[self.template_name]

    @property
    def split(self) -> Split:
        return self.template.split


@dataclass(frozen=True)
class Column:
    section: str  # folder of its section
    ident: str
    name: str
    kind: str  # plan.FRESH, …
    type: str  # wording.NEWS, …: which staleness window judges it

    @property
    def window_days(self) -> int:
        return WINDOW_DAYS[self.type]

    def path(self, t: Template) -> str:
        return t.column_path(self.section, self.ident)


@dataclass
class Ctx:
    """Everything the builders share while writing one site."""

    site: CmsSite
    plan: SitePlan
    rng: random.Random
    as_of: dt.date
    ext: str  # base URL of the farm's outside host
    dead: str  # base URL where nothing listens
    place: str
    sections: dict[str, tuple[str, str]]  # core section -> (folder, name in the nav)
    columns: list[Column] = field(default_factory=list)
    featured: list[tuple[Column, list[Item]]] = field(default_factory=list)  # shown on the home
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(100001))
    images: dict[str, bool] = field(default_factory=dict)  # content image -> alt on every page
    assets: str = ""  # where the template loads the outside badges from ("": from `ext`)
    loads: list[str] = field(default_factory=list)  # outside resources pages load, absolute

    def asset(self, path: str) -> str:
        """The address of an outside resource the template embeds, recorded as loaded."""
        href = f"{self.assets or self.ext}{path}"
        self.loads.append(_absolute(self.url("/"), href) or href)
        return href

    @property
    def t(self) -> Template:
        return self.site.template

    @property
    def variant(self) -> int:
        """Which site of its template this is (sites of one template differ in details)."""
        return self.site.index // len(TEMPLATES)

    def url(self, path: str) -> str:
        return urls.normalize(self.site.base + path)

    def section_name(self, folder: str) -> str:
        names = {f: n for f, n in self.sections.values()}
        return names.get(folder, NEWS_SECTION[1])

    def store(self, page: Page, html: str) -> None:
        """Keep the page's answer and its resolved links, under the key the server looks up."""
        if self.t.charset == "gbk":
            found = FarmFile(html.encode("gb18030"), "text/html")
        else:
            found = FarmFile(html.encode(), "text/html; charset=utf-8")
        key = key_of(page.path)
        self.site.files[key] = found
        here = self.url(page.path)
        resolved = (_absolute(_base(here, h), h) for h in page.hrefs)
        self.site.links[key] = [u for u in resolved if u is not None]
        for src, has_alt in page.images:
            image = _absolute(_base(here, src), src)
            if image is not None:
                self.images[image] = self.images.get(image, True) and has_alt

    def plant(self, kind: str, **keys: Any) -> None:
        self.site.expected.append({"kind": kind, **keys})

    def spare(self, kind: str, why: str, **keys: Any) -> None:
        """A clean counter-example: what looks like `kind` but is not one (`why`, for people)."""
        self.site.clean.append({"kind": kind, "why": why, **keys})


def _base(here: str, href: str) -> str:
    """What `href` is resolved against: for a path from the root only the origin matters, so
    the menu's links, the same on every page, are resolved once."""
    if href.startswith("/") and not href.startswith("//"):
        return here[: here.index("/", here.index("//") + 2) + 1]
    return here


@lru_cache(maxsize=1 << 16)
def _absolute(base: str, href: str) -> str | None:
    """The URL a crawler follows for `href` (http or https only), in canonical form."""
    url = urljoin(base, href)
    return urls.normalize(url) if urlsplit(url).scheme in ("http", "https") else None
