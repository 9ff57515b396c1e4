"""The rebuilt 2011 and 2012 inputs stored in campaigns: by `ceping demo` and
`ceping campaign load-sample`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from ceping.campaign.campaigns import create_campaign
from ceping.campaign.inputs import store_inputs
from ceping.campaign.scoring import score_and_store
from ceping.demo import DEMO_YEAR
from ceping.demo.rebuild.files import DATA, read_units, read_year
from ceping.errors import CepingError
from ceping.framework import load_framework, shipped_framework_path
from ceping.scoring import CampaignInputs
from ceping.web.models import Campaign, Unit

PREVIOUS_CAMPAIGN = "2011年度上海市政府网站测评"
FRAMEWORK = "shanghai-2012"
SAMPLE_YEARS = (DEMO_YEAR - 1, DEMO_YEAR)


def framework_name() -> str:
    return load_framework(shipped_framework_path(FRAMEWORK)).name


def year_inputs(year: int, units: Sequence[Unit]) -> CampaignInputs:
    """The rebuilt inputs of `year` for these units alone."""
    inputs = read_year(year, read_units()[0])
    codes = {u.code for u in units}
    return replace(
        inputs,
        scans={c: s for c, s in inputs.scans.items() if c in codes},
        expert=[r for r in inputs.expert if r.unit in codes],
        public=[r for r in inputs.public if r.unit in codes],
        portal=[r for r in inputs.portal if r.unit in codes],
        self_points=[r for r in inputs.self_points if r.unit in codes],
    )


def create_previous_year(units: Sequence[Unit]) -> Campaign:
    """The rebuilt 2011 campaign of these units, with its inputs, scored: the year before 2012."""
    before, _, _ = create_campaign(
        PREVIOUS_CAMPAIGN,
        DEMO_YEAR - 1,
        shipped_framework_path(FRAMEWORK),
        units=units,
        is_sample_data=True,
    )
    store_inputs(before, year_inputs(DEMO_YEAR - 1, units))
    score_and_store(before)
    return before


def sample_notice_texts(year: int) -> dict[str, str]:
    """What the seed's organizer wrote into the year's notice beyond what the data says (the
    portal's own output, the year's narrative), as the notice settings hold it; {} if none."""
    path = DATA / f"notice-texts-{year}.json"
    if not path.is_file():
        return {}
    texts = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in texts.items()}


def load_sample(
    campaign: Campaign, with_scans: bool = True
) -> tuple[CampaignInputs, Campaign | None]:
    """Store the rebuilt inputs of the campaign's year (the machine part too unless `with_scans`
    is false: then a real scan supplies it); for 2012 without a year before, build and score 2011
    first. Returns the inputs of the year and the previous campaign it created, if any."""
    if campaign.year not in SAMPLE_YEARS:
        raise CepingError(
            f"重建样例数据只有{'、'.join(map(str, SAMPLE_YEARS))}年度的，"
            f"测评活动“{campaign.name}”是{campaign.year}年度"
        )
    if campaign.framework_name != framework_name():
        raise CepingError(
            f"重建样例数据按指标体系“{framework_name()}”打分，测评活动“{campaign.name}”用的是“{campaign.framework_name}”"
        )
    units = list(campaign.units.order_by("code"))
    created = None
    if campaign.year == DEMO_YEAR and campaign.previous is None:
        created = campaign.previous = create_previous_year(units)
    inputs = year_inputs(campaign.year, units)
    store_inputs(campaign, inputs if with_scans else replace(inputs, scans={}))
    campaign.is_sample_data = True
    campaign.notice_texts = sample_notice_texts(campaign.year)
    campaign.save(update_fields=["previous", "is_sample_data", "notice_texts"])
    return inputs, created
