"""Quarterly figures (季度统计): sections 二, 三 and 四 for a quarter or any date range within one
year, counted by the same rules as the annual report (each app's ``fill_many`` takes a `Span`),
on screen and as .xlsx. Figures entered by hand are yearly, so those cells stay empty."""

from __future__ import annotations

import datetime as dt

from gongkai.annual.formats import era_for_year
from gongkai.annual.model import Report as Model
from gongkai.annual.render import layout, xlsx
from gongkai.annual.span import Span
from gongkai.reports.compute import PROVIDERS, agency_kind


class BadPeriod(ValueError):
    """A period that cannot be counted; the message is Chinese."""


def span_of(start: dt.date, end: dt.date) -> Span:
    if end < start:
        raise BadPeriod("结束日期早于开始日期")
    if start.year != end.year:
        raise BadPeriod("统计期间须在同一年度内（跨年度请分别统计）")
    era_for_year(start.year)
    return Span(start, end)


def build(agency, span: Span) -> Model:
    """The tables of `agency` for `span` (the narrative and hand-entered cells stay empty)."""
    model = Model(era=era_for_year(span.start.year), agency=agency.name, agency_kind=agency_kind(agency))
    for provider in PROVIDERS:
        if provider.fill_many is not None:
            provider.fill_many({agency.pk: model}, span)
    return model


def heading(agency, span: Span) -> str:
    return f"{agency.name}{span.label}政府信息公开工作统计"


def workbook(agency, span: Span, model: Model) -> bytes:
    """The tables as .xlsx in the national layout, titled for the period (not as an annual report)."""
    import io

    book = xlsx.build(model)
    annual = layout.title(model)
    for sheet in book.worksheets:
        first = sheet.cell(1, 1)
        if isinstance(first.value, str):
            first.value = first.value.replace(annual, heading(agency, span))
    book.properties.title = heading(agency, span)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
