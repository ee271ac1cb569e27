"""The agency admin's settings pages through Django's test client: working-day calendar changes
(due dates recomputed and audited) and letter templates (download, upload checked, revert)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import AuditEntry
from gongkai.applications import letters, services
from gongkai.applications.models import AgencyCalendarOverride, LetterTemplate
from tests.applications.conftest import word_file

D = dt.date
CALENDAR = reverse("applications:settings-calendar")
LETTERS = reverse("applications:settings-letters")
OWN = '<span class="badge closed">本机关模板</span>'
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _upload(client, kind: str, data: bytes, name: str = "模板.docx"):
    url = reverse("applications:settings-letter-upload", kwargs={"kind": kind})
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type=DOCX)})


# --- working-day calendar ------------------------------------------------------------------------


def test_admin_adds_a_closure_and_the_due_date_moves(client, users, register):
    a = register()
    assert a.due_on == D(2026, 9, 29)
    client.force_login(users.admin)
    page = client.get(CALENDAR)
    assert page.status_code == 200 and "停止办公" in page.content.decode()
    response = client.post(CALENDAR, {"date": "2026-09-15", "workday": "0", "note": "办公楼停电"}, follow=True)
    a.refresh_from_db()
    assert a.due_on == D(2026, 9, 30)
    html = response.content.decode()
    assert "已重新计算1件在办申请的答复期限" in html and a.tracking_number in html and "办公楼停电" in html
    entry = AuditEntry.objects.get(action="application.recompute_due", object_id=str(a.pk))
    assert entry.actor == users.admin and entry.after["due_on"] == "2026-09-30"
    assert AuditEntry.objects.filter(action="calendar.override").exists()


def test_admin_removes_a_closure_and_the_due_date_returns(client, users, register):
    a = register()
    override, _ = services.add_calendar_override(users.admin, a.agency, date=D(2026, 9, 15), workday=False, note="停电")
    client.force_login(users.admin)
    response = client.post(reverse("applications:settings-calendar-remove", kwargs={"pk": override.pk}), follow=True)
    assert "已撤销" in response.content.decode()
    a.refresh_from_db()
    assert a.due_on == D(2026, 9, 29)
    assert not AgencyCalendarOverride.objects.exists()
    assert AuditEntry.objects.filter(action="calendar.override_removed").exists()


def test_bad_calendar_input_is_refused_in_chinese(client, users, register):
    client.force_login(users.admin)
    response = client.post(CALENDAR, {"date": "2026-09-15", "workday": "0", "note": ""})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
    assert not AgencyCalendarOverride.objects.exists()


@pytest.mark.parametrize("role", ["clerk", "reviewer", "leader", "supervisor"])
def test_non_admins_are_refused(client, users, register, data_dir, role):
    register()
    client.force_login(getattr(users, role))
    assert client.get(CALENDAR).status_code == 403
    assert client.post(CALENDAR, {"date": "2026-09-15", "workday": "0", "note": "x"}).status_code == 403
    assert client.get(LETTERS).status_code == 403
    assert _upload(client, "correction_notice", word_file("x")).status_code == 403
    assert not AgencyCalendarOverride.objects.exists() and not LetterTemplate.objects.exists()


def test_another_agencys_override_is_a_404(client, users, agencies, make_user, register):
    override, _ = services.add_calendar_override(users.admin, agencies.dept, date=D(2026, 9, 15), workday=False,
                                                 note="本局停电")
    other_admin = make_user("other_admin", (agencies.sibling, "admin"))
    client.force_login(other_admin)
    page = client.get(CALENDAR)
    assert page.status_code == 200 and "本局停电" not in page.content.decode()
    response = client.post(reverse("applications:settings-calendar-remove", kwargs={"pk": override.pk}))
    assert response.status_code == 404
    assert AgencyCalendarOverride.objects.filter(pk=override.pk).exists()


def test_home_panel_links_the_settings_for_the_admin_only(client, users):
    client.force_login(users.admin)
    assert CALENDAR in client.get(reverse("home")).content.decode()
    client.force_login(users.clerk)
    assert CALENDAR not in client.get(reverse("home")).content.decode()


# --- letter templates ----------------------------------------------------------------------------------


def test_uploaded_template_is_used_for_the_next_letter_and_revert_works(client, users, register, data_dir,
                                                                         django_capture_on_commit_callbacks):
    a = register()
    services.request_correction(a, users.clerk, content="年份", reply_by=D(2026, 9, 15), on=D(2026, 9, 2))
    client.force_login(users.admin)
    page = client.get(LETTERS).content.decode()
    assert "补正告知书" in page and "默认模板" in page and OWN not in page
    default = client.get(reverse("applications:settings-letter", kwargs={"kind": "correction_notice"}))
    assert default.status_code == 200 and default.content == (letters.TEMPLATE_DIR / "correction_notice.docx").read_bytes()

    response = _upload(client, "correction_notice", word_file("本局专用补正通知 {{ a.tracking_number }} {{ correction.content }}"))
    assert response.status_code == 302
    assert client.get(LETTERS).content.decode().count(OWN) == 1
    letter = letters.issue_letter(a, users.clerk, "correction_notice")
    assert f"本局专用补正通知 {a.tracking_number} 年份" in _text(letters.letter_docx(letter))
    mine = client.get(reverse("applications:settings-letter", kwargs={"kind": "correction_notice"}))
    assert "本局专用补正通知" in _text(mine.content)
    assert AuditEntry.objects.filter(action="letters.template", actor=users.admin).exists()

    stored = data_dir / "applications" / "letter_templates"
    with django_capture_on_commit_callbacks(execute=True):  # a replaced template's file goes
        assert _upload(client, "correction_notice", word_file("第二版 {{ a.tracking_number }}")).status_code == 302
    assert len(list(stored.iterdir())) == 1
    assert "第二版" in _text(letters.render_docx(a, "correction_notice"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:settings-letter-revert", kwargs={"kind": "correction_notice"}),
                               follow=True)
    assert "已恢复为默认模板" in response.content.decode()
    assert not LetterTemplate.objects.exists()
    assert not list(stored.iterdir())
    assert "第二版" not in _text(letters.render_docx(a, "correction_notice"))
    assert AuditEntry.objects.filter(action="letters.template_reverted").exists()


@pytest.mark.parametrize(("data", "message"), [
    (b"%PDF-1.4 not a template", "不是Word文档"),
    (b"PK\x03\x04 a zip in name only", "不是Word文档"),
    (word_file("补正通知 {{ a.tracking_number }"), "模板中的标签有误：括号不成对"),
    (word_file("{% for i in items %}{{ i.no }}"), "模板中的标签有误：有未闭合的 {% for %} 标签"),
    (word_file("{{ applicant_phone }}"), "不存在的变量“applicant_phone”"),
])
def test_bad_templates_are_refused_in_chinese(client, users, register, data_dir, data, message):
    client.force_login(users.admin)
    response = _upload(client, "reply_granted", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not LetterTemplate.objects.exists()
    assert not list((data_dir / "applications" / "letter_templates").glob("*.docx"))


def test_unknown_letter_kind_is_a_404(client, users, data_dir):
    client.force_login(users.admin)
    assert client.get(reverse("applications:settings-letter", kwargs={"kind": "nothing"})).status_code == 404
    assert _upload(client, "nothing", word_file("x")).status_code == 404


@pytest.mark.parametrize("kind", list(letters.TITLES))
def test_every_shipped_template_passes_the_upload_check(kind):
    letters.check_template((letters.TEMPLATE_DIR / f"{kind}.docx").read_bytes(), kind)


def test_the_settings_page_states_what_a_template_may_contain(client, users):
    client.force_login(users.admin)
    page = client.get(LETTERS).content.decode()
    assert 'id="template-rules"' in page and "remedies.text" in page and "循环最多嵌套2层" in page
