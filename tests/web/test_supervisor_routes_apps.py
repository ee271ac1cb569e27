"""Least privilege for the supervisor on the newer apps' routes: the annual reports (/reports/),
the service desk (/desk/) and the staff side of online applications (/online/).

The supervisor of 台儿庄区人民政府 reads 台儿庄区民政局's reports, desk cases and online submissions:
an unpublished report's metadata and status but never its content (narrative, table values, the
working copy's exports), a desk asker's contact masked, an online applicant's identity masked and
the identity scan never. Every URL pattern of the three namespaces is requested as that
supervisor on the department's own objects — GET, POST without data and POST with a plausible
form — and nothing changes and nothing leaks. The department's clerk sees the same markers on
the same pages (they are real), and the published version of a report stays readable.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import URLPattern, reverse
from openpyxl import load_workbook

from gongkai import clock
from gongkai.agencies.models import AuditEntry
from gongkai.applications.models import Application
from gongkai.desk import services as desk
from gongkai.desk.models import Case, DeskSettings, Reception
from gongkai.portal import online
from gongkai.portal.models import Submission
from gongkai.reports import services as reports
from gongkai.reports import supervision
from gongkai.reports.models import Baseline, ManualFigure, Publication, Report
from tests.applications.conftest import ID_NUMBER
from tests.catalogue.conftest import _data_dir  # noqa: F401 - autouse: the scans go to a tmp DATA_DIR
from tests.web.routes import routes
from tests.web.test_supervisor_routes import ADDRESS, EMAIL, NAME, PHONE, SCAN

#: The route groups under test (their namespaces).
GROUPS = ("reports", "desk", "portal-staff")
ROUTES = routes(GROUPS)

YEAR = 2025
JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)
#: What the department published for 2025 (version 1), and what its correction's draft holds now.
PUBLISHED_TEXT = "已公开年度报告的正文庚辛壬"
DRAFT_TEXT, DRAFT_ASSESSMENT = "尚未公开的年度报告正文甲乙丙", "尚未公开的考核结果丁戊己"
CELL, CELL_MARKER = ("proactive", "licensing", "decisions"), 8642097
DRAFT_REPLY = "尚未公开的拟公开答复子丑寅"

#: Routes where the supervisor acts by design without changing a record: the reminder to late
#: agencies (催办, `reports.board.remind`) mails them and writes one audit entry.
SUPERVISORS_OWN_ACTS = {"reports:remind"}

GET_ALLOWED = (200, 302, 403, 404, 405)
POST_ALLOWED = (200, 302, 400, 403, 404, 405, 409, 422)


def _publish(report: Report, users) -> Report:
    report = reports.submit(report, users.clerk)
    for f in reports.findings(report):
        if f.severity == "warning":
            report = reports.explain(report, users.clerk, key=reports.finding_key(f), reason="已核实")
    report = reports.approve(report, users.reviewer)
    return reports.publish(report, users.leader)


def _corrected_report(agencies, users) -> Report:
    """民政局's 2025 report, published in January with `PUBLISHED_TEXT`, then reopened for a
    correction: its draft holds `DRAFT_TEXT`, `DRAFT_ASSESSMENT` and a hand-entered `CELL_MARKER`."""
    with clock.moved_to(JANUARY):
        report = reports.draft(agencies.dept, YEAR, users.clerk)
        report = reports.save_text(report, users.clerk, sections={
            "overview": f"{report.sections['overview']}\n{PUBLISHED_TEXT}"})
        report = _publish(report, users)
        report = reports.correct(report, users.clerk, reason="更正统计口径")
    report = reports.save_text(report, users.clerk, sections={"overview": f"{report.sections['overview']}\n{DRAFT_TEXT}"},
                               assessment=DRAFT_ASSESSMENT)  # fmt: skip
    table, row, column = CELL
    return reports.set_figure(report, users.clerk, table=table, row=row, column=column, value=CELL_MARKER,
                              source="行政许可办件系统年度统计")  # fmt: skip


def _desk_case(agencies, users) -> Case:
    """A consultation replied to and proposed for publication (the text to publish is a draft)."""
    case = desk.register(users.clerk, agencies.dept, kind="consultation", channel="phone", title="低保申请条件咨询",
                         topic="社会救助", question="请问申请城乡低保需要哪些材料？", asker_name=NAME,
                         asker_phone=PHONE, asker_email=EMAIL, received_on=clock.today() - dt.timedelta(days=3),
                         consent=True)  # fmt: skip
    case = desk.reply(case, users.clerk, text="需提供户口簿和收入证明。")
    return desk.propose(case, users.clerk, title="低保申请材料", question="申请低保需要哪些材料？",
                        reply_text=DRAFT_REPLY)  # fmt: skip


def _submission(agencies) -> Submission:
    data = {"applicant_type": "natural_person", "applicant_name": NAME, "id_type": "resident_id",
            "id_number": ID_NUMBER, "phone": PHONE, "email": EMAIL, "address": ADDRESS, "postcode": "",
            "description": "2025年度城乡低保资金发放明细", "document_number": "", "purpose": "", "form": "email",
            "delivery": "email"}  # fmt: skip
    submission, _ = online.submit(agencies.dept, data, (f"{NAME}身份证.png", SCAN))
    mail.outbox.clear()
    return submission


@pytest.fixture
def world(agencies, users):
    """The department's corrected 2025 report (published v1, draft content now), a desk case with
    the asker's contact and a text proposed for publication, and an online submission with an
    identity scan."""
    return {"report": _corrected_report(agencies, users), "case": _desk_case(agencies, users),
            "submission": _submission(agencies)}  # fmt: skip


def _kwargs(namespace: str, pattern: URLPattern, world) -> dict:
    """Arguments for `pattern` pointing at the department's objects."""
    primary = {"reports": world["report"].pk, "desk": world["case"].pk, "portal-staff": world["submission"].pk}
    table, row, column = CELL
    values = {"number": 1, "kind": "html", "table": table, "row": row, "column": column, "year": clock.today().year,
              "key": "consultations", "name": {"reports": "submit", "desk": "publish"}.get(namespace)}  # fmt: skip
    kwargs = {}
    for converter in pattern.pattern.converters:
        kwargs[converter] = primary[namespace] if converter == "pk" else values[converter]
        assert kwargs[converter] is not None, f"{namespace}:{pattern.name}: give {converter} a value here"
    return kwargs


def _url(namespace: str, pattern: URLPattern, world, agencies) -> str:
    """The route's address on the department's objects (``?agency=`` names the department where a
    page reads the agency from the query)."""
    return f"{reverse(f'{namespace}:{pattern.name}', kwargs=_kwargs(namespace, pattern, world))}?agency={agencies.dept.pk}"


def _form(world, agencies) -> dict:
    """A plausible form for any of the routes: a step's version and comment, a figure, a text, a
    reply, a confirmation day, a reception count…"""
    report, case = world["report"], world["case"]
    return {"version": report.version if report else case.version, "comment": "同意", "reason": "已核实", "key": "x",
            "cell": ".".join(CELL), "value": "1", "source": "登记簿", "overview": "改写的正文", "assessment": "",
            "year": YEAR, "scope": "agency", "agency": agencies.dept.pk, "text": "答复", "on": "2026-11-20",
            "office": "社会救助科", "title": "标题", "question": "问题", "reply_text": "答复", "how": "accept",
            "satisfaction": "satisfied", "add": "walk_in", "channel": "walk_in", "count": "9", "set": "1",
            "reply_days": "3", "proposal_months": "2", "kind": "consultation", "received_on": "2026-11-20"}  # fmt: skip


def _leaks(body: bytes) -> list[str]:
    text = body.decode("utf-8", "replace")
    markers = {"ID number": ID_NUMBER, "name": NAME, "phone": PHONE, "e-mail": EMAIL, "address": ADDRESS,
               "report draft text": DRAFT_TEXT, "report draft assessment": DRAFT_ASSESSMENT,
               "hand-entered cell": str(CELL_MARKER), "desk text to publish": DRAFT_REPLY}  # fmt: skip
    found = [label for label, marker in markers.items() if marker in text]
    return found + (["identity scan"] if b"IDENTITY-SCAN-BYTES" in body else [])


def _state(world) -> tuple:
    report = Report.objects.get(pk=world["report"].pk)
    case = Case.objects.get(pk=world["case"].pk)
    submission = Submission.objects.get(pk=world["submission"].pk)
    return (report.version, report.state, report.sections, report.assessment, report.acknowledged,
            list(ManualFigure.objects.values_list("table", "row", "column", "value")), Publication.objects.count(),
            Report.objects.count(), Baseline.objects.count(), case.version, case.state, case.office,
            submission.version, submission.state, Application.objects.count(), Case.objects.count(),
            list(Reception.objects.values_list("on", "channel", "count")), DeskSettings.objects.count(),
            AuditEntry.objects.count(), len(mail.outbox))  # fmt: skip


def test_every_route_of_the_three_groups_is_enumerated():
    names = {(ns, p.name) for ns, p in ROUTES}
    assert {ns for ns, _ in ROUTES} == set(GROUPS)
    assert {("reports", "detail"), ("reports", "text"), ("reports", "cell"), ("reports", "export"),
            ("reports", "published"), ("reports", "supervision"), ("desk", "detail"), ("desk", "export"),
            ("portal-staff", "submissions"), ("portal-staff", "confirm")} <= names  # fmt: skip
    assert len(ROUTES) >= 30


@pytest.mark.parametrize(("namespace", "pattern"), ROUTES, ids=[f"{ns}:{p.name}" for ns, p in ROUTES])
def test_supervisor_reads_no_personal_data_scan_or_draft_content(client, users, agencies, world, namespace, pattern):
    url = _url(namespace, pattern, world, agencies)
    client.force_login(users.supervisor)  # (a login is audited: count from here)
    before = _state(world)
    page = client.get(url)
    assert page.status_code in GET_ALLOWED, (url, page.status_code)
    assert _leaks(page.content) == [], url
    for data in ({}, _form(world, agencies)):
        posted = client.post(url, data)
        assert posted.status_code in POST_ALLOWED, (url, data, posted.status_code)
        assert _leaks(posted.content) == [], (url, data)
        kept = -2 if f"{namespace}:{pattern.name}" in SUPERVISORS_OWN_ACTS else None  # its audit entry and mails
        assert _state(world)[:kept] == before[:kept], f"POST {url} {data} changed something"


# --- the annual report: status for the supervisor, content for the agency's own staff ----------------


def _report_pages(report: Report) -> dict[str, str]:
    table, row, column = CELL
    return {"detail": reverse("reports:detail", args=[report.pk]),
            "cell": reverse("reports:cell", args=[report.pk, table, row, column]),
            **{f"export.{kind}": reverse("reports:export", args=[report.pk, kind]) for kind in ("html", "json", "docx")}}  # fmt: skip


def test_supervisor_sees_an_unpublished_reports_status_not_its_content(client, users, agencies, world):
    report, pages = world["report"], _report_pages(world["report"])
    client.force_login(users.supervisor)
    detail = client.get(pages["detail"])
    text = detail.content.decode()
    assert detail.status_code == 200 and report.state_label in text and agencies.dept.name in text
    assert 'id="content-withheld"' in text and "监督机关只能查看未公开年度报告的状态" in text
    assert DRAFT_TEXT not in text and str(CELL_MARKER) not in text and DRAFT_ASSESSMENT not in text
    assert 'id="findings"' in text  # the check's summary counts stay
    assert pages["export.html"] not in text  # no link to what would be refused
    cell = client.get(pages["cell"]).content.decode()
    assert str(CELL_MARKER) not in cell and 'id="content-withheld"' in cell
    for kind in ("html", "json", "docx"):
        assert client.get(pages[f"export.{kind}"]).status_code == 403
    assert client.get(reverse("reports:text", args=[report.pk])).status_code == 302


def test_the_agencys_own_staff_see_the_draft_content_on_the_same_pages(client, users, world):
    pages = _report_pages(world["report"])
    for who in (users.clerk, users.reviewer):
        client.force_login(who)
        detail = client.get(pages["detail"]).content.decode()
        assert DRAFT_TEXT in detail and str(CELL_MARKER) in detail and 'id="content-withheld"' not in detail
        assert str(CELL_MARKER) in client.get(pages["cell"]).content.decode()
        exported = client.get(pages["export.html"])
        assert exported.status_code == 200 and DRAFT_TEXT.encode() in exported.content
        assert str(CELL_MARKER).encode() in client.get(pages["export.json"]).content


def test_published_versions_stay_readable_by_the_supervisor(client, users, agencies, world):
    report = world["report"]
    client.force_login(users.supervisor)
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    published = reverse("reports:published", args=[report.pk, 1, "html"])
    assert published in detail
    answer = client.get(published)
    assert answer.status_code == 200 and PUBLISHED_TEXT.encode() in answer.content
    assert DRAFT_TEXT.encode() not in answer.content and str(CELL_MARKER).encode() not in answer.content
    # a report whose published version is what stands now reads in full, its exports too
    with clock.moved_to(JANUARY):
        other = reports.draft(agencies.dept, YEAR - 1, users.clerk)
        other = reports.save_text(other, users.clerk, sections={"overview": f"{other.sections['overview']}\n二〇二四年度已公开正文"})
        other = _publish(other, users)
    detail = client.get(reverse("reports:detail", args=[other.pk])).content.decode()
    assert 'id="content-withheld"' not in detail and "二〇二四年度已公开正文" in detail
    exported = client.get(reverse("reports:export", args=[other.pk, "html"]))
    assert exported.status_code == 200 and "二〇二四年度已公开正文".encode() in exported.content


def test_supervision_gives_an_unpublished_reports_status_and_counts_not_its_figures(client, users, agencies, world):
    client.force_login(users.supervisor)
    query = {"agency": agencies.gov.pk, "year": YEAR}
    page = client.get(reverse("reports:supervision"), query).content.decode()
    assert world["report"].state_label in page and str(CELL_MARKER) not in page
    answer = client.get(reverse("reports:supervision"), {**query, "format": "xlsx"})
    rows = {r[0]: r for r in load_workbook(io.BytesIO(answer.content)).worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert rows[agencies.dept.name][2] == world["report"].state_label
    assert CELL_MARKER not in rows[agencies.dept.name] and set(rows[agencies.dept.name][7:]) == {None}
    client.force_login(users.clerk)
    answer = client.get(reverse("reports:supervision"), {"agency": agencies.dept.pk, "year": YEAR, "format": "xlsx"})
    rows = {r[0]: r for r in load_workbook(io.BytesIO(answer.content)).worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert CELL_MARKER in rows[agencies.dept.name]
    entry = next(e for e in supervision.entries(users.supervisor, agencies.gov, YEAR, clock.today())
                 if e.row.agency == agencies.dept)  # fmt: skip
    assert entry.withheld and entry.differences == []


# --- the desk and online submissions: masked for the supervisor, in clear for the clerk ---------------


def test_desk_case_shows_the_askers_contact_masked_and_no_draft_to_the_supervisor(client, users, world):
    url = reverse("desk:detail", args=[world["case"].pk])
    client.force_login(users.supervisor)
    page = client.get(url).content.decode()
    assert "欧***" in page and "139****8765" in page and PHONE not in page and NAME not in page and EMAIL not in page
    assert DRAFT_REPLY not in page and 'id="content-withheld"' in page
    client.force_login(users.clerk)
    page = client.get(url).content.decode()
    assert NAME in page and PHONE in page and EMAIL in page and DRAFT_REPLY in page


def test_online_submissions_are_listed_masked_to_the_supervisor_and_in_clear_to_the_clerk(client, users, agencies,
                                                                                          world):  # fmt: skip
    url = f"{reverse('portal-staff:submissions')}?agency={agencies.dept.pk}"
    client.force_login(users.supervisor)
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and world["submission"].number in text and "欧***" in text
    assert NAME not in text and ID_NUMBER not in text and b"IDENTITY-SCAN-BYTES" not in page.content
    assert reverse("portal-staff:confirm", args=[world["submission"].pk]) not in text
    client.force_login(users.clerk)
    text = client.get(url).content.decode()
    assert NAME in text and reverse("portal-staff:confirm", args=[world["submission"].pk]) in text
