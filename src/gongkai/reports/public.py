"""What anyone may see of annual reports: published versions only, each frozen with its files.

A report in draft, review or approval is never reachable here; a correction is a later version
listed with the earlier ones and its reason (never a silent edit).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.annual.model import Report as Model
from gongkai.annual.model import from_dict
from gongkai.reports.models import Publication, PublishedFile

#: The published renderings offered for download, with their content types.
DOWNLOADS = {
    "docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("PDF", "application/pdf"),
    "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("JSON数据", "application/json; charset=utf-8"),
}


@dataclass(frozen=True)
class PublishedYear:
    """One year's report of an agency: its current version and the ones it corrected, newest first."""

    year: int
    versions: tuple[Publication, ...]

    @property
    def current(self) -> Publication:
        return self.versions[0]


def published_years(agency) -> list[PublishedYear]:
    """Every year the agency has published a report, newest first."""
    by_year: dict[int, list[Publication]] = {}
    for pub in (Publication.objects.filter(report__agency=agency).select_related("report")
                .order_by("-report__year", "-number")):
        by_year.setdefault(pub.report.year, []).append(pub)
    return [PublishedYear(year, tuple(versions)) for year, versions in by_year.items()]


def published_year(agency, year: int) -> PublishedYear | None:
    return next((y for y in published_years(agency) if y.year == year), None)


def model_of(publication: Publication) -> Model:
    """The published report as the engine's model (for the page's tables and text)."""
    return from_dict(publication.content)


def published_file(publication: Publication, kind: str) -> PublishedFile | None:
    if kind not in DOWNLOADS:
        return None
    return PublishedFile.objects.filter(publication=publication, kind=kind).first()
