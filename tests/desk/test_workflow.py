"""The desk workflow table, pinned: which role may take which step from which state."""

from __future__ import annotations

import pytest

from gongkai.agencies.permissions import ROLE_ACTIONS
from gongkai.desk.workflow import WORKFLOW, Facts, State
from gongkai.workflow import ConflictError, TransitionError

OPEN, R, C, V, P = State.OPEN, State.REPLIED, State.CLOSED, State.REVIEW, State.PUBLISHED

#: step → {state it may start from: the one role that may take it there}. Written out by hand.
MATRIX = {
    "assign": {OPEN: "clerk"},
    "reply": {OPEN: "clerk"},
    "close": {R: "clerk"},
    "satisfaction": {R: "clerk", C: "clerk", V: "clerk", P: "clerk"},
    "propose": {R: "clerk", C: "clerk"},
    "resolve": {V: "reviewer"},
    "publish": {V: "reviewer"},
    "return": {V: "reviewer"},
    "decline": {R: "reviewer", C: "reviewer", V: "reviewer"},
    "withdraw": {P: "reviewer"},
}
ROLES = ("clerk", "reviewer", "leader", "admin", "supervisor")
CLEAR = Facts(needs_consent=True, consent=True, has_public_text=True, open_findings=0)


def held(role: str) -> set[str]:
    return {a.value for a in ROLE_ACTIONS[role]}


@pytest.mark.parametrize("name", list(MATRIX))
@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("role", ROLES)
def test_role_may_take_step_from_state_exactly_as_pinned(name, state, role):
    allowed = MATRIX[name].get(state)
    error = WORKFLOW.refusal(name, state, held(role), CLEAR, comment="理由")
    if allowed == role:
        assert error is None
    elif allowed is None:
        assert isinstance(error, ConflictError) and error.status == 409
    else:
        assert isinstance(error, TransitionError) and error.status == 422 and "只能由" in str(error)


def test_table_has_no_step_beyond_the_pinned_matrix():
    assert set(WORKFLOW.by_name) == set(MATRIX)


def test_publication_guards_name_their_rule():
    no_consent = Facts(needs_consent=True, consent=False, has_public_text=True, open_findings=0)
    assert "未同意公开" in str(WORKFLOW.refusal("propose", R, {"act"}, no_consent))
    proposal = Facts(needs_consent=False, consent=False, has_public_text=True, open_findings=0)
    assert WORKFLOW.refusal("propose", R, {"act"}, proposal) is None
    findings = Facts(needs_consent=False, consent=False, has_public_text=True, open_findings=2)
    assert "2处" in str(WORKFLOW.refusal("publish", V, {"review"}, findings))
    assert "须填写意见或理由" in str(WORKFLOW.refusal("decline", R, {"review"}, CLEAR, comment=" "))
