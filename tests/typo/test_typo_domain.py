"""Terms of legal and administrative prose counted in the laws (domain_terms.tsv.gz)."""

from __future__ import annotations

import pytest

from ceping.typo import check
from ceping.typo.coverage import splits_into_words
from ceping.typo.resources import lexicon, read_rows
from tests.typo.changes import changes, slip


def test_the_laws_count_terms_jieba_barely_knows() -> None:
    lex = lexicon()
    jieba = {row[0]: int(row[1]) for row in read_rows("words.tsv.gz")}
    for term in ("信访事项", "限期改正", "妇幼保健", "机构编制"):
        assert term in lex.domain
        assert lex.words[term] > jieba.get(term, 0)


def test_a_domain_term_never_brings_back_a_listed_wrong_form() -> None:
    lex = lexicon()
    assert "按部就斑" not in lex.words
    assert lex.domain.keys() <= lex.words.keys()


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("依法办理群众的信防事项。", "信防事项", "信访事项"),
        ("湖北省傅有保健院开展义诊。", "傅有保健", "妇幼保健"),
        ("由县级以上人民政府责令限其改正。", "限其改正", "限期改正"),
    ],
)
def test_a_domain_term_written_wrong_is_found(text: str, wrong: str, right: str) -> None:
    assert changes(check(text)) == changes(slip(text, wrong, right))


@pytest.mark.parametrize(
    "text",
    [
        # each reads like a term of the laws (依法履职, 骗取国家, 人民医院, 可再生能源法,
        # 申请认可) but is written in real words that fit
        "对违法犯罪行为，以法律之正义，树社会之正气。",
        "成都西部片区国家城乡融合发展试验区建设取得进展。",
        "所有工作都要充分体现人民意愿。",
        "可再生能源发电装机规模突破1亿千瓦。",
        "申请人可登录市场监管部门网站办理。",
    ],
)
def test_real_words_that_read_like_a_domain_term_are_not_flagged(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "span", "splits"),
    [
        ("以法律之正义", "以法律之", True),  # 以 and 之 are words on their own
        ("可再生能源发电", "可再生能源发", True),  # 发 starts 发电, past the span's end
        ("申请人可登录", "申请人可", True),
        ("依法办理信防事项", "信防事项", False),  # 信防 is no word, 防 no common character
        ("湖北省傅有保健院", "傅有保健", False),
    ],
)
def test_splits_into_words(text: str, span: str, splits: bool) -> None:
    start = text.index(span)
    assert splits_into_words(text, start, start + len(span)) is splits


def test_a_domain_term_finding_is_a_suspect_a_person_confirms() -> None:
    # 储汁能力 (a winery's juice storage) reads like 处置能力, a term of the laws: the
    # word model is fairly sure, but only a listed error costs points unconfirmed
    [typo] = check("公司现有储汁能力约1500吨。")
    assert (typo.text, typo.suggestion, typo.rule) == ("储汁能力", "处置能力", "domain-term")
    assert typo.suspect


def test_a_term_jieba_knew_written_in_real_words_is_a_suspect() -> None:
    # 政治权利 was a target before the laws raised its count; 整治权力 is two real words
    # that fit (深化整治权力集中…领域腐败), so the sound-alike stays a question for a person
    [typo] = check("深化整治权力集中、资金密集领域腐败治理。")
    assert (typo.text, typo.suggestion, typo.rule) == ("整治权力", "政治权利", "domain-term")
    assert typo.suspect
