"""The review workflow (审核流程) of an information item, in the shared convention of
`gongkai.workflow`. Pure data.

    draft 起草 ──submit──▶ review 保密审查 ──approve──▶ sign_off 待签发 ──sign_off──▶ published 已发布
      ▲                       │                           │                 ├─▶ waiting 待随政策发布
      └──────── return（退回，须填写意见）◀───────────────┘                 └─▶ filed 不主动公开（已定性）
    published ──withdraw（撤回，须说明理由）──▶ withdrawn 已撤回

``edit`` (修改) changes a draft without moving it; it is no button of the item page (the edit
form takes it), so `TRANSITIONS` and `from_state` leave it out.

Who may fire a transition is a permission *action* of `gongkai.agencies.permissions` (act = the
clerk 经办人, review = the reviewer 审核人, sign_off = the leader 分管领导), possibly depending on
the state it starts from (return: the reviewer from review, the leader from sign-off). The
services in `gongkai.catalogue.services` take every step with `gongkai.agencies.lifecycle.take`,
which checks it.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.workflow import Transition, TransitionError, Workflow, step

__all__ = ["EDIT", "EDITABLE", "STATE_LABELS", "TRANSITIONS", "UNPUBLISHED", "WORKFLOW", "State", "Transition",
           "TransitionError", "check", "from_state"]


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


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        step("submit", "提交保密审查", sources={State.DRAFT: "act"}, target=State.REVIEW),
        step("approve", "审查通过", sources={State.REVIEW: "review"}, target=State.SIGN_OFF),
        step("sign_off", "签发", sources={State.SIGN_OFF: "sign_off"}, target=None),
        step("return", "退回修改", sources={State.REVIEW: "review", State.SIGN_OFF: "sign_off"},
             target=State.DRAFT, comment_required=True),
        step("withdraw", "撤回", sources={State.PUBLISHED: "sign_off", State.WAITING: "sign_off"},
             target=State.WITHDRAWN, comment_required=True),
    )
}
#: States in which the item's content may still be edited by the clerk.
EDITABLE = frozenset({State.DRAFT})
#: The clerk's change of a draft (its fields), a step that does not move the item.
EDIT = step("edit", "修改", by="act", sources=EDITABLE, target=None, wrong_state="“{state}”状态的信息不能修改，请先退回")
WORKFLOW: Workflow[None] = Workflow(State, STATE_LABELS, [*TRANSITIONS.values(), EDIT])
#: States counted as "still to be published" for the deadline dashboard.
UNPUBLISHED = frozenset({State.DRAFT, State.REVIEW, State.SIGN_OFF, State.WAITING})


def check(name: str, state: State | str, comment: str = "") -> Transition:
    """The transition `name` if it may fire from `state` (with `comment` when one is required);
    who may fire it is checked by the services against ``Transition.sources``."""
    return WORKFLOW.check(name, state, None, comment=comment)


def from_state(state: State | str) -> list[Transition]:
    """Transitions (the item page's buttons) that may fire from `state`, in table order."""
    return [t for t in WORKFLOW.available(state, None) if t.name in TRANSITIONS]
