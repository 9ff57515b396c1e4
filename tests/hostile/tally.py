"""The counts of the hostile-input suite: every case tried, and how it ended.

A case ends in one of these outcomes; the closing note quotes the table the suite prints
(`pytest tests/hostile -q`), where every column after `handled` must be 0.
"""

from __future__ import annotations

from collections import Counter, defaultdict

CLEAR = "clear"  # refused with a clear Chinese error or a 4xx (or sent to the login page)
HANDLED = "handled"  # taken as the valid input it is, or shown as a normal Chinese page
CRASH = "crash"  # a 500, an exception of ours, or memory beyond the bound
HANG = "hang"  # beyond the time bound
LOST = "lost"  # data changed, lost or stored by an input that should leave it alone
UNCLEAR = "unclear"  # refused, but not in Chinese (English text, a bare error)
UNSAFE = "unsafe"  # a hostile value passed on live: a scanned javascript: address as a link
OUTCOMES = (CLEAR, HANDLED, CRASH, HANG, LOST, UNCLEAR, UNSAFE)
HEADINGS = {
    CLEAR: "clear errors",
    HANDLED: "handled",
    CRASH: "crashes",
    HANG: "hangs",
    LOST: "data lost",
    UNCLEAR: "unclear",
    UNSAFE: "unsafe",
}

# Cases recorded by the tests of this process, not yet handed on in a test report: with
# pytest-xdist the tests run in worker processes and only their reports reach the main one.
_pending: list[tuple[str, str, str]] = []
_counts: dict[str, Counter[str]] = defaultdict(Counter)
_examples: dict[str, list[str]] = defaultdict(list)


def record(area: str, outcome: str, case: str = "") -> str:
    """Count one case of `area` (at the end of its test, see `drain`). Returns the outcome."""
    assert outcome in OUTCOMES, outcome
    _pending.append((area, outcome, case))
    return outcome


def drain() -> list[tuple[str, str, str]]:
    """The cases recorded since the last call, to travel in a test report."""
    cases = list(_pending)
    _pending.clear()
    return cases


def merge(cases: list[tuple[str, str, str]]) -> None:
    """Add cases to the table; keeps a few bad ones to show."""
    for area, outcome, case in cases:
        _counts[area][outcome] += 1
        if outcome not in (CLEAR, HANDLED) and len(_examples[area]) < 20:
            _examples[area].append(f"{outcome}: {case}")


def table() -> list[str]:
    """The counts as text lines, one row per area and a total."""
    if not _counts:
        return []
    head = ["area", "cases tried", *(HEADINGS[o] for o in OUTCOMES)]
    rows = []
    total: Counter[str] = Counter()
    for area in sorted(_counts):
        counts = _counts[area]
        total.update(counts)
        rows.append([area, str(sum(counts.values())), *(str(counts[o]) for o in OUTCOMES)])
    rows.append(["total", str(sum(total.values())), *(str(total[o]) for o in OUTCOMES)])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    for area, examples in sorted(_examples.items()):
        lines += [f"{area}: {e}" for e in examples]
    return lines
