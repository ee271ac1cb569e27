"""The lifecycle of an online application (网上申请) before it is a case, in the shared
convention of `gongkai.workflow`. Pure data and guards.

    pending 待确认 ──confirm（确认收到）──▶ confirmed 已确认收到

Confirming is the clerk's (经办人): the day both sides confirmed becomes the day of receipt
(《条例》第三十一条第三项), so it cannot lie before the day the applicant submitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.workflow import Workflow, step


class State(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"


LABELS: dict[State, str] = {State.PENDING: "待确认", State.CONFIRMED: "已确认收到"}


@dataclass(frozen=True)
class Facts:
    confirmed_before_submission: bool


def _not_before_submission(f: Facts) -> str | None:
    if f.confirmed_before_submission:
        return "双方确认之日不能早于申请人提交之日（《条例》第三十一条第三项）"
    return None


WORKFLOW: Workflow[Facts] = Workflow(State, LABELS, [
    step("confirm", "确认收到", by="act", sources=[State.PENDING], target=State.CONFIRMED,
         guard=_not_before_submission, wrong_state="该网上申请{state}，不能重复确认"),
])  # fmt: skip
