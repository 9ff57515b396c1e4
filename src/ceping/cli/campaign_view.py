"""Scored results as terminal tables (the `ceping campaign results` command)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.table import Table

from ceping.scoring import CampaignResults, Statistic

SAMPLE_NOTE = "（重建样例数据，非真实测评结果）"


def results_tables(results: CampaignResults, category: str | None = None) -> Iterator[Table]:
    """One table of totals per category, then the notice's statistics."""
    framework = results.framework
    note = SAMPLE_NOTE if results.is_sample_data else ""
    for name in framework.category_names:
        if category is not None and name != category:
            continue
        units = results.in_category(name)
        if not units:
            continue
        table = Table(title=f"{results.campaign} · {framework.category(name).label}{note}")
        table.add_column("名次", justify="right")
        table.add_column("单位")
        for area in framework.areas:
            table.add_column(f"{area.code} {area.name}", justify="right")
        table.add_column("总分", justify="right")
        table.add_column("等级")
        table.add_column("说明")
        for unit in units:
            remarks = [f"否决 {'、'.join(unit.vetoes)}"] if unit.vetoes else []
            remarks += [f"缺少数据 {'、'.join(unit.missing)}"] if unit.missing else []
            areas = [f"{unit.area_points.get(a.code, 0):.2f}" for a in framework.areas]
            table.add_row(
                str(unit.rank),
                unit.short_name,
                *areas,
                f"{unit.total:.2f}",
                unit.grade or "",
                "；".join(remarks),
            )
        yield table
    yield statistics_table(results, category)


def statistics_table(results: CampaignResults, category: str | None = None) -> Table:
    table = Table(title=f"统计数据{SAMPLE_NOTE if results.is_sample_data else ''}")
    for column in ("统计项", "范围", "指标", "数值", "上年", "变化"):
        table.add_column(column, justify="right" if column in ("数值", "上年", "变化") else "left")
    for stat in results.statistics:
        if category is not None and stat.category not in (category, None):
            continue
        table.add_row(
            f"{stat.label}（{stat.key}）",
            stat.category or "全部",
            stat.area or "",
            _value(stat),
            "" if stat.previous is None else _number(stat.previous, stat.unit),
            _change(stat),
        )
    return table


def _number(value: float, unit: str) -> str:
    return f"{value:.1f}{unit}" if unit == "%" else f"{value:,.0f}{unit}"


def _value(stat: Statistic) -> str:
    return _number(stat.value, stat.unit)


def _change(stat: Statistic) -> str:
    change = stat.change
    if change is None:
        return ""
    return f"{change:+.1f} 个百分点" if stat.unit == "%" else f"{change:+,.0f}"
