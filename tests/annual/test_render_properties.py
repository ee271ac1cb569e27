"""Properties of the renderers on random valid reports."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from hypothesis import given, settings

from gongkai.annual.render import charts, html, markdown, xlsx
from gongkai.annual.render.layout import Cell, grids
from tests.annual.report_models import reports


@settings(max_examples=25, deadline=None)
@given(report=reports())
def test_every_total_of_a_valid_report_is_a_formula(report):
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(report)))
    for grid, sheet in zip(grids(report), book.worksheets, strict=True):
        printed = {s.ref for row in grid.rows for s in row if isinstance(s, Cell)}
        for r, row in enumerate(grid.rows):
            for c, slot in enumerate(row):
                if isinstance(slot, Cell) and slot.ref:
                    value = sheet.cell(r + 2, c + 1).value
                    if slot.terms and all(ref in printed for _, ref in slot.terms):
                        assert str(value).startswith("="), (slot.ref, value)
                    else:  # Excel keeps numbers as doubles: money reads back as a float
                        assert Decimal(str(value)) == Decimal(str(slot.value))


@settings(max_examples=25, deadline=None)
@given(report=reports())
def test_every_value_is_printed_in_html_and_markdown(report):
    page, text = html.render(report), markdown.render(report)
    for grid in grids(report):
        for row in grid.rows:
            for slot in row:
                if isinstance(slot, Cell) and slot.ref:
                    assert f">{slot.text}</td>" in page
                    assert f"| {slot.text} |" in text


@settings(max_examples=4, deadline=None)
@given(report=reports())
def test_every_report_charts(report):
    assert charts.render([report], "png").startswith(b"\x89PNG")
