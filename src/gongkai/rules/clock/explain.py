"""The explanation of a clock state: one Chinese sentence per rule applied, each citing its
article, which a clerk can paste into a letter (`ClockState.explanation`, `ClockState.text`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gongkai.rules import constants as C
from gongkai.rules.clock.events import Channel, PauseKind

if TYPE_CHECKING:
    from gongkai.rules.clock.state import ClockConfig, ClockState, Pause


_CHANNEL_TEXT = {
    Channel.IN_PERSON: "当面提交申请，以提交之日为收到申请之日",
    Channel.POST: "以邮寄方式提交申请，以行政机关签收之日为收到申请之日（平常信函以与申请人确认之日为准）",
    Channel.ONLINE: "通过互联网渠道提交申请，以双方确认之日为收到申请之日",
    Channel.FAX: "以传真方式提交申请，以双方确认之日为收到申请之日",
    Channel.EMAIL: "以电子邮件方式提交申请，以双方确认之日为收到申请之日",
    Channel.ORAL: "口头提出申请、由政府信息公开工作机构代为填写，以提出之日为收到申请之日",
}


def _cite(first: str, *more: str) -> str:
    """Several provisions of one law, the law named once: 《条例》第三十二条、第三十三条第三款."""
    law = first[: first.index("》") + 1] if first.startswith("《") else ""
    return "、".join([first, *(m.removeprefix(law) if law else m for m in more)])


_PAUSE_ARTICLES = {
    PauseKind.CORRECTION: C.ART_30,
    PauseKind.THIRD_PARTY: _cite(C.ART_32, C.ART_33_3),
    PauseKind.AGENCY_CONSULTATION: _cite(C.ART_34, C.ART_33_3),
    PauseKind.FEE: C.FEE_RULES,
}


def _zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the explanation: a Chinese sentence template, its values, and its article."""

    article: str
    template: str
    args: tuple[Any, ...] = ()

    @property
    def text(self) -> str:
        return self.template.format(*(_zh(a) if isinstance(a, dt.date) else a for a in self.args))


_PARTY_NAMES = {
    PauseKind.THIRD_PARTY: ("征求第三方意见", "第三方"),
    PauseKind.AGENCY_CONSULTATION: ("征求其他机关意见", "该机关"),
}


def _pause_lead(p: Pause, cfg: ClockConfig) -> str:
    """The first half of a pause's sentence: when it began, when the other side received the
    request or notice, and the other side's own deadline ({0} start, {1} deadline, {4} receipt)."""
    if p.kind is PauseKind.FEE:
        if p.receipt is None:
            return f"自{{0}}发出收费通知；申请人收到通知之日尚未记录，缴费期限自收到通知次日起{cfg.fee_payment_period}个工作日"
        return f"自{{0}}发出收费通知，申请人于{{4}}收到，缴费期限为收到通知次日起{cfg.fee_payment_period}个工作日，至{{1}}"
    act, party = _PARTY_NAMES[p.kind]
    days = cfg.third_party_period if p.kind is PauseKind.THIRD_PARTY else cfg.agency_consultation_period
    if p.receipt is not None:
        return f"自{{0}}起书面{act}，{party}于{{4}}收到，提出意见的期限为收到之日起{days}个工作日，至{{1}}"
    if p.deadline is not None:  # answered, receipt never recorded: counted from the sending
        return f"自{{0}}起书面{act}，未记录{party}收到之日，其提出意见的期限按发出之日起{days}个工作日计算，至{{1}}"
    return f"自{{0}}起书面{act}；{party}收到之日尚未记录，其提出意见的期限自收到之日起{days}个工作日"


def explain(state: ClockState) -> tuple[Step, ...]:
    """The steps by which `state` was reached, each with its article (see `ClockState.text`)."""
    cfg, cal = state.config, state.calendar
    due, replied, reason = state.due, state.replied, state.provisional_reason
    steps = [Step(C.ART_31, "申请人{0}，即{1}。", (_CHANNEL_TEXT[state.channel], state.received))]
    c = next((p for p in state.pauses if p.kind is PauseKind.CORRECTION), None)
    if c is not None:
        steps.append(
            Step(
                C.ART_30,
                "行政机关于{0}一次性告知申请人补正（告知期限为收到申请之日起{1}个工作日内，至{2}）{3}。",
                (
                    c.start,
                    cfg.correction_window,
                    state.correction_deadline,
                    f"，补正期限至{_zh(c.deadline)}" if c.deadline else "",
                ),
            )
        )
        if c.outcome == "corrected":
            steps.append(Step(C.ART_30, "申请人于{0}提交补正后的申请。", (c.end,)))
        elif c.outcome == "lapsed":
            steps.append(Step(C.ART_30, "申请人无正当理由逾期未补正，视为放弃申请（{0}记录）。", (c.end,)))
        elif c.end is None:
            steps.append(Step(C.ART_30, "正在等待申请人补正，答复期限自收到补正后的申请之日起计算。"))
    start = state.period_start
    if start is not None and due is not None:
        base = cal.workday_at(cal.rank(start) + cfg.reply_period)
        # each rule once: the restart after a correction (Art. 30) is said here, and the due date
        # is said here too when nothing (a pause, an extension, a deferral) moved it
        restarted = c is not None and c.outcome == "corrected"
        moved = base != due
        steps.append(
            Step(
                _cite(C.ART_30, C.ART_33) if restarted else C.ART_33,
                "答复期限为{0}个工作日，自{3}{1}的次日起算，"
                + ("第{0}个工作日为{2}。" if moved else "届满日为{2}。"),
                (cfg.reply_period, start, base, "收到补正后的申请之日即" if restarted else ""),
            )
        )
        for p in state.pauses:
            if p.kind is PauseKind.CORRECTION:
                continue
            art = _PAUSE_ARTICLES[p.kind]
            lead = _pause_lead(p, cfg)
            if p.end is None:
                tail = "；截至{2}尚未结束，暂按截至该日计算，已扣除{3}个工作日"
                if p.overdue:
                    tail += "；该期限已届满，请记录处理结果"
            elif p.outcome == "expired":
                tail = "；逾期未提出意见，期间届满" + ("" if p.deadline else "于{2}") + "，{3}个工作日不计入答复期限"
            elif p.outcome == "answered_late":
                tail = "；逾期后才提出意见，仅计至期间届满之日" + ("" if p.deadline else "{2}") + "，{3}个工作日不计入答复期限"
            elif p.kind is PauseKind.FEE and not cfg.fee_stops_clock:
                tail = "；至{2}止，按本机关设置该期间仍计入答复期限"
            else:
                tail = "；至{2}止，{3}个工作日不计入答复期限"
            steps.append(
                Step(art, lead + tail + "。", (p.start, p.deadline, p.end or state.on, p.deducted, p.receipt))
            )
        if state.extension_approved is not None:
            steps.append(
                Step(
                    C.ART_33,
                    "经{2}同意，于{0}将答复期限延长{1}个工作日，并告知申请人。",
                    (
                        state.extension_approved,
                        state.extension,
                        state.extension_approved_by or "政府信息公开工作机构负责人",
                    ),
                )
            )
        if state.deferred_on is not None:
            steps.append(
                Step(
                    C.ART_35,
                    "申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关认为其说明的理由合理，"
                    "于{0}确定延迟答复的期限至{1}并告知申请人，答复期限以该日为准。",
                    (state.deferred_on, state.deferred_to),
                )
            )
        if moved:
            steps.append(Step(C.ART_33, "答复期限届满日为{0}。", (due,)))
    if replied is not None and due is not None:
        if replied <= due:
            steps.append(Step(C.ART_33, "行政机关于{0}作出答复，在答复期限内。", (replied,)))
        else:
            late = cal.rank(replied) - cal.rank(due)  # 0 when replied on a day off after the due date
            template = (
                "行政机关于{0}作出答复，超过答复期限{1}个工作日。"
                if late
                else "行政机关于{0}作出答复，超过答复期限。"
            )
            steps.append(Step(C.ART_33, template, (replied, late)))
    elif state.stop_reason == "fee_lapsed":
        steps.append(
            Step(C.FEE_RULES, "申请人逾期未缴纳信息处理费，视为放弃申请（{0}记录）。", (state.stopped_on,))
        )
    elif state.stop_reason == "closed":
        steps.append(
            Step("", "申请人撤回申请或者因其他原因终止办理，不再作出答复（{0}记录）。", (state.stopped_on,))
        )
    if reason:
        steps.append(Step(C.HOLIDAY_NOTICE, "{0}。", (reason,)))
    return tuple(steps)
