"""Build an agency's annual-report model (`gongkai.annual.model.Report`) from its records.

Each section's numbers come from the app that owns the records, through a `SectionProvider` it
registers in `PROVIDERS` from its ``AppConfig.ready()``: ``fill(report, agency, year)`` fills its
own table, and for many agencies at once (`build_reports`) ``fill_many(reports_by_agency_id,
year)``, when given, answers for all of them in one query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gongkai.annual.formats import era_for_year
from gongkai.annual.model import AgencyKind, Report
from gongkai.annual.span import Span
from gongkai.registry import Registry

if TYPE_CHECKING:
    from gongkai.agencies.models import Agency


@dataclass(frozen=True)
class SectionProvider:
    """How one app fills its section(s) of the annual report."""

    fill: Callable[[Report, Any, int], None]
    #: also counts any period within one year (a `Span`: 季度统计), by the same rules
    fill_many: Callable[[dict[int, Report], int | Span], None] | None = None
    #: the table whose cells `records` explains
    table: str | None = None
    #: ``records(agency, year, era, row, column)`` → the queryset of the records one cell counts,
    #: by the same rule as `fill` (so a cell and its list can never disagree)
    records: Callable[[Any, int, str, str, str], Any] | None = None


PROVIDERS: Registry[SectionProvider] = Registry("annual-report section providers")


def agency_kind(agency: Agency) -> AgencyKind:
    """An agency as the annual model knows it (Art. 49's deadline, the report's wording): a
    government, or a department (every agency that is not a government)."""
    return "government" if agency.kind == "government" else "department"


def _blank(agency, year: int) -> Report:
    return Report(era=era_for_year(year), agency=agency.name, year=year, agency_kind=agency_kind(agency))


def build_report(agency, year: int) -> Report:
    """The report of `agency` for `year` with every section its records can give, in the year's era."""
    report = _blank(agency, year)
    for provider in PROVIDERS:
        provider.fill(report, agency, year)
    return report


def build_reports(agencies, year: int, providers: Iterable[SectionProvider] | None = None) -> dict[int, Report]:
    """The reports of many agencies for `year` (agency id → report), each provider asked once if it can."""
    agencies = list(agencies)
    reports = {a.pk: _blank(a, year) for a in agencies}
    for provider in PROVIDERS if providers is None else providers:
        if provider.fill_many is not None:
            provider.fill_many(reports, year)
        else:
            for agency in agencies:
                provider.fill(reports[agency.pk], agency, year)
    return reports


def cell_records(agency, year: int, era: str, table: str, row: str, column: str):
    """The records one cell counts (a queryset), or None when no provider lists that table's records."""
    for provider in PROVIDERS:
        if provider.table == table and provider.records is not None:
            return provider.records(agency, year, era, row, column)
    return None


def findings(report: Report) -> list[dict]:
    """The consistency findings of `gongkai.annual.checks` as JSON-ready dicts."""
    from gongkai.annual.checks import check

    return [f.to_dict() for f in check(report)]
