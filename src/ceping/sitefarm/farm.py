"""A deterministic farm of synthetic government sites with planted defects, and its ground truth."""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ceping.scan import urls

FARM_AS_OF = dt.date(2026, 6, 30)
EXTERNAL_INDEX = 250
TYPO_PAIRS = (
    ("按装", "安装"),
    ("既使", "即使"),
    ("再接再励", "再接再厉"),
    ("迫不急待", "迫不及待"),
)
SECTION_WORDS = {
    "信息公开": ("信息公开", "政务公开"),
    "网上办事": ("网上办事", "办事服务"),
    "便民服务": ("便民服务", "公共服务"),
    "政民互动": ("政民互动", "互动交流", "领导信箱"),
}
_FILLER = (
    "为进一步加强政府网站建设",
    "提升政务服务水平",
    "根据工作安排",
    "现将有关情况通报如下",
    "各单位要高度重视",
    "切实做好信息公开工作",
    "方便群众办事",
    "推进政务公开",
)


@dataclass(frozen=True)
class FarmFile:
    """One resource of a farm site; `size` > 0 generates a body of that many bytes on the fly."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay_s: float = 0.0
    head_status: int | None = None
    location: str | None = None
    size: int = 0


@dataclass(frozen=True)
class SiteTls:
    """How a site answers on https:// (same port as http://, told apart by the first byte):
    its certificate and protocols (sitefarm/certs.py), what its http:// side does, and the
    headers of its https:// answers."""

    cert: str = "valid"  # certs.VALID, EXPIRED, SELF_SIGNED, WRONG_NAME, UNTRUSTED
    protocols: str = "modern"  # certs.MODERN, OLD_ONLY, ACCEPTS_OLD
    redirect: bool = True  # http:// answers 301 to https://; else it serves the pages too
    hsts: str = ""  # Strict-Transport-Security of the https:// answers ("": none)
    csp: str = ""  # Content-Security-Policy of the https:// answers
    # The site's address is https:// (its start URL, the truth's URLs); False for a host that
    # merely also answers on https:// (the outside host, whose links stay http://).
    addressed_https: bool = True


# How a named site does on IPv6: it answers on ::1 (the farm's one IPv6 address), or its name
# has no IPv6 address (pinned to IPv4 only). Not modelled: an IPv6 address that drops the
# connection or answers an error — a crawler racing IPv4 and IPv6 (happy eyeballs, RFC 8305)
# may read such a site over IPv6 when its event loop is slow, so the truth of every other
# kind would hang on timing; tests/scan/test_pinned_hosts.py and test_security_posture.py
# plant those.
IPV6_ANSWERS, IPV6_NONE = "answers", "none"
IPV6_LOOPBACK = "::1"


@dataclass
class FarmSite:
    index: int
    host: str  # 127.0.1.N
    port: int
    files: dict[str, FarmFile] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)  # page path -> absolute targets
    expected: list[dict[str, Any]] = field(default_factory=list)
    dynamic: frozenset[str] = frozenset()  # calendar, deep, sessions: served by the test server
    disallow: tuple[str, ...] = ()
    dead: bool = False
    tls: SiteTls | None = None  # None: plain HTTP only; else the site lives on https://
    # A host name (under .test, RFC 6761: never a real one) the scanner is told to pin to `host`
    # and, unless `ipv6` is IPV6_NONE, to ::1; "" for a site addressed by its IP address.
    domain: str = ""
    ipv6: str = IPV6_ANSWERS

    @property
    def netloc(self) -> str:
        return f"{self.domain or self.host}:{self.port}"

    @property
    def base(self) -> str:
        scheme = "https" if self.tls is not None and self.tls.addressed_https else "http"
        return f"{scheme}://{self.netloc}"

    @property
    def pin(self) -> str:
        """`--resolve` for `ceping scan`: the name and its addresses; "" without a name."""
        if not self.domain:
            return ""
        addresses = [self.host] + ([] if self.ipv6 == IPV6_NONE else [IPV6_LOOPBACK])
        return f"{self.domain}={','.join(addresses)}"

    def url(self, path: str) -> str:
        return urls.normalize(self.base + path)


@dataclass
class Farm:
    sites: list[FarmSite]
    external: FarmSite
    dead_port: int
    as_of: dt.date = FARM_AS_OF

    @property
    def start_urls(self) -> list[str]:
        return [s.base + "/" for s in self.sites]

    def all_sites(self) -> Iterator[FarmSite]:
        yield from self.sites
        yield self.external

    @property
    def pins(self) -> list[str]:
        """The `--resolve` values of the named sites (a scanner finds them nowhere else)."""
        return [s.pin for s in self.all_sites() if s.pin]


def site_host(index: int) -> str:
    return f"127.0.1.{index + 1}"


def _page(title: str, body: str, charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" '
        f'content="text/html; charset={charset}"><title>{title}</title></head>'
        f"<body>{body}</body></html>"
    )


def _encode(html: str, gbk: bool) -> FarmFile:
    if gbk:
        return FarmFile(html.encode("gb18030"), "text/html")
    return FarmFile(html.encode("utf-8"), "text/html; charset=utf-8")


def _date_text(day: dt.date, fmt: int) -> str:
    return (
        day.isoformat(),
        f"{day.year}年{day.month}月{day.day}日",
        day.strftime("%Y/%m/%d"),
        f"[{day.month:02d}-{day.day:02d}]",
    )[fmt]


@dataclass
class _Builder:
    """Builds one site: pages, links (as the scanner will resolve them), and planted defects."""

    site: FarmSite
    rng: random.Random
    pages: int
    as_of: dt.date
    dead_port: int
    external: FarmSite
    broken_rate: float
    typos: bool
    gbk: bool = False
    sections: dict[str, str] = field(default_factory=dict)

    def add(self, path: str, title: str, body: str, links: list[str], **kw: Any) -> None:
        html = _page(title, body, "gb2312" if self.gbk else "utf-8")
        made = _encode(html, self.gbk)
        self.site.files[path] = FarmFile(made.body, made.content_type, **kw)
        self.site.links[path] = links

    def nav(self) -> tuple[str, list[str]]:
        items = [f'<li><a href="{p}">{w}</a></li>' for w, p in self.sections.items()]
        html = f'<ul class="nav"><li><a href="/">首页</a></li>{"".join(items)}</ul>'
        return html, [self.site.url("/"), *(self.site.url(p) for p in self.sections.values())]

    def broken_target(self, col: int) -> tuple[str, str]:
        """An href that does not work, and its absolute form."""
        kind = self.rng.random()
        if kind < 0.6:
            path = f"/col/c{col}/gone_{self.rng.randrange(40)}.html"
            return path, self.site.url(path)
        if kind < 0.85:
            url = f"{self.external.base}/missing/{self.rng.randrange(10)}.html"
            return url, urls.normalize(url)
        url = f"http://127.0.0.1:{self.dead_port}/x/{self.rng.randrange(5)}.html"
        return url, urls.normalize(url)


def _text(rng: random.Random, n: int) -> str:
    return "，".join(rng.choice(_FILLER) for _ in range(n)) + "。"


def _build_columns(b: _Builder, n_cols: int, per_col: int) -> list[str]:
    """Column list pages and their articles; returns the paths of the column pages."""
    site, rng, as_of = b.site, b.rng, b.as_of
    nav_html, nav_links = b.nav()
    col_paths: list[str] = []
    for c in range(n_cols):
        col_path = f"/col/c{c}/index.html"
        col_paths.append(col_path)
        kind = "blank" if c % 10 == 4 else ("stale" if c % 5 == 3 else "fresh")
        fmt = c % 4
        newest = as_of - dt.timedelta(
            days=rng.randrange(0, 60) if kind == "fresh" else rng.randrange(200, 330)
        )
        items: list[str] = []
        links = list(nav_links)
        count = 0 if kind == "blank" else per_col
        for a in range(count):
            day = newest - dt.timedelta(days=a * 3)
            if fmt == 3:
                # Short dates take the year of the heading, so they stay within it.
                day = max(newest - dt.timedelta(days=a), dt.date(newest.year, 1, 1))
            art = f"/col/c{c}/art_{a}.html"
            items.append(
                f'<li><a href="art_{a}.html">通知公告第{a}号</a>'
                f"<span>{_date_text(day, fmt)}</span></li>"
            )
            links.append(site.url(art))
            _build_article(b, c, a, count, nav_html, nav_links)
        year = f"<h2>{newest.year}年 栏目{c}</h2>" if fmt == 3 else f"<h2>栏目{c}</h2>"
        empty = "<p>暂无信息</p>" if kind == "blank" else ""
        body = f'{nav_html}{year}<ul class="list">{"".join(items)}</ul>{empty}'
        b.add(col_path, f"栏目{c}", body, links)
        if kind == "blank":
            site.expected.append({"kind": "blank_column", "page": site.url(col_path)})
        elif kind == "stale":
            site.expected.append(
                {
                    "kind": "stale_column",
                    "page": site.url(col_path),
                    "latest": newest.isoformat(),
                    "days": (as_of - newest).days,
                }
            )
    return col_paths


def _build_article(
    b: _Builder, c: int, a: int, count: int, nav_html: str, nav_links: list[str]
) -> None:
    site, rng = b.site, b.rng
    path = f"/col/c{c}/art_{a}.html"
    links = list(nav_links) + [site.url(f"/col/c{c}/index.html")]
    parts = [
        nav_html,
        f'<h1>通知公告第{a}号</h1><p class="info">发布日期：{b.as_of.isoformat()}</p>',
        f"<p>{_text(rng, 6)}</p>",
        '<a href="index.html">返回栏目</a>',
    ]
    if a + 1 < count:
        parts.append(f'<a href="art_{a + 1}.html#top">下一篇</a>')
        links.append(site.url(f"/col/c{c}/art_{a + 1}.html"))
    if a > 0:
        parts.append(f'<a href="../c{c}/art_{a - 1}.html">上一篇</a>')
        links.append(site.url(f"/col/c{c}/art_{a - 1}.html"))
    for _ in range(3):
        if rng.random() < b.broken_rate * 3.2:  # about `broken_rate` of all links
            href, target = b.broken_target(c)
            parts.append(f'<a href="{href}">相关链接</a>')
            links.append(target)
    if rng.random() < 0.2:
        ext = f"{b.external.base}/ok/{rng.randrange(20)}.html"
        parts.append(f'<a href="{ext}">外部链接</a>')
        links.append(urls.normalize(ext))
    if b.typos and rng.random() < 0.1:
        wrong, right = rng.choice(TYPO_PAIRS)
        parts.append(f"<p>请各单位及时{wrong}相关软件，确保系统正常运行。</p>")
        site.expected.append(
            {"kind": "typo", "page": site.url(path), "text": wrong, "suggestion": right}
        )
    b.add(path, f"通知公告第{a}号", "".join(parts), links)


def _build_home(
    b: _Builder,
    col_paths: list[str],
    search: str,
    english: bool,
    extra: str = "",
    extra_links: list[str] | None = None,
) -> None:
    site = b.site
    nav_html, links = b.nav()
    cols = "".join(f'<li><a href="{p}">栏目{i}</a></li>' for i, p in enumerate(col_paths))
    links += [site.url(p) for p in col_paths]
    body = [nav_html, f'<ul class="columns">{cols}</ul>', extra]
    if search != "none":
        action = "/search/do.html" if search == "ok" else "/search/gone.html"
        body.append(
            f'<form action="{action}" method="get"><input type="text" name="q" '
            f'placeholder="站内搜索"><input type="submit" value="搜索"></form>'
        )
        b.add("/search/do.html", "搜索结果", "<p>搜索结果</p>", [])
    if english:
        body.append('<a href="/en/index.html">English</a>')
        links.append(site.url("/en/index.html"))
        b.add("/en/index.html", "English", "<p>Welcome</p>", [])
    b.add("/", "首页", "".join(body), links + (extra_links or []))
    for name, path in b.sections.items():
        b.add(path, name, f"{nav_html}<p>{name}</p>", nav_links_only(b))
    missing = [
        name for name in SECTION_WORDS if not any(w in b.sections for w in SECTION_WORDS[name])
    ]
    site.expected += [{"kind": "missing_feature", "feature": m} for m in missing]
    if search != "ok":
        site.expected.append({"kind": "missing_feature", "feature": "search"})
    if not english:
        site.expected.append({"kind": "missing_feature", "feature": "english"})


def nav_links_only(b: _Builder) -> list[str]:
    return b.nav()[1]


def _tricky(b: _Builder) -> tuple[str, list[str]]:
    """Valid links that naive checkers flag, and two that are really broken (loop, 404 area)."""
    site = b.site
    u = site.url
    b.add("/special/sub/page.html", "子页", "<p>子页</p>", [])
    b.add("/专题/说明.html", "说明", "<p>专题说明</p>", [])
    b.add("/special/frame.html", "框架", "<p>框架</p>", [])
    site.files["/files/report.pdf"] = FarmFile(
        b"%PDF-1.4 report", "application/pdf", head_status=405
    )
    site.files["/files/big.zip"] = FarmFile(content_type="application/zip", size=30 * 1024 * 1024)
    site.files["/files/data"] = FarmFile(
        content_type="application/octet-stream", size=30 * 1024 * 1024
    )
    site.files["/old.html"] = FarmFile(status=301, location="/col/c1/index.html")
    site.files["/loop/a"] = FarmFile(status=302, location="/loop/b")
    site.files["/loop/b"] = FarmFile(status=302, location="/loop/a")
    body = (
        '<base href="/special/sub/"><a href="page.html">子页</a>'
        '<a href="/专题/说明.html">专题</a>'
        '<a href="/%E4%B8%93%E9%A2%98/%E8%AF%B4%E6%98%8E.html">专题</a>'
        '<a href="#top">顶部</a><a href="mailto:office@example.gov.cn">信箱</a>'
        '<a href="tel:12345">电话</a><a href="javascript:void(0)">脚本</a>'
        '<a href="../../col/c0/index.html#list">栏目</a><a href="/files/report.pdf">报告</a>'
        '<a href="/files/big.zip">下载</a><a href="/files/data">数据</a>'
        '<a href="/old.html">旧页</a>'
        '<a href="/loop/a">循环</a><map name="m"><area href="/special/gone.html" alt="地图"></map>'
        '<iframe src="/special/frame.html"></iframe>'
        f'<a href="{b.external.base}/doc/x.pdf">外部文件</a>'
    )
    targets = [
        u("/special/sub/page.html"),
        u("/专题/说明.html"),
        u("/col/c0/index.html"),
        u("/files/report.pdf"),
        u("/files/big.zip"),
        u("/files/data"),
        u("/old.html"),
        u("/loop/a"),
        u("/special/gone.html"),
        u("/special/frame.html"),
        urls.normalize(f"{b.external.base}/doc/x.pdf"),
    ]
    b.add("/special/tricky.html", "链接测试", body, targets)
    return '<a href="/special/tricky.html">链接测试</a>', [u("/special/tricky.html")]


def _traps(b: _Builder) -> tuple[str, list[str]]:
    """Robots-disallowed links and traps: a calendar, session ids, an endlessly deep path."""
    site = b.site
    site.disallow = ("/private/",)
    site.dynamic = frozenset({"calendar", "deep"})
    html = (
        '<a href="/private/a.html">内部</a><a href="/private/b.html">内部</a>'
        f'<a href="/cal/index.html?y={b.as_of.year}&amp;m={b.as_of.month}">日历</a>'
        '<a href="/col/c0/index.html;jsessionid=ABC123">会话</a>'
        '<a href="/col/c1/index.html?sid=9f8e7d">会话</a><a href="/deep/">深层</a>'
    )
    for path in ("/col/c0/index.html", "/col/c1/index.html"):
        site.expected.append({"kind": "trap", "reason": "session_id", "pattern": path})
    site.expected.append(
        {
            "kind": "trap",
            "reason": "calendar",
            "pattern": f"{site.host}:{site.port}/cal/index.html?y=#&m=#",
        }
    )
    site.expected.append({"kind": "trap", "reason": "path_growth", "pattern": "deep/sub/sub"})
    links = [site.url(p) for p in ("/col/c0/index.html", "/col/c1/index.html")]
    return html, links


def calendar_page(year: int, month: int) -> str:
    prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
    next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
    return _page(
        f"{year}年{month}月",
        f'<a href="/">首页</a><p>{year}年{month}月 日程</p>'
        f'<a href="?y={prev_y}&amp;m={prev_m}">上月</a>'
        f'<a href="?y={next_y}&amp;m={next_m}">下月</a>',
    )


def deep_page() -> str:
    return _page("深层", '<a href="sub/">下一层</a><a href="/">首页</a>')


def _build_site(
    index: int,
    seed: int,
    port: int,
    pages: int,
    farm: Farm,
    dynamic: bool,
    broken_rate: float,
    typos: bool,
) -> FarmSite:
    site = FarmSite(index, site_host(index), port)
    rng = random.Random(f"{seed}-{index}")
    b = _Builder(
        site,
        rng,
        pages,
        farm.as_of,
        farm.dead_port,
        farm.external,
        broken_rate,
        typos,
        gbk=index % 3 == 1,
    )
    for n, (name, words) in enumerate(SECTION_WORDS.items()):
        if (name == "便民服务" and index % 5 == 2) or (name == "政民互动" and index % 7 == 3):
            continue
        b.sections[rng.choice(words)] = f"/sec/s{n}.html"
    if dynamic and index == 3:
        site.dead = True
        site.expected.append({"kind": "unreachable"})
        return site
    per_col = 20
    n_cols = max(3, (pages - 8) // (per_col + 1))
    col_paths = _build_columns(b, n_cols, per_col)
    extra: str = ""
    extra_links: list[str] = []
    if dynamic and index == 0:
        extra, extra_links = _tricky(b)
        site.links["/old.html"] = site.links[col_paths[1]]
    if dynamic and index == 2:
        extra, extra_links = _traps(b)
    if dynamic:
        slow = "/col/c0/art_1.html"
        site.files[slow] = FarmFile(
            site.files[slow].body, site.files[slow].content_type, delay_s=3.0
        )
        site.expected.append({"kind": "slow_page", "page": site.url(slow)})
    search = ("ok", "none", "broken")[index % 4 % 3]
    _build_home(b, col_paths, search, index % 3 != 2, extra, extra_links)
    site.expected.append({"kind": "no_https", "page": site.url("/")})
    return site


def _build_external(farm: Farm, port: int) -> FarmSite:
    ext = FarmSite(EXTERNAL_INDEX, site_host(EXTERNAL_INDEX), port)
    for n in range(20):
        ext.files[f"/ok/{n}.html"] = FarmFile(_page("外部", "<p>外部页面</p>").encode())
    ext.files["/doc/x.pdf"] = FarmFile(b"%PDF-1.4 x", "application/pdf", head_status=405)
    return ext


def build_farm(
    seed: int = 2012,
    sites: int = 6,
    pages_per_site: int = 120,
    port: int = 8080,
    dead_port: int = 9,
    dynamic: bool = True,
    broken_rate: float = 0.05,
    typos: bool = True,
) -> Farm:
    """A farm of `sites` sites on 127.0.1.N:`port`; `dynamic` adds what only a live server can
    serve (slow pages, HEAD refused, traps, a dead home page). Deterministic for a seed."""
    farm = Farm([], FarmSite(EXTERNAL_INDEX, site_host(EXTERNAL_INDEX), port), dead_port)
    farm.external = _build_external(farm, port)
    for index in range(sites):
        site = _build_site(index, seed, port, pages_per_site, farm, dynamic, broken_rate, typos)
        if not site.dead:
            site.expected += expected_broken_links(site, farm)
        farm.sites.append(site)
    return farm


def _state(site: FarmSite, path: str) -> str:
    """'page', 'doc' or 'broken': what the scanner should make of an internal path."""
    seen: set[str] = set()
    while True:
        found = site.files.get(path)
        if found is None or found.status >= 400:
            return "broken"
        if found.location is None:
            return "page" if found.content_type.startswith("text/html") else "doc"
        if path in seen:
            return "broken"
        seen.add(path)
        path = found.location


def _external_broken(farm: Farm, url: str) -> bool:
    parts = urls.urlsplit(url)
    if parts.hostname == farm.external.host:
        return urls.unquote(parts.path) not in farm.external.files
    return parts.port == farm.dead_port


def expected_broken_links(site: FarmSite, farm: Farm) -> list[dict[str, Any]]:
    """Every (linking page, broken target) pair the crawl of `site` meets, breadth-first."""
    start = site.url("/")
    queue, seen = deque([start]), {start}
    found: list[dict[str, Any]] = []
    while queue:
        page = queue.popleft()
        path = urls.unquote(urls.urlsplit(page).path)
        for target in dict.fromkeys(site.links.get(path, [])):
            parts = urls.urlsplit(target)
            if parts.netloc != f"{site.host}:{site.port}":
                if _external_broken(farm, target):
                    found.append({"kind": "broken_link", "url": target, "page": page})
                continue
            tpath = urls.unquote(parts.path)
            if any(tpath.startswith(d) for d in site.disallow):
                continue
            state = _state(site, tpath)
            if state == "broken":
                found.append({"kind": "broken_link", "url": target, "page": page})
            elif state == "page" and target not in seen:
                seen.add(target)
                queue.append(target)
    return found
