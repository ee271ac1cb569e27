"""The spreadsheet reader shared by every import (`gongkai.sheets`): date cells."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.sheets import cell_date


@pytest.mark.parametrize("text", ["2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", " 2024-3-5 "])
def test_date_cells(text):
    assert cell_date(text) == dt.date(2024, 3, 5)


def test_date_cells_blank_or_refused():
    assert cell_date("") is None and cell_date(dt.datetime(2024, 3, 5, 9)) == dt.date(2024, 3, 5)
    for bad in ("2024-02-30", "24-3-5", "明天"):
        with pytest.raises(ValueError):
            cell_date(bad)
