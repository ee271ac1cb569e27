"""The reports room's pages: start, exports, drill-down of appeals and hand-entered cells, refusals
answered with their status."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.reports import services
from gongkai.reports.models import Report

JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)


@pytest.fixture
def report(records, agencies, users):
    return services.draft(agencies.dept, 2025, users.clerk)


def test_clerk_starts_the_report_from_the_list(records, client, users, agencies):
    client.force_login(users.clerk)
    assert "按记录生成年度报告" in client.get(reverse("reports:index")).content.decode()
    response = client.post(reverse("reports:start"), {"agency": agencies.dept.pk, "year": 2025})
    report = Report.objects.get(agency=agencies.dept, year=2025)
    assert response.status_code == 302 and response.url == reverse("reports:detail", args=[report.pk])


def test_reviewer_cannot_start_a_report(records, client, users, agencies):
    client.force_login(users.reviewer)
    client.post(reverse("reports:start"), {"agency": agencies.dept.pk, "year": 2025})
    assert not Report.objects.exists()


@pytest.mark.parametrize("kind, start", [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("json", b"{"),
                                         ("html", b"<!DOCTYPE html>"), ("svg", b"<?xml")])
def test_working_copy_exports(report, client, users, kind, start):
    client.force_login(users.clerk)
    response = client.get(reverse("reports:export", args=[report.pk, kind]))
    assert response.status_code == 200 and response.content.startswith(start)


def test_appeal_cell_lists_the_appeals(report, client, users):
    client.force_login(users.clerk)
    page = client.get(reverse("reports:cell", args=[report.pk, "appeals", "review", "upheld"])).content.decode()
    assert page.split('id="records"')[1].count('href="/appeals/') == 1


def test_hand_entered_cell_shows_its_source_and_who_entered_it(report, client, users):
    services.set_figure(report, users.clerk, table="proactive", row="licensing", column="decisions", value=12,
                        source="行政许可办件系统年度统计")
    client.force_login(users.reviewer)
    page = client.get(reverse("reports:cell", args=[report.pk, "proactive", "licensing", "decisions"])).content.decode()
    assert "行政许可办件系统年度统计" in page and "张经办" in page and 'id="cell-value">12<' in page
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'class="manual"' in detail


def test_bad_figure_is_answered_422_and_not_saved(report, client, users):
    client.force_login(users.clerk)
    response = client.post(reverse("reports:figure", args=[report.pk]), {
        "version": report.version, "cell": "applications.new.total", "value": "-3", "source": "登记簿"})
    assert response.status_code == 422 and "不能为负数" in response.content.decode()
    assert not report.manual.exists()


def test_step_out_of_turn_is_409(report, client, users):
    client.force_login(users.leader)
    response = client.post(reverse("reports:step", args=[report.pk, "publish"]), {"version": report.version})
    assert response.status_code == 409


def test_published_files_are_served_to_readers_only(report, client, users, make_user, agencies):
    with clock.moved_to(JANUARY):
        report = services.submit(report, users.clerk)
        report = services.approve(report, users.reviewer)
        report = services.publish(report, users.leader)
    client.force_login(users.supervisor)
    response = client.get(reverse("reports:published", args=[report.pk, 1, "docx"]))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    client.force_login(make_user("other", (agencies.dept2, "clerk")))
    assert client.get(reverse("reports:published", args=[report.pk, 1, "docx"])).status_code == 404


def test_findings_link_to_where_they_are_fixed(report, client, users):
    services.set_figure(report, users.clerk, table="applications", row="new", column="natural_person", value=9,
                        source="登记簿")
    client.force_login(users.clerk)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    findings = page.split('id="findings"')[1]
    assert 'href="#cell-applications.new.natural_person"' in findings
    assert 'id="cell-applications.new.natural_person"' in page


def test_text_editor_opens_only_on_a_draft_for_the_clerk(report, client, users):
    client.force_login(users.reviewer)
    assert client.get(reverse("reports:text", args=[report.pk])).status_code == 302
    client.force_login(users.clerk)
    page = client.get(reverse("reports:text", args=[report.pk])).content.decode()
    assert "共收到政府信息公开申请4件" in page and f'value="{report.version}"' in page
