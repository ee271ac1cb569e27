"""The carried-in cell shows last year's report beside its records; the home page shows the
report of last year and its deadline."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai import clock
from gongkai.reports import services


def test_carried_in_cell_shows_last_years_published_report(records, client, users, agencies):
    with clock.moved_to(dt.datetime(2025, 1, 20, 10, 0, tzinfo=clock.ZONE)):
        last = services.draft(agencies.dept, 2024, users.clerk)
        last = services.submit(last, users.clerk)
        last = services.approve(last, users.reviewer)
        services.publish(last, users.leader)
    report = services.draft(agencies.dept, 2025, users.clerk)
    client.force_login(users.clerk)
    page = client.get(reverse("reports:cell", args=[report.pk, "applications", "carried_in", "total"])).content.decode()
    assert "2024年度报告（本系统发布，第1版）" in page and "结转下年度继续办理”为0" in page
    assert reverse("reports:detail", args=[last.pk]) in page


def test_home_page_panel_shows_last_years_report(records, client, users, agencies):
    client.force_login(users.clerk)
    page = client.get(reverse("home")).content.decode()
    assert "2025年度报告</a>：尚未生成" in page and "2026年1月31日" in page
