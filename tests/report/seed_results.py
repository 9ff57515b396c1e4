"""A hand-built CampaignResults of the 2012 Shanghai campaign: the seed's figures, the 86 units."""

from __future__ import annotations

import csv
from importlib import resources
from types import MappingProxyType

from ceping.framework import Framework, load_framework, shipped_framework_path
from ceping.scoring.results import CampaignResults, Deduction, IndicatorScore, Statistic, UnitResult
from ceping.vocabulary import label_of

# The seed's attachment, in its order (which is rank order).
EXCELLENT = {
    "区县": ["黄浦区", "长宁区", "静安区", "奉贤区", "浦东新区", "徐汇区"],
    "市政府部门": [
        "市地税局",
        "市公安局",
        "市财政局",
        "市工商局",
        "市人力资源社会保障局",
        "市教委",
        "市住房保障房屋管理局",
        "市建设交通委",
        "市经济信息化委",
        "市绿化市容局",
        "市商务委",
        "市质量技监局",
        "市民政局",
        "市交通港口局",
        "市发展改革委",
        "市卫生局",
        "市食品药品监管局",
        "市科委",
        "市规划国土资源局",
        "市旅游局",
        "市体育局",
        "市社团局",
    ],
}
GOOD = {
    "区县": ["闸北区", "宝山区", "嘉定区", "杨浦区", "青浦区", "崇明县", "闵行区", "松江区"],
    "市政府部门": [
        "市农委",
        "市水务局",
        "市监察局",
        "市人口计生委",
        "市环保局",
        "市审计局",
        "市统计局",
        "市文广影视局",
        "市新闻出版局",
        "市司法局",
        "市政府新闻办",
        "市口岸办",
        "市政府外办",
        "市民防办",
        "市国资委",
        "市民族宗教委",
        "市粮食局",
        "市监狱局",
    ],
}

HOSTILE_URL = "https://www.shhuangpu.gov.cn/old/<script>alert(1)</script>?a=1&b=2"
HOSTILE_CONTEXT = "请输入您的帐号<b>和密码</b>\x00\x07\x1b[31m"

# Deductions with evidence: unit → leaf → findings (each deducted `per` points by its rule).
FINDINGS: dict[str, dict[str, list[dict[str, object]]]] = {
    "QX01": {
        "A2.6": [
            {
                "kind": "broken_link",
                "url": HOSTILE_URL,
                "page": "https://www.shhuangpu.gov.cn/xxgk/",
                "status": 404,
                "error": None,
            },
            {
                "kind": "broken_link",
                "url": "https://old.shhuangpu.gov.cn/bs/",
                "page": "https://www.shhuangpu.gov.cn/",
                "status": None,
                "error": "connection refused\x00\x0b",
            },
        ],
        "A2.7": [
            {
                "kind": "typo",
                "page": "https://www.shhuangpu.gov.cn/hd/",
                "text": "帐号",
                "suggestion": "账号",
                "context": HOSTILE_CONTEXT,
            },
        ],
    },
    "QX05": {
        "A2.5": [
            {
                "kind": "stale_column",
                "page": "https://www.shpt.gov.cn/tzgg/",
                "latest": "2011-09-30",
                "days": 458,
            },
            {"kind": "blank_column", "page": "https://www.shpt.gov.cn/zxft/"},
        ],
        "A2.9": [{"kind": "missing_feature", "feature": "search"}],
    },
    "KF06": {
        "A2.8": [{"kind": "slow_page", "page": "https://www.bsip.sh.cn/", "ms": 5400}],
        "A2.10": [{"kind": "missing_feature", "feature": "english"}],
    },
}
# Points per finding where the leaf's rule does not say (A2.8 reads bands of a measure).
PER = {"A2.8": 1.0}


def framework() -> Framework:
    return load_framework(shipped_framework_path("shanghai-2012"))


def unit_rows() -> list[dict[str, str]]:
    text = (resources.files("ceping.demo") / "data" / "shanghai-2012-units.csv").read_text(
        encoding="utf-8"
    )
    return list(csv.DictReader(text.splitlines()))


def _targets(rows: list[dict[str, str]]) -> dict[str, float]:
    """Totals that reproduce the seed's grades and order: 优秀 from 96 down, 良好 from 89, others
    below 80."""
    targets: dict[str, float] = {}
    for category in ("区县", "市政府部门", "管委会", "开发区（园区）"):
        names = [r["简称"] for r in rows if r["类别"] == category]
        excellent, good = EXCELLENT.get(category, []), GOOD.get(category, [])
        for i, name in enumerate(excellent):
            targets[name] = 96.0 - 0.25 * i
        for i, name in enumerate(good):
            targets[name] = 88.5 - 0.3 * i
        rest = [n for n in names if n not in targets]
        for i, name in enumerate(rest):
            targets[name] = (86.0 if category in ("管委会", "开发区（园区）") else 78.0) - 0.7 * i
    return targets


def _unit(
    fw: Framework, row: dict[str, str], target: float
) -> tuple[tuple[IndicatorScore, ...], float]:
    code = row["代码"]
    leaves = list(fw.leaves())
    findings = FINDINGS.get(code, {})
    fixed: dict[str, tuple[float, tuple[Deduction, ...]]] = {}
    for leaf_code, items in findings.items():
        leaf = fw.indicator(leaf_code)
        per = leaf.rule.per if leaf.rule and leaf.rule.per else PER[leaf_code]
        deductions = tuple(
            Deduction(
                per, f"{label_of(str(f['kind']))} 1 处，扣 {per:g} 分", MappingProxyType(dict(f))
            )
            for f in items
        )
        fixed[leaf_code] = (max(0.0, leaf.max - sum(d.points for d in deductions)), deductions)
    free_max = sum(leaf.max for leaf in leaves if leaf.code not in fixed)
    fixed_points = sum(p for p, _ in fixed.values())
    ratio = (target - fixed_points) / free_max
    scores = []
    for leaf in leaves:
        if leaf.code in fixed:
            points, deductions = fixed[leaf.code]
        else:
            points, deductions = round(leaf.max * ratio, 2), ()
        scores.append(
            IndicatorScore(
                code, leaf.code, points, leaf.max, "hand-built fixture", deductions=deductions
            )
        )
    return tuple(scores), round(sum(s.points for s in scores), 2)


def _area_points(fw: Framework, scores: tuple[IndicatorScore, ...]) -> dict[str, float]:
    by_code = {s.code: s.points for s in scores}
    return {
        node.code: round(sum(by_code[leaf.code] for leaf in node.leaves()), 2)
        for node in fw.walk()
        if not node.is_leaf
    }


def statistics() -> tuple[Statistic, ...]:
    """The seed's figures keyed as ceping.scoring keys them (docs/statistics.md)."""
    q, b = "区县网站", "部门网站"  # notice groups of the framework
    return (
        Statistic("unit_count", 17, "个", "区县", label="网站数"),
        Statistic("unit_count", 48, "个", "市政府部门", label="网站数"),
        Statistic("unit_count", 7, "个", "管委会", label="网站数"),
        Statistic("unit_count", 14, "个", "开发区（园区）", label="网站数"),
        Statistic("grade_count:优秀", 6, "个", "区县", label="优秀单位数"),
        # What the scan of the rebuilt sites finds (15 and 22 English versions; the seed's
        # 16 and 28 count English columns too, which no scan tells apart).
        Statistic("with:english", 15, "个", "区县", label="设有英文版的网站数"),
        Statistic("with:english", 22, "个", "市政府部门", label="设有英文版的网站数"),
        Statistic("grade_count:优秀", 22, "个", "市政府部门", label="优秀单位数"),
        Statistic("expert_count", 96, "位", label="参加测评专家数"),
        Statistic("public_count", 9989, "人次", label="参加测评公众人次"),
        Statistic("good_rate", 91.91, "%", q, "A1", previous=86.03, label="优良率"),
        Statistic("good_rate", 90.22, "%", b, "A1", label="优良率"),
        Statistic("full_marks", 7, "个", q, "A1", label="满分单位数"),
        Statistic("full_marks", 19, "个", b, "A1", label="满分单位数"),
        Statistic("good_rate", 90.5, "%", q, "A2", label="优良率"),
        Statistic("good_rate", 79.82, "%", b, "A2", label="优良率"),
        Statistic("info_submitted", 127_046, "条", label="报送信息数"),
        Statistic("adoption_rate", 85.4, "%", previous=81.4, label="信息采用率"),
        Statistic("good_rate", 72.94, "%", q, "B", label="优良率"),
        Statistic("good_rate", 51.01, "%", b, "B", label="优良率"),
        Statistic("area_expert_count", 91, "位", area="C", label="便捷度体验专家数"),
        Statistic("area_public_count", 5056, "人次", area="C", label="便捷度体验公众人次"),
        Statistic("convenient_rate", 66.71, "%", q, "C", previous=58.7, label="认为方便的比例"),
        Statistic("convenient_rate", 74.7, "%", b, "C", previous=63.7, label="认为方便的比例"),
        Statistic("area_expert_count", 91, "位", area="D", label="外观与功能测评专家数"),
        Statistic("area_public_count", 9989, "人次", area="D", label="外观与功能测评公众人次"),
        Statistic(
            "basic_satisfaction_rate", 95.6, "%", area="D", previous=88.6, label="基本满意率"
        ),
    )


def seed_results() -> CampaignResults:
    fw = framework()
    rows = unit_rows()
    targets = _targets(rows)
    built = []
    for row in rows:
        scores, total = _unit(fw, row, targets[row["简称"]])
        built.append((row, scores, total))
    units = []
    for row, scores, total in built:
        category = row["类别"]
        peers = sorted((t, r["代码"]) for r, _, t in built if r["类别"] == category)[::-1]
        grading = fw.grading.categories.get(category)
        grade = None
        if grading:
            grade = next((g for g in fw.grading.grades if total >= grading.thresholds[g]), None)
        units.append(
            UnitResult(
                code=row["代码"],
                name=row["名称"],
                short_name=row["简称"],
                category=category,
                total=total,
                max=fw.total,
                grade=grade,
                rank=[c for _, c in peers].index(row["代码"]) + 1,
                area_points=MappingProxyType(_area_points(fw, scores)),
                scores=scores,
            )
        )
    return CampaignResults(
        "2012年度上海市政府网站测评", 2012, fw, tuple(units), statistics(), is_sample_data=True
    )
