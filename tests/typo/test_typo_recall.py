"""Recall classes of issue 19: long words typed with a similar-shape character, and
three-character official terms written wrong inside quotes."""

from __future__ import annotations

import pytest

from ceping.typo import check


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("各项工作要按部就斑、有序推进。", "按部就斑", "按部就班"),
        ("作风建设要待之以恒、久久为功。", "待之以恒", "持之以恒"),
    ],
)
def test_a_common_long_word_with_one_character_of_similar_shape_is_found(
    text: str, wrong: str, right: str
) -> None:
    found = [(t.text, t.suggestion, t.rule) for t in check(text)]
    assert (wrong, right, "known-error") in found


def test_the_right_long_words_are_clean() -> None:
    assert check("各项工作要按部就班、有序推进，作风建设要持之以恒、久久为功。") == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("持续深化“放馆服”改革，优化营商环境。", "放馆服", "放管服"),
        ("全面推行“河长制”“林长职”，筑牢生态屏障。", "林长职", "林长制"),
        ("稳妥推进‘碳中合’相关工作。", "碳中合", "碳中和"),
    ],
)
def test_a_quoted_three_character_official_term_written_wrong_is_a_sure_finding(
    text: str, wrong: str, right: str
) -> None:
    [typo] = [t for t in check(text) if t.text == wrong]
    assert (text[typo.start : typo.end], typo.suggestion, typo.rule, typo.suspect) == (
        wrong,
        right,
        "official-wording",
        False,
    )


def test_the_same_characters_unquoted_or_making_a_word_are_clean() -> None:
    # 林长职 across a word boundary (林长|职责); a quoted change that makes a word with its
    # neighbour (村长) is more likely another term than a slip; the right quoted terms.
    text = (
        "各级林长要落实林长职责。部分地方试行“村长制”。"
        "持续深化“放管服”改革，全面推行“河长制”“林长制”，稳妥推进‘碳中和’相关工作。"
    )
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("改革要啼疾步稳推进。", "啼疾步稳", "蹄疾步稳"),
        ("推动经济行稳至远。", "行稳至远", "行稳致远"),
        ("坚持正本清原，从严管党治党。", "正本清原", "正本清源"),
        ("各级领导干部要守土有则、守土尽责。", "守土有则", "守土有责"),
        ("以抓铁留痕的劲头抓落实。", "抓铁留痕", "抓铁有痕"),
        ("窗口全面落实首问负则、一次性告知要求。", "首问负则", "首问负责"),
        ("深入实施藏粮于地、藏粮于机战略。", "藏粮于机", "藏粮于技"),
    ],
)
def test_a_current_official_set_phrase_written_wrong_is_a_sure_finding(
    text: str, wrong: str, right: str
) -> None:
    [typo] = [t for t in check(text) if t.text == wrong]
    assert (typo.suggestion, typo.suspect) == (right, False)


def test_the_official_set_phrases_written_right_get_no_listed_finding() -> None:
    text = (
        "改革要蹄疾步稳推进，推动经济行稳致远，坚持正本清源、固本培元，"
        "各级领导干部要守土有责、守土尽责，以抓铁有痕的劲头抓落实。"
        "窗口全面落实首问负责、一次性告知要求，深入实施藏粮于地、藏粮于技战略。"
    )
    assert check(text) == []
