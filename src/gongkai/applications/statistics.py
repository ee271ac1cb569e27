"""Section 三 of the annual report (收到和处理政府信息公开申请情况) computed from the records.

The counting rules are in `gongkai.applications.counting` beside the spec rows; this module runs
them in the database: one grouped query per agency and year (conditional aggregation), so the
tables of every agency of a county take a fraction of a second. Because every application is in
exactly one of {finished before N, finished in N, open at the end of N}, the header identity
一 + 二 = 三（七）总计 + 四 holds in every column by construction, and carried_in(N) is the same
query as carried_forward(N−1).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from gongkai.annual.formats import APPLICANT_TYPES, FORMATS
from gongkai.annual.model import Report
from gongkai.applications.counting import era_row
from gongkai.applications.models import Application


def counts(agency_id: int, year: int) -> list[dict]:
    """One row per (applicant type, report row) with new / carried_in / finished / carried_forward."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return list(
        Application.objects.filter(agency_id=agency_id, received_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))  # not finished before N
        .values("applicant_type", "report_row")
        .annotate(
            # 一、本年新收: received in N
            new=Count("id", filter=Q(received_on__gte=start)),
            # 二、上年结转: received before N, still open on 1 January N
            carried_in=Count("id", filter=Q(received_on__lt=start)),
            # 三、本年度办理结果: finished (replied or abandoned) in N, in its report_row
            finished=Count("id", filter=Q(closed_on__lte=end)),
            # 四、结转下年度继续办理: still open on 31 December N
            carried_forward=Count("id", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
        )
        .order_by()
    )


def fill(report: Report, agency, year: int) -> None:
    """Provider for `gongkai.reports.compute`: fill report.applications for `agency` and `year`."""
    era = report.era
    if not FORMATS[era].has_table("applications"):
        return
    table = FORMATS[era].table("applications")
    values = {row.key: {col.key: 0 for col in table.columns_of(row)} for row in table.rows}
    for c in counts(agency.pk, year):
        column = c["applicant_type"]
        for key in ("new", "carried_in", "carried_forward"):
            values[key][column] += c[key]
        if c["finished"]:
            values[era_row(c["report_row"], era)][column] += c["finished"]
            values["results_total"][column] += c["finished"]
    for row in values.values():
        row["total"] = sum(row[col] for col in APPLICANT_TYPES)
    report.applications = values
