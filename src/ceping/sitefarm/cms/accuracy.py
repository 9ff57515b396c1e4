"""Findings against ground truth: per kind and split, which were found, missed, or false.

A finding matches a planted one of the same site when its kind and its key fields agree
(the way tests/scan/test_farm_scan.py matches the first farm). Site-wide kinds (viewport,
lang, 无障碍, and alt text, judged once per site by the share of images without it) key on
the site alone: a scanner may name any page and any image of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ceping.scan import urls

KEYS: Mapping[str, tuple[str, ...]] = {
    "broken_link": ("url", "page"),
    "stale_column": ("page", "latest"),
    "blank_column": ("page",),
    "typo": ("page", "text"),
    "slow_page": ("page",),
    "missing_feature": ("feature",),
    "stale_home": ("page", "latest"),
    "unanswered_message": ("page", "posted"),
    "slow_reply": ("page", "posted"),
    "guide_incomplete": ("page",),
    "missing_identifier": ("identifier",),
    "hidden_link": ("page", "url"),
    "sensitive_word": ("page", "text"),  # with cms/sensitive.WORDS as the campaign's list
    "no_viewport": (),
    "missing_alt": (),
    "no_accessible_mode": (),
    "no_lang": (),
    # Security posture, per site (an https:// site of the farm: cms/security.py); a template's
    # http:// resource is one finding however many pages load it, on whichever page.
    "no_https_redirect": (),
    "no_hsts": ("reason",),
    "weak_tls": ("reason",),
    "mixed_content": ("url",),
    "no_ipv6": ("reason",),
}
MEASURED = tuple(KEYS)
ALL_SPLITS = "all"
_URL_FIELDS = ("url", "page")

Key = tuple[Any, ...]


def key(finding: Mapping[str, Any]) -> Key:
    """(site, kind, key fields…), URLs in their canonical form."""
    values = []
    for name in KEYS[finding["kind"]]:
        value = finding.get(name)
        if name in _URL_FIELDS and isinstance(value, str) and "://" in value:
            value = urls.normalize(value)
        values.append(value)
    return (finding.get("site"), finding["kind"], *values)


@dataclass
class Tally:
    """One kind in one split: what was found right, missed, and falsely reported."""

    hits: set[Key] = field(default_factory=set)
    misses: set[Key] = field(default_factory=set)
    false_alarms: set[Key] = field(default_factory=set)

    @property
    def precision(self) -> float | None:
        reported = len(self.hits) + len(self.false_alarms)
        return len(self.hits) / reported if reported else None

    @property
    def recall(self) -> float | None:
        planted = len(self.hits) + len(self.misses)
        return len(self.hits) / planted if planted else None


def _edits(text: str, suggestion: str) -> frozenset[tuple[str, str]]:
    """The characters a correction replaces, when it keeps the length ("布署" → "部署": 布 → 部)."""
    if len(text) != len(suggestion):
        return frozenset()
    return frozenset((a, b) for a, b in zip(text, suggestion, strict=True) if a != b)


def _is_same_typo(found: Mapping[str, Any], planted: Mapping[str, Any]) -> bool:
    """The planted typo, reported with other characters around it: a span that contains it or
    lies inside it ("贯切落实" for "贯切"), or the same correction of an overlapping span
    ("一布" → "一部" in 统一布署, for "布署" → "部署")."""
    text, wrong = str(found.get("text") or ""), str(planted["text"])
    if text and (wrong in text or text in wrong):
        return True
    edits = _edits(text, str(found.get("suggestion") or ""))
    return bool(edits) and edits == _edits(wrong, str(planted["suggestion"]))


def group_typos(truth: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Planted typos of one site with the same wrong words in the same sentence are one defect
    (docs/decisions/0016-typo-once-per-sentence.md): one entry, on the first of its pages in URL
    order, with all of them in `pages`. A truth without `sentence` (the first farm, which plants
    each wrong word in one sentence) groups by the words alone."""
    out: list[Mapping[str, Any]] = []
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = defaultdict(list)
    for t in truth:
        if t["kind"] == "typo":
            groups[t.get("site"), t["text"], t.get("suggestion"), t.get("sentence")].append(t)
        else:
            out.append(t)
    for members in groups.values():
        pages = sorted({p for m in members for p in m.get("pages") or [m["page"]]})
        out.append({**members[0], "page": pages[0], "pages": pages})
    return out


def _typo_spans(
    found: list[Mapping[str, Any]], truth: list[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """A typo finding that is a planted typo in another span, or on another page showing the same
    sentence, is given the planted text and page; a second finding of one planted typo keeps its
    own page, and counts as a false alarm (the policy is one finding per typo and sentence)."""
    planted: dict[tuple[Any, Any], list[Mapping[str, Any]]] = defaultdict(list)
    for t in truth:
        if t["kind"] == "typo":
            for page in t.get("pages") or [t.get("page")]:
                planted[t.get("site"), page].append(t)
    out, claimed = [], set()
    for f in found:
        if f["kind"] == "typo":
            near = planted.get((f.get("site"), f.get("page")), [])
            same = next((p for p in near if _is_same_typo(f, p)), None)
            mark = (f.get("site"), same["page"], same["text"]) if same is not None else None
            if same is not None and mark not in claimed:
                claimed.add(mark)
                f = {**f, "text": same["text"], "page": same["page"]}
        out.append(f)
    return out


def score(
    found: Iterable[Mapping[str, Any]],
    truth: Iterable[Mapping[str, Any]],
    kinds: Iterable[str] = MEASURED,
) -> dict[tuple[str, str], Tally]:
    """Tallies by (split, kind), and by ("all", kind). Each finding and truth item carries
    `site` and `split`; kinds outside `kinds` (no_https, trap, …) are not measured."""
    wanted = set(kinds)
    truth = group_typos(truth)
    found = _typo_spans(list(found), truth)
    got: dict[tuple[str, str], set[Key]] = defaultdict(set)
    want: dict[tuple[str, str], set[Key]] = defaultdict(set)
    for into, items in ((got, found), (want, truth)):
        for item in items:
            if item["kind"] in wanted:
                for split in (item["split"], ALL_SPLITS):
                    into[split, item["kind"]].add(key(item))
    out = {}
    for where in set(got) | set(want):
        g, w = got[where], want[where]
        out[where] = Tally(g & w, w - g, g - w)
    return out
