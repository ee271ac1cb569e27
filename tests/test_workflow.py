"""The shared workflow convention (gongkai.workflow): one table shape, one error type, one order
of checks (state → who → comment → the rule), for every app with a lifecycle."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pytest

from gongkai.workflow import ConflictError, TransitionError, Workflow, step


class S(StrEnum):
    OPEN = "open"
    REVIEW = "review"
    DONE = "done"


@dataclass(frozen=True)
class Facts:
    complete: bool


def _complete(f: Facts) -> str | None:
    return None if f.complete else "材料不齐全（示例规则第三条）"


FLOW: Workflow[Facts] = Workflow(
    S,
    {S.OPEN: "办理中", S.REVIEW: "待审核", S.DONE: "已办结"},
    [
        step("create", "登记", target=S.OPEN),
        step("submit", "提交审核", by="act", sources=[S.OPEN], target=S.REVIEW, guard=_complete),
        step("send_back", "退回", sources={S.REVIEW: "review", S.DONE: ("sign_off",)}, target=S.OPEN,
             comment_required=True),
        step("approve", "审核通过", by=("review", "sign_off"), sources=[S.REVIEW], target=S.DONE),
    ],
    {"act": "经办人", "review": "审核人", "sign_off": "分管领导"},
)
OK = Facts(complete=True)


def test_a_step_from_the_wrong_state_is_a_conflict_naming_both_states():
    error = FLOW.refusal("approve", S.OPEN, {"review"}, OK)
    assert isinstance(error, ConflictError) and error.status == 409
    assert str(error) == "当前状态为“办理中”，不能审核通过（只能在待审核状态下办理）"


def test_who_may_act_depends_on_the_state_it_starts_from():
    assert FLOW.refusal("send_back", S.REVIEW, {"review"}, OK, "补充材料") is None
    error = FLOW.refusal("send_back", S.DONE, {"review"}, OK, "补充材料")
    assert type(error) is TransitionError and error.status == 422 and str(error) == "“退回”只能由分管领导办理"
    assert FLOW.refusal("approve", S.REVIEW, {"act"}, OK).args == ("“审核通过”只能由审核人或分管领导办理",)


def test_a_required_comment_is_asked_only_when_the_step_is_taken():
    assert str(FLOW.refusal("send_back", S.REVIEW, {"review"}, OK, "  ")) == "退回须填写意见或理由"
    assert [t.name for t in FLOW.available(S.REVIEW, {"review"}, OK)] == ["send_back", "approve"]


def test_the_guard_names_the_rule_and_needs_the_facts():
    with pytest.raises(TransitionError, match="示例规则第三条"):
        FLOW.check("submit", S.OPEN, {"act"}, Facts(complete=False))
    assert FLOW.check("submit", S.OPEN, {"act"}, OK).target == S.REVIEW
    with pytest.raises(ValueError, match="pass the facts"):
        FLOW.refusal("submit", S.OPEN, {"act"})


def test_held_none_leaves_who_may_act_to_the_caller():
    assert FLOW.refusal("approve", S.REVIEW, None, OK) is None
    assert FLOW.transition("approve").actions == {"review", "sign_off"}


def test_entry_steps_are_never_offered_and_unknown_steps_are_refused():
    assert "create" not in [t.name for t in FLOW.available(S.OPEN, {"act", "review", "sign_off"}, OK)]
    with pytest.raises(TransitionError, match="未知的操作：fly"):
        FLOW.check("fly", S.OPEN, {"act"}, OK)


@pytest.mark.parametrize(
    ("labels", "rows"),
    [
        ({S.OPEN: "办理中", S.REVIEW: "待审核"}, []),  # a state without its label
        ({S.OPEN: "a", S.REVIEW: "b", S.DONE: "c"}, [step("x", "x", by="act", sources=["nowhere"], target=S.OPEN)]),
        ({S.OPEN: "a", S.REVIEW: "b", S.DONE: "c"}, [step("x", "x", target=S.OPEN), step("x", "y", target=S.DONE)]),
    ],
)
def test_a_malformed_table_is_refused_when_the_app_loads(labels, rows):
    with pytest.raises(ValueError, match="workflow table"):
        Workflow(S, labels, rows, {})


def test_a_step_with_sources_needs_to_say_who_takes_it():
    with pytest.raises(ValueError, match="'by' is missing"):
        step("x", "x", sources=[S.OPEN], target=S.DONE)
