"""Sensitive words (sensitive_word): words of a list the organizer gives, in a page's visible text.

The list is the campaign's own (`ScanConfig.sensitive_words`, `ceping scan --sensitive-words
FILE`); none ships, so the check finds nothing until one is given. Matching is on the text a
reader sees (scripts and styles left out), longest word first. A word in the same context on
many pages (a header, a footer) is reported once, on the first page in URL order; the context
is the site's text and is escaped wherever it is shown, like every other evidence value.
"""

from __future__ import annotations

from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick, MatchKind

from ceping.scan.checks.base import Check, CheckContext, SiteOutcome, SiteView
from ceping.scan.checks.typo import context_of
from ceping.scan.config import ScanConfig
from ceping.scan.models import SENSITIVE_WORD, Finding, PageResult

MAX_MATCHES_PER_PAGE = 50
MAX_FINDINGS_PER_SITE = 500
_AUTOMATON = "sensitive_words.automaton"
_FIRST = "sensitive_words.first"


def matches(automaton: AhoCorasick, words: tuple[str, ...], text: str) -> list[tuple[str, str]]:
    """(word, context) of each match of the page, in text order, bounded."""
    out: list[tuple[str, str]] = []
    for index, start, end in automaton.find_matches_as_indexes(text):
        out.append((words[index], context_of(text, start, end)))
        if len(out) >= MAX_MATCHES_PER_PAGE:
            break
    return out


def check_page(page: PageResult, ctx: CheckContext) -> Iterable[Finding]:
    words = ctx.config.sensitive_words
    if not page.text:
        return []
    automaton = ctx.memo.get(_AUTOMATON)
    if automaton is None:
        automaton = ctx.memo[_AUTOMATON] = AhoCorasick(words, matchkind=MatchKind.LeftmostLongest)
    first: dict[tuple[str, str], str] = ctx.memo.setdefault(_FIRST, {})
    for key in matches(automaton, words, page.text):
        if key in first:
            first[key] = min(first[key], page.url)
        elif len(first) < MAX_FINDINGS_PER_SITE:
            first[key] = page.url
    return []


async def check_site(site: SiteView, ctx: CheckContext) -> SiteOutcome:
    first: dict[tuple[str, str], str] = ctx.memo.get(_FIRST, {})
    findings = tuple(
        Finding.make(SENSITIVE_WORD, page=page, text=word, context=context)
        for (word, context), page in sorted(first.items(), key=lambda item: (item[1], item[0]))
    )
    return SiteOutcome(findings)


def is_enabled(config: ScanConfig) -> bool:
    return bool(config.sensitive_words)


CHECK = Check("sensitive_words", on_page=check_page, on_site=check_site, enabled=is_enabled)
