"""Consultations through the portal: the form reaches the agency's service desk, and a reply
published with the asker's consent appears, searchable, on the Q&A column — never a contact."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.desk import services
from gongkai.desk.models import Case
from tests.portal.conftest import solution

PHONE = "13812345678"


def _ask(client, agency, **overrides):
    data = {"kind": "consultation", "title": "低保申请需要哪些材料", "question": "请问申请城乡低保需要准备哪些材料？",
            "name": "张三", "phone": PHONE, "consent": "on", "altcha": solution()} | overrides
    return client.post(reverse("portal:consult", args=[agency.slug]), data)


def test_a_consultation_sent_through_the_portal_is_answered_and_published_with_consent(client, agencies, users):
    response = _ask(client, agencies.dept)
    assert response.status_code == 200 and "已收到您的咨询" in response.content.decode()
    case = Case.objects.get()
    assert (case.agency, case.channel, case.consent, case.asker_phone) == (agencies.dept, "portal", True, PHONE)
    case = services.reply(case, users.clerk, text="请携带户口簿、身份证和收入证明到街道办理。")
    case = services.propose(case, users.clerk, title="申请低保需要哪些材料", question=case.question,
                            reply_text=case.reply)
    services.publish(case, users.reviewer)
    column = reverse("portal:qa", args=[agencies.dept.slug])
    page = client.get(column).content.decode()
    assert "申请低保需要哪些材料" in page and "户口簿" in page
    assert PHONE not in page and "张三" not in page
    assert "户口簿" in client.get(column, {"q": "低保 材料"}).content.decode()
    assert "没有找到含“养老”的咨询答复" in client.get(column, {"q": "养老"}).content.decode()


def test_without_consent_the_reply_is_never_on_the_column(client, agencies, users):
    _ask(client, agencies.dept, consent="")
    case = services.reply(Case.objects.get(), users.clerk, text="已电话答复。")
    assert not case.consent
    assert "已电话答复" not in client.get(reverse("portal:qa", args=[agencies.dept.slug])).content.decode()


@pytest.mark.parametrize(("overrides", "message"), [
    ({"altcha": ""}, "防刷验证"),
    ({"phone": ""}, "请填写联系电话或电子邮箱"),
    ({"question": ""}, "这个字段是必填项"),
])
def test_bad_submissions_are_refused_in_chinese_and_store_nothing(client, agencies, overrides, message):
    response = _ask(client, agencies.dept, **overrides)
    assert response.status_code == 422 and message in response.content.decode()
    assert not Case.objects.exists()


def test_the_form_is_rate_limited(client, agencies):
    statuses = [_ask(client, agencies.dept, title=f"问题{n}").status_code for n in range(40)]
    assert 429 in statuses
