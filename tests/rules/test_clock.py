"""The statutory clock: hand-checked cases on the real 2024–2026 calendars, rule violations, properties.

Calendar facts used below (State Council notices, as shipped in chinese_calendar 1.11.0):
2024 — off 2/10–2/17, 4/4–4/6, 5/1–5/5, 6/10, 9/15–9/17, 10/1–10/7; 调休 working days
       Sun 2/4, Sun 2/18, Sun 4/7, Sun 4/28, Sat 5/11, Sat 9/14, Sun 9/29, Sat 10/12.
2025 — off 1/1, 1/28–2/4, 4/4–4/6, 5/1–5/5, 5/31–6/2, 10/1–10/8; 调休 Sun 1/26, Sat 2/8,
       Sun 4/27, Sun 9/28, Sat 10/11.
2026 — off 1/1–1/3, 2/15–2/23, 4/4–4/6, 5/1–5/5, 6/19–6/21, 9/25–9/27, 10/1–10/7; 调休
       Sun 1/4, Sat 2/14, Sat 2/28, Sat 5/9, Sun 9/20, Sat 10/10.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.clock import (
    AgencyConsultationAnswered,
    AgencyConsultationStarted,
    Channel,
    ClockConfig,
    ClockError,
    ClockStatus,
    Closed,
    Corrected,
    CorrectionLapsed,
    CorrectionRequested,
    ExtensionApproved,
    FeeLapsed,
    FeeNoticeIssued,
    FeePaid,
    PauseKind,
    Received,
    Replied,
    ThirdPartyAnswered,
    ThirdPartyExpired,
    ThirdPartyStarted,
    compute,
    event_from_dict,
)
from gongkai.rules.workdays import CalendarError, default_calendar

D = dt.date.fromisoformat
CAL = default_calendar()


def R(day: str, channel: Channel = Channel.IN_PERSON) -> Received:
    return Received(D(day), channel)


# (name, events, on, due, correction deadline). Reasoning per case in the comment above it.
CASES = [
    # Fri 2024-02-09, just before 春节. 2/10–2/17 off; day 1 is Sun 2/18 (调休); 2/19–23 = 2–6,
    # 2/26–3/1 = 7–11, 3/4–8 = 12–16, 3/11–14 = 17–20. Correction deadline: day 7 = Mon 2/26.
    ("before Spring Festival 2024", [R("2024-02-09")], "2024-02-20", "2024-03-14", "2024-02-26"),
    # Fri 2026-02-13, 除夕 eve of the 2026 holiday. Day 1 Sat 2/14 (调休); 2/15–23 off;
    # 2/24–27 = 2–5; Sat 2/28 (调休) = 6; 3/2–6 = 7–11; 3/9–13 = 12–16; 3/16–19 = 17–20.
    # Correction: 2/24(2) 25(3) 26(4) 27(5) 28(6) 3/2(7).
    (
        "before Spring Festival 2026",
        [R("2026-02-13", Channel.POST)],
        "2026-02-14",
        "2026-03-19",
        "2026-03-02",
    ),
    # Tue 2025-09-30, the eve of 国庆. 10/1–10/8 off; 10/9 = 1, 10/10 = 2, Sat 10/11 (调休) = 3,
    # 10/13–17 = 4–8, 10/20–24 = 9–13, 10/27–31 = 14–18, 11/3 = 19, 11/4 = 20. Correction: 10/14–16 = 5–7 → 10/16.
    ("before National Day 2025", [R("2025-09-30", Channel.ONLINE)], "2025-10-05", "2025-11-04", "2025-10-16"),
    # Received inside the holiday (Fri 2025-10-03, online confirmation): same count as above,
    # day 1 is 10/9, so the 20th working day is again 11/4; correction day 7 = 10/16.
    (
        "received during National Day",
        [R("2025-10-03", Channel.ONLINE)],
        "2025-10-09",
        "2025-11-04",
        "2025-10-16",
    ),
    # Sat 2024-10-12 is a 调休 working day, but the day of receipt is never counted: day 1 is Mon
    # 10/14; 10/14–18 = 1–5, 10/21–25 = 6–10, 10/28–11/1 = 11–15, 11/4–8 = 16–20. Correction 10/22.
    ("on a 调休 Saturday", [R("2024-10-12")], "2024-10-12", "2024-11-08", "2024-10-22"),
    # Sun 2025-03-16 (fax confirmed that day). Day 1 Mon 3/17; 3/17–21 = 5, 3/24–28 = 10,
    # 3/31–4/3 = 14, 4/4–4/6 清明 off, 4/7–11 = 19, 4/14 = 20. Correction: 3/25.
    ("on a Sunday", [R("2025-03-16", Channel.FAX)], "2025-03-20", "2025-04-14", "2025-03-25"),
    # Tue 2024-12-31. 1/1 off; 1/2–3 = 2, 1/6–10 = 7, 1/13–17 = 12, 1/20–24 = 17, Sun 1/26 (调休) = 18,
    # 1/27 = 19, 1/28–2/4 春节 off, Wed 2/5 = 20. Correction: 1/2(1) 3(2) 6–10(3–7) → 1/10.
    ("on 31 December 2024", [R("2024-12-31")], "2025-01-02", "2025-02-05", "2025-01-10"),
    # Wed 2025-12-31. 2026-01-01–03 off; Sun 1/4 (调休) = 1, 1/5–9 = 6, 1/12–16 = 11, 1/19–23 = 16,
    # 1/26–29 = 20. Correction: 1/4(1) 5–9(2–6) 12(7).
    ("on 31 December 2025", [R("2025-12-31")], "2026-01-05", "2026-01-29", "2026-01-12"),
    # Fri 2025-04-25. Correction window: Sun 4/27 (调休) = 1, 4/28–30 = 2–4, 5/1–5 off, 5/6–8 = 5–7
    # → 5/8. Notice on 5/7, corrected Mon 5/12: the period runs from 5/12. 5/13–16 = 4, 5/19–23 = 9,
    # 5/26–30 = 14, 5/31–6/2 端午 off, 6/3–6 = 18, 6/9 = 19, 6/10 = 20. Extension of 20 approved on
    # 6/5: 6/11–13 = 3, 6/16–20 = 8, 6/23–27 = 13, 6/30–7/4 = 18, 7/7 = 19, 7/8 = 20.
    (
        "correction then extension",
        [
            R("2025-04-25"),
            CorrectionRequested(D("2025-05-07")),
            Corrected(D("2025-05-12")),
            ExtensionApproved(D("2025-06-05"), 20),
            Replied(D("2025-07-08")),
        ],
        "2025-07-10",
        "2025-07-08",
        "2025-05-08",
    ),
    # Fri 2024-09-20. Base: 9/23–27 = 5, Sun 9/29 (调休) = 6, 9/30 = 7, 10/1–7 off, 10/8–11 = 11,
    # Sat 10/12 (调休) = 12, 10/14–18 = 17, 10/21–23 = 20 → 10/23. Third party 9/27–10/10 removes
    # 9/27, 9/29, 9/30, 10/8, 10/9, 10/10 = 6 working days: 10/24, 25, 28, 29, 30, 31 → 10/31.
    # Correction deadline: 9/23–27 = 1–5, Sun 9/29 = 6, Mon 9/30 = 7.
    (
        "third-party pause spanning National Day",
        [R("2024-09-20"), ThirdPartyStarted(D("2024-09-27")), ThirdPartyAnswered(D("2024-10-10"))],
        "2024-10-15",
        "2024-10-31",
        "2024-09-30",
    ),
    # Wed 2026-04-01. Base: 4/2–3 = 2, 4/4–6 清明 off, 4/7–10 = 6, 4/13–17 = 11, 4/20–24 = 16,
    # 4/27–30 = 20 → 4/30. Pauses: third party 4/8–4/10 (8, 9, 10 = 3); other agency 4/9–4/15
    # overlapping (adds 13, 14, 15 = 3); fee 4/20–4/22 (3). 9 more working days: 5/1–5 off, 5/6–8 = 3,
    # Sat 5/9 (调休) = 4, 5/11–15 = 9 → 5/15.
    (
        "several pauses, overlapping kinds",
        [
            R("2026-04-01"),
            ThirdPartyStarted(D("2026-04-08")),
            AgencyConsultationStarted(D("2026-04-09")),
            ThirdPartyAnswered(D("2026-04-10")),
            AgencyConsultationAnswered(D("2026-04-15")),
            FeeNoticeIssued(D("2026-04-20")),
            FeePaid(D("2026-04-22")),
        ],
        "2026-04-23",
        "2026-05-15",
        "2026-04-13",
    ),
]


@pytest.mark.parametrize(("name", "events", "on", "due", "correction"), CASES, ids=[c[0] for c in CASES])
def test_hand_checked_due_dates(name, events, on, due, correction):
    state = compute(events, D(on), CAL)
    assert state.due == D(due)
    assert state.correction_deadline == D(correction)
    assert CAL.is_workday(state.due)
    assert not state.provisional
    assert state.calendar_version == "chinese_calendar 1.11.0"


def test_several_pauses_record_their_own_deadlines_and_deductions():
    state = compute(CASES[-1][1], D("2026-04-23"), CAL)
    pauses = {p.kind: p for p in state.pauses}
    # Third party from Wed 4/8: 4/9–10 = 2, 4/13–17 = 7, 4/20–24 = 12, 4/27–29 = 15 → 4/29.
    assert pauses[PauseKind.THIRD_PARTY].deadline == D("2026-04-29")
    assert pauses[PauseKind.THIRD_PARTY].deducted == 3
    assert pauses[PauseKind.AGENCY_CONSULTATION].deducted == 3  # overlap counted once
    # Fee payment from the day after 4/20: 4/21–24 = 4, 4/27–30 = 8, 5/6–8 = 11, Sat 5/9 = 12,
    # 5/11–15 = 17, 5/18–20 = 20 → 5/20.
    assert pauses[PauseKind.FEE].deadline == D("2026-05-20")
    # Used on 4/23: (4/1, 4/23] has 15 working days, 9 of them paused → 6; left 20 − 6.
    assert (state.working_days_used, state.working_days_left) == (6, 14)
    assert state.status is ClockStatus.RUNNING


def test_correction_then_extension_replied_on_the_last_day():
    state = compute(CASES[8][1], D("2025-07-10"), CAL)
    assert state.status is ClockStatus.STOPPED and state.stop_reason == "replied"
    assert state.period_start == D("2025-05-12") and state.period == 40
    assert state.on_time is True and state.working_days_used == 40 and state.working_days_left == 0


def test_fee_notice_that_lapses_stops_the_clock_as_abandoned():
    # Mon 2026-03-02; notice Tue 3/10. Payment: 3/11–13 = 3, 3/16–20 = 8, 3/23–27 = 13, 3/30–4/3 = 18,
    # 4/4–6 清明 off, 4/7 = 19, 4/8 = 20 → pay by 4/8. Lapse recorded 4/9.
    events = [R("2026-03-02"), FeeNoticeIssued(D("2026-03-10"))]
    paused = compute(events, D("2026-03-20"), CAL)
    assert paused.status is ClockStatus.PAUSED and paused.paused_for == (PauseKind.FEE,)
    assert paused.pauses[0].deadline == D("2026-04-08")
    assert paused.working_days_used == 5  # 3/3–3/9; from 3/10 on the clock stands still
    with pytest.raises(ClockError, match="until 2026-04-08"):
        compute([*events, FeeLapsed(D("2026-04-08"))], D("2026-04-10"), CAL)
    stopped = compute([*events, FeeLapsed(D("2026-04-09"))], D("2026-04-10"), CAL)
    assert stopped.status is ClockStatus.STOPPED and stopped.abandoned_row == "other.fee_unpaid"
    assert stopped.working_days_used == 5 and stopped.on_time is None
    assert "视为放弃申请" in stopped.text


def test_fee_period_counts_when_configured_not_to_stop_the_clock():
    events = [R("2026-03-02"), FeeNoticeIssued(D("2026-03-10")), FeePaid(D("2026-03-12"))]
    stops = compute(events, D("2026-03-13"), CAL)
    runs = compute(events, D("2026-03-13"), CAL, ClockConfig(fee_stops_clock=False))
    # 2026-03-02 + 20: 3/3–6 = 4, 3/9–13 = 9, 3/16–20 = 14, 3/23–27 = 19, 3/30 = 20.
    assert runs.due == D("2026-03-30")
    assert stops.due == D("2026-04-02")  # 3 paused working days (3/10, 11, 12): 3/31, 4/1, 4/2


def test_reply_after_due_is_late():
    state = compute([R("2024-02-09"), Replied(D("2024-03-15"))], D("2024-03-20"), CAL)
    assert state.on_time is False and state.working_days_left == -1
    assert "超过答复期限1个工作日" in state.text


def test_third_party_silence_ends_the_pause_at_its_deadline():
    # Third party from Fri 2024-09-27 has until 10/23 (see the National Day case's counting:
    # 9/29 = 1, 9/30 = 2, 10/8–12 = 7, 10/14–18 = 12, 10/21–23 = 15).
    events = [R("2024-09-20"), ThirdPartyStarted(D("2024-09-27"))]
    open_ = compute(events, D("2024-10-10"), CAL)
    assert open_.status is ClockStatus.PAUSED and open_.pauses[0].deadline == D("2024-10-23")
    silent = compute(events, D("2024-10-30"), CAL)
    expired = compute([*events, ThirdPartyExpired(D("2024-10-25"))], D("2024-10-30"), CAL)
    assert silent.status is ClockStatus.RUNNING
    assert silent.due == expired.due
    assert expired.pauses[0].end == D("2024-10-23")  # not the day the expiry was recorded
    with pytest.raises(ClockError, match="Art. 32.*2024-10-23"):
        compute([*events, ThirdPartyExpired(D("2024-10-22"))], D("2024-10-30"), CAL)


def test_late_answer_counts_the_consultation_only_to_its_deadline():
    late = compute(
        [R("2024-09-20"), ThirdPartyStarted(D("2024-09-27")), ThirdPartyAnswered(D("2024-10-28"))],
        D("2024-10-30"),
        CAL,
    )
    silent = compute([R("2024-09-20"), ThirdPartyStarted(D("2024-09-27"))], D("2024-10-30"), CAL)
    assert late.pauses[0].outcome == "answered_late" and late.pauses[0].end == D("2024-10-23")
    assert late.due == silent.due
    assert "逾期后才提出意见" in late.text


def test_a_new_consultation_after_a_silent_one_ran_out():
    # The first third party (from 9/27) ran out on 10/23; a second one may start on 10/24.
    state = compute(
        [R("2024-09-20"), ThirdPartyStarted(D("2024-09-27")), ThirdPartyStarted(D("2024-10-24"))],
        D("2024-10-25"),
        CAL,
    )
    assert [p.outcome for p in state.pauses] == ["expired", "open"]
    assert state.status is ClockStatus.PAUSED


def test_awaiting_correction_has_no_due_date_and_can_lapse():
    events = [R("2025-04-25"), CorrectionRequested(D("2025-05-07"), reply_by=D("2025-05-21"))]
    waiting = compute(events, D("2025-05-10"), CAL)
    assert waiting.status is ClockStatus.PAUSED and waiting.paused_for == (PauseKind.CORRECTION,)
    assert waiting.due is None and waiting.pauses[0].deadline == D("2025-05-21")
    lapsed = compute([*events, CorrectionLapsed(D("2025-05-22"))], D("2025-06-01"), CAL)
    assert lapsed.status is ClockStatus.STOPPED and lapsed.abandoned_row == "other.no_correction"


def test_pause_after_the_period_ran_out_does_not_revive_it():
    late = compute(
        [R("2024-02-09"), ThirdPartyStarted(D("2024-03-18")), ThirdPartyAnswered(D("2024-03-20"))],
        D("2024-03-25"),
        CAL,
    )
    assert late.due == D("2024-03-14") and late.pauses[0].deducted == 0


def test_explanation_cites_articles_and_reads_as_a_letter():
    state = compute(CASES[9][1], D("2024-10-15"), CAL)
    articles = [s.article for s in state.explanation]
    assert articles[0] == "《条例》第三十一条"
    assert any("第三十二条" in a for a in articles)
    assert state.text.splitlines()[-1] == "4. 答复期限届满日为2024年10月31日。（《条例》第三十三条第二款）"
    assert "6个工作日不计入答复期限" in state.text


def test_provisional_when_the_period_runs_into_an_unloaded_year():
    state = compute([R("2026-12-10")], D("2026-12-11"), CAL)
    assert state.due == D("2027-01-08") and state.provisional
    assert "2027年" in state.provisional_reason and "暂按" in state.text
    with pytest.raises(CalendarError, match="2028"):
        compute([R("2027-12-20")], D("2027-12-21"), CAL)


# --- invalid sequences ----------------------------------------------------------------------

INVALID = [
    ("reply before receipt", [R("2024-03-04"), Replied(D("2024-03-01"))], r"Art\. 31.*before the receipt"),
    ("no receipt", [Replied(D("2024-03-01"))], r"Art\. 31"),
    (
        "second extension",
        [R("2024-03-04"), ExtensionApproved(D("2024-03-05"), 10), ExtensionApproved(D("2024-03-06"), 5)],
        r"Art\. 33: only one extension",
    ),
    (
        "extension over 20",
        [R("2024-03-04"), ExtensionApproved(D("2024-03-05"), 21)],
        r"Art\. 33: .*at most 20",
    ),
    ("extension of 0", [R("2024-03-04"), ExtensionApproved(D("2024-03-05"), 0)], r"Art\. 33"),
    # 2024-03-04 + 20 = 4/1 (3/5–8 = 4, 3/11–15 = 9, 3/18–22 = 14, 3/25–29 = 19, 4/1 = 20).
    (
        "extension after the period",
        [R("2024-03-04"), ExtensionApproved(D("2024-04-02"), 5)],
        r"ended on 2024-04-01",
    ),
    (
        "second correction notice",
        [
            R("2024-03-04"),
            CorrectionRequested(D("2024-03-05")),
            Corrected(D("2024-03-06")),
            CorrectionRequested(D("2024-03-07")),
        ],
        r"Art\. 30: the correction notice is given once",
    ),
    # Mon 2024-03-04 + 7 = Wed 3/13.
    (
        "correction after 7 days",
        [R("2024-03-04"), CorrectionRequested(D("2024-03-14"))],
        r"Art\. 30: .*by 2024-03-13",
    ),
    (
        "overlapping third-party pauses",
        [R("2024-03-04"), ThirdPartyStarted(D("2024-03-05")), ThirdPartyStarted(D("2024-03-06"))],
        r"Art\. 32: .*still open",
    ),
    ("answer without a consultation", [R("2024-03-04"), ThirdPartyAnswered(D("2024-03-05"))], r"Art\. 32"),
    (
        "event after the reply",
        [R("2024-03-04"), Replied(D("2024-03-05")), ThirdPartyStarted(D("2024-03-06"))],
        r"stopped on 2024-03-05",
    ),
    (
        "consultation while awaiting correction",
        [R("2024-03-04"), CorrectionRequested(D("2024-03-05")), ThirdPartyStarted(D("2024-03-06"))],
        r"Art\. 32: .*correction",
    ),
    (
        "correction after processing began",
        [R("2024-03-04"), ThirdPartyStarted(D("2024-03-05")), CorrectionRequested(D("2024-03-06"))],
        r"Art\. 30",
    ),
    ("fee paid without notice", [R("2024-03-04"), FeePaid(D("2024-03-05"))], r"《办法》"),
    (
        "second fee notice",
        [
            R("2024-03-04"),
            FeeNoticeIssued(D("2024-03-05")),
            FeePaid(D("2024-03-06")),
            FeeNoticeIssued(D("2024-03-07")),
        ],
        r"one fee notice",
    ),
    ("second receipt", [R("2024-03-04"), R("2024-03-05")], r"Art\. 31: an application is received once"),
]


@pytest.mark.parametrize(("name", "events", "message"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_sequences_name_the_rule(name, events, message):
    with pytest.raises(ClockError, match=message):
        compute(events, D("2024-06-01"), CAL)


def test_clock_error_is_a_value_error():
    assert issubclass(ClockError, ValueError)


def test_event_from_dict_round_trip_and_errors():
    e = event_from_dict({"kind": "received", "date": "2024-03-04", "channel": "post"})
    assert e == Received(D("2024-03-04"), Channel.POST)
    assert event_from_dict({"kind": "extension_approved", "date": "2024-03-05", "days": 7}).days == 7
    with pytest.raises(ClockError, match="unknown event kind"):
        event_from_dict({"kind": "nope", "date": "2024-03-04"})
    with pytest.raises(ClockError, match="not a date"):
        event_from_dict({"kind": "replied", "date": "2024-02-30"})


# --- properties -----------------------------------------------------------------------------

receipts = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 8, 31))


@st.composite
def applications(draw):
    """A receipt and up to three non-overlapping pauses (of any kinds) in its first weeks."""
    received = draw(receipts)
    pauses = []
    cursor = received
    kinds = [
        (ThirdPartyStarted, ThirdPartyAnswered),
        (AgencyConsultationStarted, AgencyConsultationAnswered),
        (FeeNoticeIssued, FeePaid),
    ]
    for started, ended in draw(st.lists(st.sampled_from(kinds), max_size=3, unique=True)):
        start = cursor + dt.timedelta(days=draw(st.integers(0, 6)))
        end = start + dt.timedelta(days=draw(st.integers(0, 12)))
        pauses += [started(start), ended(end)]
        cursor = end + dt.timedelta(days=1)
    extension = draw(st.one_of(st.none(), st.integers(1, 20)))
    return received, pauses, extension


@settings(max_examples=200, deadline=None)
@given(app=applications())
def test_due_is_a_working_day_and_pauses_only_move_it_later(app):
    received, pauses, extension = app
    base = [Received(received)]
    if extension:
        base.append(ExtensionApproved(received, extension))
    on = received + dt.timedelta(days=120)
    without = compute(base, on, CAL)
    with_pauses = compute([*base, *pauses], on, CAL)
    assert CAL.is_workday(without.due) and CAL.is_workday(with_pauses.due)
    assert with_pauses.due >= without.due
    deducted = sum(p.deducted for p in with_pauses.pauses)
    assert CAL.count(without.due, with_pauses.due).days == deducted


@settings(max_examples=100, deadline=None)
@given(received=receipts, days=st.integers(0, 80))
def test_used_plus_left_is_the_period(received, days):
    state = compute([Received(received)], received + dt.timedelta(days=days), CAL)
    assert state.working_days_used + state.working_days_left == 20
    assert state.working_days_used == CAL.count(received, state.on).days


def test_closing_without_a_decision_stops_the_clock_as_other_other():
    # Withdrawn while awaiting the correction: the open correction ends with the closure, no due date.
    events = [Received(D("2026-03-02")), CorrectionRequested(D("2026-03-03"), D("2026-03-13")),
              Closed(D("2026-03-05"))]
    state = compute(events, D("2026-04-30"), CAL)
    assert (state.status, state.stop_reason, state.abandoned_row) == (ClockStatus.STOPPED, "closed", "other.other")
    assert state.stopped_on == D("2026-03-05") and state.replied is None and not state.overdue
    assert state.pauses[0].outcome == "ended_by_closure"
    assert "撤回申请" in state.text
    assert event_from_dict({"kind": "closed", "date": "2026-03-05", "reason": "撤回"}) == Closed(D("2026-03-05"))
    with pytest.raises(ClockError, match="closed"):
        compute([*events, Replied(D("2026-03-06"))], D("2026-04-30"), CAL)
