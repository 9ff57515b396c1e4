"""The second farm: sites in the page templates of real government CMSs, with ground truth."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ceping.sitefarm.cms.context import CmsSite
from ceping.sitefarm.cms.security import OUTSIDE_TLS
from ceping.sitefarm.cms.site import build_site, cms_host
from ceping.sitefarm.cms.templates import Split
from ceping.sitefarm.cms.truth import broken_links
from ceping.sitefarm.farm import Farm, FarmFile, FarmSite

CMS_AS_OF = dt.date(2025, 11, 20)
OUTSIDE_INDEX = 250
DEFAULT_SITES, DEFAULT_PAGES = 24, 150
BIG_SITES, BIG_PAGES = 60, 600


@dataclass
class CmsFarm:
    """The farm (served by server.FarmServer as it is) and its sites with their templates."""

    farm: Farm
    sites: list[CmsSite]
    as_of: dt.date = CMS_AS_OF

    @property
    def start_urls(self) -> list[str]:
        return self.farm.start_urls

    def split(self, name: Split) -> list[CmsSite]:
        return [s for s in self.sites if s.split == name]

    def truth(self) -> list[dict[str, Any]]:
        """Every planted finding, with the site's index and split."""
        return [{**f, "site": s.index, "split": s.split} for s in self.sites for f in s.expected]


def _outside(port: int) -> FarmSite:
    """The farm's outside host: the pages other sites link to (some hidden), the services
    footers embed (record office, conac, 找错), and nothing under /missing/."""
    out = FarmSite(OUTSIDE_INDEX, cms_host(OUTSIDE_INDEX), port, tls=OUTSIDE_TLS)
    page = FarmFile("<!DOCTYPE html><html><body><p>外部页面</p></body></html>".encode())
    for n in range(20):
        out.files[f"/ok/{n}.html"] = page
    for n in range(40):
        out.files[f"/casino/{n}.html"] = page
    for path in ("/beian/index.html", "/sitename", "/exposure/jiucuo.html"):
        out.files[path] = page
    out.files["/image/red.png"] = FarmFile(b"\x89PNG\r\n\x1a\n", "image/png")
    out.files["/exposure/jiucuo.js"] = FarmFile(b"void 0;", "application/javascript")
    return out


def per_column_items(pages_per_site: int) -> int:
    """Items per column so that a site has about `pages_per_site` pages (8 columns, one of
    them paged with about 30 items, and some 35 other pages)."""
    return max(6, int((pages_per_site - 65) / 5.25))


def build_cms_farm(
    seed: int = 2025,
    sites: int = DEFAULT_SITES,
    pages_per_site: int = DEFAULT_PAGES,
    port: int = 8090,
    dead_port: int = 9,
    as_of: dt.date = CMS_AS_OF,
) -> CmsFarm:
    """`sites` sites on 127.0.3.N:`port`, template N mod 10; deterministic for a seed."""
    if not 1 <= sites < OUTSIDE_INDEX:
        raise ValueError(f"a farm has 1 to {OUTSIDE_INDEX - 1} sites, not {sites}")
    outside = _outside(port)
    dead = f"http://127.0.0.1:{dead_port}"
    built = [
        build_site(i, seed, port, outside.base, dead, per_column_items(pages_per_site), as_of)
        for i in range(sites)
    ]
    others = {outside.netloc: outside}
    for site in built:
        broken, working = broken_links(site, others)
        site.expected += broken
        site.clean += working
    return CmsFarm(Farm(list(built), outside, dead_port, as_of), built, as_of)
