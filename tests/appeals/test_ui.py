"""The appeals pages through Django's test client: recording an appeal and its result, the reopening
of the linked application, Chinese errors, 404s across agencies, read-only supervisors, login."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.agencies import audit
from gongkai.appeals import services as appeals
from gongkai.appeals.models import Appeal

D = dt.date
LIST = reverse("appeals:list")
NEW = reverse("appeals:new")


def detail_url(appeal) -> str:
    return reverse("appeals:detail", kwargs={"pk": appeal.pk})


def new_url(application) -> str:
    return f"{NEW}?application={application.pk}"


def appeal_data(**overrides) -> dict:
    data = {"kind": "review", "body": "台儿庄区人民政府", "case_number": "台政复〔2026〕3号", "appellant": "王某某",
            "filed_on": "2026-03-02", "tracking_number": ""}
    data.update(overrides)
    return data


def test_record_an_appeal_from_the_case_page(client, users, records):
    a1 = records[0]
    client.force_login(users.clerk)
    case = client.get(reverse("applications:detail", kwargs={"pk": a1.pk})).content.decode()
    assert "登记复议/诉讼" in case and new_url(a1).replace("&", "&amp;") in case
    form = client.get(new_url(a1)).content.decode()
    assert f'value="{a1.tracking_number}"' in form
    response = client.post(new_url(a1), appeal_data(tracking_number=a1.tracking_number))
    appeal = Appeal.objects.get(case_number="台政复〔2026〕3号")
    assert response.status_code == 302 and response.url == detail_url(appeal)
    assert (appeal.application, appeal.agency, appeal.created_by, appeal.result) == (a1, a1.agency, users.clerk,
                                                                                      "pending")
    assert audit.entries_for(appeal).filter(action="appeal.record", actor=users.clerk).exists()
    listed = client.get(LIST).content.decode()
    assert "台政复〔2026〕3号" in listed and a1.tracking_number in listed


def test_a_corrected_result_reopens_the_application_and_says_so(client, users, records):
    a1 = records[0]
    appeal = appeals.record_appeal(users.clerk, a1.agency, kind="lawsuit_direct", body="台儿庄区人民法院",
                                   filed_on=D(2026, 2, 2), application=a1)
    client.force_login(users.clerk)
    page = client.get(detail_url(appeal)).content.decode()
    assert f"已办结的申请 {a1.tracking_number} 将重新办理" in page
    response = client.post(detail_url(appeal), {"result": "corrected", "decided_on": "2026-03-02",
                                                 "summary": "判决撤销，责令重新答复"}, follow=True)
    body = response.content.decode()
    assert "已登记结果：纠正" in body and f"申请 {a1.tracking_number} 已重新办理（第2轮）" in body
    a1.refresh_from_db()
    appeal.refresh_from_db()
    assert (a1.state, a1.round, a1.closed_on) == ("received", 2, None)
    assert (appeal.result, appeal.decided_on) == ("corrected", D(2026, 3, 2))
    assert audit.entries_for(appeal).filter(action="appeal.result", actor=users.clerk).exists()
    assert audit.entries_for(a1).filter(action="application.reopen", actor=users.clerk).exists()


def test_an_upheld_result_leaves_the_application_alone(client, users, records):
    a1 = records[0]
    appeal = appeals.record_appeal(users.clerk, a1.agency, kind="review", body="台儿庄区人民政府",
                                   filed_on=D(2026, 2, 2), application=a1)
    client.force_login(users.clerk)
    body = client.post(detail_url(appeal), {"result": "upheld", "decided_on": "2026-03-02"}, follow=True)
    assert "已登记结果：维持" in body.content.decode() and "已重新办理" not in body.content.decode()
    a1.refresh_from_db()
    assert a1.round == 1 and not a1.is_open


def test_bad_input_gets_chinese_errors_and_records_nothing(client, users, records):
    a1 = records[0]
    client.force_login(users.clerk)
    before = Appeal.objects.count()
    response = client.post(NEW, appeal_data(body="", tracking_number="NO-SUCH-1"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "这个字段是必填项" in body and "本机关没有受理编号为“NO-SUCH-1”的申请" in body
    response = client.post(NEW, appeal_data(tracking_number=a1.tracking_number, filed_on="2025-01-02"))
    assert response.status_code == 400
    assert "申请或立案日期不能早于收到政府信息公开申请之日" in response.content.decode()
    assert Appeal.objects.count() == before
    appeal = a1.appeals.get()
    response = client.post(detail_url(appeal), {"result": "corrected", "decided_on": "2025-11-01"})
    assert response.status_code == 400
    assert "决定或判决日期不能早于申请或立案日期" in response.content.decode()
    response = client.post(detail_url(appeal), {"result": "pending", "decided_on": "2026-01-10"})
    assert response.status_code == 400 and "选择一个有效的选项" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.result == "other"


def test_the_list_filters_by_year_and_result(client, users, records):
    a1 = records[0]
    appeals.record_appeal(users.clerk, a1.agency, kind="lawsuit_after_review", body="枣庄市中级人民法院",
                          filed_on=D(2026, 2, 2), case_number="（2026）鲁04行初1号")
    client.force_login(users.clerk)
    rows = client.get(LIST).content.decode().split("<tbody>")[1]
    assert rows.count("<tr>") == 3
    rows = client.get(LIST + "?year=2025").content.decode().split("<tbody>")[1]
    assert rows.count("<tr>") == 2 and "（2026）鲁04行初1号" not in rows
    rows = client.get(LIST + "?result=pending").content.decode().split("<tbody>")[1]
    assert rows.count("<tr>") == 1 and "（2026）鲁04行初1号" in rows
    rows = client.get(LIST + "?year=2025&result=upheld").content.decode().split("<tbody>")[1]
    assert rows.count("<tr>") == 1 and "维持" in rows
    body = client.get(LIST + "?year=1999").content.decode()
    assert "筛选条件有误" in body


def test_another_agencys_appeals_are_404(client, agencies, make_user, records):
    a1 = records[0]
    appeal = a1.appeals.get()
    client.force_login(make_user("edu_clerk", (agencies.dept2, "clerk")))
    assert client.get(detail_url(appeal)).status_code == 404
    assert client.post(detail_url(appeal), {"result": "corrected", "decided_on": "2026-01-10"}).status_code == 404
    assert client.get(new_url(a1)).status_code == 404
    assert appeal.body not in client.get(LIST).content.decode()
    response = client.post(NEW, appeal_data(tracking_number=a1.tracking_number))
    assert response.status_code == 400 and "本机关没有受理编号" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.result == "other"


def test_supervisors_only_read(client, users, records):
    a1 = records[0]
    appeal = a1.appeals.get()
    client.force_login(users.supervisor)
    listed = client.get(LIST).content.decode()
    assert appeal.body in listed and "登记复议/诉讼" not in listed
    page = client.get(detail_url(appeal)).content.decode()
    assert "只有查看权限" in page and 'id="result-form"' not in page
    assert client.post(detail_url(appeal), {"result": "corrected", "decided_on": "2026-01-10"}).status_code == 403
    assert client.get(new_url(a1)).status_code == 403
    assert client.post(NEW, appeal_data()).status_code == 403
    case = client.get(reverse("applications:detail", kwargs={"pk": a1.pk})).content.decode()
    assert "登记复议/诉讼" not in case
    appeal.refresh_from_db()
    assert appeal.result == "other"


@pytest.mark.parametrize("role", ["reviewer", "leader"])
def test_recording_needs_the_services_action(client, users, records, role):
    """The services require the clerk's action (办理); other staff read the appeals."""
    appeal = records[0].appeals.get()
    client.force_login(getattr(users, role))
    assert client.get(LIST).status_code == 200
    assert client.get(NEW).status_code == 403
    assert client.post(detail_url(appeal), {"result": "corrected", "decided_on": "2026-01-10"}).status_code == 403


def test_anonymous_users_are_sent_to_login(client, records):
    appeal = records[0].appeals.get()
    for url in (LIST, NEW, detail_url(appeal)):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url
