"""The demo's synthetic government sites: one per unit, with exactly the defects its plan names.

Sites are served on loopback by `ceping.sitefarm.server.FarmServer`, each on its own
address 127.0.2.N, and scanned by the real scanner. A plan says what a site lacks and
how many defects of each kind it carries; the scanner is expected to find exactly those.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ceping.sitefarm.farm import EXTERNAL_INDEX, Farm, FarmFile, FarmSite

SECTIONS = ("信息公开", "网上办事", "便民服务", "政民互动")
# Navigation wording varies between sites as it does in life; each is a synonym the scanner knows.
SECTION_WORDING = {
    "信息公开": ("信息公开", "政务公开", "政府信息公开"),
    "网上办事": ("网上办事", "办事服务", "网上办事大厅"),
    "便民服务": ("便民服务", "公共服务", "便民服务"),
    "政民互动": ("政民互动", "互动交流", "领导信箱"),
}
COLUMN_NAMES = (
    "工作动态",
    "通知公告",
    "政策文件",
    "规划计划",
    "人事信息",
    "财政预决算",
    "公示公告",
    "工作总结",  # not 专题专栏: special topics are never judged stale (decision 0009)
)
# Known misspellings (wrong, right) planted in a sentence of their own; the checker must find each.
TYPO_SENTENCES = (
    ("再接再励", "再接再厉", "希望各单位再接再励，继续做好网站建设工作。"),
    ("按装", "安装", "请及时按装安全补丁，确保网站运行平稳。"),
    ("震憾", "震撼", "这一成果令人震憾，各单位要认真总结经验。"),
    ("一愁莫展", "一筹莫展", "面对新情况不能一愁莫展，要主动研究解决办法。"),
    ("迫不急待", "迫不及待", "群众对网上办事的期待迫不急待，各单位要加快推进。"),
)
SENTENCES = (
    "为进一步加强政府网站建设，提升政务服务水平，现将有关工作安排通知如下。",
    "各单位要高度重视，明确责任分工，切实做好政府信息公开工作。",
    "根据工作要点，落实财政预决算、财政收支和社会公共资金网上公开工作。",
    "配合网上行政审批平台建设，逐步深化网上办事，事项整合和办事流程持续优化。",
    "结合行业特色和区域特点，服务公众和企业的能力不断提升。",
    "健全安全管理与制度建设，确保网站运行平稳可靠。",
    "本市将继续推进政务公开，方便群众办事，提高行政效能。",
    "欢迎社会各界通过领导信箱和在线访谈参与政民互动，提出意见建议。",
)
HOME_PATH = "/"
SLOW_DELAY_S = 3.4  # over the scanner's 3 s slow-page threshold, with room for noise


@dataclass(frozen=True)
class SitePlan:
    """What one demo site offers and which defects it carries."""

    code: str
    name: str
    missing_sections: tuple[str, ...] = ()
    search: bool = True
    english: bool = True
    broken_links: int = 0
    typos: int = 0
    stale_columns: int = 0
    blank_columns: int = 0
    slow_pages: int = 0
    home_delay_ms: int = 0
    gbk: bool = False
    # National-table defects: the home page's newest news this many days old (0: the home
    # shows no dates), and messages on a board left unanswered for 120 days.
    stale_home_days: int = 0
    unanswered_messages: int = 0


def demo_host(index: int) -> str:
    return f"127.0.2.{index + 1}"


def _page(title: str, body: str, gbk: bool) -> FarmFile:
    charset = "gb2312" if gbk else "utf-8"
    html = (
        "<!DOCTYPE html><html><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{escape(title)}</title></head><body>{body}</body></html>"
    )
    if gbk:
        return FarmFile(html.encode("gb18030"), "text/html")
    return FarmFile(html.encode("utf-8"), "text/html; charset=utf-8")


class _SiteBuilder:
    """Writes the pages of one site from its plan."""

    def __init__(self, plan: SitePlan, index: int, port: int, as_of: dt.date) -> None:
        self.plan, self.as_of = plan, as_of
        self.site = FarmSite(index, demo_host(index), port)
        self.rng = random.Random(f"ceping-demo-{plan.code}")
        self.typos = [TYPO_SENTENCES[i % len(TYPO_SENTENCES)][2] for i in range(plan.typos)]
        self.broken_left = plan.broken_links
        self.slow_left = plan.slow_pages
        present = [s for s in SECTIONS if s not in plan.missing_sections]
        self.sections = {
            SECTION_WORDING[s][self.rng.randrange(3)]: f"/sec/{n}/index.html"
            for n, s in enumerate(SECTIONS)
            if s in present
        }

    def add(self, path: str, title: str, body: str, delay_s: float = 0.0) -> None:
        made = _page(title, body, self.plan.gbk)
        self.site.files[path] = FarmFile(made.body, made.content_type, delay_s=delay_s)

    def nav(self) -> str:
        items = "".join(f'<a href="{p}">{escape(w)}</a> ' for w, p in self.sections.items())
        return (
            f'<div class="nav"><a href="/">首页</a> {items}</div><h3>{escape(self.plan.name)}</h3>'
        )

    def build(self) -> FarmSite:
        columns = self.columns()
        self.home(columns)
        board = self.board() if self.plan.unanswered_messages else ""
        for word, path in self.sections.items():
            links = "".join(f'<p><a href="{p}">{escape(n)}</a></p>' for n, p in columns[:3])
            links += board
            self.add(path, word, f"{self.nav()}<h1>{escape(word)}</h1><p>{SENTENCES[0]}</p>{links}")
        assert self.broken_left == 0 and self.slow_left == 0 and not self.typos, (
            "plan larger than the site"
        )
        return self.site

    def columns(self) -> list[tuple[str, str]]:
        plan = self.plan
        kinds = ["blank"] * plan.blank_columns + ["stale"] * plan.stale_columns
        kinds += ["fresh"] * max(3, 5 - len(kinds))
        per_column = max(
            6, -(-(plan.broken_links + plan.typos + plan.slow_pages) // kinds.count("fresh")) + 1
        )
        made = []
        for c, kind in enumerate(kinds):
            name = COLUMN_NAMES[c % len(COLUMN_NAMES)] + ("" if c < len(COLUMN_NAMES) else str(c))
            path = f"/col/{c}/index.html"
            made.append((name, path))
            days = self.rng.randrange(1, 40) if kind != "stale" else self.rng.randrange(220, 400)
            if kind != "stale":
                # Within 2 weeks: 工作动态 is judged by the national news window (14 days).
                days = days % 13 + 1
            newest = self.as_of - dt.timedelta(days=days)
            count = 0 if kind == "blank" else per_column
            items = []
            for a in range(count):
                day = newest - dt.timedelta(days=2 * a)
                title = f"{name}（{day.year}年第{count - a}期）"
                items.append(
                    f'<li><a href="art{a}.html">{escape(title)}</a>'
                    f"<span>{day.isoformat()}</span></li>"
                )
                self.article(c, a, title, day, with_defects=kind == "fresh")
            empty = "<p>暂无信息</p>" if kind == "blank" else ""
            self.add(
                path,
                name,
                f'{self.nav()}<h2>{escape(name)}</h2><ul class="list">{"".join(items)}</ul>{empty}',
            )
        return made

    def article(self, c: int, a: int, title: str, day: dt.date, with_defects: bool) -> None:
        paragraphs = [SENTENCES[(a + i) % len(SENTENCES)] for i in range(3)]
        extra = ""
        delay = 0.0
        if with_defects and self.typos:
            paragraphs.append(self.typos.pop())
        if with_defects and self.broken_left:
            self.broken_left -= 1
            extra = f'<p>相关链接：<a href="/col/{c}/old{a}.html">原文件（已撤销）</a></p>'
        elif with_defects and self.slow_left:
            self.slow_left -= 1
            delay = SLOW_DELAY_S
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        self.add(
            f"/col/{c}/art{a}.html",
            title,
            f"{self.nav()}<h1>{escape(title)}</h1><p>发布日期：{day.isoformat()}</p>{body}{extra}"
            f'<p><a href="index.html">返回列表</a></p>',
            delay_s=delay,
        )

    def board(self) -> str:
        """A 网上咨询 board whose planted messages wait 120 days; returns the link to it."""
        posted = self.as_of - dt.timedelta(days=120)
        rows = "".join(
            f'<tr><td><a href="/hd/m{i}.html">咨询事项{i + 1}</a></td>'
            f"<td>{posted.isoformat()}</td><td>未回复</td></tr>"
            for i in range(self.plan.unanswered_messages)
        )
        for i in range(self.plan.unanswered_messages):
            self.add(
                f"/hd/m{i}.html",
                f"咨询事项{i + 1}",
                f"{self.nav()}<h1>咨询事项{i + 1}</h1><p>留言时间：{posted.isoformat()}</p>"
                f"<p>{SENTENCES[7]}</p>",
            )
        self.add(
            "/hd/board.html",
            "网上咨询",
            f"{self.nav()}<table><tr><th>标题</th><th>留言时间</th><th>状态</th></tr>{rows}</table>",
        )
        return '<p><a href="/hd/board.html">网上咨询</a></p>'

    def home(self, columns: list[tuple[str, str]]) -> None:
        listing = "".join(f'<li><a href="{p}">{escape(n)}</a></li>' for n, p in columns)
        parts = [
            self.nav(),
            f'<div class="columns"><ul>{listing}</ul></div>',
            f"<p>{SENTENCES[6]}</p>",
        ]
        if self.plan.stale_home_days:
            day = self.as_of - dt.timedelta(days=self.plan.stale_home_days)
            parts.append(
                f'<ul class="news"><li><a href="{columns[0][1]}">{escape(columns[0][0])}</a>'
                f"<span>{day.isoformat()}</span></li></ul>"
            )
        if self.plan.search:
            parts.append(
                '<form action="/search/index.html" method="get"><input type="text" name="q" '
                'placeholder="站内搜索"><input type="submit" value="搜索"></form>'
            )
            self.add("/search/index.html", "搜索结果", f"{self.nav()}<p>搜索结果</p>")
        if self.plan.english:
            parts.append('<a href="/en/index.html">English</a>')
            made = FarmFile(
                b"<!DOCTYPE html><html><head><title>English</title></head>"
                b'<body><p>Welcome</p><a href="/">Chinese</a></body></html>',
                "text/html; charset=utf-8",
            )
            self.site.files["/en/index.html"] = made
        self.add(HOME_PATH, self.plan.name, "".join(parts), delay_s=self.plan.home_delay_ms / 1000)


def build_demo_farm(plans: Sequence[SitePlan], port: int, as_of: dt.date) -> Farm:
    """A farm of one site per plan, in the plans' order, on 127.0.2.N:`port`."""
    external = FarmSite(EXTERNAL_INDEX, demo_host(EXTERNAL_INDEX), port)
    farm = Farm([], external, dead_port=9, as_of=as_of)
    farm.sites = [_SiteBuilder(plan, i, port, as_of).build() for i, plan in enumerate(plans)]
    return farm
