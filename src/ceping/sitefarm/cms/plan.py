"""What each site of the farm gets wrong, and what it gets right on purpose: drawn from the seed.

Site-wide properties (sections, search, identifiers, viewport, …) and the kinds of its columns
are decided here; the builders only carry the plan out and write its ground truth.
Every planted value keeps a margin from any threshold a scanner may use (README.md, "Margins").
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ceping.sitefarm.cms.wording import SECTIONS

PHOTOS = 12  # /images/photo0.jpg … photo11.jpg, shown on articles
IDENTIFIERS = ("site_code", "icp", "psb", "conac", "jiucuo")
# Column kinds: the truth each one carries (README.md, "Columns").
FRESH, STALE, BLANK, PAGED, PINNED_FRESH, PINNED_STALE, BROKEN = (
    "fresh", "stale", "blank", "paged", "pinned_fresh", "pinned_stale", "broken",
)  # fmt: skip
_MORE_COLUMNS = (FRESH, FRESH, FRESH, STALE, STALE, BLANK, BLANK, PINNED_STALE, BROKEN)


@dataclass(frozen=True)
class SitePlan:
    missing_sections: frozenset[str]
    search: bool
    english: bool
    viewport: bool
    lang: bool
    accessible: bool  # a 无障碍 entry in the header
    missing_ids: frozenset[str]
    stale_home: bool
    home_bait: int  # hidden links to outside gambling pages on the home page
    alt_missing: bool  # the site's own images go without alt (the record marks keep theirs)
    alt_slip: int | None  # on a clean site, the one photo that goes without alt
    column_kinds: tuple[str, ...]  # the first two are featured on the home page
    slow_page: bool  # one article answers after SLOW_S (else one after QUICK_S)
    unanswered: int
    slow_replies: int
    incomplete_guides: int


def make_plan(rng: random.Random, columns: int) -> SitePlan:
    missing = frozenset(s for s in ("便民服务", "政民互动", "网上办事") if rng.random() < 0.15)
    extra = tuple(rng.choice(_MORE_COLUMNS) for _ in range(max(0, columns - 4)))
    kinds = (FRESH, PAGED, *rng.sample((PINNED_FRESH, FRESH, *extra), k=columns - 2))
    ids = frozenset(i for i in IDENTIFIERS if rng.random() < 0.2)
    return SitePlan(
        missing_sections=missing,
        search=rng.random() < 0.8,
        english=rng.random() < 0.5,
        viewport=rng.random() < 0.7,
        lang=rng.random() < 0.6,
        accessible=rng.random() < 0.65,
        missing_ids=ids,
        stale_home=rng.random() < 0.4,
        home_bait=rng.choice((0, 0, 0, 1, 2)),
        alt_missing=rng.random() < 0.4,
        alt_slip=rng.choice((None, rng.randrange(PHOTOS))),
        column_kinds=kinds,
        slow_page=rng.random() < 0.4,
        unanswered=0 if "政民互动" in missing else rng.choice((0, 1, 1, 2)),
        slow_replies=0 if "政民互动" in missing else rng.choice((0, 1, 2)),
        incomplete_guides=0 if "网上办事" in missing else rng.choice((0, 1, 2)),
    )


def present_sections(plan: SitePlan) -> list[str]:
    return [s for s in SECTIONS if s not in plan.missing_sections]
