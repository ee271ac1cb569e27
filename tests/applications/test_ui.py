"""The applications pages through Django's test client: who sees what, 404s across agencies,
masked identity numbers, Chinese errors for bad input, steps calling the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.applications import identity, letters, services
from gongkai.applications.models import Application
from tests.applications.conftest import ID_NUMBER, intake

D = dt.date
QUEUE = reverse("applications:queue")
INTAKE = reverse("applications:intake")


def detail_url(a) -> str:
    return reverse("applications:detail", kwargs={"pk": a.pk})


def step_url(a, name: str) -> str:
    return reverse("applications:step", kwargs={"pk": a.pk, "name": name})


def post_intake(client, **overrides):
    data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in intake(**overrides).items()}
    return client.post(INTAKE, data)


# --- pages render for the right roles ------------------------------------------------------------


@pytest.mark.parametrize("role", ["clerk", "reviewer", "leader", "admin", "supervisor"])
def test_queue_and_case_page_render_for_every_role_that_reads(client, users, register, role):
    a = register()
    client.force_login(getattr(users, role))
    page = client.get(QUEUE + "?tab=all")
    assert page.status_code == 200
    assert a.tracking_number in page.content.decode()
    case = client.get(detail_url(a))
    assert case.status_code == 200
    assert "法定期限说明" in case.content.decode()


def test_queue_requires_login(client):
    assert client.get(QUEUE).status_code == 302


def test_my_queue_follows_whose_turn_it_is(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    services.draft_reply(a, users.clerk, outcomes={1: ("granted", "")}, on=D(2026, 11, 3))
    client.force_login(users.clerk)
    assert a.tracking_number not in client.get(QUEUE).content.decode()
    client.force_login(users.reviewer)
    assert a.tracking_number in client.get(QUEUE).content.decode()
    client.force_login(users.leader)
    assert a.tracking_number not in client.get(QUEUE).content.decode()


def test_queue_filters_sorts_and_marks_the_red_list(client, users, register):
    today = clock.today()
    old = register(received_on=today - dt.timedelta(days=60), applicant_name="逾期甲")
    new = register(received_on=today, applicant_name="新申请乙", channel="email")
    client.force_login(users.clerk)
    body = client.get(QUEUE + "?tab=open").content.decode()
    red = body.split('id="redlist-title"')[1].split("</section>")[0]
    assert old.tracking_number in red and new.tracking_number not in red
    assert "逾期" in red
    body = client.get(QUEUE + "?tab=open&channel=email").content.decode()
    table = body.split("app-tabs")[1]
    assert new.tracking_number in table and old.tracking_number not in table
    body = client.get(QUEUE + "?tab=open&q=逾期甲").content.decode().split("app-tabs")[1]
    assert old.tracking_number in body and new.tracking_number not in body
    body = client.get(QUEUE + "?tab=open&sort=-due").content.decode().split("app-tabs")[1]
    assert body.index(new.tracking_number) < body.index(old.tracking_number)
    body = client.get(QUEUE + f"?tab=open&q={new.tracking_number[-5:]}").content.decode().split("app-tabs")[1]
    assert new.tracking_number in body and old.tracking_number not in body


def test_queue_rejects_an_inverted_due_range_in_chinese(client, users, register):
    register()
    client.force_login(users.clerk)
    body = client.get(QUEUE + "?tab=open&due_from=2026-12-01&due_to=2026-11-01").content.decode()
    assert "“期限至”不能早于“期限自”" in body


def test_provisional_due_dates_are_marked_in_lists(client, users, register):
    a = register()
    Application.objects.filter(pk=a.pk).update(due_provisional=True)
    client.force_login(users.clerk)
    assert "(暂定)" in client.get(QUEUE + "?tab=all").content.decode().split("app-tabs")[1]


def test_queue_paginates(client, users, register):
    for _ in range(27):
        register()
    client.force_login(users.clerk)
    body = client.get(QUEUE + "?tab=all").content.decode()
    assert "第1/2页" in body and "下一页" in body
    second = client.get(QUEUE + "?tab=all&page=2").content.decode().split("app-tabs")[1]
    assert second.count('class="app-tracking"') == 2


# --- scoping and personal data ---------------------------------------------------------------


def test_another_agencys_application_is_a_404(client, users, agencies, make_user, register):
    a = register()
    outsider = make_user("edu_clerk", (agencies.dept2, "clerk"))
    client.force_login(outsider)
    assert client.get(detail_url(a)).status_code == 404
    assert client.post(step_url(a, "draft_reply"), {"version": 1}).status_code == 404
    assert a.tracking_number not in client.get(QUEUE + "?tab=all").content.decode()


def test_id_number_is_plain_only_for_the_agencys_own_staff(client, users, register):
    a = register()
    masked = identity.mask(ID_NUMBER)
    client.force_login(users.clerk)
    assert ID_NUMBER in client.get(detail_url(a)).content.decode()
    for reader in (users.supervisor, users.site_admin):
        client.force_login(reader)
        body = client.get(detail_url(a)).content.decode()
        assert ID_NUMBER not in body and masked in body
    for reader in (users.clerk, users.supervisor):
        client.force_login(reader)
        assert ID_NUMBER not in client.get(QUEUE + "?tab=all").content.decode()


def test_supervisor_is_read_only(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    client.force_login(users.supervisor)
    body = client.get(detail_url(a)).content.decode()
    assert "只有查看权限" in body and 'data-step="' not in body
    response = client.post(step_url(a, "draft_reply"), {"version": a.version, "on": "2026-11-03",
                                                        "outcome_1": "granted"})
    assert response.status_code == 422
    assert "只能由经办人办理" in response.content.decode()
    a.refresh_from_db()
    assert a.state == "received"
    assert client.get(INTAKE).status_code == 403


# --- intake -----------------------------------------------------------------------------------------


def test_intake_registers_and_redirects_to_the_case_page(client, users):
    client.force_login(users.clerk)
    response = post_intake(client, received_on=D(2026, 11, 2), items="低保名单\n低保资金")
    a = Application.objects.get()
    assert response.status_code == 302 and response.url == detail_url(a)
    assert [i.description for i in a.items.order_by("position")] == ["低保名单", "低保资金"]
    assert a.due_on == services.calendar_for(a.agency).add(D(2026, 11, 2), 20).date


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "370402199001011234"}, "居民身份证号码校验位不正确"),
        ({"id_number": "37040219901301123X"}, "出生日期不存在"),
        ({"id_type": "passport", "id_number": "中文"}, "护照号码应为5至17位字母或数字"),
        ({"applicant_type": "commercial"}, "请填写其名称"),
        ({"applicant_name": ""}, "这个字段是必填项"),
        ({"received_on": "2099-01-01"}, "收到申请之日不能晚于今天"),
        ({"phone": "", "email": ""}, "请至少填写一种联系方式"),
        ({"received_on": "昨天"}, "输入一个有效的日期"),
    ],
)
def test_intake_rejects_bad_input_in_chinese(client, users, overrides, message):
    client.force_login(users.clerk)
    response = post_intake(client, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists()


# --- steps ---------------------------------------------------------------------------------------


def test_only_the_allowed_next_steps_are_offered(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    client.force_login(users.clerk)
    body = client.get(detail_url(a)).content.decode()
    offered = {s.name for s in services.available_transitions(a, users.clerk)}
    for name in offered:
        assert f'data-step="{name}"' in body
    assert 'data-step="review"' not in body and 'data-step="sign_off"' not in body
    assert 'name="version"' in body


def test_a_refused_step_shows_the_rule_in_chinese(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    client.force_login(users.reviewer)
    response = client.post(step_url(a, "approve_extension"),
                           {"version": a.version, "on": "2026-11-03", "days": 25, "reason": "需调取档案"})
    assert response.status_code == 422
    assert "最长不超过20个工作日" in response.content.decode()
    a.refresh_from_db()
    assert a.version == 1


def test_a_stale_version_shows_the_conflict_and_changes_nothing(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    client.force_login(users.clerk)
    form = {"version": a.version, "on": "2026-11-03", "third_party": "某公司"}
    assert client.post(step_url(a, "start_third_party"), form).status_code == 302
    response = client.post(step_url(a, "draft_reply"), {"version": 1, "on": "2026-11-04", "outcome_1": "granted"})
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    a.refresh_from_db()
    assert a.state == "third_party" and a.version == 2


def test_step_form_errors_are_in_chinese(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    client.force_login(users.clerk)
    response = client.post(step_url(a, "request_correction"), {"version": a.version, "on": "2026-11-03"})
    assert response.status_code == 400
    assert "这个字段是必填项" in response.content.decode()


def test_unknown_step_is_a_404(client, users, register):
    a = register()
    client.force_login(users.clerk)
    assert client.post(step_url(a, "teleport"), {"version": 1}).status_code == 404


# --- attachments, letters, duplicates ------------------------------------------------------------

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_intake_stores_checked_attachments_and_refuses_others_by_content(client, users):
    client.force_login(users.clerk)
    data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in intake(received_on=D(2026, 11, 2)).items()}
    refused = client.post(INTAKE, {**data, "identity_file": upload("身份证.png", b"MZ\x90\x00 not an image")})
    assert refused.status_code == 400
    assert "按文件内容识别" in refused.content.decode()
    assert not Application.objects.exists()
    response = client.post(INTAKE, {**data, "identity_file": upload("身份证.png", PNG)})
    assert response.status_code == 302
    a = Application.objects.get()
    stored = a.attachments.get()
    assert (stored.kind, stored.original_name, stored.content_type) == ("identity", "身份证.png", "image/png")
    assert stored.stored_name != stored.original_name
    download = client.get(reverse("applications:attachment", kwargs={"pk": a.pk, "attachment_pk": stored.pk}))
    assert download.status_code == 200 and download.content == PNG
    assert download["Content-Disposition"].startswith("attachment;")


def test_case_page_upload_and_cross_agency_download_is_a_404(client, users, agencies, make_user, register):
    a = register()
    client.force_login(users.clerk)
    url = reverse("applications:upload-attachment", kwargs={"pk": a.pk})
    bad = client.post(url, {"kind": "correction", "file": upload("补正.pdf", b"plain text")})
    assert bad.status_code == 400 and "只能上传" in bad.content.decode()
    assert client.post(url, {"kind": "correction", "file": upload("补正.png", PNG)}).status_code == 302
    stored = a.attachments.get()
    client.force_login(make_user("edu_clerk", (agencies.dept2, "clerk")))
    download = reverse("applications:attachment", kwargs={"pk": a.pk, "attachment_pk": stored.pk})
    assert client.get(download).status_code == 404
    assert client.post(url, {"kind": "other", "file": upload("x.png", PNG)}).status_code == 404


def _replied(register, users, **overrides):
    a = register(received_on=D(2026, 11, 2), **overrides)
    letters.draft_reply(a, users.clerk, outcomes={1: ("granted", "")}, on=D(2026, 11, 3))
    services.review(a, users.reviewer, on=D(2026, 11, 4))
    services.sign_off(a, users.leader, on=D(2026, 11, 5))
    return services.send_reply(a, users.clerk, on=D(2026, 11, 6))


def _replied_without_letter(agencies):
    """A case answered before its reply letter was made with the draft (imported from the old ledger)."""
    from gongkai.applications import importer

    data = services.validate_intake(intake(received_on=D(2026, 11, 2)))
    return importer.write(agencies.dept, {**data, "outcome": "granted", "replied_on": D(2026, 11, 6)})


def test_letters_are_made_and_downloaded_as_word_and_pdf(client, users, agencies, make_user):
    a = _replied_without_letter(agencies)
    client.force_login(users.clerk)
    body = client.get(detail_url(a)).content.decode()
    assert 'value="reply_granted"' in body
    assert client.post(reverse("applications:issue-letter", kwargs={"pk": a.pk}), {"kind": "reply_granted"}).status_code == 302
    letter = a.letters.get()
    docx = client.get(reverse("applications:letter", kwargs={"pk": a.pk, "letter_pk": letter.pk, "fmt": "docx"}))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client.get(reverse("applications:letter", kwargs={"pk": a.pk, "letter_pk": letter.pk, "fmt": "pdf"}))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    refused = client.post(reverse("applications:issue-letter", kwargs={"pk": a.pk}), {"kind": "fee_notice"})
    assert refused.status_code == 422 and "收费通知书" in refused.content.decode()
    client.force_login(make_user("edu_clerk", (agencies.dept2, "clerk")))
    assert client.get(reverse("applications:letter", kwargs={"pk": a.pk, "letter_pk": letter.pk,
                                                             "fmt": "docx"})).status_code == 404


def test_duplicate_candidates_are_offered_and_marking_drafts_the_reply(client, users, register):
    earlier = _replied(register, users)
    again = register(received_on=D(2026, 11, 16), description="2025年度城乡低保资金发放明细表")
    client.force_login(users.clerk)
    body = client.get(detail_url(again)).content.decode()
    assert f'value="{earlier.pk}"' in body and "相似度" in body
    response = client.post(step_url(again, "mark_duplicate"), {"version": again.version, "on": "2026-11-17",
                                                               "earlier": earlier.pk})
    assert response.status_code == 302
    again.refresh_from_db()
    assert again.duplicate_of == earlier and again.state == "drafted"


def test_home_page_shows_the_applications_panel_to_case_workers(client, users, register):
    register(received_on=D(2026, 9, 1))
    client.force_login(users.clerk)
    body = client.get(reverse("home")).content.decode()
    assert "依申请公开" in body and "逾期及临期 <strong>1</strong>" in body
    client.force_login(users.supervisor)
    assert "我的待办 <strong>" not in client.get(reverse("home")).content.decode()


def test_fee_preview_shows_the_itemised_fee_without_issuing(client, users, register):
    a = register(received_on=D(2026, 11, 16))
    client.force_login(users.clerk)
    response = client.post(step_url(a, "issue_fee_notice"), {"version": a.version, "on": "2026-11-17",
                                                               "basis_1": "volume", "pages_1": 50, "preview": "1"})
    body = response.content.decode()
    assert response.status_code == 200 and 'class="num fee-total">200.00' in body
    a.refresh_from_db()
    assert a.state == "received" and a.version == 1


def test_split_and_merge_items(client, users, register):
    a = register(received_on=D(2026, 11, 16))
    client.force_login(users.clerk)
    response = client.post(step_url(a, "split_item"), {"version": a.version, "position": 1,
                                                        "parts": "低保名单\n低保资金"})
    assert response.status_code == 302
    assert [i.description for i in a.items.order_by("position")] == ["低保名单", "低保资金"]
    a.refresh_from_db()
    response = client.post(step_url(a, "merge_items"), {"version": a.version, "positions": [1, 2],
                                                         "description": "低保名单及资金"})
    assert response.status_code == 302
    assert [i.description for i in a.items.all()] == ["低保名单及资金"]


def test_inter_agency_consultation_pauses_the_clock_until_answered(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    client.force_login(users.clerk)
    assert client.post(step_url(a, "start_consultation"), {"version": 1, "on": "2026-11-04",
                                                            "other_agency": "台儿庄区财政局"}).status_code == 302
    a.refresh_from_db()
    assert a.state == "consultation"
    body = client.get(detail_url(a)).content.decode()
    assert "计时暂停：征求其他机关意见" in body and 'data-step="finish_consultation"' in body
    early = client.post(step_url(a, "finish_consultation"), {"version": a.version, "on": "2026-11-20",
                                                              "expired": "on"})
    assert early.status_code == 422 and "第三十四条" in early.content.decode()
    assert client.post(step_url(a, "finish_consultation"), {"version": a.version, "on": "2026-11-20",
                                                             "opinion": "同意公开"}).status_code == 302
    a.refresh_from_db()
    assert a.state == "received"
    assert a.due_on == services.clock_state(a).due


def test_a_corrected_appeal_shows_on_the_case_page_and_the_case_is_worked_again(client, users, register):
    from gongkai.appeals import services as appeals

    a = _replied(register, users)
    appeal = appeals.record_appeal(users.clerk, a.agency, kind="review", body="台儿庄区人民政府", filed_on=D(2026, 11, 10),
                                   application=a)
    appeals.record_result(appeal, users.clerk, result="corrected", decided_on=D(2026, 11, 16))
    client.force_login(users.clerk)
    body = client.get(detail_url(a)).content.decode()
    assert "行政复议和诉讼" in body and "台儿庄区人民政府" in body
    assert "第2轮办理" in body and 'data-step="draft_reply"' in body


def test_close_other_form_on_the_case_page_needs_a_reason_and_ends_the_case(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    client.force_login(users.clerk)
    assert 'data-step="close_other"' not in client.get(detail_url(a)).content.decode()
    client.force_login(users.reviewer)
    assert 'data-step="close_other"' in client.get(detail_url(a)).content.decode()
    response = client.post(step_url(a, "close_other"), {"version": a.version, "on": "2026-11-03", "reason": ""})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
    response = client.post(step_url(a, "close_other"),
                           {"version": a.version, "on": "2026-11-03", "reason": "申请人书面撤回申请"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.state, a.report_row) == ("closed", "other.other")
    client.force_login(users.clerk)  # the clerk makes the letter confirming the closure
    body = client.get(detail_url(a)).content.decode()
    assert "申请人书面撤回申请" in body and "终止办理告知书" in body


def test_red_list_includes_paused_cases_by_their_pauses_own_deadline(client, users, register):
    from gongkai.rules.workdays import default_calendar

    cal, today = default_calendar(), clock.today()
    start = cal.workday_at(cal.rank(today) - 14)  # the third party's 15 working days end tomorrow
    paused = register(received_on=start, applicant_name="暂停丙")
    services.start_third_party(paused, users.clerk, third_party="某公司", on=start, received=start)  # handed over
    quiet = register(received_on=today, applicant_name="暂停丁")
    services.start_third_party(quiet, users.clerk, third_party="某公司", on=today, received=today)  # 15 ahead
    client.force_login(users.clerk)
    body = client.get(QUEUE + "?tab=urgent").content.decode()
    red = body.split('id="redlist-title"')[1].split("</section>")[0]
    deadline = cal.add(start, 15).date
    assert paused.tracking_number in red and quiet.tracking_number not in red
    assert "暂停" in red and f"征求第三方意见期限 {deadline.isoformat()}" in red
    tab = body.split("app-tabs")[1]
    assert paused.tracking_number in tab and quiet.tracking_number not in tab


def test_queue_and_digest_share_one_red_list_rule(client, users, register, monkeypatch):
    from gongkai.applications import queues, remind

    calls = []
    real = queues.red_list

    def spy(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(queues, "red_list", spy)
    a = register(received_on=D(2026, 9, 1))
    client.force_login(users.clerk)
    client.get(QUEUE)
    assert calls == [clock.today()]
    overdue, _ = remind.digest_lines(Application.objects.all(), D(2026, 11, 12), services.calendar_for(a.agency_id))
    assert calls == [clock.today(), D(2026, 11, 12)] and [line.tracking_number for line in overdue] == [a.tracking_number]
