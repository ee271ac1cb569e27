"""The application services: each transition allowed or refused per role, state and rule, with the clock right."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.agencies.models import AuditEntry
from gongkai.applications import letters, services
from gongkai.applications.models import Application
from gongkai.applications.services import ConflictError, TransitionError
from tests.applications.conftest import ID_NUMBER, intake

D = dt.date


def test_register_numbers_validates_and_starts_the_clock(register):
    a = register()
    assert a.tracking_number.startswith("YSQ2026") and len(a.tracking_number) == 15
    assert a.state == "received" and a.version == 1
    # 20 working days after Tuesday 1 September 2026 (day of receipt not counted): Tuesday 29 September
    assert a.due_on == D(2026, 9, 29) and not a.due_provisional
    assert [i.description for i in a.items.all()] == ["2025年度城乡低保资金发放明细"]
    entry = AuditEntry.objects.get(action="application.register")
    assert ID_NUMBER not in str(entry.after) and str(entry.after["id_number"]).endswith("*1238")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "370402199001011234", "校验位"),
        ("channel", "pigeon", "申请方式"),
        ("received_on", D(2099, 1, 1), "晚于今天"),
        ("phone", "", "联系方式"),
        ("delivery", "email", "电子邮箱"),
    ],
)
def test_register_refuses_bad_intake_in_chinese(register, field, value, message):
    with pytest.raises(TransitionError, match=message):
        register(**{field: value})
    assert not Application.objects.exists()


def test_organisation_needs_name_and_valid_code(register):
    with pytest.raises(TransitionError, match="法人或其他组织名称"):
        register(applicant_type="commercial")
    with pytest.raises(TransitionError, match="校验位|代码"):
        register(applicant_type="commercial", organisation_name="某公司", organisation_code="91370405000000000X")


def test_only_members_register(users, agencies):
    with pytest.raises(PermissionDenied):
        services.register(users.reviewer, agencies.dept, intake())
    with pytest.raises(PermissionDenied):
        services.register(users.clerk, agencies.dept2, intake())


def test_correction_once_within_seven_working_days_and_period_restarts(register, users):
    a = register()
    with pytest.raises(TransitionError, match="7个工作日"):
        services.request_correction(a, users.clerk, content="请明确年份", reply_by=D(2026, 9, 30), on=D(2026, 9, 11))
    services.request_correction(a, users.clerk, content="请明确年份", reply_by=D(2026, 9, 17), on=D(2026, 9, 3))
    assert a.state == "correction" and a.due_on is None
    with pytest.raises(TransitionError, match="尚未届满"):
        services.correction_lapsed(a, users.clerk, on=D(2026, 9, 17))
    services.record_correction(a, users.clerk, items={1: "2025年度城乡低保资金发放明细（全区汇总）"}, on=D(2026, 9, 10))
    assert a.state == "received" and a.due_on == services.calendar_for(a.agency).add(D(2026, 9, 10), 20).date
    with pytest.raises(TransitionError, match="只能发出一次|只能在"):
        services.request_correction(a, users.clerk, content="再补正", reply_by=D(2026, 9, 20), on=D(2026, 9, 11))


def test_correction_lapse_closes_as_no_correction(register, users):
    a = register()
    services.request_correction(a, users.clerk, content="请明确年份", reply_by=D(2026, 9, 10), on=D(2026, 9, 2))
    services.correction_lapsed(a, users.clerk, on=D(2026, 9, 14))
    assert (a.state, a.closed_on, a.report_row) == ("closed", D(2026, 9, 14), "other.no_correction")


def test_third_party_pause_is_not_counted(register, users):
    a = register()
    services.start_third_party(a, users.clerk, third_party="某公司", on=D(2026, 9, 8))
    assert a.state == "third_party"
    services.finish_third_party(a, users.clerk, on=D(2026, 9, 14))
    cal = services.calendar_for(a.agency)
    paused = cal.count(D(2026, 9, 7), D(2026, 9, 14)).days  # 8 … 14 September, both included
    assert a.due_on == cal.add(D(2026, 9, 1), 20 + paused).date
    assert "第三方" in services.clock_state(a, D(2026, 9, 15)).text


def test_extension_only_by_reviewer_or_leader_once_and_at_most_twenty(register, users):
    a = register()
    with pytest.raises(TransitionError, match="审核人或分管领导|分管领导或审核人"):
        services.approve_extension(a, users.clerk, days=10, reason="需调取档案", on=D(2026, 9, 20))
    with pytest.raises(TransitionError, match="不超过20"):
        services.approve_extension(a, users.reviewer, days=21, reason="需调取档案", on=D(2026, 9, 20))
    with pytest.raises(TransitionError, match="延期理由"):
        services.approve_extension(a, users.reviewer, days=10, reason=" ", on=D(2026, 9, 20))
    services.approve_extension(a, users.leader, days=20, reason="需调取档案", on=D(2026, 9, 21))
    assert a.due_on == services.calendar_for(a.agency).add(D(2026, 9, 1), 40).date
    with pytest.raises(TransitionError, match="只能延长一次"):
        services.approve_extension(a, users.reviewer, days=5, reason="再延", on=D(2026, 9, 22))


def test_extension_after_due_date_is_refused(register, users):
    a = register()
    with pytest.raises(TransitionError, match="已届满"):
        services.approve_extension(a, users.reviewer, days=10, reason="迟了", on=D(2026, 10, 20))


def _reply(a, users, *, sent, kind="granted", reason=""):
    letters.draft_reply(a, users.clerk, outcomes={i.position: (kind, reason) for i in a.items.all()},
                        on=sent - dt.timedelta(days=3))
    services.review(a, users.reviewer, on=sent - dt.timedelta(days=2))
    services.sign_off(a, users.leader, on=sent - dt.timedelta(days=1))
    return services.send_reply(a, users.clerk, on=sent)


def test_reply_path_needs_each_role_in_turn(register, users):
    a = register()
    with pytest.raises(TransitionError, match="只能在"):
        services.review(a, users.reviewer, on=D(2026, 9, 3))
    letters.draft_reply(a, users.clerk, outcomes={1: ("granted", "")}, on=D(2026, 9, 3))
    with pytest.raises(TransitionError, match="审核人"):
        services.review(a, users.clerk, on=D(2026, 9, 4))
    services.review(a, users.reviewer, on=D(2026, 9, 4))
    with pytest.raises(TransitionError, match="分管领导"):
        services.sign_off(a, users.reviewer, on=D(2026, 9, 4))
    services.sign_off(a, users.leader, on=D(2026, 9, 4))
    services.send_reply(a, users.clerk, on=D(2026, 9, 7))
    assert (a.state, a.closed_on, a.report_row) == ("replied", D(2026, 9, 7), "granted")
    assert services.clock_state(a).on_time is True
    assert [e.action for e in AuditEntry.objects.filter(object_id=str(a.pk)).order_by("id")] == [
        "application.register", "application.draft_reply", "application.letter", "application.review", "application.sign_off",
        "application.send_reply"]


def test_refusal_needs_reasons_and_every_item_an_outcome(register, users):
    a = register(items=["低保名单", "资金明细"])
    with pytest.raises(TransitionError, match="第2项"):
        services.draft_reply(a, users.clerk, outcomes={1: ("granted", "")}, on=D(2026, 9, 3))
    with pytest.raises(TransitionError, match="理由"):
        services.draft_reply(a, users.clerk, outcomes={1: ("granted", ""), 2: ("denied.third_party", "")},
                             on=D(2026, 9, 3))


def test_mixed_outcomes_count_only_as_partial(register, users):
    a = register(items=["低保名单", "资金明细"])
    letters.draft_reply(a, users.clerk, on=D(2026, 9, 3),
                        outcomes={1: ("granted", ""), 2: ("denied.third_party", "涉及个人隐私")})
    services.review(a, users.reviewer, on=D(2026, 9, 3))
    services.return_draft(a, users.leader, reason="理由不充分", on=D(2026, 9, 4))
    assert a.state == "received"
    letters.draft_reply(a, users.clerk, on=D(2026, 9, 7),
                        outcomes={1: ("granted", ""), 2: ("denied.third_party", "涉及第三方个人隐私")})
    services.review(a, users.reviewer, on=D(2026, 9, 7))
    services.sign_off(a, users.leader, on=D(2026, 9, 8))
    services.send_reply(a, users.clerk, on=D(2026, 9, 8))
    assert a.report_row == "partial"


def test_fee_notice_counts_the_applicants_month(register, users):
    a = register(items=[f"事项{i}" for i in range(1, 13)])  # 12 requests in September
    assert services.monthly_requests(a) == 12
    quote = services.fee_quote(a)
    assert quote.total == 200  # the 11th and 12th at 100 元
    services.issue_fee_notice(a, users.clerk, on=D(2026, 9, 3))
    assert a.state == "fee"
    services.record_payment(a, users.clerk, on=D(2026, 9, 10))
    cal = services.calendar_for(a.agency)
    assert a.due_on == cal.add(D(2026, 9, 1), 20 + cal.count(D(2026, 9, 2), D(2026, 9, 10)).days).date


def test_fee_free_request_gets_no_notice(register, users):
    a = register()
    with pytest.raises(TransitionError, match="无需收费"):
        services.issue_fee_notice(a, users.clerk, on=D(2026, 9, 3))
    assert a.state == "received"


def test_fee_lapse(register, users):
    a = register(items=[f"事项{i}" for i in range(1, 12)])
    services.issue_fee_notice(a, users.clerk, on=D(2026, 9, 2), delivered=D(2026, 9, 2))  # handed over
    with pytest.raises(TransitionError, match="尚未届满"):
        services.fee_lapsed(a, users.clerk, on=D(2026, 9, 20))
    services.fee_lapsed(a, users.clerk, on=D(2026, 10, 20))
    assert a.report_row == "other.fee_unpaid" and a.state == "closed"


def test_split_and_merge_items(register, users):
    a = register()
    services.split_item(a, users.clerk, position=1, parts=["低保名单", "资金明细", "审批表"])
    assert [i.description for i in a.items.all()] == ["低保名单", "资金明细", "审批表"]
    services.merge_items(a, users.clerk, positions=[2, 3], description="资金明细及审批表")
    assert [(i.position, i.description) for i in a.items.all()] == [(1, "低保名单"), (2, "资金明细及审批表")]


def test_duplicate_of_an_earlier_reply_of_the_same_applicant(register, users):
    first = register(received_on=D(2026, 8, 3))
    _reply(first, users, sent=D(2026, 8, 10))
    other = register(received_on=D(2026, 8, 4), id_number="11010519491231002X", description="城乡低保资金发放明细")
    second = register(description="2025年城乡低保资金的发放明细")
    candidates = services.duplicate_candidates(second)
    assert [c.pk for c, _ in candidates] == [first.pk] and candidates[0][1] > 0.8
    with pytest.raises(TransitionError, match="同一申请人"):
        services.mark_duplicate(second, users.clerk, earlier=other, on=D(2026, 9, 2))
    letters.mark_duplicate(second, users.clerk, earlier=first, on=D(2026, 9, 2))
    assert second.state == "drafted" and second.duplicate_of == first
    services.review(second, users.reviewer, on=D(2026, 9, 2))
    services.sign_off(second, users.leader, on=D(2026, 9, 2))
    services.send_reply(second, users.clerk, on=D(2026, 9, 3))
    assert second.report_row == "not_processed.duplicate"


def test_stale_version_is_a_conflict_and_nothing_is_overwritten(register, users):
    a = register()
    other_clerk_copy = Application.objects.get(pk=a.pk)
    services.start_third_party(a, users.clerk, third_party="某公司", on=D(2026, 9, 2))
    with pytest.raises(ConflictError, match="已被他人修改"):
        services.draft_reply(other_clerk_copy, users.clerk, outcomes={1: ("granted", "")}, on=D(2026, 9, 3))
    a.refresh_from_db()
    assert a.state == "third_party" and a.version == 2
    assert not a.items.exclude(outcome="").exists()


def test_clock_error_is_explained_with_the_article(register, users):
    a = register()
    services.start_third_party(a, users.clerk, third_party="某公司", on=D(2026, 9, 2))
    with pytest.raises(TransitionError, match="第三十二条"):
        services.finish_third_party(a, users.clerk, expired=True, on=D(2026, 9, 3))


def test_available_transitions_per_role(register, users):
    a = register()
    clerk = {s.name for s in services.available_transitions(a, users.clerk, on=D(2026, 9, 2))}
    assert {"request_correction", "draft_reply", "start_third_party", "issue_fee_notice"} <= clerk
    assert "approve_extension" not in clerk
    assert {s.name for s in services.available_transitions(a, users.reviewer, on=D(2026, 9, 2))} == {
        "approve_extension", "close_other"}
    assert services.available_transitions(a, users.supervisor) == []
    assert "审核人" in services.refusal(a, users.clerk, "approve_extension", on=D(2026, 9, 2))
    assert services.refusal(a, users.reviewer, "approve_extension", on=D(2026, 9, 2)) is None


def test_other_agency_users_cannot_touch(register, users, make_user, agencies):
    a = register()
    outsider = make_user("outsider", (agencies.dept2, "clerk"))
    with pytest.raises(PermissionDenied):
        services.start_third_party(a, outsider, third_party="x", on=D(2026, 9, 2))


def test_future_dates_are_refused(register, users):
    a = register()
    with pytest.raises(TransitionError, match="晚于今天"):
        services.start_third_party(a, users.clerk, third_party="x", on=D(2099, 1, 1))


def test_calendar_override_recomputes_and_audits(register, users):
    a = register()
    services.add_calendar_override(users.admin, a.agency, date=D(2026, 9, 15), workday=False, note="办公楼停电")
    a.refresh_from_db()
    assert a.due_on == D(2026, 9, 30)
    entry = AuditEntry.objects.get(action="application.recompute_due")
    assert "停电" in entry.note and entry.after["due_on"] == "2026-09-30"


def test_close_other_ends_a_withdrawn_application_as_other_other(register, users):
    a = register(items=["低保名单", "资金明细"])
    services.start_third_party(a, users.clerk, third_party="某商贸有限公司", on=D(2026, 9, 3))
    with pytest.raises(TransitionError, match="审核人或分管领导"):
        services.close_other(a, users.clerk, reason="申请人书面撤回申请", on=D(2026, 9, 4))
    with pytest.raises(TransitionError, match="终止办理的原因"):
        services.close_other(a, users.reviewer, reason="  ", on=D(2026, 9, 4))
    services.close_other(a, users.reviewer, reason="申请人书面撤回申请", on=D(2026, 9, 4))
    assert (a.state, a.closed_on, a.report_row) == ("closed", D(2026, 9, 4), "other.other")
    assert [(i.outcome, i.reason) for i in a.items.order_by("position")] == [("other.other", "申请人书面撤回申请")] * 2
    state = services.clock_state(a, D(2026, 10, 30))
    assert state.stop_reason == "closed" and state.abandoned_row == "other.other" and not state.overdue
    assert state.pauses[0].outcome == "ended_by_closure"
    entry = AuditEntry.objects.filter(action="application.close_other").get()
    assert "申请人书面撤回申请" in entry.note and entry.actor == users.reviewer
    with pytest.raises(TransitionError, match="只能在"):
        services.close_other(a, users.leader, reason="再次终止", on=D(2026, 9, 7))


def test_close_other_is_offered_to_the_reviewer_in_every_open_state_but_not_to_the_clerk(register, users):
    a = register()
    services.request_correction(a, users.clerk, content="请明确年份", reply_by=D(2026, 9, 17), on=D(2026, 9, 3))
    assert "close_other" in [s.name for s in services.available_transitions(a, users.reviewer, D(2026, 9, 4))]
    assert "close_other" not in [s.name for s in services.available_transitions(a, users.clerk, D(2026, 9, 4))]
    services.close_other(a, users.leader, reason="申请人来电撤回并提交书面撤回书", on=D(2026, 9, 4))
    assert a.due_on is None and a.report_row == "other.other"


def test_draft_reply_still_refuses_other_rows_and_names_the_closing_step(register, users):
    a = register()
    with pytest.raises(TransitionError, match="终止办理"):
        services.draft_reply(a, users.clerk, outcomes={1: ("other.other", "撤回")}, on=D(2026, 9, 3))
