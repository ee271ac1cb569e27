"""Excel rendering: merged headers and the format's totals as formulas."""

from __future__ import annotations

import io

import openpyxl
import pytest

from gongkai.annual.render import xlsx as render_xlsx
from tests.annual.report_models import realistic


def _book(report):
    return openpyxl.load_workbook(io.BytesIO(render_xlsx.render(report)))


@pytest.mark.parametrize(("era", "sheets"), [("2021", 3), ("2019", 3), ("2008", 1)])
def test_one_sheet_per_table(era, sheets):
    book = _book(realistic(era))
    assert len(book.worksheets) == sheets
    assert book.properties.title.endswith("政府信息公开工作年度报告")


def test_totals_are_formulas_and_headers_are_merged():
    sheet = _book(realistic("2021")).worksheets[1]
    assert sheet.title == "收到和处理政府信息公开申请情况"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "E3:I3", "D3:D4", "J3:J4", "A7:A28", "B9:B16"} <= merged
    assert sheet["A5"].value == "一、本年新收政府信息公开申请数量"
    assert sheet["J5"].value == "=SUM(D5:I5)"  # new: row total
    assert sheet["D5"].value == 9
    assert sheet["B28"].value == "（七）总计"
    assert sheet["D28"].value == "=SUM(D7:D27)"  # results_total per column
    assert sheet["J28"].value == "=SUM(J7:J27)"
    appeals = _book(realistic("2021")).worksheets[2]
    assert appeals["E5"].value == "=SUM(A5:D5)" and appeals["J5"].value == "=SUM(F5:I5)"


def test_a_wrong_total_keeps_its_printed_value():
    report = realistic("2021")
    report.applications["new"]["total"] = 99
    sheet = _book(report).worksheets[1]
    assert sheet["J5"].value == 99
    assert sheet["J6"].value == "=SUM(D6:I6)"


def test_change_is_items_less_last_year():
    sheet = _book(realistic("2019")).worksheets[0]
    row = next(r for r in sheet.iter_rows() if r[0].value == "行政许可")
    assert [c.value for c in row[:5]] == ["行政许可", 10, 12, f"=C{row[0].row}-B{row[0].row}", 40]


def test_money_keeps_its_decimals():
    sheet = _book(realistic("2021")).worksheets[0]
    cell = next(
        c for row in sheet.iter_rows() for c in row if c.value is not None and str(c.value) == "434.936"
    )
    assert cell.number_format == "0.0000"


def test_sheets_print_one_page_wide_on_a4_with_repeated_headers():
    book = _book(realistic("2021"))
    applications, appeals = book.worksheets[1], book.worksheets[2]
    assert str(applications.page_setup.paperSize) == applications.PAPERSIZE_A4 == "9"
    assert applications.sheet_properties.pageSetUpPr.fitToPage and applications.page_setup.fitToWidth == 1
    assert applications.print_title_rows == "$2:$4"
    assert appeals.page_setup.orientation == "landscape"
    assert (
        applications.row_dimensions[26].height > applications.row_dimensions[5].height
    )  # a long label wraps
