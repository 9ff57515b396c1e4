"""Alternative text of images (missing_alt): one finding per site, when its content images lack
alt text more often than `missing_alt_share`.

Per site, not per page: a template image without alt would otherwise be reported on every page
and drown the rest. Each distinct image (by address) counts once; it lacks alt text when any
page shows it without. Decoration (role=presentation, aria-hidden), spacers and pixels are not
content and are not counted (scan/pagesignals). The finding names the first image without alt
(in page and address order), the page showing it, and a few more examples.
"""

from __future__ import annotations

from collections.abc import Iterable

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.models import MISSING_ALT, Finding, PageResult

MAX_IMAGES_PER_SITE = 20_000
EXAMPLES = 5
_IMAGES = "alt_text.images"

# image URL -> (has alt on every page that shows it, the first page in URL order that shows it
# without alt, or that shows it at all when none does)
Images = dict[str, tuple[bool, str]]


def _merge(known: tuple[bool, str], seen: tuple[bool, str]) -> tuple[bool, str]:
    if known[0] == seen[0]:
        return known[0], min(known[1], seen[1])
    return known if not known[0] else seen  # the page without alt is the evidence


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    images: Images = ctx.memo.setdefault(_IMAGES, {})
    for image in page.signals.images:
        known = images.get(image.url)
        if known is not None:
            images[image.url] = _merge(known, (image.has_alt, page.url))
        elif len(images) < MAX_IMAGES_PER_SITE:
            images[image.url] = (image.has_alt, page.url)
    return []


def missing_alt(images: Images, share: float, min_images: int) -> Finding | None:
    if len(images) < max(min_images, 1):
        return None
    missing = sorted((page, url) for url, (has_alt, page) in images.items() if not has_alt)
    found = len(missing) / len(images)
    if found <= share:
        return None
    (page, url), more = missing[0], missing[1 : 1 + EXAMPLES]
    return Finding.make(
        MISSING_ALT,
        page=page,
        url=url,
        share=round(found, 3),
        images=len(images),
        without_alt=len(missing),
        examples=" ".join(example for _, example in more),
    )


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    config = ctx.config
    found = missing_alt(
        ctx.memo.get(_IMAGES, {}), config.missing_alt_share, config.missing_alt_min_images
    )
    return SiteOutcome((found,) if found is not None else ())


def is_enabled(config: ScanConfig) -> bool:
    return config.check_alt


CHECK = Check("alt_text", on_page=check_page, on_site=check_site, enabled=is_enabled)
