"""Desk services: registration, deadlines, replies (late ones marked), publication through the screen."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai import clock
from gongkai.agencies.models import AuditEntry
from gongkai.desk import deadlines, queries, services
from gongkai.desk.models import Case
from gongkai.rules.workdays import default_calendar
from gongkai.workflow import ConflictError, TransitionError

from .conftest import PHONE

pytestmark = pytest.mark.django_db


def test_consultation_due_in_five_working_days_by_default(register):
    case = register()
    assert case.due_on == default_calendar().add(case.received_on, 5).date
    assert case.number == f"咨{case.received_on.year}-0001"
    assert register(title="第二件").number == f"咨{case.received_on.year}-0002"


def test_agency_may_shorten_the_reply_deadline_to_three_days(register, agencies, users):
    services.update_settings(users.admin, agencies.dept, reply_days=3, proposal_months=2)
    case = register()
    assert case.due_on == default_calendar().add(case.received_on, 3).date
    proposal = register("npc", received_on=dt.date(2026, 8, 31))
    assert proposal.due_on == dt.date(2026, 10, 31)


def test_proposal_due_three_months_after_assignment_clamped_to_month_end(register):
    assert register("cppcc", received_on=dt.date(2026, 5, 31)).due_on == dt.date(2026, 8, 31)
    assert deadlines.add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


def test_hotline_keeps_the_platform_deadline_and_refuses_a_duplicate_number(register):
    case = register("hotline", due_on=dt.date(2026, 11, 24))
    assert case.due_on == dt.date(2026, 11, 24)
    with pytest.raises(TransitionError, match="已登记"):
        register("hotline", received_on=dt.date(2025, 3, 1))


def test_bad_contact_and_future_dates_are_refused_in_chinese(register):
    with pytest.raises(TransitionError, match="联系电话"):
        register(asker_phone="call me")
    with pytest.raises(TransitionError, match="电子邮箱"):
        register(asker_email="not-an-address")
    with pytest.raises(TransitionError, match="晚于今天"):
        register(received_on=clock.today() + dt.timedelta(days=1))
    with pytest.raises(TransitionError, match="主办或协办"):
        register("npc", role="")


def test_reply_on_time_and_after_the_deadline_is_allowed_but_marked_late(register, users):
    on_time = services.reply(register(), users.clerk, text="需提供身份证、户口簿和收入证明。")
    assert (on_time.state, on_time.late, on_time.replied_on) == ("replied", False, clock.today())
    old = register(received_on=dt.date(2026, 10, 9), title="逾期的一件")
    late = services.reply(old, users.clerk, text="已答复。")
    assert late.late and late.replied_on > late.due_on


def test_a_stale_version_is_refused_and_nothing_changes(register, users):
    case = register()
    services.assign(case, users.clerk, office="社会救助科")
    with pytest.raises(ConflictError, match="第1版"):
        services.reply(case, users.clerk, text="答复", version=1)
    assert Case.objects.get(pk=case.pk).reply == ""


def test_publication_needs_the_askers_consent(register, users):
    case = services.reply(register(consent=False), users.clerk, text="答复")
    with pytest.raises(TransitionError, match="未同意公开"):
        services.propose(case, users.clerk, title="低保材料", question="问", reply_text="答")


def test_personal_data_in_the_reply_blocks_publication_until_masked(register, users):
    case = services.reply(register(), users.clerk, text=f"已电话联系您（{PHONE}）。")
    case = services.propose(case, users.clerk, title="低保材料", question="需要哪些材料？", reply_text=case.reply)
    assert [f["kind"] for f in case.findings] == ["mobile"]
    assert PHONE not in str(case.findings)
    with pytest.raises(TransitionError, match="1处个人信息"):
        services.publish(case, users.reviewer)
    case = services.resolve(case, users.reviewer, how="redact")
    assert PHONE not in case.public_reply and "138****5678" in case.public_reply
    case = services.publish(case, users.reviewer)
    assert case.state == "published" and case.reply.count(PHONE) == 1  # the reply itself is kept
    assert [c["public_reply"] for c in queries.public_cases()] == [case.public_reply]


def test_a_finding_accepted_with_a_reason_lets_the_reply_be_published(register, users):
    case = services.reply(register(), users.clerk, text="请拨打民政局服务电话0632-6611234咨询。")
    case = services.propose(case, users.clerk, title="咨询电话", question="", reply_text=case.reply)
    if case.findings:
        with pytest.raises(TransitionError, match="理由"):
            services.resolve(case, users.reviewer, how="accept")
        case = services.resolve(case, users.reviewer, how="accept", reason="机关办公电话，依法公开")
    assert services.publish(case, users.reviewer).state == "published"


def test_reviewer_records_the_exception_when_a_reply_is_not_published(register, users):
    case = services.reply(register("npc"), users.clerk, text="答复全文")
    with pytest.raises(TransitionError, match="理由"):
        services.decline(case, users.reviewer, comment=" ")
    case = services.decline(case, users.reviewer, comment="涉及国家秘密，公开摘要亦不可行")
    assert case.state == "closed" and case.not_published_reason.startswith("涉及")
    assert not queries.public_cases().exists()


def test_proposal_reply_summary_published_and_satisfaction_recorded(register, users):
    case = services.reply(register("cppcc"), users.clerk, text="答复全文……")
    case = services.record_satisfaction(case, users.clerk, satisfaction="satisfied")
    case = services.propose(case, users.clerk, title="关于加强养老服务的提案答复摘要", question="",
                            reply_text="已建成日间照料中心12处。", summary=True)
    case = services.publish(case, users.reviewer)
    [entry] = queries.public_cases(kinds=("cppcc",))
    assert entry["public_is_summary"] and entry["member"] == "李代表"
    assert "asker_phone" not in entry and case.satisfaction == "satisfied"


def test_public_form_registers_a_consultation_without_an_actor(agencies):
    case = services.submit_public_consultation(agencies.dept, title="婚姻登记预约", question="如何预约？",
                                               name="王五", phone=PHONE, consent=True)
    assert (case.channel, case.state, case.created_by) == ("portal", "open", None)
    with pytest.raises(TransitionError, match="联系电话或电子邮箱"):
        services.submit_public_consultation(agencies.dept, title="t", question="q", name="王五")
    with pytest.raises(TransitionError, match="只能提交咨询或投诉"):
        services.submit_public_consultation(agencies.dept, title="t", question="q", name="王", phone=PHONE,
                                            kind="npc")
    with pytest.raises(TransitionError, match="不能超过"):
        services.submit_public_consultation(agencies.dept, title="t", question="问" * 5001, name="王", phone=PHONE)


def test_audit_log_holds_the_askers_contact_masked(register):
    case = register(asker_email="zhangsan@example.cn")
    entry = AuditEntry.objects.get(action="desk.consultation.register", object_id=str(case.pk))
    text = str(entry.after)
    assert PHONE not in text and "138****5678" in text and "zhangsan@" not in text and "张三" not in text


def test_reception_counter_adds_and_sets_a_days_count(agencies, users):
    today = clock.today()
    services.count_reception(users.clerk, agencies.dept, on=today, channel="walk_in", add=1)
    row = services.count_reception(users.clerk, agencies.dept, on=today, channel="walk_in", add=1)
    assert row.count == 2
    assert services.count_reception(users.clerk, agencies.dept, on=today, channel="phone", set_to=7).count == 7
    with pytest.raises(TransitionError):
        services.count_reception(users.clerk, agencies.dept, on=today + dt.timedelta(days=1), channel="phone", add=1)


def test_red_list_shows_overdue_and_due_soon_open_cases_only(register, users):
    overdue = register(received_on=dt.date(2026, 10, 9), title="逾期")
    soon = register(received_on=dt.date(2026, 11, 16), title="临期")
    register(title="从容", received_on=clock.today())  # due 27 Nov: beyond 2 working days (24 Nov)
    services.reply(register(received_on=dt.date(2026, 10, 9), title="已答复"), users.clerk, text="答")
    cal = default_calendar()
    found = queries.red_list(Case.objects.all(), clock.today(), cal)
    assert [(u.case.title, u.left < 0) for u in found] == [(overdue.title, True), (soon.title, False)]
