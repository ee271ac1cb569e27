"""The annual report's lifecycle (the shared convention of `gongkai.workflow`). Pure.

draft → review → approved → published. A draft may go to review as it is (the reviewer sees its
findings and returns it); error findings (勾稽关系, era, missing sections) block approval and
publication, and a warning blocks them until someone records why the report may go ahead anyway. A
published report is reopened only as a correction (reason required), which is published again
as the next version beside the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.workflow import Workflow, step


class State(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    PUBLISHED = "published"


LABELS = {State.DRAFT: "草稿", State.REVIEW: "待审核", State.APPROVED: "待签发", State.PUBLISHED: "已发布"}


@dataclass(frozen=True)
class Facts:
    errors: int  #: error findings now
    unexplained: int  #: warnings without a recorded reason
    first_error: str = ""  #: the first error's message, to say what to fix


def _ready(f: Facts) -> str | None:
    if f.errors:
        return f"报告有{f.errors}个错误，须先修正（{f.first_error}）"
    if f.unexplained:
        return f"报告有{f.unexplained}条提示尚未说明理由，须逐条说明后才能继续"
    return None


WORKFLOW: Workflow[Facts] = Workflow(
    State,
    LABELS,
    [
        step("submit", "提交审核", by="act", sources=[State.DRAFT], target=State.REVIEW),
        step("approve", "审核通过", by="review", sources=[State.REVIEW], target=State.APPROVED, guard=_ready),
        step("return", "退回修改", sources={State.REVIEW: "review", State.APPROVED: "sign_off"},
             target=State.DRAFT, comment_required=True, routine=False),
        step("publish", "签发并发布", by="sign_off", sources=[State.APPROVED], target=State.PUBLISHED, guard=_ready),
        step("correct", "更正", by="act", sources=[State.PUBLISHED], target=State.DRAFT, comment_required=True,
             needs="更正原因（将随更正版本一并公布）", routine=False),
    ],
)

#: states in which the text and figures may still be changed
EDITABLE = frozenset({State.DRAFT})
