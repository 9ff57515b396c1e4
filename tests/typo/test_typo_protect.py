"""What is never reported: URLs, numbers, code, short quotes, names, the whitelist."""

from __future__ import annotations

from ceping.typo import Options, Typo, check
from ceping.typo.protect import FREE, HARD, HARD_RE, QUOTE_RE, QUOTED, protection_mask


def test_mask_marks_urls_numbers_and_short_quotes() -> None:
    text = "见https://a.gov.cn/x，第12号“放管服”"
    mask = protection_mask(text)
    assert mask[0] == FREE
    assert set(mask[1:19]) == {HARD}
    assert mask[text.index("12")] == HARD
    assert set(mask[text.index("“") : text.index("”") + 1]) == {QUOTED}


def test_url_and_code_are_not_checked() -> None:
    text = (
        "访问https://www.gov.cn/zhengce/2023-12/01/content_5.htm，或拨打12345，见<div class=nav>。"
    )
    assert check(text) == []


def test_chinese_right_after_a_url_is_still_checked() -> None:
    text = "请访问http://www.gov.cn查询，我们要按居乐业。"
    assert [(t.text, t.rule) for t in check(text)] == [("按居乐业", "known-error")]


def test_short_quoted_name_is_left_to_the_lexicon_layers() -> None:
    # “服物” could be a brand or a slogan: the statistical layer stays silent.
    assert check("提高治理水平和“服物”能力。") == []


def test_whitelist_silences_a_finding() -> None:
    text = "提升行政效律。"
    assert [t.suggestion for t in check(text)] == ["效率"]
    assert check(text, Options(whitelist=frozenset({"效律"}))) == []
    assert check(text, Options(whitelist=frozenset({"行政效律"}))) == []


def test_known_names_silence_statistical_guesses() -> None:
    # 杨振宁 is in the shipped person-name list: its characters are never "fixed".
    assert check("杨振宁教授出席会议。") == []


def test_listed_error_is_still_reported_inside_a_place_name() -> None:
    # 人民大会堂 is a listed place, but 堂务委员会 is a listed error.
    text = "全国人民代表大会堂务委员会"
    assert check(text) == [
        Typo(8, 13, "堂务委员会", "常务委员会", 1.0, "known-error", suspect=False)
    ]


def test_village_and_person_names_are_not_fixed() -> None:
    # Without the suffix or the title the same characters would be "fixed".
    assert [t.suggestion for t in check("由高雨担任。")] == ["高于"]
    assert check("办督查室主任高雨担任。") == []
    assert [t.suggestion for t in check("劳动一坊党委")] == ["一方"]
    assert check("园路街道劳动一坊社区党委书记") == []


def test_hard_spans_equal_a_search_of_the_whole_text() -> None:
    text = (
        "详见https://www.gov.cn/a?b=1&c=2，联系 a.b+c@mail.gov.cn。"
        "“放管服”改革，第3.5条，x=1;y=2，《条例》ISO 9001 认证\tA-B"
    )
    expected = bytearray(len(text))
    for m in QUOTE_RE.finditer(text):
        expected[m.start() : m.end()] = bytes([QUOTED]) * (m.end() - m.start())
    for m in HARD_RE.finditer(text):
        expected[m.start() : m.end()] = bytes([HARD]) * (m.end() - m.start())
    assert protection_mask(text) == expected
