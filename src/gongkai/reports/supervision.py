"""Supervision of a government's subtree (监督): every agency's report for the year as it stands
(or as last published), its findings, how its figures differ from last year's, its publication
date against the deadline; and the whole subtree's figures as one spreadsheet.

Only agencies the viewer may read are listed: a supervisor its subtree, a department itself. Of
an unpublished report the viewer may not read the content of (a supervisor: `Action.READ_DRAFTS`)
an entry gives the status, deadline and the check's summary counts, not the figures, the
findings' text nor the differences (`Entry.withheld`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, agency_ids
from gongkai.annual.checks import Finding
from gongkai.annual.formats import FORMATS, era_for_year
from gongkai.annual.model import Report as Model
from gongkai.annual.model import from_dict
from gongkai.reports import board, services
from gongkai.reports.compute import agency_kind
from gongkai.reports.workflow import State


@dataclass(frozen=True)
class Difference:
    key: str  # table.row.column
    label: str
    before: object
    now: object


@dataclass(frozen=True)
class Entry:
    row: board.Row
    model: Model | None  # the published version when published, else the report as it stands
    findings: list[Finding]
    differences: list[Difference]  # cells that differ from last year's report (none without one)
    prior_label: str
    withheld: bool = False  # an unpublished report whose content the viewer may not read: no model, no differences

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def cell_keys(year: int) -> list[tuple[str, str]]:
    """Every cell of the year's format: (``table.row.column``, its Chinese label), in table order."""
    return [(f"{t.key}.{r.key}.{c.key}", f"{t.title}｜{r.label}｜{c.label}")
            for t in FORMATS[era_for_year(year)].tables for r, c in t.cells()]


def _model(row: board.Row) -> Model | None:
    report = row.report
    if report is None:
        return None
    if report.state == State.PUBLISHED:
        pub = report.publications.order_by("-number").first()
        if pub is not None:
            model = from_dict(pub.content)
            model.published = pub.published_on
            return model
    return services.assemble(report)


def _differences(year: int, prior: Model | None, model: Model | None) -> list[Difference]:
    if prior is None or model is None:
        return []
    out = []
    for key, label in cell_keys(year):
        table, row, column = key.split(".", 2)
        before, now = prior.get(table, row, column), model.get(table, row, column)
        if before is not None and now is not None and before != now:
            out.append(Difference(key, label, before, now))
    return out


@dataclass(frozen=True)
class Audit:
    """A report published outside the system, read and checked, beside the system's figures."""

    model: Model
    findings: list[Finding]
    differences: list[Difference]  # before: the file's value, now: the system's


def audit_upload(entry: Entry, year: int, data: bytes) -> Audit:
    """Read an uploaded published report (bounded reader, child process) and check it; compare its
    cells with the agency's report here. Nothing is stored. Raises `services.Unreadable`."""
    from gongkai.annual.checks import check

    model = services.read_bytes(data)
    if model.year is not None and model.year != year:
        raise services.Unreadable(f"文件是{model.year}年度的报告，不是{year}年度的报告")
    model.agency_kind = model.agency_kind or agency_kind(entry.row.agency)
    return Audit(model, check(model), _differences(year, model, entry.model))


def readable_subtree(user, government: Agency) -> list[Agency]:
    """The government and the agencies below it that `user` may read (government first)."""
    ids = agency_ids(user, Action.READ)
    agencies = [government, *government.descendants().order_by("name")]
    return [a for a in agencies if ids is None or a.pk in ids]


def entries(user, government: Agency, year: int, today: dt.date) -> list[Entry]:
    agencies = readable_subtree(user, government)
    priors = services.previous_many([a.pk for a in agencies], year)
    drafts = agency_ids(user, Action.READ_DRAFTS)
    out = []
    for row in board.rows_of(agencies, year, today):
        prior, label = priors[row.agency.pk]
        found = services.findings(row.report, services.assemble(row.report), prior) if row.report else []
        if row.report is not None and row.report.state != State.PUBLISHED and not (
                drafts is None or row.agency.pk in drafts):  # fmt: skip
            out.append(Entry(row, None, found, [], label, withheld=True))
            continue
        model = _model(row)
        out.append(Entry(row, model, found, _differences(year, prior, model), label))
    return out


def workbook(year: int, rows: list[Entry]) -> bytes:
    """The subtree's figures: one row per agency, one column per cell key (labels on a second sheet)."""
    from openpyxl import Workbook

    keys = cell_keys(year)
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}年度数据"
    sheet.append(["机关", "报告范围", "状态", "公布期限", "公布日期", "错误", "提示", *[k for k, _ in keys]])
    for e in rows:
        report = e.row.report
        values = [None] * len(keys)
        if e.model is not None:
            values = [_cell(e.model, key) for key, _ in keys]
        sheet.append([e.row.agency.name, report.get_scope_display() if report else "", e.row.status,
                      e.row.deadline, e.row.published_on, e.errors if report else None,
                      e.warnings if report else None, *values])
    legend = book.create_sheet("项目说明")
    legend.append(["列", "项目"])
    for key, label in keys:
        legend.append([key, label])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(model: Model, key: str):
    value = model.get(*key.split(".", 2))
    return float(value) if value is not None and not isinstance(value, int) else value
