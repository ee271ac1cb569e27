"""A government's own report for its whole area (本行政区域): its departments' and townships'
tables added to its own records, balanced, each cell drilled down to the agencies behind it;
or its own office only (本机关) — section 一 says which."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.annual.checks import check
from gongkai.reports import services
from gongkai.reports.models import Report, Scope
from gongkai.workflow import TransitionError

YEAR = 2025
JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)


@pytest.fixture
def gov_clerk(agencies, make_user):
    return make_user("gov_clerk", (agencies.gov, "clerk"))


@pytest.fixture
def area(records, agencies, users, gov_clerk):
    with clock.moved_to(JANUARY):
        dept = services.draft(agencies.dept, YEAR, users.clerk)
        dept = services.set_figure(dept, users.clerk, table="proactive", row="licensing", column="decisions",
                                   value=3, source="规范性文件备案登记")
        return services.draft(agencies.gov, YEAR, gov_clerk, scope=Scope.AREA)


def test_area_report_adds_the_departments_reports_to_the_governments_own_records(area, agencies):
    dept = Report.objects.get(agency=agencies.dept, year=YEAR)
    assert area.scope == Scope.AREA
    assert area.figures["applications"]["new"]["total"] == dept.figures["applications"]["new"]["total"] == 4
    assert area.figures["proactive"]["licensing"]["decisions"] == 3  # the department's hand-entered figure


def test_area_report_balances(area):
    errors = [f for f in check(services.assemble(area)) if f.severity == "error"]
    assert errors == []


def test_section_one_says_the_report_covers_the_whole_area(area):
    assert area.sections["overview"].startswith("本报告为台儿庄区人民政府本行政区域2025年度政府信息公开工作年度报告")
    assert "所属2个部门、1个乡镇（街道）" in area.sections["overview"]
    with clock.moved_to(JANUARY):
        codes = {f.code for f in services.findings(area)}
    assert "NARRATIVE_MISMATCH" not in codes


def test_own_office_report_says_it_covers_the_office_only(agencies, gov_clerk):
    with clock.moved_to(JANUARY):
        own = services.draft(agencies.gov, YEAR, gov_clerk)
    assert own.scope == Scope.AGENCY
    assert own.sections["overview"].startswith("本报告仅反映台儿庄区人民政府本机关的政府信息公开工作情况")


def test_a_department_cannot_report_for_an_area(agencies, users):
    with pytest.raises(TransitionError, match="只有人民政府"):
        services.draft(agencies.dept, YEAR, users.clerk, scope=Scope.AREA)


def test_a_later_change_in_a_departments_report_shows_as_moved_in_the_area_report(area, agencies, users, gov_clerk):
    dept = Report.objects.get(agency=agencies.dept, year=YEAR)
    services.set_figure(dept, users.clerk, table="proactive", row="licensing", column="decisions", value=5, source="备案登记")
    area = Report.objects.get(pk=area.pk)
    moved = services.moved_cells(area)
    assert [(m.row, m.column, m.held, m.now) for m in moved] == [("licensing", "decisions", 3, 5)]
    services.refresh(area, gov_clerk)
    assert Report.objects.get(pk=area.pk).figures["proactive"]["licensing"]["decisions"] == 5


def test_area_cell_lists_each_agency_behind_it_linking_to_its_own_cell(client, area, agencies, users):
    dept = Report.objects.get(agency=agencies.dept, year=YEAR)
    client.force_login(users.supervisor)
    page = client.get(reverse("reports:cell", args=[area.pk, "applications", "new", "total"]))
    text = page.content.decode()
    assert page.status_code == 200 and 'id="parts"' in text
    assert reverse("reports:cell", args=[dept.pk, "applications", "new", "total"]) in text
    assert "台儿庄区人民政府（本机关记录）" in text and "台儿庄区运河街道办事处" in text


def test_a_department_cannot_open_the_area_report(client, area, users):
    client.force_login(users.clerk)
    assert client.get(reverse("reports:detail", args=[area.pk])).status_code == 404
    assert client.get(reverse("reports:cell", args=[area.pk, "applications", "new", "total"])).status_code == 404


def test_government_chooses_the_scope_when_it_starts_its_report(client, agencies, gov_clerk):
    client.force_login(gov_clerk)
    page = client.get(reverse("reports:index"), {"agency": agencies.gov.pk, "year": YEAR}).content.decode()
    assert 'name="scope"' in page and "本行政区域" in page
    with clock.moved_to(JANUARY):
        answer = client.post(reverse("reports:start"), {"agency": agencies.gov.pk, "year": YEAR, "scope": "area"})
    report = Report.objects.get(agency=agencies.gov, year=YEAR)
    assert answer.status_code == 302 and report.scope == Scope.AREA


def test_area_report_page_opens_with_no_moved_cells_right_after_drafting(client, area, gov_clerk):
    client.force_login(gov_clerk)
    page = client.get(reverse("reports:detail", args=[area.pk]))
    assert page.status_code == 200 and "本行政区域2025年度" in page.content.decode()
    assert page.context["moved"] == []
