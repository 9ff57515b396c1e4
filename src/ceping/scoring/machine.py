"""What scoring reads from one site of the scan JSON: its findings and its measures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ceping.scoring.results import Json


@dataclass(frozen=True, slots=True)
class MachineFacts:
    """The findings (with those scoring derives) and the measures of one scanned site."""

    findings: tuple[Json, ...]
    measures: Mapping[str, float]
    reachable: bool
    by_kind: Mapping[str, tuple[Json, ...]]  # the findings by kind, in scan order

    def of_kinds(self, kinds: tuple[str, ...]) -> tuple[Json, ...]:
        """The findings of these kinds (in scan order when one kind)."""
        if len(kinds) == 1:
            return self.by_kind.get(kinds[0], ())
        return tuple(f for f in self.findings if f.get("kind") in kinds)


def counts(finding: Json) -> bool:
    """Whether a finding may cost points: a suspect (a guess the scanner is not sure of, such as
    a statistical typo) counts only once a person has confirmed it. A wrong deduction is worse
    than a missed one."""
    return not finding.get("suspect") or finding.get("confirmed") is True


def machine_facts(site: Json) -> MachineFacts:
    """Read a site of the scan JSON (DESIGN.md §5.1) plus its optional `measurements`.

    An unreachable site gets an `unreachable` finding, so vetoes and rules can
    name it like any other defect. Unconfirmed suspects are left out (`counts`).
    """
    reachable = bool(site.get("reachable", False))
    # A site the scanner could not finish (its crawler process died: `stats.failed`) was not
    # judged: it is not unreachable, its availability is simply not known.
    stats = site.get("stats")
    failed = isinstance(stats, Mapping) and bool(stats.get("failed"))
    findings = tuple(f for f in site.get("findings", ()) if isinstance(f, Mapping) and counts(f))
    if not reachable and not failed and not any(f.get("kind") == "unreachable" for f in findings):
        findings = (
            MappingProxyType({"kind": "unreachable", "url": str(site.get("url", ""))}),
        ) + findings
    measures: dict[str, float] = {
        "https": 1.0 if str(site.get("url", "")).startswith("https://") else 0.0,
    }
    if not failed:
        measures["reachable"] = 1.0 if reachable else 0.0
    if isinstance(site.get("pages"), int | float):
        measures["pages"] = float(site["pages"])
    features = site.get("features")
    # null: not known (a site a script challenge kept from the scan), the input is missing.
    if isinstance(features, Mapping) and features.get("search") is not None:
        measures["search_works"] = 1.0 if features["search"] else 0.0
    if isinstance(features, Mapping) and features.get("english") is not None:
        measures["english"] = 1.0 if features["english"] else 0.0
    measurements = site.get("measurements")
    if isinstance(measurements, Mapping):
        for key, value in measurements.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                measures[str(key)] = float(value)
    by_kind: dict[str, list[Json]] = {}
    for finding in findings:
        by_kind.setdefault(str(finding.get("kind")), []).append(finding)
    return MachineFacts(
        findings=findings,
        measures=MappingProxyType(measures),
        reachable=reachable,
        by_kind=MappingProxyType({kind: tuple(items) for kind, items in by_kind.items()}),
    )
