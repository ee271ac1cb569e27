"""The deadline board of a government's disclosure office: status, days left, who is late, who
published late, reminders by e-mail — and nothing outside the viewer's subtree."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from gongkai import clock
from gongkai.agencies.models import AuditEntry
from gongkai.reports import board, services

YEAR = 2025


def _publish(report, users):
    report = services.submit(report, users.clerk)
    for f in services.findings(report):  # a late report warns; the reason is recorded
        if f.severity == "warning":
            report = services.explain(report, users.clerk, key=services.finding_key(f), reason="数据核对延误")
    report = services.approve(report, users.reviewer)
    return services.publish(report, users.leader)


@pytest.fixture
def drafted(agencies, users):
    with clock.moved_to(dt.date(2026, 1, 10)):
        return services.draft(agencies.dept, YEAR, users.clerk)


def _by_name(rows):
    return {r.agency.name: r for r in rows}


def test_before_31_january_no_one_is_late_and_days_left_count_to_each_deadline(agencies, drafted):
    rows = _by_name(board.rows(agencies.gov, YEAR, dt.date(2026, 1, 21)))
    assert list(rows)[0] == "台儿庄区人民政府"
    assert set(rows) == {"台儿庄区人民政府", "台儿庄区民政局", "台儿庄区教育和体育局", "台儿庄区运河街道办事处"}
    assert rows["台儿庄区民政局"].days_left == 10 and rows["台儿庄区民政局"].status == "草稿"
    assert rows["台儿庄区教育和体育局"].status == "未生成"
    assert rows["台儿庄区人民政府"].deadline == dt.date(2026, 3, 31) and rows["台儿庄区人民政府"].days_left == 69
    assert not any(r.late for r in rows.values())


def test_after_31_january_unpublished_departments_are_late_and_late_publication_is_shown(agencies, users, drafted):
    with clock.moved_to(dt.date(2026, 2, 3)):
        _publish(drafted, users)
    rows = _by_name(board.rows(agencies.gov, YEAR, dt.date(2026, 2, 5)))
    dept = rows["台儿庄区民政局"]
    assert dept.published_on == dt.date(2026, 2, 3) and dept.published_late and dept.days_late == 3 and not dept.late
    assert rows["台儿庄区教育和体育局"].late and rows["台儿庄区教育和体育局"].days_late == 5
    assert not rows["台儿庄区人民政府"].late  # its deadline is 31 March


def test_published_on_time_is_neither_late_nor_published_late(agencies, users, drafted):
    with clock.moved_to(dt.date(2026, 1, 20)):
        _publish(drafted, users)
    row = _by_name(board.rows(agencies.gov, YEAR, dt.date(2026, 4, 1)))["台儿庄区民政局"]
    assert not row.late and not row.published_late


def test_board_page_for_the_supervisor_lists_the_subtree_and_marks_the_late(client, agencies, users, drafted):
    client.force_login(users.supervisor)
    with clock.moved_to(dt.date(2026, 2, 2)):
        page = client.get(reverse("reports:deadlines"), {"agency": agencies.gov.pk, "year": YEAR})
    text = page.content.decode()
    assert page.status_code == 200
    assert "台儿庄区运河街道办事处" in text and "逾期2天未公布" in text and "峄城区" not in text
    assert 'id="remind-late"' in text


def test_board_of_another_subtree_or_for_a_clerk_is_refused(client, agencies, users):
    client.force_login(users.supervisor)
    assert client.get(reverse("reports:deadlines"), {"agency": agencies.sibling.pk}).status_code == 404
    client.force_login(users.clerk)
    assert client.get(reverse("reports:deadlines"), {"agency": agencies.gov.pk}).status_code == 404
    assert client.get(reverse("reports:deadlines"), {"agency": agencies.dept.pk}).status_code == 403


def test_a_department_admin_sees_a_board_of_its_own_agency_only(client, agencies, users):
    client.force_login(users.admin)
    page = client.get(reverse("reports:deadlines"), {"agency": agencies.dept.pk, "year": YEAR})
    text = page.content.decode()
    assert page.status_code == 200 and "台儿庄区民政局" in text
    assert "台儿庄区教育和体育局" not in text and "台儿庄区人民政府及" not in text


def test_reminder_mails_only_the_late_agencies_and_is_audited(client, agencies, users, drafted, make_user):
    agencies.dept2.email = "jiaoti@example.cn"
    agencies.dept2.save()
    make_user("dept2_clerk", (agencies.dept2, "clerk"), email="clerk2@example.cn")
    client.force_login(users.supervisor)
    with clock.moved_to(dt.date(2026, 1, 20)):
        client.post(reverse("reports:remind"), {"agency": agencies.gov.pk, "year": YEAR})
    assert mail.outbox == []  # before the deadline no one is late
    with clock.moved_to(dt.date(2026, 2, 2)):
        answer = client.post(reverse("reports:remind"), {"agency": agencies.gov.pk, "year": YEAR})
    assert answer.status_code == 302
    to = {tuple(m.to): m for m in mail.outbox}
    assert ("clerk2@example.cn", "jiaoti@example.cn") in to
    assert "逾期2天" in to[("clerk2@example.cn", "jiaoti@example.cn")].subject
    assert all("台儿庄区人民政府" not in m.subject for m in mail.outbox)  # its deadline is 31 March
    entry = AuditEntry.objects.filter(action="report.remind").latest("pk")
    assert "台儿庄区教育和体育局" in entry.after["reminded"]


def test_a_clerk_cannot_send_reminders(client, agencies, users):
    client.force_login(users.clerk)
    with clock.moved_to(dt.date(2026, 2, 2)):
        answer = client.post(reverse("reports:remind"), {"agency": agencies.dept.pk, "year": YEAR})
    assert answer.status_code == 403 and mail.outbox == []


def test_daily_digest_names_each_late_own_report(agencies, drafted):
    assert agencies.dept.pk not in board.late_reports(dt.date(2026, 1, 30))
    late = board.late_reports(dt.date(2026, 2, 4))
    assert "已超过公布期限2026-01-31" in late[agencies.dept.pk] and "4天" in late[agencies.dept.pk]
    assert agencies.gov.pk not in late  # a government has until 31 March


def test_gongkai_remind_mails_the_late_report_in_the_digest(agencies, drafted, make_user):
    from click.testing import CliRunner

    from gongkai.applications.remind import remind

    make_user("dept_clerk_mail", (agencies.dept, "clerk"), email="mz@example.cn")
    result = CliRunner().invoke(remind, ["--on", "2026-02-04"])
    assert result.exit_code == 0, result.output
    ours = [m for m in mail.outbox if "mz@example.cn" in m.to]
    assert len(ours) == 1 and "四、年度报告" in ours[0].body and "2025年度报告尚未公布（草稿）" in ours[0].body


def test_reports_room_links_the_board_for_the_supervisor_not_for_the_clerk(client, agencies, users):
    client.force_login(users.supervisor)
    assert 'id="deadline-board"' in client.get(reverse("reports:index"), {"agency": agencies.gov.pk}).content.decode()
    client.force_login(users.clerk)
    assert 'id="deadline-board"' not in client.get(reverse("reports:index")).content.decode()
