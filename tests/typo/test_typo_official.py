"""Layer 2: near-misses of fixed official phrases, and listed people's titles."""

from __future__ import annotations

from ceping.typo import NameTitle, Options, Typo, check

OFFICIAL = Options(layers=frozenset({"official-wording"}))
MAYOR = (NameTitle("李明", "市长"),)
TITLES = Options(layers=frozenset({"name-title"}), titles=MAYOR)


def test_near_miss_of_a_long_phrase() -> None:
    assert check("到2020年全面建成小康社汇。", OFFICIAL) == [
        Typo(6, 14, "全面建成小康社汇", "全面建成小康社会", 1.0, "official-wording", suspect=False)
    ]


def test_near_miss_of_a_four_character_phrase() -> None:
    assert check("坚持依法治国、依法行证。", OFFICIAL) == [
        Typo(7, 11, "依法行证", "依法行政", 1.0, "official-wording", suspect=False)
    ]


def test_near_miss_of_a_government_body() -> None:
    [typo] = check("市场监督管理居发布通知。", OFFICIAL)
    assert (typo.text, typo.suggestion) == ("市场监督管理居", "市场监督管理局")


def test_official_phrases_written_right_are_clean() -> None:
    text = (
        "坚持依法治国、依法行政，全面建成小康社会，坚持和发展中国特色社会主义。"
        "市场监督管理局发布通知。"
    )
    assert check(text, OFFICIAL) == []


def test_wrong_title_before_a_listed_name() -> None:
    assert check("副市长李明出席会议。", TITLES) == [
        Typo(0, 3, "副市长", "市长", 1.0, "name-title", suspect=False)
    ]


def test_wrong_title_after_a_listed_name() -> None:
    assert check("李明书记出席会议。", TITLES) == [
        Typo(2, 4, "书记", "市长", 1.0, "name-title", suspect=False)
    ]


def test_misspelt_name_beside_its_title() -> None:
    assert check("李鸣市长出席会议。", TITLES) == [
        Typo(0, 2, "李鸣", "李明", 1.0, "name-title", suspect=False)
    ]


def test_right_title_and_unlisted_people_are_clean() -> None:
    assert check("市长李明、副市长王强出席会议。李明市长讲话。", TITLES) == []
