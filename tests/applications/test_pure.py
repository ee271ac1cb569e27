"""The pure modules: workflow table, identity numbers, tracking numbers, counting rules."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai import personal_data
from gongkai.applications import counting, identity, tracking, workflow
from gongkai.applications.workflow import ACT, REVIEW, SIGN_OFF, Facts, State

ROLES = {"clerk": {ACT}, "reviewer": {REVIEW}, "leader": {SIGN_OFF}}
STEPS = [t for t in workflow.TRANSITIONS if t.sources]
R, C, T, K, F = State.RECEIVED, State.CORRECTION, State.THIRD_PARTY, State.CONSULTATION, State.FEE
D, V, S = State.DRAFTED, State.REVIEWED, State.SIGNED
WORKING, OPEN, FINAL = {R, T, K, D, V}, {R, C, T, K, F, D, V, S}, {State.REPLIED, State.CLOSED}
CLERK, HEADS = {"clerk"}, {"reviewer", "leader"}
#: Each step: who takes it and from which states, written out by hand from the Regulation and the
#: office's practice (not derived from the table), so that a wrong table entry fails here.
MATRIX = {
    "request_correction": (CLERK, {R}),
    "record_correction": (CLERK, {C}),
    "correction_lapsed": (CLERK, {C}),
    "start_third_party": (CLERK, {R}),
    "finish_third_party": (CLERK, {T}),
    "start_consultation": (CLERK, {R}),
    "finish_consultation": (CLERK, {K}),
    "record_party_receipt": (CLERK, {T, K}),
    "request_extension": (CLERK, WORKING),
    "approve_extension": (HEADS, WORKING),  # Art. 33: the head of the disclosure office (or above)
    "decline_extension": (HEADS, WORKING),
    "ask_reasons": (CLERK, {R}),
    "defer_reply": (HEADS, WORKING),  # Art. 35: the office's decision on the reasons
    "issue_fee_notice": (CLERK, {R}),
    "record_fee_delivery": (CLERK, {F}),
    "record_payment": (CLERK, {F}),
    "fee_lapsed": (CLERK, {F}),
    "split_item": (CLERK, {R}),
    "merge_items": (CLERK, {R}),
    "mark_duplicate": (CLERK, {R}),
    "draft_reply": (CLERK, {R}),
    "return_draft": (HEADS, {D, V}),
    "review": ({"reviewer"}, {D}),
    "sign_off": ({"leader"}, {V}),
    "send_reply": (CLERK, {S}),
    "close_other": (HEADS, OPEN),  # never the clerk alone: it ends the reply duty
    "reopen": (CLERK, FINAL),
}
EVERYTHING_DUE = Facts(State.RECEIVED, items=2, corrected_appeal=True, correction_overdue=True, fee_overdue=True,
                       extension_requested=True, reasons_requested=True)


def test_the_matrix_covers_every_step():
    assert set(MATRIX) == {t.name for t in STEPS}


@pytest.mark.parametrize("name", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_every_step_per_role(name, role):
    who, sources = MATRIX[name]
    state = sorted(sources)[0]
    reason = workflow.refusal(name, replace(EVERYTHING_DUE, state=state), ROLES[role])
    if role in who:
        assert reason is None
    else:
        assert reason is not None and "只能由" in reason and workflow.transition(name).label in reason


@pytest.mark.parametrize("name", MATRIX)
@pytest.mark.parametrize("state", list(State))
def test_every_step_per_state(name, state):
    who, sources = MATRIX[name]
    held = set().union(*(ROLES[r] for r in who))
    reason = workflow.refusal(name, replace(EVERYTHING_DUE, state=state), held)
    if state in sources:
        assert reason is None
    else:
        assert workflow.STATE_LABELS[state] in reason


@pytest.mark.parametrize(
    ("name", "facts", "article"),
    [
        ("request_correction", Facts(State.RECEIVED, correction_requested=True), "第三十条"),
        ("request_correction", Facts(State.RECEIVED, correction_window_open=False), "7个工作日"),
        ("request_correction", Facts(State.RECEIVED, processing_started=True), "第三十条"),
        ("correction_lapsed", Facts(State.CORRECTION), "第三十条"),
        ("approve_extension", Facts(State.RECEIVED, extension_approved=True), "第三十三条"),
        ("approve_extension", Facts(State.RECEIVED, past_due=True), "第三十三条"),
        ("fee_lapsed", Facts(State.FEE), "信息处理费管理办法"),
        ("merge_items", Facts(State.RECEIVED, items=1), "一个申请事项"),
        ("reopen", Facts(State.REPLIED), "纠正"),
    ],
)
def test_guards_name_the_rule(name, facts, article):
    t = workflow.transition(name)
    assert article in workflow.refusal(name, facts, t.actions)


def test_final_states_offer_nothing_but_reopen():
    for state in workflow.FINAL:
        assert [t.name for t in workflow.available(Facts(state, corrected_appeal=True), {ACT, REVIEW, SIGN_OFF})] == ["reopen"]


@given(st.integers(0, 10**17 - 1))
def test_resident_id_check_digit_round_trip(n):
    body = f"{n:017d}"
    body = body[:6] + "19900101" + body[14:]
    number = body + personal_data.resident_id_check_char(body)
    assert identity.validate("resident_id", number.lower()) == number
    wrong = number[:17] + next(c for c in "0123456789X" if c != number[17])
    with pytest.raises(identity.IdentityError, match="校验位"):
        identity.validate("resident_id", wrong)


@pytest.mark.parametrize(
    ("kind", "number", "ok"),
    [
        ("resident_id", "370402199002301238", False),  # 30 February
        ("resident_id", "37040219900101123", False),
        ("passport", "E12345678", True),
        ("passport", "E12", False),
        ("hk_macao_permit", "H12345678", True),
        ("hk_macao_permit", "X12345678", False),
        ("taiwan_permit", "12345678", True),
        ("foreign_permanent", "USA123456789012", True),
        ("credit_code", "91370405MA3C7XQK0C", False),
        ("other", "AB-1234", True),
        ("spaceship", "1234", False),
    ],
)
def test_document_patterns(kind, number, ok):
    if ok:
        assert identity.validate(kind, number)
    else:
        with pytest.raises(identity.IdentityError):
            identity.validate(kind, number)


def test_masking():
    assert identity.mask("370402199001011238") == "3704**********1238"
    assert identity.mask("E1234567") == "********"


def test_tracking_numbers_are_unguessable_and_well_formed():
    numbers = {tracking.new(2025) for _ in range(1000)}
    assert len(numbers) == 1000 and all(tracking.is_valid(n) for n in numbers)
    assert not tracking.is_valid("YSQ2025ILOU0000")


@pytest.mark.parametrize(
    ("outcomes", "row"),
    [
        (["granted"], "granted"),
        (["granted", "granted"], "granted"),
        (["granted", "denied.third_party"], "partial"),
        (["unavailable.not_held", "granted"], "partial"),
        (["partial", "denied.state_secret"], "partial"),
        (["denied.process_info", "unavailable.not_held"], "denied.process_info"),
        # nothing provided, replies differ: the format's first row, not the first-written item
        (["unavailable.not_held", "denied.process_info"], "denied.process_info"),
        (["not_processed.duplicate", "unavailable.needs_creation", "not_processed.petition"],
         "unavailable.needs_creation"),
    ],
)
def test_application_row(outcomes, row):
    assert counting.application_row(outcomes) == row


def test_the_counting_convention_is_explained_only_where_items_differ():
    assert counting.convention_note(["granted", "granted"]) is None
    provided = counting.convention_note(["granted", "unavailable.not_held"])
    assert "计为一件“部分公开”" in provided and "第三十七条只对实际区分处理的事项引用" in provided
    refused = counting.convention_note(["unavailable.not_held", "denied.process_info"])
    assert "计入其中在年报表格中排列最前的一行“不予公开 6.属于四类过程性信息”" in refused


def test_era_2019_has_one_other_row():
    assert counting.era_row("other.fee_unpaid", "2019") == "other"
    assert counting.era_row("other.fee_unpaid", "2021") == "other.fee_unpaid"
    with pytest.raises(ValueError):
        counting.application_row(["nonsense"])
