"""Report charts as PNG bytes, drawn with matplotlib in the CJK font that mplfonts ships."""

from __future__ import annotations

import functools
import importlib.util
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PIL import Image

from ceping.errors import ReportError
from ceping.report.text import clean, number, rate
from ceping.scoring.results import CampaignResults, Statistic, UnitResult

FONT_FILE = "NotoSansCJKsc-Regular.otf"  # SIL Open Font License, shipped inside the mplfonts wheel
FONT_NAME = "Noto Sans CJK SC"
DPI = 200
MAX_CHART_HEIGHT_MM = 190.0  # of the 225 mm text block, leaving room for a caption
UNIT_DPI = 150  # one chart per unit: sharp enough on paper, half the drawing time
THIS_YEAR_COLOUR = "#b22222"
LAST_YEAR_COLOUR = "#9e9e9e"
BAR_COLOUR = "#4a6fa5"


@dataclass(frozen=True)
class Chart:
    name: str  # file stem, e.g. "totals-区县"
    caption: str
    png: bytes
    width_mm: float = 150.0
    labels: tuple[str, ...] = ()  # the figures printed on the bars, as drawn


@functools.cache
def font_path() -> Path:
    """The Noto Sans CJK SC file inside the installed mplfonts package (never downloaded)."""
    spec = importlib.util.find_spec(
        "mplfonts"
    )  # located, not imported: its import touches rcParams
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / "fonts" / FONT_FILE
        if path.is_file():
            return path
    raise ReportError(
        f"找不到图表用的中文字体 {FONT_FILE}（随 mplfonts 软件包安装，请重新安装 ceping）"
    )


@functools.cache
def _register_font() -> None:
    font_manager.fontManager.addfont(str(font_path()))


def _style() -> Any:  # matplotlib types rc keys as a Literal union
    _register_font()
    return {
        "font.family": [FONT_NAME],
        "axes.unicode_minus": False,  # the font's U+2212 is fine, but ASCII keeps digits uniform
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _png(figure: Figure, dpi: int = DPI) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    # No Software/date metadata: the same results give the same bytes.
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def total_bands(results: CampaignResults, category: str) -> tuple[list[float], list[int]]:
    """5-point bands from 60 (or the lowest total) to the maximum, or past it when a bonus
    part lifts a total above it (a portal's 102.5 was left off the chart), and the number of
    the category's units in each; a total on the last edge counts in the last band."""
    totals = [u.total for u in results.in_category(category)]
    low = min([60.0] + [5 * (t // 5) for t in totals])
    high = max([results.framework.total] + [5 * math.ceil(t / 5) for t in totals])
    edges = [low + 5 * i for i in range(int((high - low) // 5) + 1)]
    counts = [
        sum(1 for t in totals if a <= t < b or (b == edges[-1] and t == b))
        for a, b in pairwise(edges)
    ]
    return edges, counts


def totals_distribution(results: CampaignResults, category: str) -> Chart:
    """How many units of a category scored in each 5-point band, with the grade thresholds."""
    units = results.in_category(category)
    label = results.framework.category(category).label
    edges, counts = total_bands(results, category)
    with rc_context(_style()):
        figure = Figure(figsize=(6.0, 2.8))
        axes = figure.add_subplot()
        axes.bar(edges[:-1], counts, width=4.6, align="edge", color=BAR_COLOUR)
        for x, count in zip(edges[:-1], counts, strict=False):
            if count:
                axes.text(x + 2.3, count, str(count), ha="center", va="bottom")
        grading = results.framework.grading.categories.get(category)
        top = max(counts + [1])
        for grade, threshold in grading.thresholds.items() if grading else []:
            axes.axvline(threshold, color=THIS_YEAR_COLOUR, linestyle="--", linewidth=0.8)
            # Above the tallest bar, so a count label never sits under a threshold label.
            axes.text(
                threshold + 0.3,
                top * 1.22,
                f"{grade} ≥{number(threshold)}",
                color=THIS_YEAR_COLOUR,
                fontsize=8,
                va="top",
            )
        axes.set_xticks(edges)
        axes.set_xlabel("总分")
        axes.set_ylabel("网站数（个）")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # a count of sites is whole
        axes.set_ylim(0, top * 1.28)
        figure.tight_layout()
        png = _png(figure)
    return Chart(f"totals-{category}", f"{label}总分分布（共{len(units)}个）", png)


def value_labels(values: Sequence[float]) -> list[str]:
    """The figures printed at the end of rate bars: one decimal each, as the notice prints rates
    ("51.0%" beside "91.9%", never "51%")."""
    return [rate(v) for v in values]


def _rate_label(results: CampaignResults, stat: Statistic) -> str:
    """ "A1 优良率（区县网站）": the area, the figure, the scope."""
    text = f"{stat.area + ' ' if stat.area else ''}{stat.label or stat.key}"
    scope = results.framework.scope_label(stat.category) if stat.category else ""
    return clean(f"{text}（{scope}）" if scope else text)


def area_rates(results: CampaignResults, rates: Sequence[Statistic] = ()) -> Chart:
    """The rates the notice prints (all rates when none are given), each beside last year's."""
    rates = [s for s in rates if s.unit == "%"] or [s for s in results.statistics if s.unit == "%"]
    labels = [_rate_label(results, s) for s in rates]
    # A row holds this year's bar and last year's below it; without last year, one bar on
    # its label's line in a thinner row (a tall chart of empty rows left a page half blank).
    compared = any(s.previous is not None for s in rates)
    offset, row_in = (0.2, 0.42) if compared else (0.0, 0.26)
    height_in = 0.9 + row_in * max(len(rates), 1)
    with rc_context(_style()):
        figure = Figure(figsize=(6.0, height_in))
        axes = figure.add_subplot()
        ys = list(range(len(rates)))
        axes.barh(
            [y + offset for y in ys],
            [s.value for s in rates],
            height=0.38 if compared else 0.62,
            color=THIS_YEAR_COLOUR,
            label=f"{results.year}年",
        )
        previous = [
            (y, s.previous) for y, s in zip(ys, rates, strict=True) if s.previous is not None
        ]
        if previous:
            axes.barh(
                [y - 0.2 for y, _ in previous],
                [p for _, p in previous],
                height=0.38,
                color=LAST_YEAR_COLOUR,
                label=f"{results.year - 1}年",
            )
            # Last year's figures too, in grey: a reader compares numbers, not bar lengths.
            befores = [b for _, b in previous]
            for (y, before), text in zip(previous, value_labels(befores), strict=True):
                axes.text(before + 0.8, y - 0.2, text, va="center", fontsize=6.5, color="#616161")
        values = [s.value for s in rates]
        for y, value, text in zip(ys, values, value_labels(values), strict=True):
            axes.text(value + 0.8, y + offset, text, va="center", fontsize=7)
        axes.set_yticks(ys, labels)
        axes.invert_yaxis()
        axes.set_xlim(0, 110)
        axes.set_xlabel("%")
        axes.legend(
            loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8, frameon=False
        )
        figure.tight_layout()
        png = _png(figure)
    # Many rates make a tall chart: narrow it so that it still fits one page with its caption.
    width_mm = min(150.0, MAX_CHART_HEIGHT_MM * 6.0 / height_in)
    # The caption promises a comparison only when last year's figures are drawn.
    caption = f"各项比率与{results.year - 1}年对比" if previous else f"{results.year}年各项比率"
    return Chart("rates", caption, png, width_mm, tuple(value_labels(values)))


def unit_areas(results: CampaignResults, unit: UnitResult) -> Chart:
    """A unit's share of each area's points beside the average of its category."""
    return UnitCharts(results).chart(unit)


def _share(unit: UnitResult, code: str, maximum: float) -> float:
    return 100.0 * unit.area_points.get(code, 0.0) / maximum if maximum else 0.0


class UnitCharts:
    """The units' charts of a campaign, each drawn over a background made once per shape.

    Units of a category share the chart's frame (areas, axes, legend, the category's average):
    it is drawn once, and each unit's chart only draws its own bars and figures over a copy of
    it (matplotlib's blitting), a third of the time of drawing 86 figures whole."""

    def __init__(self, results: CampaignResults) -> None:
        self.results = results
        self._frames: dict[tuple[str, tuple[str, ...]], _UnitFrame] = {}

    def chart(self, unit: UnitResult) -> Chart:
        areas = tuple(a.code for a in self.results.framework.areas if a.code in unit.area_points)
        key = (unit.category, areas)
        if key not in self._frames:
            self._frames[key] = _UnitFrame(self.results, unit.category, areas)
        maxima = {a.code: a.max for a in self.results.framework.areas}
        own = [_share(unit, code, maxima[code]) for code in areas]
        png = self._frames[key].render(own)
        labels = tuple(value_labels(own))
        return Chart(f"unit-{unit.code}", "各部分得分率与同类平均", png, labels=labels)


class _UnitFrame:
    """One shape of unit chart: everything but the unit's own bars, drawn once."""

    def __init__(self, results: CampaignResults, category: str, codes: tuple[str, ...]) -> None:
        peers = results.in_category(category)
        areas = [a for a in results.framework.areas if a.code in codes]
        mean = [sum(_share(p, a.code, a.max) for p in peers) / len(peers) for a in areas]
        labels = [clean(f"{a.code} {a.name}") for a in areas]
        with rc_context(_style()):
            # 70 mm high for four areas at 150 mm wide: it fits under the first page's text.
            height = 1.0 + 0.45 * max(len(areas), 1)
            figure = Figure(figsize=(6.0, height), dpi=UNIT_DPI)
            self.canvas = FigureCanvasAgg(figure)
            axes = figure.add_subplot()
            ys = list(range(len(areas)))
            self.bars = axes.barh(
                [y - 0.2 for y in ys], [0.0] * len(ys), height=0.38, color=BAR_COLOUR,
                label="本单位",
            )  # fmt: skip
            axes.barh(
                [y + 0.2 for y in ys], mean, height=0.38, color=LAST_YEAR_COLOUR, label="同类平均"
            )
            self.texts = [axes.text(0, y - 0.2, "", va="center", fontsize=7) for y in ys]
            for artist in [*self.bars, *self.texts]:
                artist.set_animated(True)  # left out of the background, drawn per unit
            axes.set_yticks(ys, labels)
            axes.invert_yaxis()
            axes.set_xlim(0, 110)
            axes.set_xlabel("得分率（%）")
            axes.legend(
                loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8, frameon=False
            )
            # Fixed margins instead of tight_layout, which draws the figure once more.
            figure.subplots_adjust(
                left=0.3, right=0.97, top=1 - 0.45 / height, bottom=0.55 / height
            )
            self.canvas.draw()  # type: ignore[no-untyped-call]
            self.background = self.canvas.copy_from_bbox(figure.bbox)  # type: ignore[no-untyped-call]
        self.axes, self.figure = axes, figure

    def render(self, own: list[float]) -> bytes:
        with rc_context(_style()):
            self.canvas.restore_region(self.background)  # type: ignore[no-untyped-call]
            for bar, text, value, label in zip(
                self.bars, self.texts, own, value_labels(own), strict=True
            ):
                bar.set_width(value)
                text.set_x(value + 0.8)
                text.set_text(label)
                self.axes.draw_artist(bar)
                self.axes.draw_artist(text)
            width, height = self.canvas.get_width_height()
            rgba = self.canvas.buffer_rgba()  # type: ignore[no-untyped-call]
            image = Image.frombuffer("RGBA", (width, height), rgba)
            buffer = io.BytesIO()
            # No date or software metadata: the same results give the same bytes.
            image.save(buffer, format="png", dpi=(UNIT_DPI, UNIT_DPI))
        return buffer.getvalue()
