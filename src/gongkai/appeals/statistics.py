"""Section 四 of the annual report (行政复议、行政诉讼情况) computed from appeal records.

Counting rule: appeals filed (申请复议 / 立案) in year N, by their result as known on 31 December
N — a decision dated later counts as 尚未审结 (pending) in N's table. One grouped query.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from gongkai.annual.formats import APPEAL_OUTCOMES, FORMATS
from gongkai.annual.model import Report
from gongkai.appeals.models import Appeal


def counts(agency_id: int, year: int) -> dict[str, dict[str, int]]:
    end = dt.date(year, 12, 31)
    decided = Q(decided_on__lte=end)
    aggregates = {r: Count("id", filter=Q(result=r) & decided) for r in ("upheld", "corrected", "other")}
    aggregates["pending"] = Count("id", filter=Q(result="pending") | Q(decided_on__gt=end))
    rows = (
        Appeal.objects.filter(agency_id=agency_id, filed_on__year=year)
        .values("kind").annotate(**aggregates).order_by()
    )
    return {r["kind"]: {k: r[k] for k in aggregates} for r in rows}


def fill(report: Report, agency, year: int) -> None:
    """Provider for `gongkai.reports.compute`: fill report.appeals for `agency` and `year`."""
    if not FORMATS[report.era].has_table("appeals"):
        return
    table = FORMATS[report.era].table("appeals")
    found = counts(agency.pk, year)
    values = {}
    for row in table.rows:
        cells = {col: found.get(row.key, {}).get(col, 0) for col in APPEAL_OUTCOMES}
        values[row.key] = {**cells, "total": sum(cells.values())}
    report.appeals = values
