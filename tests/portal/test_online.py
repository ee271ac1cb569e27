"""Online application (网上申请), staff confirmation (《条例》第三十一条第三项) and the status query,
with the anti-abuse measures: proof-of-work, per-IP rate limits, size limits."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core import mail

from gongkai import clock
from gongkai.agencies.models import AuditEntry
from gongkai.applications import letters, services
from gongkai.portal import abuse, challenge, online
from gongkai.portal.models import Submission
from tests.portal.conftest import solution

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ID_NUMBER = "370402199001011238"


def _form(agencies, **overrides) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "agency": agencies.dept.pk, "applicant_type": "natural_person", "applicant_name": "王某某",
        "id_type": "resident_id", "id_number": ID_NUMBER, "phone": "13800001234", "email": "wang@example.cn",
        "address": "", "postcode": "", "description": "2025年度城乡低保资金发放明细", "document_number": "",
        "purpose": "", "form": "email", "delivery": "email",
        "id_scan": SimpleUploadedFile("身份证.png", PNG, content_type="image/png"), "altcha": solution(),
    }  # fmt: skip
    data.update(overrides)
    return data


def _apply(client, agencies, **overrides):
    return client.post("/xxgk/apply/", _form(agencies, **overrides))


def test_challenge_is_solved_verified_once_and_refused_when_tampered_or_expired():
    key = b"k" * 32
    issued = challenge.issue(key, now=1000.0, max_number=500)
    number = challenge.solve(issued)
    assert number is not None and challenge.verify(key, challenge.payload(issued, number), now=1001.0)
    assert challenge.verify(key, challenge.payload(issued, number + 1), now=1001.0) is None
    assert challenge.verify(b"x" * 32, challenge.payload(issued, number), now=1001.0) is None
    assert (
        challenge.verify(key, challenge.payload(issued, number), now=1000.0 + challenge.LIFETIME + 1) is None
    )
    for junk in ("", "not base64!", "e30=", "W10=", "\ud800" * 3):
        assert challenge.verify(key, junk, now=1001.0) is None
    solved = solution()
    assert abuse.solved(solved) and not abuse.solved(solved)  # a solution is accepted once


def test_apply_page_shows_the_one_matter_one_request_hint_and_a_challenge(client, agencies):
    page = client.get(f"/xxgk/apply/?agency={agencies.dept.org_code}").content.decode()
    assert "一事一申请" in page and "data-altcha-challenge=" in page and "身份证明扫描件" in page
    assert f'<option value="{agencies.dept.pk}" selected>' in page


def test_submitting_shows_number_and_query_code_stores_only_its_hash_and_mails_it(client, agencies):
    response = _apply(client, agencies)
    assert response.status_code == 200, response.content.decode()[:2000]
    submission = Submission.objects.get()
    page = response.content.decode()
    code = page.split('data-testid="code">', 1)[1].split("<", 1)[0]
    assert submission.number in page and len(code) == online.CODE_LENGTH
    assert code not in submission.code_hash and submission.code_hash == online.code_hash(
        submission.number, code
    )
    assert submission.state == "pending" and submission.submitted_on == clock.today()
    assert len(mail.outbox) == 1 and code in mail.outbox[0].body and mail.outbox[0].to == ["wang@example.cn"]
    assert not AuditEntry.objects.filter(after__icontains=ID_NUMBER).exists()


def test_an_organisation_applies_with_its_name_and_code(client, agencies):
    from gongkai.agencies.codes import make_uscc

    response = _apply(client, agencies, applicant_type="commercial", organisation_name="枣庄某某有限公司",
                      organisation_code=make_uscc("91370405MA3C00001"))  # fmt: skip
    assert response.status_code == 200
    assert Submission.objects.get().data["organisation_name"] == "枣庄某某有限公司"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "370402199001011234"}, "身份"),
        ({"phone": "", "email": ""}, "联系方式"),
        ({"altcha": ""}, "防刷验证"),
        ({"description": "x" * 2001}, "2000"),
    ],
)
def test_bad_applications_are_refused_in_chinese_and_nothing_is_stored(client, agencies, overrides, message):
    response = _apply(client, agencies, **overrides)
    assert response.status_code == 422 and message in response.content.decode()
    assert not Submission.objects.exists()


def test_a_scan_that_is_not_an_image_or_pdf_is_refused(client, agencies):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _apply(client, agencies, id_scan=SimpleUploadedFile("x.png", b"MZ\x90\x00 not an image"))
    assert response.status_code == 422 and "身份证明扫描件" in response.content.decode()
    assert not Submission.objects.exists()


def test_the_apply_form_is_rate_limited_per_address(client, agencies, monkeypatch):
    monkeypatch.setitem(abuse.LIMITS, "apply", (1, 3600))
    assert _apply(client, agencies).status_code == 200
    assert _apply(client, agencies).status_code == 429
    assert client.post("/xxgk/apply/", _form(agencies), REMOTE_ADDR="10.0.0.9").status_code == 200


@pytest.fixture
def submitted(client, agencies) -> tuple[Submission, str]:
    submission, code = online.submit(
        agencies.dept,
        {k: v for k, v in _form(agencies).items() if k not in ("agency", "id_scan", "altcha")},
        ("身份证.png", PNG),
    )
    return submission, code


def test_wrong_code_or_number_says_only_not_found(client, submitted):
    submission, code = submitted
    for number, wrong in ((submission.number, "WRONG123"), ("WSQ2026XXXXXXXX", code), ("", "")):
        response = client.post("/xxgk/query/", {"number": number, "code": wrong})
        text = response.content.decode()
        assert response.status_code == 404 and "未找到" in text and "王" not in text.split("<main", 1)[1]


def test_the_status_query_is_rate_limited(client, submitted, monkeypatch):
    monkeypatch.setitem(abuse.LIMITS, "query", (2, 600))
    submission, code = submitted
    for _ in range(2):
        client.post("/xxgk/query/", {"number": submission.number, "code": "WRONG123"})
    assert client.post("/xxgk/query/", {"number": submission.number, "code": code}).status_code == 429


def test_status_before_confirmation_is_pending_and_masked(client, submitted):
    submission, code = submitted
    page = client.post("/xxgk/query/", {"number": submission.number, "code": code.lower()}).content.decode()
    assert "待工作人员确认收到" in page and ID_NUMBER not in page and "王某某" not in page
    assert "3704**********1238" in page


def test_staff_confirmation_registers_an_online_application_received_on_the_confirmation_day(
    client, submitted, users, agencies
):
    submission, code = submitted
    client.force_login(users.clerk)
    listing = client.get("/online/").content.decode()
    assert submission.number in listing and ID_NUMBER not in listing
    confirmed_on = dt.date(2026, 11, 23)  # the Monday after the Friday of submission
    with clock.moved_to(confirmed_on):
        response = client.post(
            f"/online/{submission.pk}/confirm/", {"on": confirmed_on.isoformat(), "version": 1}
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    application = submission.application
    assert submission.state == "confirmed" and application.channel == "online"
    assert application.received_on == confirmed_on and application.agency == agencies.dept
    receipt = application.events.get(kind="received")
    assert receipt.data == {"submitted": "2026-11-20"}
    assert application.attachments.get().kind == "identity"
    assert AuditEntry.objects.filter(action="portal.submission.confirm").exists()
    with pytest.raises(services.TransitionError):
        online.confirm(submission, users.clerk, on=confirmed_on)
    client.logout()
    page = client.post("/xxgk/query/", {"number": submission.number, "code": code}).content.decode()
    assert application.tracking_number in page and "2026年11月23日" in page and "答复期限" in page


def test_confirmation_before_submission_day_is_refused_and_other_agencies_cannot_confirm(
    submitted, users, make_user, agencies
):
    submission, _ = submitted
    with pytest.raises(services.TransitionError, match="第三十一条第三项"):
        online.confirm(submission, users.clerk, on=dt.date(2026, 11, 19))
    stranger = make_user("other_clerk", (agencies.dept2, "clerk"))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        online.confirm(submission, stranger, on=dt.date(2026, 11, 20))


def test_the_applicant_sees_the_reply_and_downloads_the_letter(client, submitted, users):
    submission, code = submitted
    application = online.confirm(submission, users.clerk, on=dt.date(2026, 11, 20))
    sent = dt.date(2026, 11, 27)
    with clock.moved_to(sent):
        letters.draft_reply(application, users.clerk, on=sent, outcomes={1: ("granted", "")})
        letters.review(application, users.reviewer, on=sent)
        letters.sign_off(application, users.leader, on=sent)
        services.send_reply(application, users.clerk, on=sent)
        page = client.post("/xxgk/query/", {"number": submission.number, "code": code}).content.decode()
        assert "答复书（予以公开）" in page and "2026年11月27日" in page and "已答复" in page
        letter = client.post("/xxgk/query/letter/", {"number": submission.number, "code": code})
        assert letter.status_code == 200 and letter.content[:2] == b"PK"
        assert (
            client.post("/xxgk/query/letter/", {"number": submission.number, "code": "WRONG"}).status_code
            == 404
        )


def test_solving_takes_a_browser_about_a_second_at_most(db):
    issued = abuse.new_challenge()
    started = time.perf_counter()
    challenge.solve(issued)
    assert time.perf_counter() - started < 2  # Python's hashlib; the browser's SubtleCrypto is similar


def test_confirmation_is_the_shared_workflow_step(client, submitted, users):
    """Who, when and which version, as every workflow step: a reviewer may not (422), a stale
    version or a second confirmation is a conflict (409) shown on the queue, nothing written."""
    from gongkai.workflow import ConflictError

    submission, _ = submitted
    with pytest.raises(services.TransitionError, match="只能由经办人办理") as refused:
        online.confirm(submission, users.reviewer, on=dt.date(2026, 11, 20))
    assert refused.value.status == 422
    with pytest.raises(ConflictError, match="已被他人修改"):
        online.confirm(submission, users.clerk, on=dt.date(2026, 11, 20), version=7)
    client.force_login(users.clerk)
    stale = client.post(f"/online/{submission.pk}/confirm/", {"on": "2026-11-20", "version": 5})
    assert stale.status_code == 409 and "已被他人修改" in stale.content.decode()
    assert not AuditEntry.objects.filter(action="portal.submission.confirm").exists()
    online.confirm(submission, users.clerk, on=dt.date(2026, 11, 20))
    entry = AuditEntry.objects.get(action="portal.submission.confirm")
    assert entry.before == {"state": "pending"} and entry.after["state"] == "confirmed"
    again = client.post(f"/online/{submission.pk}/confirm/", {"on": "2026-11-20", "version": 2})
    assert again.status_code == 404  # no longer waiting: not in the queue
    submission.refresh_from_db()
    with pytest.raises(ConflictError, match="不能重复确认"):
        online.confirm(submission, users.clerk, on=dt.date(2026, 11, 20))
