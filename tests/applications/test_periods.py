"""Periods counted from the other side's receipt, Art. 35's later reply date, the extension request and
approval, recorded corrections and impossible dates — through the services and the pages (issue 10,
points 5–10).

Calendar facts used below (2026, State Council notice): Sun 9/20 and Sat 10/10 are 调休 working
days; 中秋 9/25–9/27 and 国庆 10/1–10/7 are off; Sun 11/15 is a weekend day. The tests' clock
reads Fri 2026-11-20 (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications import letters, services
from gongkai.applications.models import ApplicationEvent
from gongkai.applications.services import TransitionError
from gongkai.rules.clock import PauseKind
from tests.applications.conftest import intake

D = dt.date


def steps(a, user, on: dt.date) -> set[str]:
    return {s.name for s in services.available_transitions(a, user, on)}


def letter_text(a, kind: str) -> str:
    return "\n".join(b.get("text", "") for b in letters.blocks(letters.render_docx(a, kind)))


def step_url(a, name: str) -> str:
    return reverse("applications:step", kwargs={"pk": a.pk, "name": name})


def detail_url(a) -> str:
    return reverse("applications:detail", kwargs={"pk": a.pk})


# --- 5. Art. 32: the third party's 15 working days run from its receipt ---------------------------


def test_third_party_receipt_recorded_later_sets_its_deadline_and_the_due_date(register, users):
    # Received Tue 2026-09-01. Request sent Tue 9/8 by post, received by the third party Fri 9/11
    # (recorded when the receipt came back), answered Fri 10/9.
    # Third party's 15 working days from 9/11: 9/14–18 = 1–5, Sun 9/20 (调休) = 6, 9/21–24 = 7–10,
    # 中秋 9/25–27 off, 9/28–30 = 11–13, 国庆 10/1–7 off, 10/8 = 14, 10/9 = 15 → the answer is in time.
    # Reply period: 9/2–4 and 9/7 = 4 days before the pause (from 9/8 to 10/9, both included);
    # 16 left: Sat 10/10 (调休) = 1, 10/12–16 = 2–6, 10/19–23 = 7–11, 10/26–30 = 12–16 → Fri 10/30.
    a = register(received_on=D(2026, 9, 1))
    services.start_third_party(a, users.clerk, third_party="某商贸有限公司", on=D(2026, 9, 8))
    paused = services.clock_state(a, D(2026, 10, 20))
    assert paused.pauses[0].deadline is None  # not known until the receipt is
    assert "record_party_receipt" in steps(a, users.clerk, D(2026, 9, 10))
    with pytest.raises(TransitionError, match="第三十二条"):  # silence needs the receipt day
        services.finish_third_party(a, users.clerk, expired=True, on=D(2026, 10, 20))
    assert "请自收到本函之日起15个工作日内书面提出意见" in letter_text(a, "third_party_letter")
    services.record_party_receipt(a, users.clerk, on=D(2026, 9, 11))
    assert "record_party_receipt" not in steps(a, users.clerk, D(2026, 9, 14))
    assert "请于2026年10月9日前（自收到本函之日起15个工作日内）" in letter_text(a, "third_party_letter")
    assert services.clock_state(a, D(2026, 9, 14)).pauses[0].deadline == D(2026, 10, 9)
    services.finish_third_party(a, users.clerk, opinion="不同意公开", on=D(2026, 10, 9))
    assert a.due_on == D(2026, 10, 30)
    state = services.clock_state(a, D(2026, 10, 12))
    assert state.pauses[0].outcome == "answered" and state.pauses[0].receipt == D(2026, 9, 11)
    assert "第三方于2026年9月11日收到" in state.text


def test_third_party_receipt_given_with_the_answer(register, users):
    # The same case, the receipt day typed in with the answer: the same due date.
    a = register(received_on=D(2026, 9, 1))
    services.start_third_party(a, users.clerk, third_party="某商贸有限公司", on=D(2026, 9, 8))
    services.finish_third_party(a, users.clerk, received=D(2026, 9, 11), on=D(2026, 10, 9))
    assert a.due_on == D(2026, 10, 30)
    with pytest.raises(TransitionError, match="早于发出之日"):
        b = register(received_on=D(2026, 9, 1))
        services.start_third_party(b, users.clerk, third_party="某公司", on=D(2026, 9, 8), received=D(2026, 9, 7))


def test_party_receipt_step_through_the_page(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    services.start_third_party(a, users.clerk, third_party="某公司", on=D(2026, 11, 3))
    client.force_login(users.clerk)
    assert 'data-step="record_party_receipt"' in client.get(detail_url(a)).content.decode()
    response = client.post(step_url(a, "record_party_receipt"), {"version": a.version, "on": "2026-11-05"})
    assert response.status_code == 302
    body = client.get(detail_url(a)).content.decode()
    assert "第三方于2026年11月5日收到" in body and 'data-step="record_party_receipt"' not in body


# --- 6. 《办法》: the 20 working days to pay run from the day after the applicant received the notice --


def test_fee_lapse_waits_for_the_delivery_and_the_pay_by_date_follows_it(register, users):
    # Notice Wed 2026-09-02 by post; the applicant received it Mon 9/7. Pay by: 9/8–11 = 4,
    # 9/14–18 = 9, Sun 9/20 = 10, 9/21–24 = 14, 9/28–30 = 17, 10/8 = 18, 10/9 = 19, Sat 10/10 = 20.
    a = register(items=[f"事项{i}" for i in range(1, 12)], received_on=D(2026, 9, 1))
    services.issue_fee_notice(a, users.clerk, on=D(2026, 9, 2))
    assert "fee_lapsed" not in steps(a, users.clerk, D(2026, 11, 20))
    with pytest.raises(TransitionError, match="尚未登记申请人收到收费通知之日"):
        services.fee_lapsed(a, users.clerk, on=D(2026, 11, 20))
    assert "请自收到本通知次日起20个工作日内缴纳" in letter_text(a, "fee_notice")  # no date before delivery
    services.record_fee_delivery(a, users.clerk, on=D(2026, 9, 7))
    assert "record_fee_delivery" not in steps(a, users.clerk, D(2026, 9, 8))
    assert "请于2026年10月10日前（自收到本通知次日起20个工作日内）缴纳" in letter_text(a, "fee_notice")
    assert "fee_lapsed" not in steps(a, users.clerk, D(2026, 10, 10))
    assert "fee_lapsed" in steps(a, users.clerk, D(2026, 10, 12))
    services.fee_lapsed(a, users.clerk, on=D(2026, 10, 12))
    assert (a.state, a.report_row) == ("closed", "other.fee_unpaid")


# --- 7. Art. 35: a later reply date for an excessive request with reasonable grounds -----------------


def test_deferral_needs_the_reasons_sets_the_due_date_and_keeps_the_case_off_the_red_list(client, register, users):
    # Received Tue 2026-09-01, due Tue 9/29 (20 working days). Reasons asked on 9/3; found
    # reasonable, the later reply date Mon 11/30 is set on 9/10. Today (11/20) it is not overdue
    # and not due soon (the 3rd working day after 11/20 is Wed 11/25).
    a = register(received_on=D(2026, 9, 1))
    assert "defer_reply" not in steps(a, users.reviewer, D(2026, 9, 2))
    with pytest.raises(TransitionError, match="说明理由"):
        services.defer_reply(a, users.reviewer, until=D(2026, 11, 30), reason="理由合理", on=D(2026, 9, 2))
    services.ask_reasons(a, users.clerk, content="本月申请数量明显超过合理范围，请说明理由", on=D(2026, 9, 3))
    assert a.due_on == D(2026, 9, 29)  # asking does not stop the clock
    with pytest.raises(TransitionError, match="确定延迟答复期限.*只能由"):
        services.defer_reply(a, users.clerk, until=D(2026, 11, 30), reason="理由合理", on=D(2026, 9, 10))
    with pytest.raises(TransitionError, match="第三十五条"):  # not later than the current due date
        services.defer_reply(a, users.reviewer, until=D(2026, 9, 25), reason="理由合理", on=D(2026, 9, 10))
    services.defer_reply(a, users.reviewer, until=D(2026, 11, 30), reason="为课题研究逐年比对，理由合理",
                         on=D(2026, 9, 10))
    assert a.due_on == D(2026, 11, 30)
    state = services.clock_state(a)
    assert state.due == D(2026, 11, 30) and not state.overdue and state.deferred_on == D(2026, 9, 10)
    assert "确定延迟答复的期限至2026年11月30日" in state.text
    assert ("deferral_notice", "延迟答复告知书") in letters.available_letters(a)  # the applicant is told
    assert "确定延迟答复的期限至2026年11月30日" in letter_text(a, "deferral_notice")
    assert not {"defer_reply", "approve_extension"} & steps(a, users.reviewer, D(2026, 11, 20))
    client.force_login(users.clerk)
    urgent = client.get(reverse("applications:queue") + "?tab=urgent").content.decode()
    assert a.tracking_number not in urgent


# --- 8. impossible dates ------------------------------------------------------------------------------


def test_steps_dated_before_the_receipt_are_refused_with_the_article(register, users):
    a = register(received_on=D(2026, 9, 1))
    for call in (
        lambda: services.draft_reply(a, users.clerk, outcomes={1: ("granted", "")}, on=D(2026, 8, 1)),
        lambda: services.start_third_party(a, users.clerk, third_party="某公司", on=D(2026, 8, 31)),
        lambda: services.approve_extension(a, users.reviewer, days=5, reason="档案", on=D(2026, 8, 3)),
        lambda: services.request_correction(a, users.clerk, content="年份", reply_by=D(2026, 9, 10),
                                            on=D(2026, 8, 28)),
    ):
        with pytest.raises(TransitionError, match="早于收到申请之日.*第三十一条"):
            call()
    assert a.version == 1 and not ApplicationEvent.objects.exclude(kind="received").exists()


def test_a_step_dated_before_receipt_shows_the_rule_on_the_page(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    client.force_login(users.clerk)
    response = client.post(step_url(a, "start_third_party"),
                           {"version": a.version, "on": "2026-10-02", "third_party": "某公司"})
    assert response.status_code == 422 and "早于收到申请之日" in response.content.decode()


def _intake_post(client, **overrides):
    data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in intake(**overrides).items()}
    return client.post(reverse("applications:intake"), data)


def test_online_intake_warns_on_a_confirmed_day_off_other_than_the_submission_day(client, users):
    # Submitted online on Fri 2026-11-13, "confirmed" on Sun 11/15: a day off, not the submission
    # day → the form asks to check it; ticked, it registers with 11/15 as the day of receipt.
    client.force_login(users.clerk)
    warned = _intake_post(client, channel="online", received_on=D(2026, 11, 15), submitted_on=D(2026, 11, 13))
    body = warned.content.decode()
    assert warned.status_code == 400 and "双方确认之日2026年11月15日是非工作日" in body and "第三十一条第三项" in body
    ok = _intake_post(client, channel="online", received_on=D(2026, 11, 15), submitted_on=D(2026, 11, 13),
                      confirm_date="on")
    assert ok.status_code == 302
    event = ApplicationEvent.objects.get(kind="received")
    assert event.on == D(2026, 11, 15) and event.data == {"submitted": "2026-11-13"}
    # the same day, or a working day, needs no confirmation; a submission after the confirmation is refused
    assert _intake_post(client, channel="fax", received_on=D(2026, 11, 16), submitted_on=D(2026, 11, 13)).status_code == 302
    late = _intake_post(client, channel="fax", received_on=D(2026, 11, 16), submitted_on=D(2026, 11, 17))
    assert late.status_code == 400 and "不能早于申请人提交之日" in late.content.decode()


def test_receipt_in_the_future_names_the_article(register):
    with pytest.raises(TransitionError, match="晚于今天.*第三十一条"):
        register(received_on=D(2026, 11, 23))


# --- 9. correction: what was corrected, and the lapse once the period ran out -------------------------


def test_correction_records_the_new_wording_and_lapse_is_offered_after_the_period(register, users):
    a = register(received_on=D(2026, 9, 1), items=["低保名单", "资金明细"])
    services.request_correction(a, users.clerk, content="请写明年份", reply_by=D(2026, 9, 10), on=D(2026, 9, 2))
    assert "correction_lapsed" not in steps(a, users.clerk, D(2026, 9, 10))  # the period's last day
    assert "correction_lapsed" in steps(a, users.clerk, D(2026, 9, 11))
    with pytest.raises(TransitionError, match="补正的内容"):
        services.record_correction(a, users.clerk, items={1: "低保名单", 2: "资金明细"}, on=D(2026, 9, 8))
    services.record_correction(a, users.clerk, items={1: "2025年低保名单", 2: "资金明细"}, note="补交了身份证复印件",
                               on=D(2026, 9, 8))
    assert [i.description for i in a.items.order_by("position")] == ["2025年低保名单", "资金明细"]
    event = ApplicationEvent.objects.get(application=a, kind="corrected")
    assert event.data == {"note": "补交了身份证复印件", "items": {"1": "2025年低保名单"}}
    assert a.due_on == services.calendar_for(a.agency).add(D(2026, 9, 8), 20).date


def test_correction_form_on_the_page_and_the_lapse_step(client, users, register):
    a = register(received_on=D(2026, 11, 2))
    services.request_correction(a, users.clerk, content="请写明年份", reply_by=D(2026, 11, 13), on=D(2026, 11, 3))
    client.force_login(users.clerk)
    body = client.get(detail_url(a)).content.decode()
    assert 'name="item_1"' in body and 'data-step="correction_lapsed"' in body  # 11/13 has passed (today 11/20)
    response = client.post(step_url(a, "record_correction"),
                           {"version": a.version, "on": "2026-11-10", "item_1": "2025年度城乡低保资金发放明细（第四季度）"})
    assert response.status_code == 302
    assert a.items.get().description == "2025年度城乡低保资金发放明细（第四季度）"


# --- 10. extension: requested by the clerk, approved by the head, the approval names who -----------


def test_extension_request_decline_and_approval_naming_the_approver(client, register, users, fixed_clock):
    # Received 2026-09-01, due 9/29; 10 more working days: 9/30, 10/8–9, Sat 10/10, 10/12–16, 10/19 → 10/19.
    fixed_clock.set_to(D(2026, 9, 17))  # the pages work on today's date, inside the reply period
    a = register(received_on=D(2026, 9, 1))
    assert "decline_extension" not in steps(a, users.reviewer, D(2026, 9, 2))
    services.request_extension(a, users.clerk, days=10, reason="需调取历史档案", on=D(2026, 9, 14))
    assert a.due_on == D(2026, 9, 29)  # a request changes nothing until approved
    services.decline_extension(a, users.reviewer, reason="可在期限内答复", on=D(2026, 9, 15))
    assert "decline_extension" not in steps(a, users.reviewer, D(2026, 9, 16))
    services.request_extension(a, users.clerk, days=10, reason="需调取历史档案并逐项核对", on=D(2026, 9, 16))
    client.force_login(users.reviewer)
    body = client.get(detail_url(a)).content.decode()
    assert 'data-step="decline_extension"' in body and "需调取历史档案并逐项核对</textarea>" in body
    response = client.post(step_url(a, "approve_extension"), {"version": a.version, "on": "2026-09-17", "days": 10,
                                                               "reason": "需调取历史档案并逐项核对"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.due_on == D(2026, 10, 19)
    state = services.clock_state(a, D(2026, 9, 18))
    assert state.extension_approved_by == "政府信息公开工作机构负责人李审核"
    assert "经政府信息公开工作机构负责人李审核同意" in state.text
    history = client.get(detail_url(a)).content.decode()
    assert "经政府信息公开工作机构负责人李审核批准延期10个工作日" in history
    assert "request_extension" not in steps(a, users.clerk, D(2026, 9, 18))


def test_the_leader_approves_as_the_heads_superior(register, users):
    a = register(received_on=D(2026, 9, 1))
    services.approve_extension(a, users.leader, days=5, reason="需调取档案", on=D(2026, 9, 3))
    assert services.clock_state(a, D(2026, 9, 4)).extension_approved_by == "分管领导王领导"


def test_pause_kinds_are_reported_with_their_receipt(register, users):
    a = register(received_on=D(2026, 9, 1))
    services.start_consultation(a, users.clerk, other_agency="台儿庄区财政局", on=D(2026, 9, 2), received=D(2026, 9, 2))
    [pause] = services.clock_state(a, D(2026, 9, 3)).pauses
    # Art. 34 from the agency's receipt on Wed 9/2: 9/3–4 = 2, 9/7–11 = 7, 9/14–18 = 12, Sun 9/20 = 13, 9/21–22 = 15.
    assert (pause.kind, pause.receipt, pause.deadline) == (PauseKind.AGENCY_CONSULTATION, D(2026, 9, 2), D(2026, 9, 22))


def test_silent_third_party_expires_from_its_receipt_and_a_conflicting_receipt_is_refused(register, users):
    # Handed over on Tue 2026-09-08: its 15 working days end on Tue 9/29 (9/9–11 = 3, 9/14–18 = 8,
    # Sun 9/20 = 9, 9/21–24 = 13, 9/28–29 = 15). By 10/12 it has run out: no receipt step, expiry allowed.
    a = register(received_on=D(2026, 9, 1))
    services.start_third_party(a, users.clerk, third_party="某公司", on=D(2026, 9, 8), received=D(2026, 9, 8))
    assert "record_party_receipt" not in steps(a, users.clerk, D(2026, 10, 12))
    with pytest.raises(TransitionError, match="与所填日期不符"):
        services.finish_third_party(a, users.clerk, expired=True, received=D(2026, 9, 9), on=D(2026, 10, 12))
    with pytest.raises(TransitionError, match="第三十二条"):  # not yet run out on its last day
        services.finish_third_party(a, users.clerk, expired=True, on=D(2026, 9, 28))
    services.finish_third_party(a, users.clerk, expired=True, on=D(2026, 10, 12))
    assert services.clock_state(a, D(2026, 10, 12)).pauses[0].end == D(2026, 9, 29)
