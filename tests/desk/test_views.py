"""Desk pages: thin views over the services; another agency's cases and unmasked contacts never shown."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.desk import services
from gongkai.desk.models import Case, Reception

from .conftest import PHONE

pytestmark = pytest.mark.django_db
MASKED = "138****5678"


@pytest.fixture
def other_clerk(make_user, agencies):
    return make_user("other_clerk", (agencies.dept2, "clerk"))


def test_queue_lists_own_cases_with_the_contact_masked(client, users, register):
    register()
    client.force_login(users.clerk)
    page = client.get(reverse("desk:queue")).content.decode()
    assert "低保申请条件咨询" in page and MASKED in page and PHONE not in page and "张三" not in page


def test_another_agencys_staff_neither_list_nor_open_the_case(client, register, other_clerk):
    case = register()
    client.force_login(other_clerk)
    assert "低保申请条件咨询" not in client.get(reverse("desk:queue")).content.decode()
    assert client.get(reverse("desk:detail", args=[case.pk])).status_code == 404
    assert client.post(reverse("desk:step", args=[case.pk, "reply"]), {"text": "x", "on": "2026-11-20"}).status_code == 404
    assert "低保" not in client.get(reverse("desk:export")).content.decode()


def test_case_page_shows_the_contact_to_own_staff_only(client, users, register):
    case = register()
    client.force_login(users.clerk)
    assert PHONE in client.get(reverse("desk:detail", args=[case.pk])).content.decode()
    client.force_login(users.supervisor)
    page = client.get(reverse("desk:detail", args=[case.pk])).content.decode()
    assert PHONE not in page and MASKED in page and 'id="step-reply"' not in page
    client.force_login(users.admin)
    assert PHONE not in client.get(reverse("desk:detail", args=[case.pk])).content.decode()


def test_export_masks_the_contact(client, users, register):
    register(asker_email="zhangsan@example.cn")
    client.force_login(users.clerk)
    body = client.get(reverse("desk:export")).content.decode()
    assert MASKED in body and PHONE not in body and "zhangsan" not in body


def test_registration_form_and_its_chinese_refusal(client, users):
    client.force_login(users.clerk)
    data = {"kind": "consultation", "channel": "walk_in", "received_on": "2026-11-19", "title": "养老补贴",
            "asker_phone": "not a phone"}
    response = client.post(reverse("desk:new"), data)
    assert response.status_code == 422 and "联系电话应为" in response.content.decode()
    response = client.post(reverse("desk:new"), {**data, "asker_phone": PHONE})
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("desk:detail", args=[case.pk])


def test_reply_step_late_stale_and_refused(client, users, register):
    case = register(received_on=dt.date(2026, 10, 9))
    client.force_login(users.clerk)
    url = reverse("desk:step", args=[case.pk, "reply"])
    assert client.post(url, {"text": "已答复", "on": "2026-11-20", "version": "1"}).status_code == 302
    case.refresh_from_db()
    assert case.late and "逾期答复" in client.get(reverse("desk:detail", args=[case.pk])).content.decode()
    stale = client.post(reverse("desk:step", args=[case.pk, "close"]), {"on": "2026-11-20", "version": "1"})
    assert stale.status_code == 409 and "已被他人修改" in stale.content.decode()
    client.force_login(users.reviewer)
    refused = client.post(reverse("desk:step", args=[case.pk, "close"]), {"on": "2026-11-20", "version": "2"})
    assert refused.status_code == 422 and "只能由经办人办理" in refused.content.decode()


def test_import_page_imports_and_lists_refused_rows(client, users):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工单编号", "受理时间", "办理时限", "诉求标题"])
    ws.append(["GD1", "2026-11-18", "2026-11-25", "低保"])
    ws.append(["GD1", "2026-11-18", "2026-11-25", "低保"])
    data = io.BytesIO()
    wb.save(data)
    data.name = "export.xlsx"
    data.seek(0)
    client.force_login(users.clerk)
    response = client.post(reverse("desk:import"), {"file": data})
    page = response.content.decode()
    assert response.status_code == 422 and "第3行" in page and "与第2行重复" in page
    assert list(Case.objects.values_list("number", flat=True)) == ["GD1"]


def test_reception_quick_counter(client, users):
    client.force_login(users.clerk)
    client.post(reverse("desk:reception"), {"add": "walk_in"})
    client.post(reverse("desk:reception"), {"add": "walk_in"})
    assert Reception.objects.get(on=clock.today(), channel="walk_in").count == 2
    client.force_login(users.supervisor)
    assert client.post(reverse("desk:reception"), {"add": "phone"}).status_code == 403


def test_dashboard_shows_on_time_rate_and_offices(client, users, register):
    case = register(received_on=dt.date(2026, 10, 9))
    services.reply(case, users.clerk, text="迟到的答复")
    on_time = register(title="按期")
    services.reply(on_time, users.clerk, text="答")
    services.assign(register(title="办理中"), users.clerk, office="社会救助科")
    client.force_login(users.clerk)
    page = client.get(reverse("desk:dashboard") + "?year=2026").content.decode()
    assert "按期答复率<strong id=\"on-time-rate\">50%" in page and "社会救助科" in page


def test_settings_are_the_agency_admins(client, users):
    client.force_login(users.clerk)
    assert client.get(reverse("desk:settings")).status_code == 403
    client.force_login(users.admin)
    assert client.post(reverse("desk:settings"), {"reply_days": 3, "proposal_months": 3}).status_code == 302
    assert services.settings_for(users.admin.memberships.get().agency).reply_days == 3


def test_home_panel_counts_the_red_list(client, users, register):
    register(received_on=dt.date(2026, 10, 9))
    client.force_login(users.clerk)
    page = client.get(reverse("home")).content.decode()
    assert "服务台" in page and "逾期 1 件" in page


def test_case_page_offers_child_agencies_and_labels_findings(client, users, register, agencies, make_agency):
    from gongkai.screening import KINDS

    make_agency("台儿庄区社会福利中心", parent=agencies.dept)
    case = services.reply(register(), users.clerk, text=f"请致电{PHONE}。")
    case = services.propose(case, users.clerk, title="咨询", question="", reply_text=case.reply)
    client.force_login(users.reviewer)
    page = client.get(reverse("desk:detail", args=[case.pk])).content.decode()
    assert KINDS["mobile"] in page and MASKED in page and PHONE not in page.split('id="findings"')[1]
    client.force_login(users.clerk)
    page = client.get(reverse("desk:new")).content.decode()
    assert '<option value="台儿庄区社会福利中心">' in page and 'list="offices"' in page


def test_queue_and_case_page_say_how_overdue_a_case_is(client, users, register):
    case = register(received_on=dt.date(2026, 11, 10))  # due 17 Nov; today 20 Nov: 3 working days late
    client.force_login(users.clerk)
    assert "已逾期3个工作日" in client.get(reverse("desk:queue")).content.decode()
    page = client.get(reverse("desk:detail", args=[case.pk])).content.decode()
    assert '<strong class="days-left" id="days-left">已逾期3个工作日</strong>' in page
