"""The lifecycle of a desk case (咨询、投诉、12345转办件、人大代表建议、政协提案), in the shared
convention of `gongkai.workflow`. Pure data and guards.

    open 办理中 ──reply──▶ replied 已答复 ──close──▶ closed 已办结
                              │  ▲                    │
              propose（提请公开）│  └─return（退回）─┐     │ propose
                              ▼                  │     ▼
                         review 待审核公开 ──publish──▶ published 已公开 ──withdraw──▶ closed
                              └──decline（不予公开，须说明理由）──▶ closed

``assign`` (交办), ``satisfaction`` (满意度) and ``resolve`` (the reviewer masks or accepts what the
screen found) change the case without moving it. Publication is
the reviewer's (审核人): the text to publish has passed the same pre-publication screen as a
catalogue item (`gongkai.screening`) — or the reviewer recorded why what it found may be public —
and a consultation or complaint is published only with the asker's consent. A reply after the
deadline is allowed and marked late (the services do that).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.workflow import Workflow, step


class State(StrEnum):
    OPEN = "open"
    REPLIED = "replied"
    CLOSED = "closed"
    REVIEW = "review"
    PUBLISHED = "published"


LABELS: dict[State, str] = {
    State.OPEN: "办理中",
    State.REPLIED: "已答复",
    State.CLOSED: "已办结",
    State.REVIEW: "待审核公开",
    State.PUBLISHED: "已公开",
}

#: States in which the case still waits for its reply (queues, red list, overdue counts).
OPEN_STATES = frozenset({State.OPEN})
#: Every state after the reply.
ANSWERED_STATES = frozenset({State.REPLIED, State.CLOSED, State.REVIEW, State.PUBLISHED})


@dataclass(frozen=True)
class Facts:
    """What the guards look at, taken from the case by the services."""

    needs_consent: bool  # a consultation or complaint: the asker decides on publication
    consent: bool
    has_public_text: bool
    open_findings: int  # screening findings neither redacted nor accepted with a reason


def _consented(f: Facts) -> str | None:
    if f.needs_consent and not f.consent:
        return "提问人未同意公开，不能提请公开（咨询、投诉的答复须经提问人同意方可公开）"
    return None


def _screened(f: Facts) -> str | None:
    if f.open_findings:
        return (f"拟公开文本中有{f.open_findings}处个人信息或涉密标志等审查发现，"
                "须先遮盖，或说明可以公开的理由（发布前审查）")
    if not f.has_public_text:
        return "请先填写拟公开的标题和答复（或答复摘要）"
    return _consented(f)


WORKFLOW: Workflow[Facts] = Workflow(State, LABELS, [
    step("assign", "交办", by="act", sources=[State.OPEN], target=None),
    step("reply", "答复", by="act", sources=[State.OPEN], target=State.REPLIED),
    step("close", "办结", by="act", sources=[State.REPLIED], target=State.CLOSED),
    step("satisfaction", "登记满意度", by="act", sources=[State.REPLIED, State.CLOSED, State.REVIEW, State.PUBLISHED],
         target=None),
    step("propose", "提请公开", by="act", sources=[State.REPLIED, State.CLOSED], target=State.REVIEW,
         guard=_consented),
    step("resolve", "处理审查发现", by="review", sources=[State.REVIEW], target=None),
    step("publish", "审核并公开", by="review", sources=[State.REVIEW], target=State.PUBLISHED, guard=_screened),
    step("return", "退回修改", by="review", sources=[State.REVIEW], target=State.REPLIED, comment_required=True),
    step("decline", "不予公开", by="review", sources=[State.REPLIED, State.CLOSED, State.REVIEW],
         target=State.CLOSED, comment_required=True, routine=False),
    step("withdraw", "撤回公开", by="review", sources=[State.PUBLISHED], target=State.CLOSED,
         comment_required=True, routine=False),
])
