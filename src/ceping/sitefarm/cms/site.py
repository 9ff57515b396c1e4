"""One site of the second farm: its template and plan carried out, and its ground truth."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

from ceping.sitefarm.cms.accuracy import group_typos
from ceping.sitefarm.cms.columns import build_columns, plan_columns
from ceping.sitefarm.cms.context import CmsSite, Ctx
from ceping.sitefarm.cms.home import build_extras, build_home, build_sections
from ceping.sitefarm.cms.interaction import build_board, build_guides
from ceping.sitefarm.cms.plan import make_plan, present_sections
from ceping.sitefarm.cms.security import make_security_plan, plant_security
from ceping.sitefarm.cms.sensitive import plant_words
from ceping.sitefarm.cms.templates import TEMPLATES
from ceping.sitefarm.cms.truth import key_of
from ceping.sitefarm.cms.wording import PLACES, SECTIONS
from ceping.sitefarm.farm import FarmFile

COLUMNS_PER_SITE = 8
# missing_alt is judged per site: share of content images without alt above this, with at
# least this many images (policy.MISSING_ALT_SHARE, MISSING_ALT_MIN_IMAGES).
ALT_SHARE, ALT_MIN_IMAGES = 0.5, 5
# One article answers this late: planted slow (the scanner's limit is 3 s) or clean (fast enough).
SLOW_S, QUICK_S = 4.5, 0.6
_PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
_JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
_GIF = b"GIF89a" + b"\0" * 16


def cms_host(index: int) -> str:
    return f"127.0.3.{index + 1}"


def build_site(
    index: int, seed: int, port: int, ext: str, dead: str, per_column: int, as_of: dt.date
) -> CmsSite:
    template = TEMPLATES[index % len(TEMPLATES)]
    place = PLACES[index % len(PLACES)]
    suffix = "人民政府" if index % 3 else "教育局"
    security = make_security_plan(seed, index)
    site = CmsSite(index, cms_host(index), port, template_name=template.name, name=place + suffix)
    site.tls, site.domain, site.ipv6 = security.tls, security.domain, security.ipv6
    rng = random.Random(f"cms-{seed}-{index}")
    plan = make_plan(rng, COLUMNS_PER_SITE)
    sections = {s: (SECTIONS[s][0], rng.choice(SECTIONS[s][1])) for s in present_sections(plan)}
    ctx = Ctx(site, plan, rng, as_of, ext, dead, place, sections)
    ctx.assets = security.asset_base(ext)
    plan_columns(ctx)
    build_columns(ctx, per_column)
    if "政民互动" in sections:
        build_board(ctx)
    if "网上办事" in sections:
        build_guides(ctx)
    build_sections(ctx)
    build_extras(ctx)
    build_home(ctx)
    _slow(ctx)
    plant_words(ctx, seed)
    _alt_truth(ctx)
    # The same typo in the same sentence on many pages is one defect, with its pages.
    site.expected = [dict(t) for t in group_typos(site.expected)]
    site.expected = first_hidden_links(site.expected)
    plant_security(ctx, security)
    _static(site)
    return site


def _alt_truth(ctx: Ctx) -> None:
    """missing_alt, once per site: its distinct content images (decoration aside) lack alt
    more often than ALT_SHARE, with at least ALT_MIN_IMAGES of them (scan/checks/alt_text.py;
    an image lacks alt when any page shows it without). Sites that leave their images bare
    lack it on nearly all, the others on one at most (README.md, "Margins")."""
    images = len(ctx.images)
    bare = sum(not has_alt for has_alt in ctx.images.values())
    share = round(bare / images, 3) if images else 0.0
    home = ctx.url("/")
    if images >= ALT_MIN_IMAGES and share > ALT_SHARE:
        ctx.plant("missing_alt", page=home, share=share, images=images, without_alt=bare)
    else:
        why = "少数图片缺少替代文字，占比低于阈值" if bare else "图片都有替代文字"
        ctx.spare("missing_alt", why, page=home, share=share, images=images)


def first_hidden_links(expected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The truth with each hidden link (target and words) planted on several pages kept once,
    on the first of them in URL order (scan/checks/hidden_links.py: an injected block is one
    defect, wherever it shows)."""
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for e in expected:
        if e["kind"] == "hidden_link":
            key = (e["url"], e["text"])
            if key not in first or e["page"] < first[key]["page"]:
                first[key] = e
    kept = {id(e) for e in first.values()}
    return [e for e in expected if e["kind"] != "hidden_link" or id(e) in kept]


def _slow(ctx: Ctx) -> None:
    """An article the home page links to answers late (so every crawler meets it)."""
    path = ctx.rng.choice([item.path for _, items in ctx.featured for item in items[:6]])
    key = key_of(path)
    delay = SLOW_S if ctx.plan.slow_page else QUICK_S
    ctx.site.files[key] = dataclasses.replace(ctx.site.files[key], delay_s=delay)
    if ctx.plan.slow_page:
        ctx.plant("slow_page", page=ctx.url(path))
    else:
        ctx.spare("slow_page", "页面打开稍慢但未超过限度", page=ctx.url(path))


def _static(site: CmsSite) -> None:
    site.files["/css/style.css"] = FarmFile(b"body{font-size:14px}", "text/css")
    for name in ("logo.png", "gaba.png", "jiucuo.png", "icp.png"):
        site.files[f"/images/{name}"] = FarmFile(_PNG, "image/png")
    site.files["/images/banner.jpg"] = FarmFile(_JPEG, "image/jpeg")
    site.files["/images/line.gif"] = FarmFile(_GIF, "image/gif")
    site.files["/images/top.gif"] = FarmFile(_GIF, "image/gif")
    for n in range(12):
        site.files[f"/images/photo{n}.jpg"] = FarmFile(_JPEG, "image/jpeg")
