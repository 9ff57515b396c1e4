"""Article pages, where most page-level defects are planted: typos, images without alt text,
broken and outside links, and now and then a hidden link."""

from __future__ import annotations

from ceping.scan import urls
from ceping.sitefarm.cms.chrome import OFF_SCREEN, render, stamp
from ceping.sitefarm.cms.context import Column, Ctx
from ceping.sitefarm.cms.lists import Item
from ceping.sitefarm.cms.page import Page
from ceping.sitefarm.cms.plan import PHOTOS
from ceping.sitefarm.cms.wording import HIDDEN_BAIT, TYPOS, body, typo_sentence

# Chances per article page (the farm's defect density, near what real audits report).
TYPO_RATE, RIGHT_WORD_RATE = 0.04, 0.1
PHOTO_RATE = 0.3
BROKEN_INTERNAL_RATE, BROKEN_OUTSIDE_RATE, DEAD_HOST_RATE, LOST_IMAGE_RATE = 0.05, 0.03, 0.01, 0.015
OUTSIDE_OK_RATE = 0.1
HIDDEN_RATE = 0.004
_WIDE = 'width="600"'


def write_article(ctx: Ctx, column: Column, item: Item, newer: Item | None) -> None:
    rng, t = ctx.rng, ctx.t
    page = Page(item.path, item.title)
    url = ctx.url(item.path)
    when = stamp(item.day, rng.randint(8, 18))
    source = f"来源：{ctx.site.name}办公室"
    info = f"发布时间：{when}　{source}" if t.article_date == "text" else source
    page.add(f"<h1>{item.title}</h1>", f'<div class="info">{info}</div>')
    page.add('<div class="TRS_Editor">', body(rng, rng.randint(3, 6)))
    _typo(ctx, page, url)
    _images(ctx, page)
    page.add("</div>")
    _links(ctx, page, column, newer)
    _hidden(ctx, page, url)
    crumbs = (
        (f"/{column.section}/index.html", ctx.section_name(column.section)),
        (column.path(t), column.name),
    )
    pubdate = when if t.article_date == "meta" else ""
    ctx.store(page, render(ctx, page, crumbs, pubdate))


def _typo(ctx: Ctx, page: Page, url: str) -> None:
    draw = ctx.rng.random()
    wrong, right = ctx.rng.choice(TYPOS)
    if draw < TYPO_RATE:
        sentence = typo_sentence(right, wrong)
        page.add(f"<p>{sentence}</p>")
        ctx.plant("typo", page=url, text=wrong, suggestion=right, sentence=sentence)
    elif draw < TYPO_RATE + RIGHT_WORD_RATE:
        page.add(f"<p>{typo_sentence(right, right)}</p>")
        ctx.spare("typo", "用词正确", page=url, text=right)


def _images(ctx: Ctx, page: Page) -> None:
    """A photo now and then: without alt on a site that leaves its images so (site.py judges
    the share), with alt elsewhere but for the one photo a clean site lets slip."""
    draw, n = ctx.rng.random(), ctx.rng.randrange(PHOTOS)
    if draw < PHOTO_RATE:
        bare = ctx.plan.alt_missing or n == ctx.plan.alt_slip
        alt = None if bare else "工作现场"
        page.add(f"<p>{page.img(f'/images/photo{n}.jpg', alt, _WIDE)}</p>")


def _links(ctx: Ctx, page: Page, column: Column, newer: Item | None) -> None:
    """Navigation, related links (some broken) and outside links; broken ones are found by the
    ground-truth crawl (truth.py), not planted here."""
    rng, t = ctx.rng, ctx.t
    links = [page.a(column.path(t), "返回列表")]
    if newer is not None:
        links.append(page.a(newer.path, "上一篇"))
    if rng.random() < BROKEN_INTERNAL_RATE:
        links.append(page.a(f"/{column.section}/old/{rng.randrange(1000)}.html", "相关阅读"))
    if rng.random() < BROKEN_OUTSIDE_RATE:
        links.append(page.a(f"{ctx.ext}/missing/{rng.randrange(30)}.html", "相关链接"))
    if rng.random() < DEAD_HOST_RATE:
        links.append(page.a(f"{ctx.dead}/x/{rng.randrange(5)}.html", "原文链接"))
    if rng.random() < LOST_IMAGE_RATE:
        alt = None if ctx.plan.alt_missing else "附图"
        links.append(page.img(f"/images/lost{rng.randrange(50)}.jpg", alt))
    if rng.random() < OUTSIDE_OK_RATE:
        links.append(page.a(f"{ctx.ext}/ok/{rng.randrange(20)}.html", "上级部门网站"))
    page.add(f'<div class="links">{" ".join(links)}</div>')


def _hidden(ctx: Ctx, page: Page, url: str) -> None:
    if ctx.rng.random() < HIDDEN_RATE:
        page.add(hidden_bait(ctx, page, url, 1))


def hidden_bait(ctx: Ctx, page: Page, url: str, count: int) -> str:
    """A hidden block of links to outside gambling pages (暗链), each one planted."""
    links = []
    for _ in range(count):
        target = f"{ctx.ext}/casino/{ctx.rng.randrange(40)}.html"
        text = ctx.rng.choice(HIDDEN_BAIT)
        links.append(page.a(target, text))
        ctx.plant("hidden_link", page=url, url=urls.normalize(target), text=text)
    if ctx.site.index % 2:
        return f'<div style="display:none">{"".join(links)}</div>'
    return f'<div style="{OFF_SCREEN}">{"".join(links)}</div>'
