"""The database: units and sites, campaigns, and what each source of a campaign collects."""

from ceping.web.models.accounts import ApiToken, Profile, Role, TokenScope
from ceping.web.models.audit import AuditEntry
from ceping.web.models.campaigns import Campaign, CampaignStatus
from ceping.web.models.inputs import (
    ExpertAssignment,
    ExpertScore,
    PortalStat,
    RecheckRequest,
    RecheckStatus,
    SelfAssessment,
    SelfAttachment,
    SurveyRefusal,
    SurveyResponse,
)
from ceping.web.models.jobs import ACTIVE_STATES, Job, JobState
from ceping.web.models.monitoring import (
    AlertKind,
    Incident,
    IncidentAlert,
    MonitorDay,
    MonitorPlan,
    MonitorSample,
    Rescan,
    SiteWatch,
)
from ceping.web.models.results import IndicatorResult, StatisticRecord, UnitResultRecord
from ceping.web.models.scans import Finding, FindingStatus, LinkCheck, ScanPage, ScanRun, ScanStatus
from ceping.web.models.units import Site, Unit

__all__ = [
    "ACTIVE_STATES",
    "AlertKind",
    "ApiToken",
    "AuditEntry",
    "Campaign",
    "CampaignStatus",
    "ExpertAssignment",
    "ExpertScore",
    "Finding",
    "FindingStatus",
    "Incident",
    "IncidentAlert",
    "IndicatorResult",
    "Job",
    "JobState",
    "LinkCheck",
    "MonitorDay",
    "MonitorPlan",
    "MonitorSample",
    "PortalStat",
    "Profile",
    "RecheckRequest",
    "RecheckStatus",
    "Rescan",
    "Role",
    "ScanPage",
    "ScanRun",
    "ScanStatus",
    "SelfAssessment",
    "SelfAttachment",
    "Site",
    "SiteWatch",
    "StatisticRecord",
    "SurveyRefusal",
    "SurveyResponse",
    "TokenScope",
    "Unit",
    "UnitResultRecord",
]
