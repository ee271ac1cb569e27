"""Least privilege for the supervisor, on every route: the supervisor of 台儿庄区人民政府 reads its
department's cases and catalogue, but never an applicant's identity number, phone, address, e-mail
or name in clear, never an identity scan or a letter, and never an unpublished draft's content.

Every URL pattern of applications/, catalogue/, appeals/, the agencies' shell and the home page is requested
(GET, then POST without data) as that supervisor on the department's own objects; nothing
changes and nothing leaks. The same pages as the department's clerk show the data (the markers
are real).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, get_resolver, reverse

from gongkai.agencies.models import AuditEntry
from gongkai.appeals import services as appeals
from gongkai.applications import attachments, letters
from gongkai.applications import services as applications
from gongkai.applications.models import AgencyCalendarOverride, Application
from gongkai.catalogue import services as catalogue
from gongkai.catalogue.models import Item, ScreenFinding
from tests.applications.conftest import ID_NUMBER, register  # noqa: F401
from tests.catalogue.conftest import _data_dir, categories, draft, publish  # noqa: F401
from tests.web.routes import routes

#: The route groups under test: (namespace or urlconf module, prefix).
GROUPS = ("applications", "catalogue", "appeals", "gongkai.agencies.urls")

NAME, PHONE, EMAIL, ADDRESS = "欧阳明远", "13912348765", "ouyang.mingyuan@example.cn", "台儿庄区运河街道幸福路88号"
SCAN = b"\x89PNG\r\n\x1a\n" + b"IDENTITY-SCAN-BYTES" * 4
DRAFT_BODY, DRAFT_SUMMARY = "尚未公开的草稿正文甲乙丙", "尚未公开的内容概述丁戊己"
DRAFT_FILE = b"%PDF-1.4\n% DRAFT-ATTACHMENT-BYTES\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRET_FINDING_PHONE = "13700001111"


def _routes() -> list[tuple[str, URLPattern]]:
    """The home page (a pattern at the top level) and every route of `GROUPS`."""
    home = [("", entry) for entry in get_resolver().url_patterns if isinstance(entry, URLPattern)]
    return home + routes(GROUPS)


ROUTES = _routes()


@pytest.fixture
def world(register, draft, users, agencies):  # noqa: F811
    """The department's application (with an identity scan and a letter), appeal, calendar
    change, and a catalogue draft in review (body, summary, attachment, a screen finding)."""
    application = register(applicant_name=NAME, phone=PHONE, email=EMAIL, address=ADDRESS)
    scan = attachments.add_attachment(application, users.clerk, kind="identity", name=f"{NAME}身份证.png", data=SCAN)
    applications.request_correction(application, users.clerk, content="请写明年份", reply_by=dt.date(2026, 9, 15),
                                    on=dt.date(2026, 9, 2))  # fmt: skip
    letter = letters.issue_letter(application, users.clerk, "correction_notice")
    appeal = appeals.record_appeal(users.clerk, agencies.dept, kind="review", body="台儿庄区人民政府",
                                   filed_on=dt.date(2026, 10, 9), application=application, appellant=NAME)  # fmt: skip
    override = applications.add_calendar_override(users.admin, agencies.dept, date=dt.date(2026, 12, 31),
                                                  workday=False, note="停电")[0]  # fmt: skip
    item = draft(body=f"<p>{DRAFT_BODY}，联系电话{SECRET_FINDING_PHONE}</p>", summary=DRAFT_SUMMARY)
    file = catalogue.add_attachment(item, users.clerk, name="草稿附件.pdf", data=DRAFT_FILE)
    catalogue.submit(item, users.clerk)
    finding = ScreenFinding.objects.filter(item=item).first()
    assert finding is not None
    return {"application": Application.objects.get(pk=application.pk), "scan": scan, "letter": letter,
            "appeal": appeal, "override": override, "item": Item.objects.get(pk=item.pk), "file": file,
            "finding": finding}  # fmt: skip


def _kwargs(namespace: str, pattern: URLPattern, world, agencies) -> dict:
    """Arguments for `pattern` pointing at the department's objects."""
    by_route = {"applications:settings-calendar-remove": {"pk": world["override"].pk},
                "gongkai.agencies:agency-detail": {"pk": agencies.dept.pk}}  # fmt: skip
    primary = {"applications": world["application"].pk, "catalogue": world["item"].pk, "appeals": world["appeal"].pk}
    attachment = {"applications": world["scan"].pk, "catalogue": world["file"].pk}
    values = {"letter_pk": world["letter"].pk, "finding_pk": world["finding"].pk, "fmt": "docx",
              "name": "request_correction", "kind": "correction_notice"}  # fmt: skip
    key = f"{namespace or 'gongkai.agencies'}:{pattern.name}"
    kwargs = {}
    for converter in pattern.pattern.converters:
        if key in by_route and converter in by_route[key]:
            kwargs[converter] = by_route[key][converter]
        elif converter == "pk":
            kwargs[converter] = primary[namespace]
        elif converter == "attachment_pk":
            kwargs[converter] = attachment[namespace]
        else:
            kwargs[converter] = values[converter]  # a new converter: give it a value here
    return kwargs


def _url(namespace, pattern, world, agencies) -> str:
    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
    return reverse(name, kwargs=_kwargs(namespace, pattern, world, agencies))


def _leaks(body: bytes, world) -> list[str]:
    text = body.decode("utf-8", "replace")
    markers = {"ID number": ID_NUMBER, "name": NAME, "phone": PHONE, "e-mail": EMAIL, "address": ADDRESS,
               "draft body": DRAFT_BODY, "draft summary": DRAFT_SUMMARY, "draft's phone": SECRET_FINDING_PHONE,
               "finding excerpt": world["finding"].excerpt}  # fmt: skip
    found = [label for label, marker in markers.items() if marker in text]
    found += [label for label, raw in (("identity scan", b"IDENTITY-SCAN-BYTES"), ("draft attachment", b"DRAFT-ATTACHMENT"))
              if raw in body]  # fmt: skip
    return found


def _state(world) -> tuple:
    a, item = Application.objects.get(pk=world["application"].pk), Item.objects.get(pk=world["item"].pk)
    return (a.version, a.state, item.version, item.state, AuditEntry.objects.count(),
            AgencyCalendarOverride.objects.count(), item.attachments.count(), a.attachments.count())


def test_every_route_group_is_enumerated():
    names = {(ns, p.name) for ns, p in ROUTES}
    assert {("applications", "attachment"), ("applications", "letter"), ("catalogue", "attachment"),
            ("catalogue", "detail"), ("appeals", "detail"), ("", "audit-log"), ("", "home")} <= names  # fmt: skip
    assert len(ROUTES) >= 40


@pytest.mark.parametrize(("namespace", "pattern"), ROUTES, ids=[f"{ns or 'shell'}:{p.name}" for ns, p in ROUTES])
def test_supervisor_reads_no_personal_data_scan_or_draft_content(client, users, agencies, world, namespace, pattern):
    url = _url(namespace, pattern, world, agencies)
    client.force_login(users.supervisor)  # (a login is audited: count from here)
    before = _state(world)
    page = client.get(url)
    assert page.status_code in (200, 302, 403, 404, 405), (url, page.status_code)
    assert _leaks(page.content, world) == [], url
    if pattern.name != "logout":
        posted = client.post(url)
        assert posted.status_code in (200, 302, 400, 403, 404, 405), (url, posted.status_code)
        assert _leaks(posted.content, world) == [], url
        assert _state(world) == before, f"POST {url} changed something"


def test_identity_scans_and_letters_are_refused_to_the_supervisor_and_served_to_the_clerk(client, users, world):
    a = world["application"]
    downloads = [reverse("applications:attachment", args=[a.pk, world["scan"].pk]),
                 reverse("applications:letter", args=[a.pk, world["letter"].pk, "pdf"]),
                 reverse("applications:letter", args=[a.pk, world["letter"].pk, "docx"])]  # fmt: skip
    client.force_login(users.supervisor)
    assert [client.get(url).status_code for url in downloads] == [403, 403, 403]
    page = client.get(reverse("applications:detail", args=[a.pk])).content.decode()
    assert "3704**********1238" in page and "欧***" in page and ID_NUMBER not in page
    assert downloads[0] not in page and downloads[1] not in page  # no links to what would be refused
    client.force_login(users.clerk)
    assert client.get(downloads[0]).content == SCAN
    page = client.get(reverse("applications:detail", args=[a.pk])).content.decode()
    assert all(marker in page for marker in (ID_NUMBER, NAME, PHONE, ADDRESS))


def test_supervisor_sees_a_drafts_metadata_and_status_not_its_content(client, users, world):
    item = world["item"]
    client.force_login(users.supervisor)
    page = client.get(reverse("catalogue:detail", args=[item.pk])).content.decode()
    assert item.title in page and item.state_label in page and 'id="content-withheld"' in page
    assert client.get(reverse("catalogue:attachment", args=[world["file"].pk])).status_code == 403
    client.force_login(users.reviewer)
    page = client.get(reverse("catalogue:detail", args=[item.pk])).content.decode()
    assert DRAFT_BODY in page and DRAFT_SUMMARY in page
    assert client.get(reverse("catalogue:attachment", args=[world["file"].pk])).content == DRAFT_FILE


def test_supervisor_reads_published_content_and_masked_queues(client, users, world, draft, publish):  # noqa: F811
    published = publish(draft(title="已发布的通知", body="<p>已经公开的正文</p>"))
    client.force_login(users.supervisor)
    page = client.get(reverse("catalogue:detail", args=[published.pk])).content.decode()
    assert "已经公开的正文" in page and 'id="content-withheld"' not in page
    queue = client.get(reverse("applications:queue"), {"tab": "all"}).content.decode()
    assert world["application"].tracking_number in queue and NAME not in queue and "欧***" in queue
    search = (reverse("applications:queue"), {"tab": "all", "q": NAME})
    assert client.get(*search).context["page"].paginator.count == 0  # who applied cannot be probed by name
    client.force_login(users.clerk)
    assert client.get(*search).context["page"].paginator.count == 1
    assert client.get(reverse("catalogue:deadlines"), {"agency": world["item"].agency_id}).status_code == 200
