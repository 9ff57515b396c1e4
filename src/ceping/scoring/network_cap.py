"""The per-network cap on public responses: what slips past the survey's abuse checks from one place
weighs little.

A response is a respondent's form about one unit's site: the (respondent, unit)
of its answers. Of the responses about one unit from one network, only the
earliest `per_network` count; the rest are kept in the database but left out of
every score and figure. A response without a network (imported, or rebuilt
sample data) is never capped.
"""

from __future__ import annotations

from collections.abc import Iterable

from ceping.scoring.inputs import PublicAnswer

Response = tuple[str, str]  # (respondent, unit)


def capped_responses(
    answers: Iterable[PublicAnswer], per_network: int | None
) -> frozenset[Response]:
    """The responses beyond the first `per_network` about one unit from one network; None: no cap.

    `answers` come in the order the responses were submitted (earliest first);
    a response is counted at its first answer.
    """
    if per_network is None:
        return frozenset()
    if per_network < 0:
        raise ValueError(f"per_network must be at least 0, not {per_network}")
    seen: set[Response] = set()
    counts: dict[tuple[str, str], int] = {}
    capped: set[Response] = set()
    for answer in answers:
        if not answer.network:
            continue
        response = (answer.respondent, answer.unit)
        if response in seen:
            continue
        seen.add(response)
        key = (answer.unit, answer.network)
        count = counts[key] = counts.get(key, 0) + 1
        if count > per_network:
            capped.add(response)
    return frozenset(capped)
