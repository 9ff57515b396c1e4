"""Raw machine, self-inspection and portal inputs of one unit, built to its planned levels."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

from ceping.demo.rebuild.levels import FULL, GOOD, LOW, UnitPlan
from ceping.scoring import PortalRow

SECTIONS = ("信息公开", "网上办事", "便民服务", "政民互动")
SECTION_PATHS = ("xxgk/", "bsfw/", "bmfw/", "zmhd/")


def tenths(low: float, high: float) -> list[float]:
    """Multiples of 0.1 from low up to (not including) high."""
    return [n / 10 for n in range(math.ceil(low * 10 - 1e-9), math.ceil(high * 10 - 1e-9))]


def self_points(level: str, top: float, rng: random.Random) -> float:
    """Points an organizer would verify, in tenths: full, at or above 80 %, or below."""
    if level == FULL:
        return top
    if level == GOOD:
        return rng.choice(tenths(0.8 * top, top))
    return rng.choice(tenths(0.4 * top, 0.8 * top))


def site(plan: UnitPlan, url: str, rng: random.Random) -> dict[str, Any]:
    """The unit's site as `ceping scan` reports it, with the findings its levels call for."""
    levels = plan.levels
    findings: list[dict[str, Any]] = []
    for i in range(_count(levels["A2.5"], {LOW: (1, 3)}, rng)):
        page = f"{url}lm/{i + 1}/"
        if i % 2 == 0:
            findings.append(
                {"kind": "stale_column", "page": page, "latest": "2012-03-02", "days": 300 + i}
            )
        else:
            findings.append({"kind": "blank_column", "page": page})
    for i in range(_count(levels["A2.6"], {GOOD: (1, 1), LOW: (2, 8)}, rng)):
        findings.append(
            {
                "kind": "broken_link",
                "url": f"{url}old/{i + 1}.html",
                "page": url,
                "status": 404,
                "error": None,
            }
        )
    for i in range(_count(levels["A2.7"], {LOW: (1, 4)}, rng)):
        findings.append(
            {
                "kind": "typo",
                "page": f"{url}news/{i + 1}.html",
                "text": "按装",
                "suggestion": "安装",
                "context": "按装调试",
            }
        )
    has_search = levels["A2.9"] != LOW
    if not has_search:
        findings.append({"kind": "missing_feature", "feature": "search"})
    if not plan.has_english:
        findings.append({"kind": "missing_feature", "feature": "english"})
    home_ms = rng.randint(350, 1500) if levels["A2.8"] == FULL else rng.randint(1600, 7000)
    return {
        "url": url,
        "reachable": True,
        "pages": rng.randint(300, 6000),
        "features": {
            "search": has_search,
            "english": plan.has_english,
            "sections": {name: url + path for name, path in zip(SECTIONS, SECTION_PATHS)},
        },
        "findings": findings,
        "measurements": {"home_ms": home_ms},
    }


def _count(level: str, ranges: dict[str, tuple[int, int]], rng: random.Random) -> int:
    low, high = ranges.get(level, (0, 0))
    return rng.randint(low, high)


# Adoption rates per level of B1 (linear 0.5 → 0, 0.95 → 6 points; good from 0.86).
RATE_BOUNDS = {FULL: (0.951, 0.995), GOOD: (0.862, 0.948), LOW: (0.4, 0.857)}


def portal_row(plan: UnitPlan, rng: random.Random) -> PortalRow:
    """Portal statistics fitting the unit's B levels (volume and adoption are corrected later)."""
    levels = plan.levels
    is_district = plan.unit.category == "区县"
    if levels["B2"] == FULL:
        submitted = rng.randint(1800, 3200) if is_district else rng.randint(1500, 2000)
    else:
        submitted = rng.randint(700, 1400) if is_district else rng.randint(120, 1000)
    low, high = RATE_BOUNDS[levels["B1"]]
    adopted = round(submitted * rng.uniform(low + 0.003, high - 0.003))
    corrections = rng.randint(10, 60)
    if levels["B3"] == FULL:
        handled = corrections
    elif levels["B3"] == GOOD:
        handled = rng.randint(math.ceil(0.9 * corrections), corrections - 1)
    else:
        handled = rng.randint(math.ceil(0.55 * corrections), math.ceil(0.9 * corrections) - 1)
    mailbox = {FULL: (12, 20), GOOD: (8, 11), LOW: (0, 7)}[levels["B5"]]
    return PortalRow(
        plan.unit.code, submitted, adopted, corrections, handled, rng.randint(*mailbox)
    )


def correct_volume(
    rows: list[PortalRow], plans: Sequence[UnitPlan], target: int
) -> list[PortalRow]:
    """Scale the big senders (B2 full) so that all units together submitted `target` items."""
    big = [i for i, p in enumerate(plans) if p.levels["B2"] == FULL]
    diff = target - sum(r.submitted for r in rows)
    base = sum(rows[i].submitted for i in big)
    result = list(rows)
    moved = 0
    for n, i in enumerate(big):
        row = rows[i]
        step = diff - moved if n == len(big) - 1 else round(diff * row.submitted / base)
        moved += step
        submitted = row.submitted + step
        adopted = round(row.adopted * submitted / row.submitted)
        if submitted < 1500:
            raise ValueError(f"{row.unit}: volume correction leaves {submitted} < 1500")
        result[i] = _with(row, submitted=submitted, adopted=adopted)
    return result


def correct_adoption(
    rows: list[PortalRow], plans: Sequence[UnitPlan], rate: float
) -> list[PortalRow]:
    """Move adopted counts, each within its level's bounds, until the overall rate is `rate`."""
    total = sum(r.submitted for r in rows)
    diff = round(rate * total) - sum(r.adopted for r in rows)
    sign = 1 if diff > 0 else -1
    slack = []
    for row, plan in zip(rows, plans):
        low, high = RATE_BOUNDS[plan.levels["B1"]]
        bound = math.floor(high * row.submitted) if sign > 0 else math.ceil(low * row.submitted)
        slack.append(max(0, sign * (bound - row.adopted)))
    if sum(slack) < abs(diff):
        raise ValueError(f"adoption cannot move by {diff}: slack {sum(slack)}")
    result = list(rows)
    left = abs(diff)
    whole = sum(slack)
    steps = [min(s, abs(diff) * s // whole) for s in slack]
    left -= sum(steps)
    for i in sorted(range(len(rows)), key=lambda i: -slack[i]):
        extra = min(left, slack[i] - steps[i])
        steps[i] += extra
        left -= extra
    for i, step in enumerate(steps):
        if step:
            result[i] = _with(rows[i], adopted=rows[i].adopted + sign * step)
    return result


def _with(row: PortalRow, **changes: int) -> PortalRow:
    values = {
        "unit": row.unit,
        "submitted": row.submitted,
        "adopted": row.adopted,
        "corrections": row.corrections,
        "corrections_handled": row.corrections_handled,
        "mailbox_cases": row.mailbox_cases,
    }
    values.update(changes)
    return PortalRow(**values)  # type: ignore[arg-type]
