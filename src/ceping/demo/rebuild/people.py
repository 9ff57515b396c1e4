"""Experts' and the public's answers, built to given rates, and experts' points for a given
score."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass

EXPERTS = 96  # in all (the seed)
PEOPLE_EXPERTS = 91  # of those, the ones who also rated areas C and D
POINT_PANEL = 6  # experts giving points per unit (a trimmed mean drops one at each end)
CHOICE_PANEL = 5  # experts answering the C and D items per unit

Counts = list[int]  # [first, second, third] choice counts


def expert_id(n: int) -> str:
    return f"E{n + 1:02d}"


def point_panel(index: int) -> list[str]:
    """Consecutive experts of all 96, so that every one of them rates some unit."""
    return [expert_id((POINT_PANEL * index + k) % EXPERTS) for k in range(POINT_PANEL)]


def choice_panel(index: int) -> list[str]:
    """Consecutive experts of the first 91, who alone rate C and D."""
    return [expert_id((CHOICE_PANEL * index + k) % PEOPLE_EXPERTS) for k in range(CHOICE_PANEL)]


def ratings_for(target: float, top: float, rng: random.Random) -> list[float]:
    """Six experts' points whose trimmed mean (lowest and highest dropped) is exactly `target`."""
    t, m = round(target * 100), round(top * 100)
    d = min(rng.randint(5, 30), t, m - t)
    low = max(0, t - d - rng.randint(5, 60))
    high = min(m, t + d + rng.randint(5, 60))
    if t == m:
        low = max(0, m - rng.randint(20, 80))
    cents = [low, t - d, t, t, t + d, high]
    rng.shuffle(cents)
    return [c / 100 for c in cents]


def expert_choices(favourable: int, first: int) -> Counts:
    """A panel's counts: `favourable` of CHOICE_PANEL answer the first two choices, `first` the
    first."""
    first = min(first, favourable)
    return [first, favourable - first, CHOICE_PANEL - favourable]


def public_choices(n: int, favourable_rate: float, first_rate: float) -> Counts:
    """Counts of n public answers with about the given favourable and first-choice rates."""
    favourable = min(n, max(0, round(n * favourable_rate)))
    first = min(favourable, max(0, round(n * first_rate)))
    return [first, favourable - first, n - favourable]


def hit_rate(
    entries: Sequence[Counts], fixed: Sequence[Counts], target: float, positive: bool
) -> None:
    """Shift answers between choices (in place) until the pooled rate is as near `target` as can be.

    positive=True moves 1st ↔ 2nd (the favourable rate, hence the points, stay put);
    positive=False moves 2nd ↔ 3rd (the favourable rate moves).
    """
    pooled = [*entries, *fixed]
    total = sum(sum(c) for c in pooled)
    have = sum(c[0] if positive else c[0] + c[1] for c in pooled)
    diff = round(target * total) - have
    give, take = (1, 0) if positive else (2, 1)  # diff > 0: one answer moves from `give` to `take`
    if diff < 0:
        give, take = take, give
    for counts in _round_robin(entries, abs(diff), give):
        counts[give] -= 1
        counts[take] += 1


def _round_robin(entries: Sequence[Counts], times: int, index: int) -> Iterator[Counts]:
    left = times
    while left:
        moved = False
        for counts in entries:
            if left and counts[index] > 0:
                moved = True
                left -= 1
                yield counts
        if not moved:
            raise ValueError(f"cannot move {left} more answers")


def forms_of(
    counts: MutableMapping[str, Counts],
    choices: dict[str, tuple[str, str, str]],
    forms: int,
    rng: random.Random,
) -> list[dict[str, str]]:
    """Spread per-item counts over `forms` survey forms: one answer per item per form."""
    result: list[dict[str, str]] = [{} for _ in range(forms)]
    for item, item_counts in counts.items():
        if sum(item_counts) != forms:
            raise ValueError(f"{item}: {sum(item_counts)} answers for {forms} forms")
        answers = [choices[item][k] for k, n in enumerate(item_counts) for _ in range(n)]
        rng.shuffle(answers)
        for form, answer in zip(result, answers):
            form[item] = answer
    return result


def cents_between(low: float, high: float) -> tuple[int, int]:
    return math.ceil(low * 100 - 1e-6), math.floor(high * 100 + 1e-6)


@dataclass(frozen=True)
class Forms:
    both: int
    c_only: int
    d_only: int

    @property
    def c(self) -> int:
        return self.both + self.c_only

    @property
    def d(self) -> int:
        return self.both + self.d_only
