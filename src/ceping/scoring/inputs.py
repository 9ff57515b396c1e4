"""The raw inputs of a campaign, as plain immutable values (one record per source row)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

Json = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class UnitInput:
    """A unit (被测单位) under evaluation and its category."""

    code: str
    name: str
    short_name: str
    category: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class ExpertRating:
    """One expert's rating of one unit on one leaf: points, or a choice on a scaled leaf."""

    unit: str
    indicator: str
    expert: str
    points: float | None = None  # leaves without a scale: points out of the leaf's max
    choice: str | None = None  # scaled leaves: one of SCALE_CHOICES, as the public answers
    comment: str = ""  # the expert's words on the rating, shown in the unit's report


@dataclass(frozen=True, slots=True)
class PublicAnswer:
    """One public respondent's answer on one item (a scaled leaf) about one unit's site."""

    respondent: str
    unit: str
    item: str  # the leaf's code
    choice: str
    network: str = ""  # a keyed hash of the network the response came from; "" is never capped


@dataclass(frozen=True, slots=True)
class PortalRow:
    """The portal office's statistics of one unit (信息报送, 纠错, 领导信箱)."""

    unit: str
    submitted: int  # items submitted to the portal
    adopted: int  # of those, items the portal published
    corrections: int = 0  # correction requests passed to the unit
    corrections_handled: int = 0  # of those, handled in time
    mailbox_cases: int = 0  # 领导信箱反馈案例 written up


@dataclass(frozen=True, slots=True)
class SelfPoints:
    """Points the organizer verified from a unit's self-inspection material."""

    unit: str
    indicator: str
    points: float
    note: str = ""  # the unit's material the points were verified on, quoted in its report


@dataclass(frozen=True, slots=True)
class OrganizerVerdict:
    """The organizer's verdict on an organizer-decided single veto (安全泄密, 弄虚作假 …) for one
    unit: whether it hits, and the evidence it was decided on."""

    unit: str
    veto: str  # the veto's code
    hit: bool
    evidence: str = ""


def _no_scans() -> Mapping[str, Json]:
    return MappingProxyType({})


@dataclass(frozen=True)
class CampaignInputs:
    """Everything collected for a campaign, before scoring.

    `scans` maps a unit code to its site in the scan JSON (DESIGN.md §5.1), with
    an optional `measurements` object (e.g. {"home_ms": 830}). `public` is in the
    order the responses were submitted, earliest first: of the responses about
    one unit from one network only the first `public_per_network` count
    (ceping.scoring.network_cap; None: no cap).
    """

    campaign: str
    year: int
    scans: Mapping[str, Json] = field(default_factory=_no_scans)
    expert: Sequence[ExpertRating] = ()
    public: Sequence[PublicAnswer] = ()
    portal: Sequence[PortalRow] = ()
    self_points: Sequence[SelfPoints] = ()
    verdicts: Sequence[OrganizerVerdict] = ()
    is_sample_data: bool = False
    public_per_network: int | None = None
