"""The public survey: answers stored once per respondent, abuse refused and counted, statistics."""

from __future__ import annotations

import base64
import html
import json
import re
from typing import Any

import pytest
from altcha.v2 import Challenge, Payload, solve_challenge
from django.test import Client
from django.urls import reverse

from ceping.campaign import survey
from ceping.campaign.campaigns import framework_of
from ceping.scoring.rates import (
    PUBLIC_BASIC_SATISFACTION,
    PUBLIC_CONVENIENT,
    PUBLIC_CONVENIENT_OR_BASIC,
)
from ceping.web.models import Campaign, CampaignStatus, SurveyRefusal, SurveyResponse, Unit
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"


def answers(campaign: Campaign, first: bool = True) -> dict[str, str]:
    return {
        f"q-{i.code}": i.choices[0 if first else 2]
        for i in survey.survey_items(framework_of(campaign))
    }


def post(client: Client, campaign: Campaign, unit: Unit, **extra: str) -> Any:
    return client.post(
        reverse("survey", args=[campaign.pk]), {"unit": unit.pk, **answers(campaign), **extra}
    )


def phone(address: str = "198.51.100.20", agent: str = PHONE) -> Client:
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def refusals(campaign: Campaign) -> dict[str, int]:
    return dict(SurveyRefusal.objects.filter(campaign=campaign).values_list("reason", "count"))


def test_the_survey_asks_the_seeds_fourteen_public_items(campaign: Campaign) -> None:
    items = survey.survey_items(framework_of(campaign))
    assert [i.code for i in items] == ["C1", "C2", "C3", "C4"] + [f"D{n}" for n in range(1, 11)]
    page = phone().get(reverse("survey", args=[campaign.pk])).content.decode()
    assert 'name="viewport"' in page
    assert page.count('type="radio"') == 14 * 3
    assert "方便" in page and "基本满意" in page and "徐汇区" in page
    assert 'name="website"' in page  # the honeypot


def test_an_answer_is_stored_and_a_second_one_on_the_same_site_refused(
    campaign: Campaign, units: list[Unit]
) -> None:
    client = phone()
    ok = post(client, campaign, units[1])
    assert ok.status_code == 302 and ok.url == reverse("survey-thanks", args=[campaign.pk])
    stored = SurveyResponse.objects.get()
    assert stored.answers["C1"] == "方便" and len(stored.answers) == 14
    assert "198.51.100.20" not in stored.respondent + stored.fingerprint  # only keyed hashes
    again = post(client, campaign, units[1])
    assert again.status_code == 409
    assert "您已经评价过这个网站" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    # Another site is fine.
    assert post(client, campaign, units[2]).status_code == 302
    assert refusals(campaign) == {"duplicate": 1}


@pytest.mark.django_db(transaction=True)
def test_a_second_answer_is_refused_outside_any_transaction(
    campaign: Campaign, units: list[Unit]
) -> None:
    # As under gunicorn: autocommit, the INSERT alone, its unique violation turned into a refusal.
    client = phone()
    assert post(client, campaign, units[1]).status_code == 302
    assert post(client, campaign, units[1]).status_code == 409
    assert post(client, campaign, units[2]).status_code == 302
    assert SurveyResponse.objects.count() == 2 and refusals(campaign) == {"duplicate": 1}


def test_a_cleared_cookie_does_not_make_a_new_respondent(
    campaign: Campaign, units: list[Unit]
) -> None:
    post(phone(), campaign, units[1])
    fresh = phone()  # no cookie, same address and browser
    assert post(fresh, campaign, units[1]).status_code == 409


def test_the_same_cookie_from_another_address_is_still_one_respondent(
    campaign: Campaign, units: list[Unit]
) -> None:
    client = phone()
    post(client, campaign, units[1])
    client.defaults["REMOTE_ADDR"] = "203.0.113.50"  # moved from Wi-Fi to mobile data
    assert post(client, campaign, units[1]).status_code == 409


def test_a_forged_cookie_is_ignored(campaign: Campaign, units: list[Unit]) -> None:
    client = phone()
    client.cookies["ceping_respondent"] = "forged"
    assert post(client, campaign, units[1]).status_code == 302


def test_the_honeypot_refuses_and_counts(campaign: Campaign, units: list[Unit]) -> None:
    refused = post(phone(), campaign, units[1], website="http://spam.example/")
    assert refused.status_code == 400
    assert "提交未被接受" in refused.content.decode()
    assert SurveyResponse.objects.count() == 0
    assert refusals(campaign) == {"honeypot": 1}


def test_incomplete_answers_are_refused(campaign: Campaign, units: list[Unit]) -> None:
    data = {"unit": units[1].pk, **answers(campaign)}
    del data["q-D10"]
    refused = phone().post(reverse("survey", args=[campaign.pk]), data)
    assert refused.status_code == 400 and "请选择网站并回答全部题目" in refused.content.decode()
    # The one question left is named where it is; the answered ones stay answered, unmarked.
    text = refused.content.decode()
    assert text.count("（未回答）") == 1
    d10 = text.index('name="q-D10"')
    assert "（未回答）" in text[text.rindex("<legend", 0, d10) : d10]
    assert text.count(" checked>") == len(answers(campaign)) - 1
    unknown = phone("198.51.100.21").post(
        reverse("survey", args=[campaign.pk]), {**answers(campaign), "unit": "99999"}
    )
    assert unknown.status_code == 400
    assert refusals(campaign) == {"invalid": 2}


def solved(challenge_json: str) -> str:
    """What the widget posts once the browser has done the work: the challenge and its answer."""
    challenge = Challenge.from_dict(json.loads(challenge_json))
    solution = solve_challenge(challenge, timeout=30)
    assert solution is not None
    return Payload(challenge, solution).to_base64()


def test_a_captcha_is_asked_after_the_threshold(
    campaign: Campaign, units: list[Unit], settings: Any
) -> None:
    settings.SURVEY_CAPTCHA_AFTER = 2
    for n, unit in enumerate(units[:2]):
        assert post(phone(agent=f"agent {n}"), campaign, unit).status_code == 302
    client = phone(agent="agent 9")
    page = client.get(reverse("survey", args=[campaign.pk])).content.decode()
    found = re.search(r'<altcha-widget name="captcha" challenge="([^"]+)"', page)
    assert found is not None and "altcha_django/altcha.min.js" in page
    challenge = html.unescape(found.group(1))
    # No question in the page: nothing a pattern could answer, only the work itself.
    forged = json.loads(base64.b64decode(solved(challenge)))
    forged["solution"]["counter"] += 1
    wrong = post(client, campaign, units[2], captcha=base64.b64encode(json.dumps(forged).encode()))
    assert wrong.status_code == 400 and "验证未通过" in wrong.content.decode()
    assert post(client, campaign, units[2]).status_code == 400  # the widget's answer missing
    # The browser's answer, once.
    answer = solved(survey.new_challenge())
    assert post(client, campaign, units[2], captcha=answer).status_code == 302
    replay = post(phone(agent="agent 10"), campaign, units[3], captcha=answer)
    assert replay.status_code == 400
    assert refusals(campaign) == {"captcha": 3}


def test_an_address_is_rate_limited(campaign: Campaign, units: list[Unit], settings: Any) -> None:
    settings.SURVEY_RATE_PER_ADDRESS = 2
    settings.SURVEY_CAPTCHA_AFTER = 100
    assert post(phone(agent="a"), campaign, units[0]).status_code == 302
    assert post(phone(agent="b"), campaign, units[0]).status_code == 302
    limited = post(phone(agent="c"), campaign, units[0])
    assert limited.status_code == 429 and "过于频繁" in limited.content.decode()
    assert post(phone("192.0.2.1", agent="c"), campaign, units[0]).status_code == 302
    assert refusals(campaign) == {"rate": 1}


def test_a_closed_survey_refuses(campaign: Campaign, units: list[Unit]) -> None:
    campaign.status = CampaignStatus.PUBLISHED
    campaign.save()
    assert "已经结束" in phone().get(reverse("survey", args=[campaign.pk])).content.decode()
    assert post(phone(), campaign, units[0]).status_code == 403


def test_statistics_per_site_and_category(
    campaign: Campaign, units: list[Unit], organizer: Any
) -> None:
    items = survey.survey_items(framework_of(campaign))

    def respond(unit: Unit, n: int, convenience: str, satisfaction: str) -> None:
        for i in range(n):
            SurveyResponse.objects.create(
                campaign=campaign,
                unit=unit,
                respondent=f"{unit.code}-{convenience}-{i}",
                answers={
                    it.code: convenience if it.scale == "convenience" else satisfaction
                    for it in items
                },
            )

    respond(units[0], 3, "方便", "满意")
    respond(units[0], 1, "不方便", "不满意")
    respond(units[1], 2, "基本方便", "基本满意")
    respond(units[2], 1, "不方便", "基本满意")
    stats = survey.statistics(campaign)
    site = {t.label: t for t in stats.sites}
    assert site["黄浦区"].responses == 4
    assert site["黄浦区"].rate(PUBLIC_CONVENIENT) == 75.0
    assert (
        site["徐汇区"].rate(PUBLIC_CONVENIENT) == 0.0
        and site["徐汇区"].rate(PUBLIC_CONVENIENT_OR_BASIC) == 100.0
    )
    assert (
        site["市公安局"].responses == 0 and site["市公安局"].rate(PUBLIC_BASIC_SATISFACTION) is None
    )
    category = {t.label: t for t in stats.categories}
    assert category["区县"].rate(PUBLIC_CONVENIENT_OR_BASIC) == pytest.approx(100 * 5 / 6)
    assert category["区县"].rate(PUBLIC_BASIC_SATISFACTION) == pytest.approx(100 * 5 / 6)
    assert category["市政府部门"].rate(PUBLIC_BASIC_SATISFACTION) == 100.0
    assert stats.overall.responses == 7
    page = (
        client_for(organizer).get(reverse("organizer-survey", args=[campaign.pk])).content.decode()
    )
    assert "83.3%" in page and "公众基本满意率" in page and "方便率" not in page
    # The address to hand to the public is on the page that counts its answers.
    survey_path = reverse("survey", args=[campaign.pk])
    assert f'rel="noopener">http://testserver{survey_path}</a>' in page


def test_forwarded_for_counts_only_from_a_trusted_proxy(
    campaign: Campaign, units: list[Unit], settings: Any
) -> None:
    settings.SURVEY_RATE_PER_ADDRESS = 1
    settings.SURVEY_CAPTCHA_AFTER = 100
    spoofer = phone("192.0.2.10")
    assert (
        post(
            spoofer,
            campaign,
            units[0],
        ).status_code
        == 302
    )
    spoofer.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.1"  # not believed: still 192.0.2.10
    assert post(spoofer, campaign, units[1]).status_code == 429
    settings.TRUSTED_PROXIES = frozenset({"127.0.0.1"})
    proxied = [phone("127.0.0.1", agent=f"agent {n}") for n in range(2)]
    for n, client in enumerate(proxied):
        client.defaults["HTTP_X_FORWARDED_FOR"] = (
            f"1.2.3.4, 203.0.113.{n + 10}"  # the proxy's hop is the last
        )
        assert post(client, campaign, units[0]).status_code == 302


def test_an_absurd_site_id_is_invalid_not_an_error(campaign: Campaign) -> None:
    response = phone().post(
        reverse("survey", args=[campaign.pk]), {**answers(campaign), "unit": "9" * 30}
    )
    assert response.status_code == 400


def test_a_site_outside_the_campaign_is_invalid(campaign: Campaign, units: list[Unit]) -> None:
    outsider = Unit.objects.create(
        code="WB01", name="外省某局", short_name="某局", category=units[0].category
    )
    assert post(phone(), campaign, outsider).status_code == 400
    assert post(phone("198.51.100.21"), campaign, units[0]).status_code == 302
    assert SurveyResponse.objects.count() == 1 and refusals(campaign) == {"invalid": 1}


def test_a_missing_csrf_token_is_explained_in_chinese(
    campaign: Campaign, units: list[Unit]
) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("survey", args=[campaign.pk]), {"unit": units[0].pk, **answers(campaign)}
    )
    assert response.status_code == 403 and "启用 Cookie" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_stored_response_changed_or_deleted_later_is_in_the_audit_trail(
    campaign: Campaign, units: list[Unit]
) -> None:
    from ceping.web.models import AuditEntry

    post(phone(), campaign, units[1])
    response = SurveyResponse.objects.get()
    assert not AuditEntry.objects.exists()  # creating is not a change
    response.answers = {**response.answers, "C1": "不方便"}
    response.save()
    entry = AuditEntry.objects.get(action="update")
    assert (entry.field, entry.old["C1"], entry.new["C1"]) == ("answers", "方便", "不方便")
    pk = response.pk
    response.delete()
    assert AuditEntry.objects.get(action="delete").object_id == str(pk)


def test_statistics_count_at_most_the_cap_per_site_from_one_network(
    campaign: Campaign, units: list[Unit], settings: Any
) -> None:
    settings.SURVEY_STATS_PER_NETWORK = 2
    settings.SURVEY_CAPTCHA_AFTER = 100
    # Four devices behind one router (same /24) all say 不方便/不满意; one elsewhere says 方便/满意.
    for n in range(4):
        client = phone(f"198.51.100.{n + 1}", agent=f"farm {n}")
        client.post(
            reverse("survey", args=[campaign.pk]),
            {"unit": units[1].pk, **answers(campaign, first=False)},
        )
    post(phone("203.0.113.7"), campaign, units[1])
    assert SurveyResponse.objects.count() == 5
    assert SurveyResponse.objects.filter(network=survey.network("198.51.100.99")).count() == 4
    site = {t.label: t for t in survey.statistics(campaign).sites}["徐汇区"]
    assert (site.responses, site.capped) == (5, 2)
    assert site.rate(PUBLIC_CONVENIENT) == pytest.approx(100 / 3)  # 1 of the 3 counted


def test_networks_are_keyed_hashes_of_the_prefix() -> None:
    assert (
        survey.network("198.51.100.1")
        == survey.network("198.51.100.254")
        != survey.network("198.51.101.1")
    )
    assert survey.network("2001:db8:1:2::1") == survey.network("2001:db8:1:ffff::9")
    assert survey.network("not an address") == ""
    assert "198.51" not in survey.network("198.51.100.1")


def test_an_unknown_campaign_has_no_survey(campaign: Campaign, units: list[Unit]) -> None:
    missing = reverse("survey", args=[campaign.pk + 1000])
    assert phone().get(missing).status_code == 404
    assert phone().post(missing, {"unit": units[1].pk, **answers(campaign)}).status_code == 404
    assert not SurveyResponse.objects.exists()
