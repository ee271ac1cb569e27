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
    AgencyConsultationReceived,
    AgencyConsultationStarted,
    Channel,
    ClockConfig,
    ClockError,
    ClockStatus,
    Closed,
    Corrected,
    CorrectionLapsed,
    CorrectionRequested,
    Deferred,
    ExtensionApproved,
    FeeLapsed,
    FeeNoticeDelivered,
    FeeNoticeIssued,
    FeePaid,
    PauseKind,
    Received,
    Replied,
    ThirdPartyAnswered,
    ThirdPartyExpired,
    ThirdPartyReceived,
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
            FeeNoticeIssued(D("2026-04-20"), delivered=D("2026-04-20")),  # handed over that day
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
    # Mon 2026-03-02; notice Tue 3/10, handed to the applicant that day (the period runs from the
    # day after receipt). Payment: 3/11–13 = 3, 3/16–20 = 8, 3/23–27 = 13, 3/30–4/3 = 18,
    # 4/4–6 清明 off, 4/7 = 19, 4/8 = 20 → pay by 4/8. Lapse recorded 4/9.
    events = [R("2026-03-02"), FeeNoticeIssued(D("2026-03-10"), delivered=D("2026-03-10"))]
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
    # Third party handed the request on Fri 2024-09-27 has until 10/23 (see the National Day case's
    # counting: 9/29 = 1, 9/30 = 2, 10/8–12 = 7, 10/14–18 = 12, 10/21–23 = 15).
    events = [R("2024-09-20"), ThirdPartyStarted(D("2024-09-27")), ThirdPartyReceived(D("2024-09-27"))]
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
    sent = [R("2024-09-20"), ThirdPartyStarted(D("2024-09-27")), ThirdPartyReceived(D("2024-09-27"))]
    late = compute([*sent, ThirdPartyAnswered(D("2024-10-28"))], D("2024-10-30"), CAL)
    silent = compute(sent, D("2024-10-30"), CAL)
    assert late.pauses[0].outcome == "answered_late" and late.pauses[0].end == D("2024-10-23")
    assert late.due == silent.due
    assert "逾期后才提出意见" in late.text


def test_a_new_consultation_after_a_silent_one_ran_out():
    # The first third party (handed the request on 9/27) ran out on 10/23; a second one may start on 10/24.
    state = compute(
        [
            R("2024-09-20"),
            ThirdPartyStarted(D("2024-09-27")),
            ThirdPartyReceived(D("2024-09-27")),
            ThirdPartyStarted(D("2024-10-24")),
        ],
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
    # impossible dates are refused with the rule named (issue 10, point 8)
    (
        "correction before receipt",
        [R("2024-03-10"), CorrectionRequested(D("2024-03-07"))],
        r"Art\. 31: correction_requested on 2024-03-07 is before the receipt",
    ),
    (
        "pause before receipt",
        [R("2024-03-10"), ThirdPartyStarted(D("2024-02-10"))],
        r"Art\. 31: third_party_started",
    ),
    (
        "extension before receipt",
        [R("2024-03-10"), ExtensionApproved(D("2024-03-09"), 5)],
        r"Art\. 31: extension_approved",
    ),
    (
        "reply a month before receipt",
        [R("2024-03-10"), Replied(D("2024-02-10"))],
        r"Art\. 31: replied on 2024-02-10",
    ),
    (
        "pause ending before it starts",
        [R("2024-03-03"), ThirdPartyAnswered(D("2024-03-05")), ThirdPartyStarted(D("2024-03-06"))],
        r"Art\. 32: .*no third-party consultation is open \(a consultation ends after it starts\)",
    ),
    (
        "third party receipt before the sending",
        [R("2024-03-03"), ThirdPartyReceived(D("2024-03-04")), ThirdPartyStarted(D("2024-03-05"))],
        r"Art\. 32: .*after it is sent",
    ),
    (
        "fee delivered before the notice",
        [R("2024-03-03"), FeeNoticeIssued(D("2024-03-05"), delivered=D("2024-03-04"))],
        r"《办法》: the fee notice was delivered on 2024-03-04, before it was issued",
    ),
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
    events = [
        Received(D("2026-03-02")),
        CorrectionRequested(D("2026-03-03"), D("2026-03-13")),
        Closed(D("2026-03-05")),
    ]
    state = compute(events, D("2026-04-30"), CAL)
    assert (state.status, state.stop_reason, state.abandoned_row) == (
        ClockStatus.STOPPED,
        "closed",
        "other.other",
    )
    assert state.stopped_on == D("2026-03-05") and state.replied is None and not state.overdue
    assert state.pauses[0].outcome == "ended_by_closure"
    assert "撤回申请" in state.text
    assert event_from_dict({"kind": "closed", "date": "2026-03-05", "reason": "撤回"}) == Closed(
        D("2026-03-05")
    )
    with pytest.raises(ClockError, match="closed"):
        compute([*events, Replied(D("2026-03-06"))], D("2026-04-30"), CAL)


# --- Art. 32 / 34: the consulted party's period runs from its receipt ---------------------------


# Received Mon 2024-09-02; the letter to the third party sent Tue 9/10, received by it Fri 9/13,
# answered Fri 10/11 (issue 10, point 5).
ART_32_CASE = [
    R("2024-09-02"),
    ThirdPartyStarted(D("2024-09-10")),
    ThirdPartyReceived(D("2024-09-13")),
    ThirdPartyAnswered(D("2024-10-11")),
]


def test_third_party_period_runs_from_its_receipt_and_the_pause_from_the_sending():
    # The third party's 15 working days from Fri 9/13: Sat 9/14 (调休) = 1, 9/15–17 中秋 off,
    # 9/18–20 = 2–4, 9/23–27 = 5–9, Sun 9/29 (调休) = 10, 9/30 = 11, 10/1–7 off, 10/8–11 = 12–15
    # → 10/11: the answer of 10/11 is in time.
    # The pause removes the working days from the sending (9/10) to the answer (10/11), both
    # included: 9/10–13 (4), Sat 9/14 (5), 9/18–20 (8), 9/23–27 (13), 9/29 (14), 9/30 (15),
    # 10/8–11 (19) = 19. Reply period: 9/3–6 and 9/9 = days 1–5 before the pause; after it
    # Sat 10/12 (调休) = 6, 10/14–18 = 7–11, 10/21–25 = 12–16, 10/28–31 = 17–20 → Thu 10/31.
    state = compute(ART_32_CASE, D("2024-10-31"), CAL)
    [pause] = state.pauses
    assert (pause.receipt, pause.deadline, pause.end) == (D("2024-09-13"), D("2024-10-11"), D("2024-10-11"))
    assert pause.outcome == "answered" and pause.deducted == 19
    assert state.due == D("2024-10-31") and not state.overdue
    assert "第三方于2024年9月13日收到" in state.text and "至2024年10月11日" in state.text


def test_third_party_answer_without_a_recorded_receipt_counts_from_the_sending():
    # Without the receipt the period is counted from the sending (the earliest receipt possible):
    # 9/11–13 = 3, Sat 9/14 = 4, 9/18–20 = 7, 9/23–27 = 12, 9/29 = 13, 9/30 = 14, 10/8 = 15 → 10/8;
    # the answer of 10/11 is late and the pause ends on 10/8 (16 working days from 9/10): the
    # remaining 15 days run 10/9, 10/10, 10/11, Sat 10/12, 10/14–18, 10/21–25, 10/28 → 10/28.
    state = compute([e for e in ART_32_CASE if not isinstance(e, ThirdPartyReceived)], D("2024-11-01"), CAL)
    assert state.pauses[0].outcome == "answered_late" and state.pauses[0].deadline == D("2024-10-08")
    assert state.due == D("2024-10-28")
    assert "未记录第三方收到之日" in state.text


def test_third_party_open_without_receipt_has_no_deadline_and_cannot_expire():
    sent = [R("2024-09-02"), ThirdPartyStarted(D("2024-09-10"))]
    waiting = compute(sent, D("2024-12-02"), CAL)  # by post: the receipt is not known yet
    assert waiting.status is ClockStatus.PAUSED and waiting.pauses[0].deadline is None
    assert "第三方收到之日尚未记录" in waiting.text
    with pytest.raises(ClockError, match=r"Art\. 32: .*no recorded receipt"):
        compute([*sent, ThirdPartyExpired(D("2024-12-02"))], D("2024-12-02"), CAL)
    # recorded later (the receipt of 9/13): silence ends the pause on 10/11, the 15th working day
    expired = compute(
        [*sent, ThirdPartyReceived(D("2024-09-13")), ThirdPartyExpired(D("2024-10-14"))], D("2024-11-01"), CAL
    )
    assert expired.pauses[0].end == D("2024-10-11") and expired.due == D("2024-10-31")
    with pytest.raises(ClockError, match=r"Art\. 32: .*runs to 2024-10-11"):
        compute(
            [*sent, ThirdPartyReceived(D("2024-09-13")), ThirdPartyExpired(D("2024-10-10"))],
            D("2024-11-01"),
            CAL,
        )


def test_agency_consultation_period_also_runs_from_its_receipt():
    # Art. 34: the consulted agency received on Fri 9/13 → the same 15th working day, 10/11.
    state = compute(
        [
            R("2024-09-02"),
            AgencyConsultationStarted(D("2024-09-10")),
            AgencyConsultationReceived(D("2024-09-13")),
        ],
        D("2024-10-09"),
        CAL,
    )
    assert state.pauses[0].deadline == D("2024-10-11") and "该机关于2024年9月13日收到" in state.text


# --- 《办法》: the payment period runs from the day after the applicant received the notice ---------


def test_fee_delivery_recorded_later_sets_the_payment_period():
    # Notice Tue 2026-03-10, sent by post; until delivery is known there is no pay-by date and the
    # fee cannot lapse. Received Mon 3/16: 3/17–20 = 4, 3/23–27 = 9, 3/30–4/3 = 14, 4/4–6 清明 off,
    # 4/7–10 = 18, 4/13 = 19, 4/14 = 20 → pay by Tue 4/14.
    notice = [R("2026-03-02"), FeeNoticeIssued(D("2026-03-10"))]
    unknown = compute(notice, D("2026-05-04"), CAL)
    assert unknown.pauses[0].deadline is None and unknown.status is ClockStatus.PAUSED
    assert "申请人收到通知之日尚未记录" in unknown.text
    with pytest.raises(ClockError, match="《办法》: .*no recorded delivery"):
        compute([*notice, FeeLapsed(D("2026-05-04"))], D("2026-05-04"), CAL)
    delivered = [*notice, FeeNoticeDelivered(D("2026-03-16"))]
    assert compute(delivered, D("2026-03-20"), CAL).pauses[0].deadline == D("2026-04-14")
    with pytest.raises(ClockError, match="until 2026-04-14"):
        compute([*delivered, FeeLapsed(D("2026-04-14"))], D("2026-04-20"), CAL)
    lapsed = compute([*delivered, FeeLapsed(D("2026-04-15"))], D("2026-04-20"), CAL)
    assert lapsed.abandoned_row == "other.fee_unpaid"
    with pytest.raises(ClockError, match="already received on 2026-03-16"):
        compute([*delivered, FeeNoticeDelivered(D("2026-03-17"))], D("2026-03-20"), CAL)


# --- Art. 35: a later reply date for an excessive request with reasonable grounds ----------------


def test_deferral_sets_the_due_date_and_the_case_is_not_overdue_before_it():
    # Received Mon 2024-09-02, due Mon 9/30 (9/3–6 = 4, 9/9–13 = 9, Sat 9/14 = 10, 9/18–20 = 13,
    # 9/23–27 = 18, Sun 9/29 = 19, 9/30 = 20). On Fri 9/20 the office sets Fri 11/15.
    events = [R("2024-09-02"), Deferred(D("2024-09-20"), until=D("2024-11-15"))]
    before = compute(events, D("2024-11-14"), CAL)
    assert before.due == D("2024-11-15") and not before.overdue and before.working_days_left == 1
    assert before.deferred_to == D("2024-11-15") and "确定延迟答复的期限至2024年11月15日" in before.text
    after = compute(events, D("2024-11-18"), CAL)
    assert after.overdue and after.working_days_left == -1
    replied = compute([*events, Replied(D("2024-11-15"))], D("2024-11-20"), CAL)
    assert replied.on_time is True


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([Deferred(D("2024-10-08"), until=D("2024-11-15"))], r"Art\. 35: .*ended on 2024-09-30"),
        (
            [Deferred(D("2024-09-20"), until=D("2024-09-27"))],
            r"Art\. 35: .*not after the current due date 2024-09-30",
        ),
        (
            [
                Deferred(D("2024-09-20"), until=D("2024-11-15")),
                Deferred(D("2024-09-23"), until=D("2024-11-29")),
            ],
            r"Art\. 35: .*already set on 2024-09-20",
        ),
        (
            [Deferred(D("2024-09-20"), until=D("2024-11-15")), ExtensionApproved(D("2024-09-23"), 10)],
            r"Art\. 33: .*set under Art\. 35",
        ),
    ],
    ids=["after the period", "not later", "twice", "extension after it"],
)
def test_deferral_rules(extra, message):
    with pytest.raises(ClockError, match=message):
        compute([R("2024-09-02"), *extra], D("2024-12-02"), CAL)


def test_extension_explanation_names_who_approved():
    state = compute(
        [
            R("2024-03-04"),
            ExtensionApproved(D("2024-03-05"), 10, approved_by="政府信息公开工作机构负责人张某"),
        ],
        D("2024-03-06"),
        CAL,
    )
    assert "经政府信息公开工作机构负责人张某同意，于2024年3月5日将答复期限延长10个工作日" in state.text
    assert state.extension_approved_by == "政府信息公开工作机构负责人张某"


# --- impossible dates name the rule (issue 10, point 8) --------------------------------------------


def test_receipt_after_the_day_asked_about_is_refused():
    with pytest.raises(
        ClockError, match=r"Art\. 31: the application is received on 2025-03-10, after 2025-03-07"
    ):
        compute([R("2025-03-10")], D("2025-03-07"), CAL)


def test_new_events_round_trip_through_dicts():
    assert event_from_dict({"kind": "third_party_received", "date": "2024-09-13"}) == ThirdPartyReceived(
        D("2024-09-13")
    )
    assert event_from_dict({"kind": "fee_notice_delivered", "date": "2026-03-16"}) == FeeNoticeDelivered(
        D("2026-03-16")
    )
    assert event_from_dict(
        {"kind": "reply_deferred", "date": "2024-09-20", "until": "2024-11-15", "reason": "x"}
    ) == Deferred(D("2024-09-20"), until=D("2024-11-15"))
    assert (
        event_from_dict(
            {"kind": "extension_approved", "date": "2024-03-05", "days": 5, "approved_by": "张某"}
        ).approved_by
        == "张某"
    )
    with pytest.raises(ClockError, match=r"Art\. 35"):
        event_from_dict({"kind": "reply_deferred", "date": "2024-09-20"})
