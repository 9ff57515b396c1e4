"""Publishing a campaign's results to its units, and withdrawing them: units see their score,
lost points and report only while the results are published (the unit's workspace).

One rule for "published": `Campaign.published_at` is set. Scoring again withdraws it
(campaign/scoring.py), so units never see results the organizer has not looked at.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ceping.campaign import audit
from ceping.campaign.campaigns import move_status
from ceping.campaign.scoring import is_scored
from ceping.errors import CepingError
from ceping.web.models import Campaign, CampaignStatus


def publish(campaign: Campaign, who: Any = None) -> str:
    """Publish the stored results; says what it did, in Chinese."""
    if not is_scored(campaign):
        raise CepingError("尚未计分：请先计分，再发布结果")
    campaign.published_at = timezone.now()
    campaign.status = CampaignStatus.PUBLISHED
    campaign.save(update_fields=["published_at", "status"])
    audit.record(who, "publish", campaign, "published_at", None, "已发布")
    return f"已向 {campaign.units.count()} 个单位发布测评结果"


def unpublish(campaign: Campaign, who: Any = None) -> str:
    if not campaign.is_published:
        raise CepingError("结果尚未发布")
    campaign.published_at = None
    campaign.save(update_fields=["published_at"])
    move_status(campaign, CampaignStatus.PUBLISHED, CampaignStatus.SCORED)
    audit.record(who, "unpublish", campaign, "published_at", "已发布", None)
    return "已撤回发布：各单位暂时看不到测评结果"
