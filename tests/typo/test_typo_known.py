"""Layer 1: the lexicon of known wrong→right words and phrases."""

from __future__ import annotations

from ceping.typo import Options, Typo, check

KNOWN = Options(layers=frozenset({"known-error"}))


def test_idiom_from_macro_correct_is_found() -> None:
    assert check("人民群众都希望按居乐业。", KNOWN) == [
        Typo(7, 11, "按居乐业", "安居乐业", 1.0, "known-error", suspect=False)
    ]


def test_government_pair_is_found() -> None:
    assert check("请结合实际制定实施细责。", KNOWN) == [
        Typo(7, 11, "实施细责", "实施细则", 1.0, "known-error", suspect=False)
    ]


def test_word_learned_from_odw_train_is_found() -> None:
    [typo] = check("大力培育发展大数局产业。", KNOWN)
    assert (typo.start, typo.end, typo.text, typo.suggestion, typo.rule) == (
        6,
        9,
        "大数局",
        "大数据",
        "known-error",
    )


def test_correct_text_is_clean() -> None:
    assert check("人民群众安居乐业，请结合实际制定实施细则，大力发展大数据产业。", KNOWN) == []


def test_cost_does_not_depend_on_a_match_inside_the_right_form() -> None:
    # A wrong form contained in its own correction would fire on correct text.
    assert check("全国人民代表大会常务委员会", KNOWN) == []
