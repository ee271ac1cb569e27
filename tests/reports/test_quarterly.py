"""Quarterly figures (季度统计): the annual report's tables counted for a quarter or any date range
within a year by the same rules, hand-counted from the `records` fixture; on screen and as .xlsx."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.annual.checks import check
from gongkai.annual.span import Span
from gongkai.reports import quarterly

D = dt.date


def test_first_quarter_counts_what_was_received_and_finished_in_it(records, agencies):
    model = quarterly.build(agencies.dept, Span.quarter(2025, 1))
    assert model.get("applications", "new", "total") == 1 and model.get("applications", "new", "natural_person") == 1
    assert model.get("applications", "results_total", "total") == 1
    assert model.get("applications", "carried_in", "total") == 0 == model.get("applications", "carried_forward", "total")
    assert model.get("appeals", "review", "total") == 0


def test_a_quarter_carries_in_what_was_open_on_its_first_day(records, agencies):
    q4 = quarterly.build(agencies.dept, Span.quarter(2025, 4))
    assert q4.get("applications", "new", "total") == 2 and q4.get("applications", "carried_forward", "total") == 1
    assert q4.get("appeals", "lawsuit_direct", "pending") == 1  # decided only in January 2026
    q1 = quarterly.build(agencies.dept, Span.quarter(2026, 1))
    assert q1.get("applications", "carried_in", "total") == 1 and q1.get("applications", "new", "total") == 0
    assert q1.get("applications", "results_total", "total") == 1


def test_any_date_range_balances_like_the_annual_tables(records, agencies):
    june = quarterly.build(agencies.dept, Span(D(2025, 6, 1), D(2025, 6, 30)))
    assert june.get("applications", "new", "total") == 1 and june.get("applications", "results_total", "total") == 1
    assert not [f for f in check(june) if f.code.startswith("APP_")]


def test_hand_entered_yearly_cells_stay_empty_in_a_quarter(records, agencies):
    model = quarterly.build(agencies.dept, Span.quarter(2025, 2))
    assert model.get("proactive", "licensing", "decisions") is None
    assert model.get("proactive", "normative_documents", "issued") == 0


@pytest.mark.parametrize("start,end,message", [
    (D(2025, 5, 1), D(2025, 4, 1), "结束日期早于开始日期"),
    (D(2025, 12, 1), D(2026, 1, 31), "同一年度内"),
])
def test_bad_periods_are_refused(start, end, message):
    with pytest.raises(quarterly.BadPeriod, match=message):
        quarterly.span_of(start, end)


def test_quarterly_page_and_xlsx(client, records, agencies, users):
    client.force_login(users.clerk)
    page = client.get(reverse("reports:quarterly"), {"agency": agencies.dept.pk, "year": 2025, "quarter": 4})
    text = page.content.decode()
    assert page.status_code == 200 and "台儿庄区民政局2025年第四季度政府信息公开工作统计" in text
    assert 'id="cell-applications.new.total">2<' in text
    answer = client.get(reverse("reports:quarterly"), {"agency": agencies.dept.pk, "start": "2025-06-01",
                                                      "end": "2025-06-30", "format": "xlsx"})
    book = load_workbook(io.BytesIO(answer.content))
    assert book.properties.title == "台儿庄区民政局2025年6月1日至2025年6月30日政府信息公开工作统计"
    assert "年度报告" not in str(book.worksheets[0].cell(1, 1).value)


def test_quarterly_page_refuses_bad_dates_and_other_agencies(client, agencies, users):
    client.force_login(users.clerk)
    bad = client.get(reverse("reports:quarterly"), {"agency": agencies.dept.pk, "start": "2025-13-01", "end": "x"})
    assert bad.status_code == 422 and "日期格式" in bad.content.decode()
    assert client.get(reverse("reports:quarterly"), {"agency": agencies.dept2.pk}).status_code == 404
