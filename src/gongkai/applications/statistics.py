"""Section 三 of the annual report (收到和处理政府信息公开申请情况) computed from the records.

The counting rules are in `gongkai.applications.counting` beside the spec rows; this module runs
them in the database: one grouped query (conditional aggregation) for any number of agencies and a
year, so the tables of every agency of a county come from a single query. Because every application is in
exactly one of {finished before N, finished in N, open at the end of N}, the header identity
一 + 二 = 三（七）总计 + 四 holds in every column by construction, and carried_in(N) is the same
query as carried_forward(N−1).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from gongkai.annual.formats import APPLICANT_TYPES, FORMATS
from gongkai.annual.model import Report
from gongkai.annual.span import Span
from gongkai.applications.counting import OUTCOMES, era_row
from gongkai.applications.models import Application


def periods(year: int | Span) -> dict[str, Q]:
    """The counting rules of `gongkai.applications.counting` as filters, the one place both the
    counts (`counts`) and the lists behind each cell (`cell_records`) take them from; for a year
    or any period (`Span`: a quarter's 上期结转 is what is open on its first day)."""
    span = Span.of(year)
    start, end = span.start, span.end
    return {
        # in the year's table at all: received by its end, not finished before it
        "scope": Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start)),
        # 一、本年新收: received in N
        "new": Q(received_on__gte=start),
        # 二、上年结转: received before N, still open on 1 January N
        "carried_in": Q(received_on__lt=start),
        # 三、本年度办理结果: finished (replied or abandoned) in N, in its report_row
        "finished": Q(closed_on__lte=end),
        # 四、结转下年度继续办理: still open on 31 December N
        "carried_forward": Q(closed_on__isnull=True) | Q(closed_on__gt=end),
    }


def counts(agency_ids: list[int], year: int | Span) -> list[Mapping[str, Any]]:
    """One row per (agency, applicant type, report row) with new / carried_in / finished / carried_forward."""
    rules = periods(year)
    return list(
        Application.objects.filter(agency_id__in=agency_ids)
        .filter(rules["scope"])
        .values("agency_id", "applicant_type", "report_row")
        .annotate(**{key: Count("id", filter=rules[key]) for key in ("new", "carried_in", "finished", "carried_forward")})
        .order_by()
    )


def fill_many(reports: dict[int, Report], year: int | Span) -> None:
    """Provider for `gongkai.reports.compute`: fill report.applications of each agency id's report."""
    tables: dict[int, dict[str, dict[str, int | Decimal]]] = {}
    for agency_id, report in reports.items():
        if FORMATS[report.era].has_table("applications"):
            table = FORMATS[report.era].table("applications")
            tables[agency_id] = {row.key: {col.key: 0 for col in table.columns_of(row)} for row in table.rows}
    for c in counts(list(tables), year):
        values, column = tables[c["agency_id"]], c["applicant_type"]
        for key in ("new", "carried_in", "carried_forward"):
            values[key][column] += c[key]
        if c["finished"]:
            values[era_row(c["report_row"], reports[c["agency_id"]].era)][column] += c["finished"]
            values["results_total"][column] += c["finished"]
    for agency_id, values in tables.items():
        for row in values.values():
            row["total"] = sum(row[col] for col in APPLICANT_TYPES)
        reports[agency_id].applications = values


def fill(report: Report, agency, year: int) -> None:
    """Provider for one agency (see `fill_many`)."""
    fill_many({agency.pk: report}, year)


def cell_records(agency, year: int, era: str, row: str, column: str) -> QuerySet[Application]:
    """The applications one cell of `agency`'s section 三 for `year` counts (same rules as `counts`)."""
    rules = periods(year)
    found = Application.objects.filter(agency=agency).filter(rules["scope"])
    if column != "total":
        found = found.filter(applicant_type=column)
    if row in ("new", "carried_in", "carried_forward"):
        return found.filter(rules[row])
    found = found.filter(rules["finished"])
    if row == "results_total":
        return found
    return found.filter(report_row__in=[r for r in OUTCOMES if era_row(r, era) == row])
