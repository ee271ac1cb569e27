"""The review workflow (审核流程) of an information item as an explicit state machine. Pure data.

    draft 起草 ──submit──▶ review 保密审查 ──approve──▶ sign_off 待签发 ──sign_off──▶ published 已发布
      ▲                       │                           │                 ├─▶ waiting 待随政策发布
      └──────── return（退回，须填写意见）◀───────────────┘                 └─▶ filed 不主动公开（已定性）
    published ──withdraw（撤回，须说明理由）──▶ withdrawn 已撤回

Who may fire a transition is a permission *action* of `gongkai.agencies.permissions` (act = the
clerk 经办人, review = the reviewer 审核人, sign_off = the leader 分管领导), possibly depending on
the state it starts from (return: the reviewer from review, the leader from sign-off). The
services in `gongkai.catalogue.services` check it and what each transition needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    SIGN_OFF = "sign_off"
    WAITING = "waiting"
    PUBLISHED = "published"
    FILED = "filed"
    WITHDRAWN = "withdrawn"


STATE_LABELS: dict[State, str] = {
    State.DRAFT: "起草",
    State.REVIEW: "保密审查",
    State.SIGN_OFF: "待领导签发",
    State.WAITING: "已签发，待随政策发布",
    State.PUBLISHED: "已发布",
    State.FILED: "已审定（不主动公开）",
    State.WITHDRAWN: "已撤回",
}


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    #: source state → permission action (``act`` / ``review`` / ``sign_off``) needed from there
    sources: dict[State, str]
    #: target state; `None` when the service decides (sign_off: published, waiting or filed)
    target: State | None
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", "提交保密审查", {State.DRAFT: "act"}, State.REVIEW),
        Transition("approve", "审查通过", {State.REVIEW: "review"}, State.SIGN_OFF),
        Transition("sign_off", "签发", {State.SIGN_OFF: "sign_off"}, None),
        Transition(
            "return",
            "退回修改",
            {State.REVIEW: "review", State.SIGN_OFF: "sign_off"},
            State.DRAFT,
            needs_comment=True,
        ),
        Transition(
            "withdraw",
            "撤回",
            {State.PUBLISHED: "sign_off", State.WAITING: "sign_off"},
            State.WITHDRAWN,
            True,
        ),
    )
}

#: States in which the item's content may still be edited by the clerk.
EDITABLE = frozenset({State.DRAFT})
#: States counted as "still to be published" for the deadline dashboard.
UNPUBLISHED = frozenset({State.DRAFT, State.REVIEW, State.SIGN_OFF, State.WAITING})


class TransitionError(ValueError):
    """A transition that does not start from the item's state or lacks what it needs (Chinese message)."""


def check(name: str, state: State | str, comment: str = "") -> Transition:
    """The transition `name` if it may fire from `state` (with `comment` when one is required)."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionError(f"未知的操作：{name}")
    state = State(state)
    if state not in transition.sources:
        raise TransitionError(f"当前状态为“{STATE_LABELS[state]}”，不能{transition.label}")
    if transition.needs_comment and not comment.strip():
        raise TransitionError(f"{transition.label}须填写意见或理由")
    return transition


def from_state(state: State | str) -> list[Transition]:
    """Transitions that may fire from `state`, in table order."""
    return [t for t in TRANSITIONS.values() if State(state) in t.sources]
