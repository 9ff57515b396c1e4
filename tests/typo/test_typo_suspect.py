"""Typo.suspect: listed errors count at once, statistical guesses wait for a person."""

from __future__ import annotations

from ceping.typo import Typo, check
from ceping.typo.model import RULE_KNOWN, RULE_OFFICIAL, RULE_STATISTICAL, RULE_TITLE
from ceping.typo.scoring import FIRM_AT, is_suspect


def test_known_misspelling_is_not_a_suspect() -> None:
    [typo] = check("各部门要认真贯切落实。")
    assert (typo.rule, typo.suspect) == (RULE_KNOWN, False)


def test_protected_phrase_written_wrong_is_not_a_suspect() -> None:
    [typo] = check("推进全面从严治挡。")
    assert (typo.suggestion, typo.rule, typo.suspect) == ("全面从严治党", RULE_OFFICIAL, False)


def test_statistical_guess_is_a_suspect() -> None:
    [typo] = check("推进政务服务标准化，提升行政效律。")
    assert (typo.suggestion, typo.rule, typo.suspect) == ("效率", RULE_STATISTICAL, True)


def test_only_a_near_certain_statistical_guess_is_firm() -> None:
    assert is_suspect(RULE_STATISTICAL, 0.99)
    assert not is_suspect(RULE_STATISTICAL, FIRM_AT[RULE_STATISTICAL])
    assert is_suspect(RULE_KNOWN, 0.49) and not is_suspect(RULE_KNOWN, 0.5)
    assert not is_suspect(RULE_TITLE, 1.0)


def test_a_typo_made_by_hand_is_a_suspect_unless_said_otherwise() -> None:
    assert Typo(0, 2, "效律", "效率", 0.9, RULE_STATISTICAL).suspect


def test_another_statutory_body_is_not_corrected() -> None:
    assert check("人民检察院检察委员会讨论决定重大案件。") == []
