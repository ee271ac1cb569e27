"""Section 四 of the annual report (行政复议、行政诉讼情况) computed from appeal records.

Counting rule: appeals filed (申请复议 / 立案) in year N, by their result as known on 31 December
N — a decision dated later counts as 尚未审结 (pending) in N's table. One grouped query for any number of agencies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from gongkai.annual.formats import APPEAL_OUTCOMES, FORMATS
from gongkai.annual.model import Report
from gongkai.annual.span import Span
from gongkai.appeals.models import Appeal


def results(year: int | Span) -> dict[str, Q]:
    """Result column → the filter of the appeals it counts: the one statement of the counting rule,
    used by the counts (`counts`) and the lists behind each cell (`cell_records`); the result as
    known on the period's last day."""
    end = Span.of(year).end
    decided = Q(decided_on__lte=end)
    rules = {r: Q(result=r) & decided for r in ("upheld", "corrected", "other")}
    rules["pending"] = Q(result="pending") | Q(decided_on__gt=end)
    return rules


def counts(agency_ids: list[int], year: int | Span) -> dict[int, dict[str, dict[str, int]]]:
    """agency id → kind → result column → count."""
    span = Span.of(year)
    aggregates = {column: Count("id", filter=rule) for column, rule in results(span).items()}
    rows: Iterable[Mapping[str, Any]] = (  # one count per result column: keys known only at run time
        Appeal.objects.filter(agency_id__in=agency_ids, filed_on__range=(span.start, span.end))
        .values("agency_id", "kind").annotate(**aggregates).order_by()
    )
    found: dict[int, dict[str, dict[str, int]]] = {}
    for r in rows:
        found.setdefault(r["agency_id"], {})[r["kind"]] = {k: r[k] for k in aggregates}
    return found


def fill_many(reports: dict[int, Report], year: int | Span) -> None:
    """Provider for `gongkai.reports.compute`: fill report.appeals of each agency id's report."""
    wanted = {a: r for a, r in reports.items() if FORMATS[r.era].has_table("appeals")}
    found = counts(list(wanted), year)
    for agency_id, report in wanted.items():
        values: dict[str, dict[str, int | Decimal]] = {}
        for row in FORMATS[report.era].table("appeals").rows:
            cells = {col: found.get(agency_id, {}).get(row.key, {}).get(col, 0) for col in APPEAL_OUTCOMES}
            values[row.key] = {**cells, "total": sum(cells.values())}
        report.appeals = values


def fill(report: Report, agency, year: int) -> None:
    """Provider for one agency (see `fill_many`)."""
    fill_many({agency.pk: report}, year)


def cell_records(agency, year: int, era: str, row: str, column: str) -> QuerySet[Appeal]:
    """The appeals one cell of section 四 counts: `row` is the kind, `column` the result or total."""
    found = Appeal.objects.filter(agency=agency, filed_on__year=year, kind=row)
    return found if column == "total" else found.filter(results(year)[column])
