"""Findings scored against the second farm's truth: hits, misses and false alarms per split."""

from __future__ import annotations

from ceping.sitefarm.cms.accuracy import ALL_SPLITS, score

PAGE = "http://127.0.3.1:8090/xwzx/a.html"


def _t(kind: str, split: str = "tuning", site: int = 0, **fields: object) -> dict[str, object]:
    return {"kind": kind, "site": site, "split": split, **fields}


def test_hits_misses_and_false_alarms_per_split() -> None:
    truth = [
        _t("blank_column", page=PAGE),
        _t("blank_column", page=PAGE.replace("a.html", "b.html")),
        _t("blank_column", "held_out", 5, page=PAGE),
    ]
    found = [
        _t("blank_column", page="http://127.0.3.1:8090/xwzx/a.html#list"),  # same page
        _t("blank_column", page=PAGE.replace("a.html", "c.html")),
        _t("blank_column", "held_out", 6, page=PAGE),  # the right page of another site
        _t("no_https", page=PAGE),  # not measured
    ]
    got = score(found, truth)
    tuning = got["tuning", "blank_column"]
    assert (len(tuning.hits), len(tuning.misses), len(tuning.false_alarms)) == (1, 1, 1)
    assert (tuning.precision, tuning.recall) == (0.5, 0.5)
    held = got["held_out", "blank_column"]
    assert (held.precision, held.recall) == (0.0, 0.0)
    total = got[ALL_SPLITS, "blank_column"]
    assert (len(total.hits), len(total.misses), len(total.false_alarms)) == (1, 2, 2)
    assert not [k for k in got if k[1] == "no_https"]


def test_a_kind_with_nothing_reported_has_no_precision() -> None:
    got = score([], [_t("no_lang", page=PAGE)])
    assert got["tuning", "no_lang"].precision is None
    assert got["tuning", "no_lang"].recall == 0.0


def test_site_wide_kinds_match_on_any_page_of_the_site() -> None:
    truth = [_t("no_viewport", page="http://127.0.3.1:8090/")]
    found = [_t("no_viewport", page=PAGE), _t("no_viewport", page="http://127.0.3.1:8090/")]
    tally = score(found, truth)["tuning", "no_viewport"]
    assert (tally.precision, tally.recall) == (1.0, 1.0)


def test_missing_alt_matches_per_site_whichever_image_is_named() -> None:
    truth = [_t("missing_alt", page="http://127.0.3.1:8090/", share=0.8, images=15)]
    found = [
        _t("missing_alt", page=PAGE, url="http://127.0.3.1:8090/images/photo3.jpg", share=0.7),
        _t("missing_alt", "held_out", 6, page=PAGE, url="http://127.0.3.7:8090/images/a.jpg"),
    ]
    tallies = score(found, truth)
    tuning, held = tallies["tuning", "missing_alt"], tallies["held_out", "missing_alt"]
    assert (len(tuning.hits), len(tuning.misses), len(tuning.false_alarms)) == (1, 0, 0)
    assert (len(held.hits), len(held.false_alarms)) == (0, 1)


def test_a_typo_reported_with_its_neighbours_is_the_planted_one() -> None:
    truth = [
        _t("typo", page=PAGE, text="贯切", suggestion="贯彻"),
        _t("typo", page=PAGE, text="布署", suggestion="部署"),
        _t("typo", page=PAGE, text="审枇", suggestion="审批"),
    ]
    found = [
        _t("typo", page=PAGE, text="贯切落实", suggestion="贯彻落实"),
        _t("typo", page=PAGE, text="一布", suggestion="一部"),  # 统一布署: the same correction
        _t("typo", page=PAGE, text="枇杷", suggestion="琵琶"),  # overlaps, another correction
    ]
    tally = score(found, truth)["tuning", "typo"]
    assert {k[-1] for k in tally.hits} == {"贯切", "布署"}
    assert {k[-1] for k in tally.false_alarms} == {"枇杷"}
    assert {k[-1] for k in tally.misses} == {"审枇"}


def test_one_typo_in_one_sentence_on_many_pages_is_one_finding() -> None:
    """The policy (docs/decisions/0011): one finding, on any page showing it; a second finding of
    it is a false alarm, and the same words in another sentence are another typo."""
    sentence = "各部门要按照统一布署，认真做好本次检查工作。"
    pages = [PAGE.replace("a.html", f"{n}.html") for n in range(4)]
    truth = [_t("typo", page=p, text="布署", suggestion="部署", sentence=sentence) for p in pages]
    truth.append(_t("typo", page=pages[3], text="布署", suggestion="部署", sentence="布署。"))
    once = [_t("typo", page=pages[2], text="布署", suggestion="部署")]
    tally = score(once, truth)["tuning", "typo"]
    assert (len(tally.hits), len(tally.misses), len(tally.false_alarms)) == (1, 1, 0)
    twice = [*once, _t("typo", page=pages[1], text="统一布署", suggestion="统一部署")]
    tally = score(twice, truth)["tuning", "typo"]
    assert (len(tally.hits), len(tally.misses), len(tally.false_alarms)) == (1, 1, 1)
    # The first farm's truth names no sentence: its wrong words each have one.
    first_farm = [_t("typo", page=p, text="按装", suggestion="安装") for p in pages]
    tally = score([_t("typo", page=pages[3], text="按装", suggestion="安装")], first_farm)
    assert (len(tally["tuning", "typo"].hits), len(tally["tuning", "typo"].misses)) == (1, 0)


def test_stale_columns_must_name_the_right_date() -> None:
    truth = [_t("stale_column", page=PAGE, latest="2024-05-01")]
    found = [_t("stale_column", page=PAGE, latest="2025-05-01")]
    tally = score(found, truth)["tuning", "stale_column"]
    assert (len(tally.hits), len(tally.misses), len(tally.false_alarms)) == (0, 1, 1)
