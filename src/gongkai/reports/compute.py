"""Build an agency's annual-report model (`gongkai.annual.model.Report`) from its records.

Each section's numbers come from the app that owns the records, through a provider named in
`PROVIDERS` ("module:function", called as ``fill(report, agency, year)``, filling its own table).
Another app adds its section by appending to the list, e.g. the catalogue's section 二 with
``"gongkai.catalogue.statistics:fill"``; a provider whose module is not installed is skipped.
For many agencies at once (`build_reports`), a provider module may also offer
``fill_many(reports_by_agency_id, year)`` answering for all of them in one query.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from gongkai.annual.formats import era_for_year
from gongkai.annual.model import Report

PROVIDERS: list[str] = [
    "gongkai.applications.statistics:fill",
    "gongkai.appeals.statistics:fill",
    "gongkai.catalogue.statistics:fill",
]


def _provider(target: str) -> Callable | None:
    module, _, attr = target.partition(":")
    try:
        return getattr(importlib.import_module(module), attr)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None  # that section's app is not part of this installation (yet)
        raise


def _blank(agency, year: int) -> Report:
    return Report(era=era_for_year(year), agency=agency.name, year=year, agency_kind=agency.kind)


def build_report(agency, year: int) -> Report:
    """The report of `agency` for `year` with every section its records can give, in the year's era."""
    report = _blank(agency, year)
    for target in PROVIDERS:
        fill = _provider(target)
        if fill is not None:
            fill(report, agency, year)
    return report


def build_reports(agencies, year: int, providers: list[str] | None = None) -> dict[int, Report]:
    """The reports of many agencies for `year` (agency id → report), each provider asked once if it can."""
    agencies = list(agencies)
    reports = {a.pk: _blank(a, year) for a in agencies}
    for target in PROVIDERS if providers is None else providers:
        fill = _provider(target)
        if fill is None:
            continue
        many = getattr(importlib.import_module(fill.__module__), "fill_many", None)
        if many is not None:
            many(reports, year)
        else:
            for agency in agencies:
                fill(reports[agency.pk], agency, year)
    return reports


def findings(report: Report) -> list[dict]:
    """The consistency findings of `gongkai.annual.checks` as JSON-ready dicts."""
    from gongkai.annual.checks import check

    return [f.to_dict() for f in check(report)]
