"""Supervision of a subtree: every readable report with its findings, cross-year differences and
publication date; the whole subtree's figures as one .xlsx; nothing outside the viewer's reach."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai import clock
from gongkai.reports import services, supervision

YEAR = 2025
JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)


@pytest.fixture
def published(records, agencies, users):
    """民政局's 2025 report published in January, over a 2024 baseline that differs from it."""
    with clock.moved_to(JANUARY):
        report = services.draft(agencies.dept, YEAR, users.clerk)
        report = services.submit(report, users.clerk)
        for f in services.findings(report):
            if f.severity == "warning":
                report = services.explain(report, users.clerk, key=services.finding_key(f), reason="已核实")
        report = services.approve(report, users.reviewer)
        return services.publish(report, users.leader)


def test_entries_give_status_findings_and_publication_date_of_the_subtree(published, agencies, users):
    entries = {e.row.agency.name: e for e in supervision.entries(users.supervisor, agencies.gov, YEAR, dt.date(2026, 2, 1))}
    assert set(entries) == {"台儿庄区人民政府", "台儿庄区民政局", "台儿庄区教育和体育局", "台儿庄区运河街道办事处"}
    dept = entries["台儿庄区民政局"]
    assert dept.row.published_on == dt.date(2026, 1, 15) and dept.errors == 0
    assert dept.model.get("applications", "new", "total") == 4
    assert entries["台儿庄区教育和体育局"].row.late and entries["台儿庄区教育和体育局"].model is None


def test_cross_year_differences_list_the_cells_that_changed(published, agencies, users):
    from gongkai.annual.model import from_dict, to_dict
    from gongkai.reports.models import Baseline

    last = from_dict(published.publications.get().content)
    last.year = YEAR - 1
    last.set("applications", "new", "total", 9)
    Baseline.objects.create(agency=agencies.dept, year=YEAR - 1, filename="2024.docx", file_sha256="0" * 64,
                            content=to_dict(last), confirmed_at=clock.now())
    entry = next(e for e in supervision.entries(users.supervisor, agencies.gov, YEAR, dt.date(2026, 2, 1))
                 if e.row.agency == agencies.dept)
    changed = {d.key: (d.before, d.now) for d in entry.differences}
    assert changed["applications.new.total"] == (9, 4)


def test_supervision_page_and_xlsx_have_one_row_per_agency_and_one_column_per_cell(client, published, agencies, users):
    client.force_login(users.supervisor)
    page = client.get(reverse("reports:supervision"), {"agency": agencies.gov.pk, "year": YEAR})
    assert page.status_code == 200 and "2026-01-15" in page.content.decode()
    answer = client.get(reverse("reports:supervision"), {"agency": agencies.gov.pk, "year": YEAR, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    keys = [k for k, _ in supervision.cell_keys(YEAR)]
    assert header[7:] == keys
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"台儿庄区人民政府", "台儿庄区民政局", "台儿庄区教育和体育局", "台儿庄区运河街道办事处"}
    assert rows["台儿庄区民政局"][7 + keys.index("applications.new.total")] == 4


def test_a_department_sees_only_itself_and_no_other_subtree(client, published, agencies, users):
    client.force_login(users.clerk)
    text = client.get(reverse("reports:supervision"), {"agency": agencies.dept.pk, "year": YEAR}).content.decode()
    assert "台儿庄区民政局" in text and "台儿庄区教育和体育局" not in text
    assert client.get(reverse("reports:supervision"), {"agency": agencies.gov.pk}).status_code == 404
    client.force_login(users.supervisor)
    assert client.get(reverse("reports:supervision"), {"agency": agencies.sibling.pk}).status_code == 404
    answer = client.get(reverse("reports:supervision"), {"agency": agencies.gov.pk, "year": YEAR, "format": "xlsx"})
    names = [r[0] for r in load_workbook(io.BytesIO(answer.content)).worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert "峄城区人民政府" not in names and "枣庄市人民政府" not in names


def test_a_report_published_outside_is_audited_beside_the_systems_figures(client, published, agencies, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.annual.model import from_dict
    from gongkai.reports.models import Baseline

    outside = from_dict(published.publications.get().content)
    outside.set("applications", "new", "total", 7)  # printed wrong: breaks the table's identity
    html = services.renderings(outside, only="html")["html"]
    client.force_login(users.supervisor)
    page = client.post(f"{reverse('reports:supervision')}?agency={agencies.gov.pk}&year={YEAR}", {
        "target": agencies.dept.pk, "file": SimpleUploadedFile("mz2025.html", html, "text/html")})
    text = page.content.decode()
    assert page.status_code == 200 and 'id="audit-differences"' in text
    assert "1项数据不一致" in text and "<td data-label=\"外部报告\">7</td>" in text
    assert 'class="error"' in text
    assert not Baseline.objects.exists()


def test_an_unreadable_outside_report_is_refused_and_nothing_is_kept(client, published, agencies, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users.supervisor)
    page = client.post(f"{reverse('reports:supervision')}?agency={agencies.gov.pk}&year={YEAR}", {
        "target": agencies.dept.pk, "file": SimpleUploadedFile("x.txt", "购物清单：苹果三个".encode(), "text/plain")})
    assert page.status_code == 422 and "不是政府信息公开工作年度报告" in page.content.decode()


def test_an_outside_report_cannot_be_audited_for_an_agency_outside_the_subtree(client, published, agencies, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users.supervisor)
    page = client.post(f"{reverse('reports:supervision')}?agency={agencies.gov.pk}&year={YEAR}", {
        "target": agencies.sibling.pk, "file": SimpleUploadedFile("x.txt", b"x", "text/plain")})
    assert page.status_code == 422
