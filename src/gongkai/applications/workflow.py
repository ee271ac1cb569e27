"""The application workflow (依申请公开办理流程) as a table: states and named transitions, pure.

Each `Transition` says who may take it (an action of `gongkai.agencies.permissions`: the clerk
经办 ``act``, the reviewer 审核 ``review``, the leader 签发 ``sign_off``), from which states, where
it leads, what it needs from the person, and a guard over `Facts` that names the rule forbidding
it. Services (`gongkai.applications.services`) build the facts from the record and the statutory
clock, call `refusal` and then change the record; the UI calls `available` (through
`services.available_transitions`) to show the next allowed actions.

Flow::

    received ─┬─ request_correction → correction ─ record_correction → received
              │                                 └ correction_lapsed → closed (other.no_correction)
              ├─ start_third_party → third_party ─ finish_third_party → received
              ├─ start_consultation → consultation ─ finish_consultation → received
              │      (record_party_receipt: the party's 15 working days run from its receipt)
              ├─ issue_fee_notice → fee ─ record_payment → received
              │                        └ fee_lapsed → closed (other.fee_unpaid), once delivered
              │      (record_fee_delivery: the 20 working days to pay run from the day after)
              ├─ request_extension (clerk) → approve_extension / decline_extension (reviewer or leader)
              ├─ ask_reasons (clerk, Art. 35) → defer_reply (reviewer or leader: a later reply date)
              ├─ draft_reply / mark_duplicate → drafted ─ review → reviewed ─ sign_off → signed
              │      (review needs the draft's reply letter; sign_off the very letter reviewed)
              │                                 (return_draft: drafted/reviewed → received)
              │                                                   signed ─ send_reply → replied
    any open state ─ close_other (reviewer or leader, with the reason) → closed (other.other)
    replied / closed ─ reopen (after a corrected appeal result) → received

Art. 33 has the extension approved by the head of the disclosure office (政府信息公开工作机构负责人):
that is the reviewer (审核人) of this workflow; the leader (分管领导), who stands above the head,
may approve as well. The clerk asks (`request_extension`, optional: the head may approve directly),
the approval names who approved. Art. 35's later reply date (`defer_reply`) is the office's decision
on the applicant's reasons, so it has the same approvers and needs the reasons to have been asked.

`close_other` (终止办理) ends an application without a decision: the applicant withdraws it
(申请人撤回申请) or it ends for another recorded reason. It frees the office from the reply duty of
Art. 33, so it is taken by the person who holds the reply period there — the head of the
disclosure office (reviewer 审核) who approves extensions, or the leader — never by the clerk
alone (a clerk could otherwise end an overdue case); the clerk files the applicant's withdrawal
as an attachment. It is counted in row （六）3 其他 (`other.other`) and is not a routine turn
(`Transition.routine`), so it does not decide whose queue an open case is in.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from gongkai.workflow import Transition, Workflow, step


class State(enum.StrEnum):
    RECEIVED = "received"
    CORRECTION = "correction"
    THIRD_PARTY = "third_party"
    CONSULTATION = "consultation"
    FEE = "fee"
    DRAFTED = "drafted"
    REVIEWED = "reviewed"
    SIGNED = "signed"
    REPLIED = "replied"
    CLOSED = "closed"


STATE_LABELS: dict[State, str] = {
    State.RECEIVED: "办理中",
    State.CORRECTION: "待补正",
    State.THIRD_PARTY: "征求第三方意见中",
    State.CONSULTATION: "征求其他机关意见中",
    State.FEE: "待缴纳信息处理费",
    State.DRAFTED: "答复待审核",
    State.REVIEWED: "答复待签发",
    State.SIGNED: "答复待送达",
    State.REPLIED: "已答复",
    State.CLOSED: "已终止",
}

#: States in which the case is finished (not counted as carried forward, no deadline).
FINAL = frozenset({State.REPLIED, State.CLOSED})
#: States in which the statutory clock runs (the pauses stop it; see gongkai.rules.clock).
OPEN = frozenset(State) - FINAL

ACT, REVIEW, SIGN_OFF = "act", "review", "sign_off"


@dataclass(frozen=True)
class Facts:
    """What the guards need to know about one application, built by the services."""

    state: State
    correction_requested: bool = False  # a correction notice was already sent (Art. 30: once)
    correction_window_open: bool = True  # today is within 7 working days of receipt (Art. 30)
    processing_started: bool = False  # a consultation, fee notice or extension has happened
    correction_overdue: bool = False  # the period set in the correction notice has passed
    extension_approved: bool = False  # the one extension (Art. 33) was already approved
    past_due: bool = False  # the reply period (with any extension) has ended
    fee_overdue: bool = False  # 20 working days after the fee notice have passed (《办法》)
    items: int = 1  # number of requested items (一事一申请)
    corrected_appeal: bool = False  # a reconsideration/lawsuit result ordered a new reply
    party_receipt_known: bool = False  # the open consultation's party receipt is recorded (Art. 32, 34)
    fee_delivered: bool = False  # the applicant's receipt of the fee notice is recorded (《办法》)
    extension_requested: bool = False  # the clerk asked for an extension not yet decided (Art. 33)
    reasons_requested: bool = False  # the applicant was asked for the reasons of an excessive request (Art. 35)
    deferred: bool = False  # a later reply date was set (Art. 35)
    reply_letter: bool = True  # the reply letter was made with the latest draft (its text is what is approved)
    letter_as_reviewed: bool = True  # the reply letter is, byte for byte, the one the reviewer passed


def _once_correction(f: Facts) -> str | None:
    if f.correction_requested:
        return "补正通知只能发出一次（《条例》第三十条：一次性告知申请人作出补正）"
    if not f.correction_window_open:
        return "已超过收到申请之日起7个工作日，不能再要求补正（《条例》第三十条）"
    if f.processing_started:
        return "已开始征求意见、收费或延期，补正须在办理前一次性告知，不能再要求补正（《条例》第三十条）"
    return None


def _correction_overdue(f: Facts) -> str | None:
    if not f.correction_overdue:
        return "补正期限尚未届满，不能按逾期未补正处理（《条例》第三十条）"
    return None


def _once_extension(f: Facts) -> str | None:
    if f.extension_approved:
        return "答复期限只能延长一次（《条例》第三十三条第二款）"
    if f.deferred:
        return "已按《条例》第三十五条确定延迟答复的期限，不能再延长答复期限"
    if f.past_due:
        return "答复期限已届满，不能再批准延期（《条例》第三十三条第二款：延期须在答复期限内批准）"
    return None


def _pending_extension(f: Facts) -> str | None:
    if not f.extension_requested:
        return "经办人尚未提出延期申请（《条例》第三十三条第二款）"
    return _once_extension(f)


def _party_receipt_unknown(f: Facts) -> str | None:
    if f.party_receipt_known:
        return "已登记对方收到征求意见之日（《条例》第三十二条、第三十四条）"
    return None


def _fee_not_delivered(f: Facts) -> str | None:
    if f.fee_delivered:
        return "已登记申请人收到收费通知之日（《政府信息公开信息处理费管理办法》）"
    return None


def _fee_overdue(f: Facts) -> str | None:
    if f.fee_overdue:
        return None
    if not f.fee_delivered:
        return ("尚未登记申请人收到收费通知之日，缴费期限（收到通知次日起20个工作日）无从起算，"
                "不能按逾期未缴费处理（《政府信息公开信息处理费管理办法》）")
    return "缴费期限（收到收费通知次日起20个工作日）尚未届满（《政府信息公开信息处理费管理办法》）"


def _not_deferred(f: Facts) -> str | None:
    return "已确定延迟答复的期限（《条例》第三十五条）" if f.deferred else None


def _may_defer(f: Facts) -> str | None:
    if not f.reasons_requested:
        return "须先要求申请人说明理由，认为理由合理的，才能确定延迟答复的期限（《条例》第三十五条）"
    if f.deferred:
        return "延迟答复的期限已经确定（《条例》第三十五条）"
    if f.past_due:
        return "答复期限已届满，不能再确定延迟答复的期限（《条例》第三十五条：在第三十三条规定的期限内确定）"
    return None


def _several_items(f: Facts) -> str | None:
    return None if f.items >= 2 else "只有一个申请事项，无可合并的事项"


def _corrected_appeal(f: Facts) -> str | None:
    if not f.corrected_appeal:
        return "只有行政复议或行政诉讼结果为纠正（责令重新答复）时才能重新办理"
    return None


def _letter_made(f: Facts) -> str | None:
    if not f.reply_letter:
        return "该答复尚无答复书文本，请退回修改并重新拟写答复（拟写答复时生成答复书）"
    return None


def _letter_as_reviewed(f: Facts) -> str | None:
    if f.reply_letter and not f.letter_as_reviewed:
        return "答复书与审核通过的文本不一致，不能签发：请退回修改，重新拟写并审核"
    return _letter_made(f)


_R = frozenset({State.RECEIVED})
_WORKING = frozenset({State.RECEIVED, State.THIRD_PARTY, State.CONSULTATION, State.DRAFTED, State.REVIEWED})
_CONSULTING = frozenset({State.THIRD_PARTY, State.CONSULTATION})
_HEADS = frozenset({REVIEW, SIGN_OFF})  # Art. 33: the head of the disclosure office, or the leader above

TRANSITIONS: tuple[Transition[Facts], ...] = (
    step("register", "登记申请", target=State.RECEIVED, needs="申请方式、收到申请之日、申请人及身份证明、所需信息描述、获取方式"),
    step("request_correction", "告知补正", by=ACT, sources=_R, target=State.CORRECTION, needs="需要补正的全部事项和合理的补正期限", guard=_once_correction),
    step("record_correction", "收到补正", by=ACT, sources=[State.CORRECTION], target=State.RECEIVED, needs="收到补正材料之日，申请人补正后的申请事项表述或补正说明"),
    step("correction_lapsed", "逾期未补正", by=ACT, sources=[State.CORRECTION], target=State.CLOSED, guard=_correction_overdue),
    step("start_third_party", "征求第三方意见", by=ACT, sources=_R, target=State.THIRD_PARTY, needs="第三方名称、书面征求意见之日"),
    step("finish_third_party", "收到第三方意见", by=ACT, sources=[State.THIRD_PARTY], target=State.RECEIVED, needs="答复之日（或期满未答复）及第三方意见；未登记的，第三方收到征求意见之日"),
    step("start_consultation", "征求其他机关意见", by=ACT, sources=_R, target=State.CONSULTATION, needs="被征求意见机关、书面征求意见之日"),
    step("finish_consultation", "收到其他机关意见", by=ACT, sources=[State.CONSULTATION], target=State.RECEIVED, needs="答复之日（逾期未答复视为同意公开）；未登记的，该机关收到征求意见之日"),
    step("record_party_receipt", "登记对方收到征求意见之日", by=ACT, sources=_CONSULTING, target=None, needs="第三方或被征求意见机关收到书面征求意见之日（其15个工作日自该日起算）", guard=_party_receipt_unknown),
    step("request_extension", "申请延期答复", by=ACT, sources=_WORKING, target=None, needs="延期理由和拟延长的工作日数（报政府信息公开工作机构负责人审批）", guard=_once_extension),
    step("approve_extension", "批准延期答复", by=_HEADS, sources=_WORKING, target=None, needs="延期理由和延长的工作日数（不超过20个工作日）", guard=_once_extension),
    step("decline_extension", "不同意延期", by=_HEADS, sources=_WORKING, target=None, needs="不同意延期的理由", guard=_pending_extension),
    step("ask_reasons", "要求说明理由", by=ACT, sources=_R, target=None, needs="申请数量、频次明显超过合理范围的情况，要求申请人说明的理由", guard=_not_deferred),
    step("defer_reply", "确定延迟答复期限", by=_HEADS, sources=_WORKING, target=None, needs="申请人说明的理由（经审查认为合理）和确定的答复日期，并告知申请人", guard=_may_defer),
    step("issue_fee_notice", "发出收费通知", by=ACT, sources=_R, target=State.FEE, needs="每一事项的计费方式（按件或按量）及页数；已知的，申请人收到通知之日"),
    step("record_fee_delivery", "登记申请人收到收费通知之日", by=ACT, sources=[State.FEE], target=None, needs="申请人收到收费通知之日（缴费期限自次日起20个工作日）", guard=_fee_not_delivered),
    step("record_payment", "确认已缴费", by=ACT, sources=[State.FEE], target=State.RECEIVED, needs="缴费之日"),
    step("fee_lapsed", "逾期未缴费", by=ACT, sources=[State.FEE], target=State.CLOSED, guard=_fee_overdue),
    step("split_item", "拆分申请事项", by=ACT, sources=_R, target=None, needs="要拆出的事项内容（一事一申请）"),
    step("merge_items", "合并申请事项", by=ACT, sources=_R, target=None, needs="要合并的事项", guard=_several_items),
    step("mark_duplicate", "认定为重复申请", by=ACT, sources=_R, target=State.DRAFTED, needs="同一申请人此前已答复的申请"),
    step("draft_reply", "拟写答复", by=ACT, sources=_R, target=State.DRAFTED, needs="每一申请事项的处理结果和理由"),
    step("return_draft", "退回修改", by=(REVIEW, SIGN_OFF), sources=[State.DRAFTED, State.REVIEWED], target=State.RECEIVED, needs="退回理由"),
    step("review", "审核通过", by=REVIEW, sources=[State.DRAFTED], target=State.REVIEWED, guard=_letter_made),
    step("sign_off", "签发", by=SIGN_OFF, sources=[State.REVIEWED], target=State.SIGNED, guard=_letter_as_reviewed),
    step("send_reply", "送达答复", by=ACT, sources=[State.SIGNED], target=State.REPLIED, needs="送达（答复）之日"),
    step("close_other", "终止办理（申请人撤回等）", by=_HEADS, sources=OPEN, target=State.CLOSED, needs="终止办理的原因（如申请人撤回申请）及发生之日", routine=False),
    step("reopen", "重新答复", by=ACT, sources=FINAL, target=State.RECEIVED, needs="纠正决定或判决", guard=_corrected_appeal),
)

WORKFLOW: Workflow[Facts] = Workflow(State, STATE_LABELS, TRANSITIONS)


def transition(name: str) -> Transition[Facts]:
    return WORKFLOW.transition(name)


def refusal(name: str, facts: Facts, held: frozenset[str] | set[str]) -> str | None:
    """Why `name` may not be taken now by someone holding `held` actions, or None when it may."""
    error = WORKFLOW.refusal(name, facts.state, held, facts)
    return None if error is None else str(error)


def available(facts: Facts, held: frozenset[str] | set[str]) -> list[Transition[Facts]]:
    """The transitions that `held` may take now, in table order (the UI's next actions)."""
    return WORKFLOW.available(facts.state, held, facts)
