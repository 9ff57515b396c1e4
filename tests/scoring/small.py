"""A small campaign whose every score and statistic is computed by hand in the tests."""

from __future__ import annotations

from typing import Any

from ceping.framework import Framework, parse_framework
from ceping.scoring import (
    CampaignInputs,
    ExpertRating,
    PortalRow,
    PublicAnswer,
    SelfPoints,
    UnitInput,
)

FRAMEWORK = """\
name: 小测试
total: 20
categories:
  - {name: 区县}
  - {name: 部门}
groups:
  - {name: 所有网站, categories: [区县, 部门]}
areas:
  - code: A
    name: 建设
    children:
      - {code: A1, name: 链接, max: 4, source: machine, \
rule: {kind: deduct, finding: broken_link, per: 1, cap: 3}}
      - code: A2
        name: 速度
        max: 2
        source: machine
        rule: {kind: bands, measure: home_ms, \
bands: [{at_most: 1000, points: 2}, {at_most: 3000, points: 1}]}
      - {code: A3, name: 专栏, max: 4, source: expert}
  - code: B
    name: 保障
    children:
      - {code: B1, name: 采用率, max: 4, source: portal, \
rule: {kind: linear, measure: adoption_rate, low: 0.5, high: 1.0}}
      - {code: B2, name: 自查, max: 2, source: self, weights: {部门: 0}}
  - code: C
    name: 便捷
    children:
      - {code: C1, name: 便捷度, max: 2, source: {expert: 0.5, public: 0.5}, scale: convenience}
  - code: D
    name: 满意
    children:
      - {code: D1, name: 满意度, max: 2, source: public, scale: satisfaction}
vetoes:
  - {code: V1, name: 无法访问, finding: unreachable}
  - {code: V2, name: 空白栏目过多, finding: blank_column, at_least: 2, effect: cap, cap: 5}
grading:
  grades: [优秀, 良好]
  categories:
    区县: {thresholds: {优秀: 15, 良好: 10}, quotas: {优秀: 1}}
"""

UNITS = (
    UnitInput("Q1", "甲区人民政府", "甲区", "区县"),
    UnitInput("Q2", "乙区人民政府", "乙区", "区县"),
    UnitInput("Q3", "丙区人民政府", "丙区", "区县"),
    UnitInput("Q4", "丁区人民政府", "丁区", "区县"),
    UnitInput("M1", "某某局", "某局", "部门"),
    UnitInput("M2", "某某委", "某委", "部门"),
)


def site(
    url: str, home_ms: float | None, findings: list[dict[str, Any]], reachable: bool = True
) -> dict[str, Any]:
    measurements = {} if home_ms is None else {"home_ms": home_ms}
    return {
        "url": url,
        "reachable": reachable,
        "pages": 10,
        "features": {"search": True},
        "findings": findings,
        "measurements": measurements,
    }


def broken(n: int) -> list[dict[str, Any]]:
    return [
        {
            "kind": "broken_link",
            "url": f"https://x.example/{i}",
            "page": "https://x.example/",
            "status": 404,
        }
        for i in range(n)
    ]


SCANS = {
    "Q1": site("https://q1.example/", 800, broken(1)),
    "Q2": site("https://q2.example/", 2500, broken(5)),
    "Q3": site("https://q3.example/", None, [], reachable=False),
    "Q4": site("https://q4.example/", 900, []),
    "M1": site(
        "https://m1.example/",
        1200,
        [
            {"kind": "blank_column", "page": "https://m1.example/a"},
            {"kind": "blank_column", "page": "https://m1.example/b"},
        ],
    ),
    "M2": site("https://m2.example/", 500, []),
}


def expert_points(unit: str, values: list[float], first: int = 1) -> list[ExpertRating]:
    return [ExpertRating(unit, "A3", f"E{first + i}", points=v) for i, v in enumerate(values)]


EXPERTS = [
    *expert_points("Q1", [4, 3, 3.5, 2, 4, 1]),
    *expert_points("Q2", [4, 4, 4, 4]),
    *expert_points("Q3", [2, 2], first=5),
    *expert_points("Q4", [3, 3, 3, 3, 3]),
    ExpertRating("M1", "A3", "E7", points=4),
    *expert_points("M2", [4, 4, 4, 4, 4]),
    ExpertRating("Q1", "C1", "E1", choice="方便"),
    ExpertRating("Q1", "C1", "E2", choice="基本方便"),
    ExpertRating("Q2", "C1", "E3", choice="方便"),
    ExpertRating("Q3", "C1", "E5", choice="不方便"),
    ExpertRating("Q4", "C1", "E2", choice="方便"),
    ExpertRating("M1", "C1", "E7", choice="基本方便"),
    ExpertRating("M2", "C1", "E8", choice="方便"),
]


def answers(unit: str, item: str, pairs: str) -> list[PublicAnswer]:
    """pairs like "P1:方便 P2:不方便"."""
    result = []
    for pair in pairs.split():
        respondent, choice = pair.split(":")
        result.append(PublicAnswer(respondent, unit, item, choice))
    return result


PUBLIC = [
    *answers("Q1", "C1", "P1:方便 P2:不方便 P3:方便 P4:基本方便"),
    *answers("Q1", "D1", "P1:满意 P2:基本满意 P3:不满意 P5:满意"),
    *answers("Q2", "C1", "P1:方便 P6:方便"),
    *answers("Q2", "D1", "P1:满意 P6:满意"),
    *answers("Q3", "C1", "P7:不方便"),
    *answers("Q3", "D1", "P7:不满意"),
    *answers("Q4", "C1", "P8:基本方便"),
    *answers("M1", "C1", "P9:方便 P10:方便 P11:不方便"),
    *answers("M1", "D1", "P9:基本满意"),
    *answers("M2", "C1", "P12:方便"),
    *answers("M2", "D1", "P12:满意"),
]

PORTAL = [
    PortalRow("Q1", submitted=100, adopted=90),
    PortalRow("Q2", submitted=200, adopted=200),
    PortalRow("Q3", submitted=100, adopted=50),
    PortalRow("Q4", submitted=10, adopted=10),
    PortalRow("M1", submitted=50, adopted=45),
    PortalRow("M2", submitted=100, adopted=100),
]

SELF = [
    SelfPoints("Q1", "B2", 2),
    SelfPoints("Q2", "B2", 2),
    SelfPoints("Q3", "B2", 1),
    SelfPoints("Q4", "B2", 2),
]


def framework() -> Framework:
    return parse_framework(FRAMEWORK, source="small.yaml")


def inputs(**changes: Any) -> CampaignInputs:
    values: dict[str, Any] = {
        "campaign": "小测试",
        "year": 2012,
        "scans": SCANS,
        "expert": EXPERTS,
        "public": PUBLIC,
        "portal": PORTAL,
        "self_points": SELF,
    }
    values.update(changes)
    return CampaignInputs(**values)
