"""The public survey: its items, abuse resistance (rate, captcha, honeypot, one answer each),
statistics."""

from __future__ import annotations

import ipaddress
import json
import secrets
from collections import Counter, defaultdict
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field

from altcha_django.verifiers.local import LocalVerifier
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ceping.campaign import scoring_inputs, survey_sql, throttle
from ceping.campaign.campaigns import framework_of
from ceping.errors import CepingError
from ceping.framework import SCALE_CHOICES, Framework, Scale, Source
from ceping.scoring import PUBLIC_RATES, RateDefinition, Tally, capped_responses, tally
from ceping.scoring.indicators import leaf_plans
from ceping.web.models import (
    Campaign,
    CampaignStatus,
    SurveyRefusal,
    SurveyResponse,
    Unit,
)

# Why a submission was refused, with the message the respondent sees.
REFUSALS = {
    "honeypot": "提交未被接受。",  # says nothing useful to a bot
    "rate": "来自您所在网络的提交过于频繁，请稍后再试。",
    "captcha": "验证未通过或已过期，请勾选验证框，待其显示完成后再提交。",
    "duplicate": "您已经评价过这个网站，每个网站只能评价一次。感谢您的参与！",
    "invalid": "请选择网站并回答全部题目。",
    "closed": "本次公众测评已经结束。",
}
# The same reasons as the organizer reads them.
REFUSAL_LABELS = {
    "honeypot": "隐藏字段被填写（疑似程序提交）", "rate": "同一地址提交过于频繁",
    "captcha": "人机验证未通过", "duplicate": "重复评价同一网站",
    "invalid": "答卷不完整或网站无效", "closed": "测评已结束",
}  # fmt: skip
CAPTCHA_MAX_AGE_S = 15 * 60
MAX_CAPTCHA_PAYLOAD = 4096  # a solved challenge is some 600 characters
COOKIE_SALT = "ceping.survey.respondent"


class SurveyRefused(CepingError):
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(REFUSALS[reason])


@dataclass(frozen=True)
class SurveyItem:
    code: str
    name: str
    scale: Scale

    @property
    def choices(self) -> tuple[str, str, str]:
        return SCALE_CHOICES[self.scale]


def survey_items(framework: Framework) -> list[SurveyItem]:
    """The framework's public items on a three-choice scale, in file order."""
    return [
        SurveyItem(leaf.code, leaf.name, leaf.scale)
        for leaf in framework.leaves()
        if Source.PUBLIC in leaf.sources and leaf.scale is not None
    ]


def is_open(campaign: Campaign) -> bool:
    return campaign.status not in (CampaignStatus.SCORED, CampaignStatus.PUBLISHED)


# ---- respondent identity -----------------------------------------------------------------------


def new_cookie_token() -> str:
    return secrets.token_urlsafe(16)


def respondent_id(cookie_token: str) -> str:
    return salted_hmac(COOKIE_SALT, cookie_token).hexdigest()


def network(address: str) -> str:
    """A keyed hash of the address's /24 (IPv4) or /48 (IPv6) network; "" when it is not an
    address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    net = ipaddress.ip_network(f"{ip}/{prefix}", strict=False)
    return salted_hmac("ceping.survey.network", str(net)).hexdigest()


def fingerprint(address: str, agent: str) -> str:
    """A keyed hash of address and user agent; the raw address is never stored."""
    return salted_hmac("ceping.survey.fingerprint", f"{address}\n{agent}").hexdigest()


# ---- captcha ------------------------------------------------------------------------------------


# A proof-of-work check (ALTCHA): the browser spends about a second of computing, which a
# person does not notice and a script sending ballots by the thousand pays for every one. No
# question to read, so no text a regex solves and nothing a screen-reader user cannot pass.


def _verifier() -> LocalVerifier:
    # Signed with settings.ALTCHA_HMAC_SECRET, derived from the installation's secret key.
    return LocalVerifier(
        bind_session=False,
        challenge={"cost": settings.SURVEY_CHALLENGE_COST, "expires_seconds": CAPTCHA_MAX_AGE_S},
    )


def new_challenge() -> str:
    """A signed challenge for the page, as the widget reads it (JSON)."""
    return json.dumps(_verifier().get_challenge(), separators=(",", ":"))


def captcha_ok(payload: str) -> bool:
    """The browser's solution of a challenge of ours, not expired, not used before."""
    if not payload or len(payload) > MAX_CAPTCHA_PAYLOAD:
        return False
    result = _verifier().verify(payload)
    if not result.ok or not result.replay_id:
        return False
    # Single use: a solved challenge cannot be replayed by a script.
    return bool(cache.add(f"ceping:captcha-used:{result.replay_id}", 1, timeout=CAPTCHA_MAX_AGE_S))


def needs_captcha(address: str) -> bool:
    return (
        throttle.count("survey-addr", address, settings.SURVEY_RATE_WINDOW_S)
        >= settings.SURVEY_CAPTCHA_AFTER
    )


# ---- submitting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    unit: str  # the unit's id as the form sent it
    answers: Mapping[str, str]
    address: str
    agent: str
    cookie_token: str
    honeypot: str = ""
    captcha: str = ""  # the proof-of-work widget's payload


def count_refusal(campaign: Campaign, reason: str) -> None:
    today = timezone.localdate()
    match = SurveyRefusal.objects.filter(campaign=campaign, reason=reason, day=today)
    if match.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            SurveyRefusal.objects.create(campaign=campaign, reason=reason, day=today, count=1)
    except IntegrityError:  # created meanwhile by a concurrent refusal
        match.update(count=F("count") + 1)


def submit(campaign: Campaign, sub: Submission) -> None:
    """Store one response, or count the refusal and raise SurveyRefused (its message is for the
    respondent)."""
    try:
        _accept(campaign, sub)
    except SurveyRefused as refused:
        count_refusal(campaign, refused.reason)
        raise


def _accept(campaign: Campaign, sub: Submission) -> None:
    if not is_open(campaign):
        raise SurveyRefused("closed")
    # Every attempt counts, refused ones too: a bot filling the honeypot is still rate limited.
    attempts = throttle.hit("survey-addr", sub.address, settings.SURVEY_RATE_WINDOW_S)
    if attempts > settings.SURVEY_RATE_PER_ADDRESS:
        raise SurveyRefused("rate")
    if sub.honeypot:
        raise SurveyRefused("honeypot")
    if attempts > settings.SURVEY_CAPTCHA_AFTER and not captcha_ok(sub.captcha):
        raise SurveyRefused("captcha")
    items = survey_items(framework_of(campaign))
    answers = {i.code: sub.answers.get(i.code, "") for i in items}
    is_id = (
        sub.unit.isdigit() and len(sub.unit) <= 18
    )  # a longer number would overflow the database's integer
    # The site is looked up only for a complete form.
    if any(answers[i.code] not in i.choices for i in items) or not (
        is_id and survey_sql.takes_part(campaign.pk, int(sub.unit))
    ):
        raise SurveyRefused("invalid")
    # The two unique constraints (respondent, device per campaign and site) are the check: one
    # query fewer than asking first, and right when the same respondent submits twice at once.
    # One INSERT is a transaction by itself; inside a caller's transaction a savepoint keeps a
    # refused duplicate from breaking it.
    guard = transaction.atomic() if transaction.get_connection().in_atomic_block else nullcontext()
    try:
        with guard:
            SurveyResponse.objects.create(
                campaign=campaign,
                unit_id=int(sub.unit),
                answers=answers,
                respondent=respondent_id(sub.cookie_token),
                fingerprint=fingerprint(sub.address, sub.agent),
                network=network(sub.address),
            )
    except IntegrityError:
        raise SurveyRefused("duplicate") from None


# ---- statistics ---------------------------------------------------------------------------------


@dataclass
class SurveyGroup:
    """The responses about one group of sites (a site, a category, all), and their counted answers
    per scale."""

    label: str
    responses: int = 0  # stored
    capped: int = 0  # stored but left out: beyond the per-network cap of their site
    counts: dict[Scale, Tally] = field(default_factory=dict)

    def rate(self, definition: RateDefinition) -> float | None:
        """The rate in percent, as the statistic of the same key; None without answers."""
        return definition.percent(self.counts.get(definition.scale, Tally()))

    @property
    def figures(self) -> list[tuple[RateDefinition, float | None]]:
        """Each public rate (ceping.scoring.PUBLIC_RATES) with its value, in their order."""
        return [(d, self.rate(d)) for d in PUBLIC_RATES]

    def add(self, other: SurveyGroup) -> None:
        self.responses += other.responses
        self.capped += other.capped
        for scale, counts in other.counts.items():
            self.counts[scale] = self.counts.get(scale, Tally()) + counts


@dataclass(frozen=True)
class SurveyStats:
    sites: list[SurveyGroup]
    categories: list[SurveyGroup]
    overall: SurveyGroup
    refusals: dict[str, int]
    per_network: int  # the cap: responses per site from one network that count


def statistics(campaign: Campaign) -> SurveyStats:
    """The public rates per site, category and overall, from the answers scoring reads, with the
    same cap.

    Of a site's responses from one network only the earliest SURVEY_STATS_PER_NETWORK count
    (ceping.scoring.capped_responses): what slips past the abuse checks from one place cannot
    move a site's rates far. A category's rates equal the statistics of the same key for that
    category and area None.
    """
    per_network = settings.SURVEY_STATS_PER_NETWORK
    framework = framework_of(campaign)
    units = sorted(campaign.units.all(), key=lambda u: u.code)
    # As the statistics: the scaled leaves a unit of the category is scored on.
    scales_of = {
        c: {p.leaf.code: p.leaf.scale for p in leaf_plans(framework, c) if p.leaf.scale is not None}
        for c in {u.category for u in units}
    }
    scales = {u.code: scales_of[u.category] for u in units}
    answers = scoring_inputs.public_answers(campaign, scoring_inputs.unit_codes())
    capped = capped_responses(answers, per_network)
    sites = {u.code: SurveyGroup(u.short_name) for u in units}
    responses: set[tuple[str, str]] = set()
    chosen: dict[tuple[str, Scale], list[str]] = defaultdict(list)
    for answer in answers:
        site = sites.get(answer.unit)
        if site is None:
            continue
        response = (answer.respondent, answer.unit)
        if response not in responses:
            responses.add(response)
            site.responses += 1
            site.capped += response in capped
        scale = scales[answer.unit].get(answer.item)
        if scale is not None and response not in capped and answer.choice in SCALE_CHOICES[scale]:
            chosen[(answer.unit, scale)].append(answer.choice)
    for (code, scale), choices in chosen.items():
        sites[code].counts[scale] = tally(choices, SCALE_CHOICES[scale])
    categories: dict[str, SurveyGroup] = {}
    overall = SurveyGroup("全部网站")
    for unit in units:
        categories.setdefault(unit.category, SurveyGroup(unit.category)).add(sites[unit.code])
        overall.add(sites[unit.code])
    refusals = Counter[str]()
    for reason, n in SurveyRefusal.objects.filter(campaign=campaign).values_list("reason", "count"):
        refusals[reason] += n
    order = {name: i for i, name in enumerate(framework.category_names)}
    ranked = sorted(categories.values(), key=lambda t: order.get(t.label, len(order)))
    return SurveyStats(list(sites.values()), ranked, overall, dict(refusals), per_network)


def units_for_survey(campaign: Campaign) -> dict[str, list[Unit]]:
    """The campaign's units grouped by category, for the site picker."""
    order = {name: i for i, name in enumerate(framework_of(campaign).category_names)}
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in sorted(
        campaign.units.all(), key=lambda u: (order.get(u.category, len(order)), u.code)
    ):
        groups[unit.category].append(unit)
    return dict(groups)
