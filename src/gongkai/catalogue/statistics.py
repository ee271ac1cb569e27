"""Proactive-disclosure figures: section 二 of the annual report, and yearly statistics with charts.

* ``fill(report, agency, year)`` — the section 二 provider of `gongkai.reports.compute`: rules
  and normative documents issued / repealed / in force (era 2021) or made / published / total
  public (era 2019) derived from the items, every other cell from `figures` (entered by hand);
  for era 2008 the legacy ``proactive_total`` facts.
* ``yearly(agency, year)`` → `YearStats` (items by category, by Art. 20 item, by month, on-time
  rate) for the statistics page; ``chart_svg(stats, which)`` draws one of `CHARTS` as SVG
  (matplotlib, Agg/SVG canvas, CJK font).

Counts use the public items only (`visibility.public_items`): what was actually published.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractMonth

from gongkai.agencies.models import Agency
from gongkai.annual.model import Report
from gongkai.annual.span import Span
from gongkai.catalogue.articles import art20_label
from gongkai.catalogue.figures import entry_cells
from gongkai.catalogue.models import REPORTED_GENRES, Genre, InterpretationKind, ProactiveFigure, Validity
from gongkai.catalogue.visibility import public_items


def column_rules(year: int | Span, era: str) -> dict[str, Q]:
    """Column of the rules / normative-documents rows → the filter of the items it counts: the one
    statement of the counting rule, used by `derived` and by `cell_records`.

    Era 2021: issued = made in the year; repealed = repealed or expired in the year; in force =
    made by the year's end and not repealed/expired by then. Era 2019: made = made in the year;
    published = published in the year; total public = published by the year's end.
    """
    span = Span.of(year)  # a year, or any period (季度统计): the same rules over its days
    within, end = (span.start, span.end), span.end
    if era == "2021":
        gone = Q(validity__in=[Validity.REPEALED, Validity.EXPIRED])
        return {
            "issued": Q(date_made__range=within),
            "repealed": gone & Q(validity_changed_on__range=within),
            "in_force": Q(date_made__lte=end) & ~(gone & Q(validity_changed_on__lte=end)),
        }
    return {
        "made": Q(date_made__range=within),
        "published": Q(date_published__range=within),
        "total_public": Q(date_published__lte=end),
    }


def derived(agency: Agency, year: int, era: str) -> dict[str, dict[str, int]]:
    """Rules and normative documents of `agency` for `year`, counted from its published items
    (`column_rules`)."""
    return derived_many([agency.pk], year, era)[agency.pk]


def derived_many(agency_ids: list[int], year: int | Span, era: str) -> dict[int, dict[str, dict[str, int]]]:
    """`derived` for many agencies in one grouped query: agency id → row → column → count."""
    rules = column_rules(year, era)
    out = {a: {row: dict.fromkeys(rules, 0) for row in REPORTED_GENRES.values()} for a in agency_ids}
    found: Iterable[Mapping[str, Any]] = (  # annotated with one count per column: keys known only at run time
        public_items().filter(agency_id__in=agency_ids, genre__in=list(REPORTED_GENRES))
        .values("agency_id", "genre").annotate(**{c: Count("id", filter=rule) for c, rule in rules.items()}).order_by()
    )
    for r in found:
        out[r["agency_id"]][REPORTED_GENRES[Genre(r["genre"])]] = {c: r[c] for c in rules}
    return out


def cell_records(agency: Agency, year: int, era: str, row: str, column: str) -> QuerySet:
    """The published items one derived cell of section 二 counts (rules / normative documents);
    an empty queryset for a cell entered by hand (`gongkai.catalogue.figures`)."""
    genre = {r: g for g, r in REPORTED_GENRES.items()}.get(row)
    rules = column_rules(year, era)
    if genre is None or column not in rules:
        return public_items().none()
    return public_items().filter(agency=agency, genre=genre).filter(rules[column])


def fill(report: Report, agency: Agency, year: int) -> None:
    """Section 二 (`proactive`) of `report` from the records of `agency` for `year`.

    Cells never entered are 0 (a blank published cell reads as 0); a money cell is a Decimal.
    Era 2008 has no section 二 table: its legacy ``proactive_total`` row gets the items published
    in the year and the cumulative count to the year's end.
    """
    if report.format.has_table("legacy"):
        items = public_items().filter(agency=agency)
        report.set("legacy", "proactive_total", "year", items.filter(date_published__year=year).count())
        report.set(
            "legacy",
            "proactive_total",
            "cumulative",
            items.filter(date_published__lte=dt.date(year, 12, 31)).count(),
        )
    if not report.format.has_table("proactive"):
        return
    fill_many({agency.pk: report}, year)


def fill_many(reports: dict[int, Report], year: int | Span) -> None:
    """Provider for many agencies (agency id → report): section 二 from one grouped query per era
    and one query for the figures entered by hand; era 2008 reports agency by agency (`fill`).
    For a period shorter than a year only the counted rows are filled: the figures entered by hand
    are yearly, so those cells stay empty."""
    span = Span.of(year)
    by_era: dict[str, list[int]] = {}
    for agency_id, report in reports.items():
        if report.format.has_table("proactive"):
            by_era.setdefault(report.era, []).append(agency_id)
        elif span.whole_year:
            fill(report, Agency.objects.get(pk=agency_id), span.start.year)
    held: dict[int, dict[tuple[str, str], Decimal]] = {}
    entered = [a for ids in by_era.values() for a in ids] if span.whole_year else []
    for f in ProactiveFigure.objects.filter(agency_id__in=entered, year=span.start.year):
        held.setdefault(f.agency_id, {})[(f.row, f.column)] = f.value
    for era, ids in by_era.items():
        for agency_id, rows in derived_many(ids, span, era).items():
            report = reports[agency_id]
            for row, columns in rows.items():
                for column, value in columns.items():
                    report.set("proactive", row, column, value)
            for cell in entry_cells(span.start.year) if span.whole_year else ():
                figure = held.get(agency_id, {}).get((cell.row, cell.column), Decimal("0"))
                report.set("proactive", cell.row, cell.column, figure.normalize() if cell.money else int(figure))


@dataclass
class YearStats:
    """Published (主动公开) items of one agency in one year."""

    agency: str
    year: int
    total: int = 0
    by_category: list[tuple[str, int]] = field(default_factory=list)
    by_art20: list[tuple[int | None, str, int]] = field(default_factory=list)
    by_month: list[int] = field(default_factory=lambda: [0] * 12)
    by_interpretation: list[tuple[str, int]] = field(default_factory=list)  # 政策解读 by kind (文字、图解…)
    on_time: int = 0
    late: int = 0
    no_deadline: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Share of items with a deadline that were published on time (None when there are none)."""
        judged = self.on_time + self.late
        return self.on_time / judged if judged else None


def latest_year(agency: Agency) -> int | None:
    """The last year in which the agency published anything: what a statistics page opens on."""
    last = public_items().filter(agency=agency).order_by("-date_published").values_list("date_published", flat=True).first()
    return last.year if last else None


def yearly(agency: Agency, year: int) -> YearStats:
    """Statistics of the items `agency` published in `year` (by publication date)."""
    items = public_items().filter(agency=agency, date_published__year=year)
    stats = YearStats(agency=agency.name, year=year, total=items.count())
    stats.by_category = [
        (row["category__name"] or "未分类", row["n"])
        for row in items.values("category__name").annotate(n=Count("id")).order_by("-n", "category__name")
    ]
    stats.by_art20 = [
        (
            row["art20_item"],
            art20_label(row["art20_item"]) if row["art20_item"] else "未对应第二十条事项",
            row["n"],
        )
        for row in items.values("art20_item").annotate(n=Count("id")).order_by("art20_item")
    ]
    for row in items.annotate(m=ExtractMonth("date_published")).values("m").annotate(n=Count("id")):
        stats.by_month[row["m"] - 1] = row["n"]
    kinds = dict(items.filter(genre=Genre.INTERPRETATION).values_list("interpretation_kind").annotate(n=Count("id")))
    stats.by_interpretation = [(label, kinds[key]) for key, label in [*InterpretationKind.choices, ("", "未注明形式")]
                               if kinds.get(key)]
    timing = items.aggregate(
        on_time=Count("id", filter=Q(deadline__isnull=False, date_published__lte=F("deadline"))),
        late=Count("id", filter=Q(deadline__isnull=False, date_published__gt=F("deadline"))),
        no_deadline=Count("id", filter=Q(deadline__isnull=True)),
    )
    stats.on_time, stats.late, stats.no_deadline = timing["on_time"], timing["late"], timing["no_deadline"]
    return stats


#: Charts `chart_svg` can draw.
CHARTS = ("category", "art20", "month", "timeliness")


def chart_svg(stats: YearStats, which: str) -> str:
    """One chart of `stats` as an SVG document (for the statistics page, inline or as a file)."""
    if which not in CHARTS:
        raise ValueError(f"chart must be one of {', '.join(CHARTS)}, not {which!r}")
    import matplotlib
    from matplotlib.figure import Figure

    from gongkai.annual.render.charts import cjk_font

    font = cjk_font()
    with matplotlib.rc_context({
        "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "gongkai",
        "svg.fonttype": "none",
    }), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        fig = Figure(figsize=(7, 4), layout="constrained")
        ax = fig.add_subplot()
        if which == "category":
            labels, values = [c for c, _ in stats.by_category], [n for _, n in stats.by_category]
            ax.barh(labels[::-1], values[::-1], color="#2e86c1")
            ax.set_title(f"{stats.year}年主动公开信息（按主题分类）")
        elif which == "art20":
            labels = [f"第{i}项" if i else "未对应" for i, _, _ in stats.by_art20]
            ax.bar(labels, [n for _, _, n in stats.by_art20], color="#28b463")
            ax.set_title(f"{stats.year}年主动公开信息（按第二十条事项）")
        elif which == "month":
            ax.bar([f"{m}月" for m in range(1, 13)], stats.by_month, color="#c0392b")
            ax.set_title(f"{stats.year}年主动公开信息（按月）")
        else:
            parts = [("按期发布", stats.on_time), ("逾期发布", stats.late), ("无期限", stats.no_deadline)]
            parts = [(label, n) for label, n in parts if n]
            if parts:
                ax.pie([n for _, n in parts], labels=[f"{label} {n}" for label, n in parts],
                       colors=["#28b463", "#c0392b", "#95a5a6"][: len(parts)])  # fmt: skip
            rate = stats.on_time_rate
            ax.set_title(f"{stats.year}年按期发布率 {'—' if rate is None else f'{rate:.1%}'}")
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    return without_inline_css(out.getvalue())


def without_inline_css(svg: str) -> str:
    """The SVG with its ``style`` attributes and ``<style>`` rules as presentation attributes
    (fill="…"), which the page's Content-Security-Policy (no inline styles) lets through when
    the chart is inlined. Matplotlib's rules are universal (``*{…}``) inherited stroke defaults:
    they move to the root element."""
    from lxml import etree

    root = etree.fromstring(svg.encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname == "style":
            for declarations in re.findall(r"\*\s*\{([^}]*)\}", element.text or ""):
                _set_declarations(root, declarations)
            element.getparent().remove(element)
        elif (style := element.attrib.pop("style", None)) is not None:
            _set_declarations(element, style)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8").decode()


def _set_declarations(element, declarations: str) -> None:
    for declaration in declarations.split(";"):
        name, _, value = declaration.partition(":")
        if name.strip() and value.strip():
            element.set(name.strip(), value.strip())
