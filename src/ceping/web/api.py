"""The JSON API (django-ninja, OpenAPI at /api/openapi.json, docs at /api/docs), bearer-token
authenticated.

Every endpoint reads through the same role querysets as the pages: an expert sees the sites
assigned to them, a unit its own data, the organizer everything. A token also carries scopes
(areas of the API it may read) and an expiry; every endpoint names its scope, and one that names
none is closed to every token. Errors come back as JSON `{"detail": "<Chinese text>"}`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.params import functions as params
from ninja.security import HttpBearer

from ceping.campaign import experts, roles, survey
from ceping.scoring.rates import (
    PUBLIC_BASIC_SATISFACTION,
    PUBLIC_CONVENIENT,
    PUBLIC_CONVENIENT_OR_BASIC,
    PUBLIC_RATES,
)
from ceping.vocabulary import label_of
from ceping.web.models import (
    ApiToken,
    Campaign,
    ExpertScore,
    Role,
    TokenScope,
    UnitResultRecord,
)
from ceping.web.models.accounts import hash_token
from ceping.web.views.common import MAX_ID

# Paging of long lists: a page holds at most MAX_PAGE rows; an offset beyond MAX_OFFSET is no
# list of ours and would overflow the database's integers.
MAX_PAGE = 5000
MAX_OFFSET = 10**12


class TokenAuth(HttpBearer):
    """A valid, unexpired token of an active account that holds `scope` (None: no token will)."""

    def __init__(self, scope: TokenScope | None) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=hash_token(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.is_expired(now):
            expired = timezone.localtime(found.expires).strftime("%Y-%m-%d")
            raise HttpError(401, f"接口令牌已于{expired}到期，请在“接口令牌”页面生成新令牌")
        if self.scope is None or not found.allows(self.scope):
            wanted = self.scope.label if self.scope is not None else "未设定"
            raise HttpError(403, f"此令牌无权访问“{wanted}”，请生成包含该范围的令牌")
        if found.last_used is None or (now - found.last_used).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used=now)
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="ceping 政府网站测评 API", version="1", auth=TokenAuth(None), urls_namespace="api"
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "缺少接口令牌或令牌无效（请求头 Authorization: Bearer 令牌）"},
        status=401,
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "没有找到所请求的数据"}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Which parameter is wrong, by name; pydantic's English explanation is left out."""
    names = sorted({str(e.get("loc", ("", "?"))[-1]) for e in exc.errors if isinstance(e, dict)})
    return api.create_response(
        request,
        {"detail": f"请求参数有误：{'、'.join(names) or '格式不对'}", "fields": names},
        status=422,
    )


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    category: str
    sites: list[str]


class CampaignOut(Schema):
    id: int
    name: str
    year: int
    status: str
    framework_name: str


class FindingOut(Schema):
    id: int
    unit: str
    site: str
    kind: str
    label: str  # the kind's Chinese name, as every page and report shows it (ceping.vocabulary)
    page: str
    status: str
    data: dict[str, Any]


class UnitResultOut(Schema):
    unit: str
    total: float
    max: float
    grade: str
    rank: int
    area_points: dict[str, float]


class ExpertScoreOut(Schema):
    unit: str
    indicator: str
    points: float | None
    choice: str
    comment: str
    submitted: datetime | None


class AggregateOut(Schema):
    unit: str
    indicator: str
    value: float
    method: str
    raters: int
    favourable_rate: float | None


class SurveyGroupOut(Schema):
    """The public rates are in percent, each the statistic of the same key (docs/statistics.md)."""

    label: str
    responses: int
    capped: int = Field(description="超出同一网段上限、未计入的答卷数")
    public_convenient_rate: float | None = Field(description=PUBLIC_CONVENIENT.label)
    public_convenient_or_basic_rate: float | None = Field(
        description=PUBLIC_CONVENIENT_OR_BASIC.label
    )
    public_basic_satisfaction_rate: float | None = Field(
        description=PUBLIC_BASIC_SATISFACTION.label
    )


class SurveyStatsOut(Schema):
    overall: SurveyGroupOut
    categories: list[SurveyGroupOut]
    sites: list[SurveyGroupOut]
    refusals: dict[str, int]
    per_network: int = Field(description="同一网站来自同一网段的答卷最多计入的份数")
    labels: dict[str, str] = Field(description="各比率的中文名称")


def _campaigns(user: Any) -> Any:
    role = roles.role_of(user)
    if role == Role.ORGANIZER:
        return Campaign.objects.all()
    if role == Role.UNIT:
        return Campaign.objects.filter(units__members__user=user).distinct()
    if role == Role.EXPERT:
        return Campaign.objects.filter(assignments__expert=user).distinct()
    return Campaign.objects.none()


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    if not 0 < pk <= MAX_ID:  # beyond any row, and beyond what SQLite can compare
        raise HttpError(404, "没有这个测评活动")
    return get_object_or_404(_campaigns(request.user), pk=pk)


def _organizer(request: HttpRequest) -> None:
    if not roles.is_organizer(request.user):
        raise HttpError(403, "仅测评组织方可以访问")


def _group(group: survey.SurveyGroup) -> SurveyGroupOut:
    rates = {definition.key: value for definition, value in group.figures}
    return SurveyGroupOut(
        label=group.label, responses=group.responses, capped=group.capped, **rates
    )


@api.get(
    "/units",
    response=list[UnitOut],
    summary="被测单位（按角色可见）",
    auth=TokenAuth(TokenScope.UNITS),
)
def list_units(request: HttpRequest) -> list[UnitOut]:
    units = roles.units_visible_to(request.user).prefetch_related("sites").order_by("code")
    return [
        UnitOut(
            code=u.code,
            name=u.name,
            short_name=u.short_name,
            category=u.category,
            sites=[s.url for s in u.sites.all()],
        )
        for u in units
    ]


@api.get(
    "/campaigns",
    response=list[CampaignOut],
    summary="测评活动",
    auth=TokenAuth(TokenScope.UNITS),
)
def list_campaigns(request: HttpRequest) -> Any:
    return _campaigns(request.user).order_by("-year", "name")


@api.get(
    "/campaigns/{pk}/findings",
    response=list[FindingOut],
    summary="机器检测发现（按角色可见）",
    auth=TokenAuth(TokenScope.FINDINGS),
)
def list_findings(
    request: HttpRequest,
    pk: int,
    unit: str = "",
    kind: str = "",
    limit: Annotated[int, params.Query(ge=1, le=MAX_PAGE)] = 1000,
    offset: Annotated[int, params.Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[FindingOut]:
    campaign = _campaign(request, pk)
    found = roles.findings_visible_to(request.user).filter(scan_run__campaign=campaign)
    if unit:
        found = found.filter(scan_run__site__unit__code=unit)
    if kind:
        found = found.filter(kind=kind)
    found = found.select_related("scan_run__site__unit").order_by("pk")[offset : offset + limit]
    return [
        FindingOut(
            id=f.pk,
            unit=f.scan_run.site.unit.code,
            site=f.scan_run.site.url,
            kind=f.kind,
            label=label_of(f.kind),
            page=f.page,
            status=f.status,
            data=f.data,
        )
        for f in found
    ]


@api.get(
    "/campaigns/{pk}/results",
    response=list[UnitResultOut],
    summary="单位得分与等级（组织方全部，单位仅本单位且结果已发布）",
    auth=TokenAuth(TokenScope.RESULTS),
)
def list_results(request: HttpRequest, pk: int) -> list[UnitResultOut]:
    campaign = _campaign(request, pk)
    role = roles.role_of(request.user)
    if role == Role.EXPERT:
        raise HttpError(403, "专家不能查看单位总分")
    if role == Role.UNIT and not campaign.is_published:
        return []  # as on the unit's page: scores wait for the organizer's publication
    records = UnitResultRecord.objects.filter(
        campaign=campaign, unit__in=roles.units_visible_to(request.user)
    )
    return [
        UnitResultOut(
            unit=r.unit.code,
            total=r.total,
            max=r.max,
            grade=r.grade,
            rank=r.rank,
            area_points=r.area_points,
        )
        for r in records.select_related("unit")
    ]


@api.get(
    "/campaigns/{pk}/expert-scores",
    response=list[ExpertScoreOut],
    summary="专家本人的评分",
    auth=TokenAuth(TokenScope.EXPERTS),
)
def list_expert_scores(request: HttpRequest, pk: int) -> list[ExpertScoreOut]:
    campaign = _campaign(request, pk)
    scores = (
        ExpertScore.objects.filter(
            assignment__in=roles.assignments_visible_to(request.user).filter(campaign=campaign)
        )
        .select_related("assignment__unit")
        .order_by("assignment__unit__code", "indicator")
    )
    return [
        ExpertScoreOut(
            unit=s.assignment.unit.code,
            indicator=s.indicator,
            points=s.points,
            choice=s.choice,
            comment=s.comment,
            submitted=s.assignment.submitted,
        )
        for s in scores
    ]


@api.get(
    "/campaigns/{pk}/expert-aggregates",
    response=list[AggregateOut],
    summary="专家评分稳健汇总（组织方）",
    auth=TokenAuth(TokenScope.EXPERTS),
)
def list_expert_aggregates(request: HttpRequest, pk: int) -> list[AggregateOut]:
    _organizer(request)
    result = experts.results(_campaign(request, pk))
    return [
        AggregateOut(
            unit=r.unit,
            indicator=r.code,
            value=r.center.value,
            method=r.center.method,
            raters=r.center.raters,
            favourable_rate=r.favourable_rate,
        )
        for r in result.items
    ]


@api.get(
    "/campaigns/{pk}/survey-stats",
    response=SurveyStatsOut,
    summary="公众测评统计（组织方）",
    auth=TokenAuth(TokenScope.SURVEY),
)
def survey_stats(request: HttpRequest, pk: int) -> SurveyStatsOut:
    _organizer(request)
    stats = survey.statistics(_campaign(request, pk))
    return SurveyStatsOut(
        overall=_group(stats.overall),
        categories=[_group(t) for t in stats.categories],
        sites=[_group(t) for t in stats.sites],
        refusals=stats.refusals,
        per_network=stats.per_network,
        labels={d.key: d.label for d in PUBLIC_RATES},
    )
