"""The 2012 Shanghai campaign (and a 2011 before it) rebuilt as raw inputs: rebuilt sample data.

The seed publishes grades and statistics, not inputs. `python -m ceping.demo.rebuild`
generates, deterministically, every raw input of both years — scan JSON per site,
expert ratings, public survey forms, portal statistics, self-inspection points —
chosen so that `ceping.scoring.score_campaign`, run on them, gives the seed's
figures (targets.py). How: each leaf score of each unit is first planned as full,
good or low so that each area's 优良率 and full-mark counts come out (levels.py);
machine, portal and self inputs are drawn to fit those levels (realize.py); the
pooled survey rates are set exactly (people.py); finally experts' points and the C
answers are chosen so that the totals fall in the seed's rank order and grade
bands (build.py). Everything it writes is labelled as rebuilt sample data.
"""

from __future__ import annotations

from pathlib import Path

from ceping.demo.rebuild.files import REBUILT, read_units, read_year
from ceping.framework import Framework, load_framework, shipped_framework_path
from ceping.scoring import CampaignResults, score_campaign

__all__ = ["REBUILT", "rebuilt_framework", "rebuilt_results"]


def rebuilt_framework() -> Framework:
    return load_framework(shipped_framework_path("shanghai-2012"))


def rebuilt_results(year: int = 2012, folder: Path = REBUILT) -> CampaignResults:
    """Score a rebuilt year from its raw input files; 2012 is scored with 2011 as the previous
    year."""
    framework = rebuilt_framework()
    units, _ = read_units()
    previous = rebuilt_results(year - 1, folder) if year == 2012 else None
    return score_campaign(framework, units, read_year(year, units, folder), previous)
