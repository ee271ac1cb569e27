"""图解: the key figures of one report, or of several years of one agency, as SVG or PNG.

Panels, each drawn only when the reports hold its figures: applications by outcome, by applicant
type, the proactive-disclosure figures of section 二 (or the 2008 table's facts), and year over
year when several reports are given. Labels come from the format data. matplotlib is imported
here only (the object API on the Agg and SVG canvases, no pyplot state), so the other commands never pay for it.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from gongkai.annual.formats import APPLICANT_COLUMNS, APPLICANT_TYPES, OUTCOME_ROWS
from gongkai.annual.model import Report
from gongkai.annual.render.layout import title

#: CJK fonts to look for, best first (Debian fonts-noto-cjk provides the first)
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei")
FORMATS_OUT = ("svg", "png")
COLOURS = ("#c0392b", "#2e86c1", "#28b463", "#b7950b", "#7d3c98", "#5d6d7e", "#d35400", "#17a589")
#: the series drawn year over year: (label, table, row, column)
TRENDS = (
    ("本年新收申请", "applications", "new", "total"),
    ("办理结果总计", "applications", "results_total", "total"),
    ("予以公开", "applications", "granted", "total"),
    ("结转下年度", "applications", "carried_forward", "total"),
    ("受理申请总数", "legacy", "applications_total", "year"),
    ("主动公开数", "legacy", "proactive_total", "year"),
)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed CJK font matplotlib can use, or None (labels then lose glyphs)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _number(value) -> float:
    return float(value) if isinstance(value, Decimal) else value


def outcomes(report: Report) -> list[tuple[str, float]]:
    """Applications by outcome (total column), the outcome rows summed per heading (（三）不予公开 …)."""
    if report.era not in OUTCOME_ROWS or not report.applications:
        return []
    table = report.format.table("applications")
    sums: dict[str, float] = {}
    for key in OUTCOME_ROWS[report.era]:
        row = table.row(key)
        label = row.group if "." in key else row.label.split("（区分")[0]
        sums[label] = sums.get(label, 0) + _number(report.get("applications", key, "total") or 0)
    return list(sums.items())


def applicants(report: Report) -> list[tuple[str, float]]:
    """New applications by applicant type."""
    labels = {c.key: c.label for c in APPLICANT_COLUMNS}
    row = report.applications.get("new", {})
    if not row:
        return []
    return [
        (labels[key] if key != "other_org" else "其他组织", _number(row.get(key, 0)))
        for key in APPLICANT_TYPES
    ]


def proactive(report: Report) -> list[tuple[str, float]]:
    """Section 二's counts (money left out: another unit), or the 2008 table's facts of the year."""
    out = []
    for table in report.format.tables:
        if table.key not in ("proactive", "legacy"):
            continue
        for row, column in table.cells():
            value = report.get(table.key, row.key, column.key)
            if value is None or column.money or table.key == "legacy" and column.key != "year":
                continue
            single = table.key == "legacy" or len(table.columns_of(row)) == 1
            out.append((row.label if single else f"{row.label}·{column.label}", _number(value)))
    return out


def trends(reports: list[Report]) -> tuple[list[int], list[tuple[str, list[float | None]]]]:
    ordered = sorted((r for r in reports if r.year), key=lambda r: r.year or 0)
    years = [r.year or 0 for r in ordered]
    series = []
    for label, table, row, column in TRENDS:
        values = [r.get(table, row, column) for r in ordered]
        if sum(v is not None for v in values) >= 2:
            series.append((label, [None if v is None else _number(v) for v in values]))
    return years, series


def figure_text(value: float) -> str:
    """A figure as a chart prints it beside its bar."""
    return f"{value:g}"


def _bars(ax, title_: str, items: list[tuple[str, float]], panel: int = 0) -> None:
    """A panel of horizontal bars, first item on top. Its title, each bar's label and each printed
    figure carry an SVG id (``gk-panel-P``, ``gk-label-P-I``, ``gk-value-P-I``, I in `items`'
    order), so the figures can be read back from the file (`gongkai.annual.parse.chart`)."""
    from matplotlib.ticker import MaxNLocator

    labels = [label for label, _ in items][::-1]
    values = [value for _, value in items][::-1]
    bars = ax.barh(range(len(values)), values, color=[COLOURS[i % len(COLOURS)] for i in range(len(values))][::-1])
    ax.set_yticks(range(len(labels)), labels)
    last = len(items) - 1
    for i, text in enumerate(ax.bar_label(bars, labels=[figure_text(v) for v in values], padding=3, fontsize=8)):
        text.set_gid(f"gk-value-{panel}-{last - i}")
    for i, text in enumerate(ax.get_yticklabels()):
        text.set_gid(f"gk-label-{panel}-{last - i}")
    ax.set_title(title_, fontsize=11)
    ax.title.set_gid(f"gk-panel-{panel}")
    ax.tick_params(axis="y", labelsize=8)
    low, high = min(values + [0]), max(values + [1])
    # a decrease (本年增/减) is drawn too, to the left of 0 with room for its figure
    ax.set_xlim(low * 1.2 - (high - low) * 0.08 if low < 0 else 0, high * 1.2)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)


def _lines(ax, years: list[int], series: list[tuple[str, list[float | None]]]) -> None:
    from matplotlib.ticker import MaxNLocator

    for i, (label, values) in enumerate(series):
        points = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
        ax.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            marker="o",
            label=label,
            color=COLOURS[i % len(COLOURS)],
        )
    ax.set_xticks(years, [f"{y}年" for y in years])
    ax.set_xmargin(0.15)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("历年对比", fontsize=11)
    ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)


def bar_panels(report: Report) -> list[tuple[str, list[tuple[str, float]]]]:
    """The bar panels a report's chart draws: (title, [(label, figure), …]), those with figures."""
    return [
        (name, items)
        for name, items in (
            ("办理结果（件）", outcomes(report)),
            ("本年新收申请·申请人类型（件）", applicants(report)),
            ("主动公开" if report.format.has_table("proactive") else "主要指标（本年度）", proactive(report)),
        )
        if items
    ]


def figure(reports: list[Report]):
    """The chart of a report (the latest of several) with a year-over-year panel for several."""
    from matplotlib.figure import Figure

    if not reports:
        raise ValueError("no report to chart")
    latest = max(reports, key=lambda r: r.year or 0)
    panels: list[tuple[Callable, tuple]] = [
        (_bars, (name, items, n)) for n, (name, items) in enumerate(bar_panels(latest))
    ]
    years, series = trends(reports)
    if len(years) > 1 and series:
        panels.append((_lines, (years, series)))
    if not panels:
        raise ValueError("the report has no figures to chart")

    font = cjk_font()
    rc: Any = {
        "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "gongkai",
    }
    import matplotlib

    with matplotlib.rc_context(rc):
        columns = 2 if len(panels) > 1 else 1
        rows = (len(panels) + 1) // 2
        fig = Figure(figsize=(6.5 * columns, 4.2 * rows + 0.6), layout="constrained")
        for n, (draw, args) in enumerate(panels):
            draw(fig.add_subplot(rows, columns, n + 1), *args)
        fig.suptitle(title(latest) + ("" if len(reports) == 1 else "（图解）"), fontsize=13)
    return fig, rc


def render(reports: list[Report], fmt: str) -> bytes:
    """SVG or PNG bytes of the chart."""
    if fmt not in FORMATS_OUT:
        raise ValueError(f"chart format must be one of {', '.join(FORMATS_OUT)}, not {fmt!r}")
    import matplotlib

    fig, rc = figure(reports)
    out = io.BytesIO()
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # missing glyphs when no CJK font is installed
        fig.savefig(out, format=fmt, dpi=150, metadata={"Date": None} if fmt == "svg" else None)
    return out.getvalue()
