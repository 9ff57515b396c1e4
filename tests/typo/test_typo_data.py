"""The shipped data: present, named in SOURCES.md, small, and loadable."""

from __future__ import annotations

from ceping.typo.resources import DATA_DIR, known_errors, lexicon, names, official_phrases

MAX_DATA_BYTES = 20_000_000


def test_every_data_file_is_named_in_sources() -> None:
    sources = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in DATA_DIR.iterdir() if p.name != "SOURCES.md")
    assert files and [f for f in files if f"`{f}`" not in sources] == []


def test_data_is_small() -> None:
    assert sum(p.stat().st_size for p in DATA_DIR.iterdir()) < MAX_DATA_BYTES


def test_data_loads() -> None:
    lex = lexicon()
    assert lex.words["数据"] > 1000
    assert "据" in lex.confusion["局"].sound
    assert known_errors()["按居乐业"] == ("安居乐业", "macro-correct")
    assert "中国特色社会主义" in official_phrases()
    assert "杨振宁" in names()
