"""Spreadsheet imports are bounded: a workbook that inflates too far and a sheet with too many rows
are refused with the reason, before openpyxl builds anything."""

from __future__ import annotations

import pytest

from gongkai import sheets
from tests.screening import hostile


def test_a_workbook_bomb_is_refused_before_it_is_opened(tmp_path):
    path = hostile.xlsx_bomb(tmp_path / "figures.xlsx", 60 * hostile.MiB)
    with pytest.raises(sheets.SheetError, match="sheet1.xml inflates to more than 48 MB"):
        sheets.read_table(path)


def test_a_sheet_with_too_many_rows_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)
    path = tmp_path / "rows.csv"
    path.write_text("机关,年度\n" + "台儿庄区民政局,2025\n" * 3)
    with pytest.raises(sheets.SheetError, match="more than 3 rows"):
        sheets.read_table(path)
