"""Every change to a desk case goes through one of these functions.

Registration (`register`, and `submit_public_consultation` for the portal's form) checks the
input and the actor's permission, computes the deadline and writes the case with its audit entry
(the asker's contact masked). Every later step is a transition of `gongkai.desk.workflow`, taken
with `gongkai.agencies.lifecycle.take` (reader check → row lock → version → rule → change →
audit, one transaction). Refusals are `TransitionError` (422) / `ConflictError` (409) with the
Chinese message to show as it is.

Publication: ``propose`` stores the text to publish and runs the pre-publication screen
(`gongkai.screening`, as for catalogue items) on it; the reviewer either masks what was found
(``resolve(how="redact")``, the screen runs again) or records why it may be public
(``how="accept"``), then ``publish``; ``decline`` records the exception (不予公开) with its reason.
Every step keeps the search index in step (`gongkai.search.qa`): a published reply is found by
the portal's search, a withdrawn one is gone with the same commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from gongkai import clock
from gongkai.agencies import audit, lifecycle
from gongkai.agencies.models import Agency, User
from gongkai.agencies.permissions import Action, require
from gongkai.applications.services import calendar_for
from gongkai.desk import deadlines
from gongkai.desk.models import (
    ASKER_KINDS,
    PROPOSAL_KINDS,
    Case,
    Channel,
    DeskSettings,
    Kind,
    Reception,
    Role,
)
from gongkai.desk.workflow import WORKFLOW, Facts
from gongkai.personal_data import mask_email, mask_free_text, mask_phone
from gongkai.rules.workdays import CalendarError
from gongkai.screening import screen_text
from gongkai.screening.patterns import mask_text
from gongkai.search import qa as search_index
from gongkai.workflow import TransitionError

#: What the audit log keeps of a case's steps (no contact, no free text that may hold personal data).
AUDIT_FIELDS = ("state", "kind", "number", "office", "due_on", "replied_on", "late", "closed_on", "satisfaction",
                "published_on", "public_is_summary", "not_published_reason")
#: Text sources the pre-publication screen reads, with their Chinese names.
PUBLIC_TEXTS = {"public_title": "公开标题", "public_question": "公开的问题", "public_reply": "公开的答复"}
#: Longest free text accepted from a person (a bounded input, also from the public form).
MAX_TEXT = 20000

NOUN = "服务台事项"


class DeskError(TransitionError):
    """Input the desk refuses (422); the message (Chinese) says what to fix."""


# --- settings and deadlines -----------------------------------------------------------------------


def settings_for(agency: Agency | int) -> DeskSettings:
    """The agency's desk settings (the defaults when it never set its own)."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    return DeskSettings.objects.filter(agency_id=agency_id).first() or DeskSettings(agency_id=agency_id)


@transaction.atomic
def update_settings(actor: User | None, agency: Agency, *, reply_days: int, proposal_months: int) -> DeskSettings:
    """The agency admin sets the reply deadline (working days) and the proposal deadline (months).
    Open cases keep the deadline they were registered with."""
    require(actor, agency, Action.ADMINISTER)
    if not 1 <= reply_days <= 60 or not 1 <= proposal_months <= 12:
        raise DeskError("答复期限应为1至60个工作日，建议提案办理期限应为1至12个月")
    current = settings_for(agency)
    before = {"reply_days": current.reply_days, "proposal_months": current.proposal_months}
    current.reply_days, current.proposal_months = reply_days, proposal_months
    current.save()
    audit.record(actor, "desk.settings", current, agency=agency, before=before,
                 after={"reply_days": reply_days, "proposal_months": proposal_months})
    return current


def due_date(agency: Agency, kind: str, received: dt.date) -> tuple[dt.date, bool]:
    """The deadline of a new case and whether it is provisional (next year's holidays unknown)."""
    chosen = settings_for(agency)
    if kind in PROPOSAL_KINDS:
        return deadlines.add_months(received, chosen.proposal_months), False
    try:
        due = deadlines.reply_due(received, chosen.reply_days, calendar_for(agency))
    except CalendarError as exc:
        raise DeskError(f"无法计算答复期限：{exc}") from None
    return due.date, due.provisional


def next_number(agency: Agency, kind: str, year: int) -> str:
    """The agency's own registration number of a consultation or complaint: 咨2026-0007."""
    prefix = f"{Kind(kind).label[0]}{year}-"
    taken = Case.objects.filter(agency=agency, kind=kind, year=year, number__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


# --- registration ---------------------------------------------------------------------------------


def _text(value: Any, label: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise DeskError(f"请填写{label}")
    if len(text) > limit:
        raise DeskError(f"{label}不能超过{limit}个字")
    return text


def validate(agency: Agency, data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The case fields from what was typed or imported, or `DeskError` naming the first problem."""
    try:
        kind = Kind(str(data.get("kind")))
    except ValueError:
        raise DeskError(f"未知的类别：{data.get('kind')}") from None
    received = data.get("received_on")
    if not isinstance(received, dt.date):
        raise DeskError("请填写收到日期")
    if received > today:
        raise DeskError("收到日期不能晚于今天")
    out: dict[str, Any] = {
        "kind": kind.value,
        "channel": data.get("channel") or {Kind.HOTLINE: Channel.HOTLINE}.get(kind, Channel.ASSIGNED),
        "received_on": received,
        "title": _text(data.get("title"), "标题/事由", required=True, limit=200),
        "topic": _text(data.get("topic"), "主题", limit=40),
        "question": _text(data.get("question"), "内容"),
        "office": _text(data.get("office"), "承办科室/单位", limit=100),
        "asker_name": _text(data.get("asker_name"), "提问人", limit=100),
        "asker_phone": _text(data.get("asker_phone"), "联系电话", limit=40),
        "asker_email": _text(data.get("asker_email"), "电子邮箱", limit=254),
        "consent": bool(data.get("consent")) and kind in ASKER_KINDS,
        "member": _text(data.get("member"), "代表/委员姓名", required=kind in PROPOSAL_KINDS, limit=100),
        "role": data.get("role") or "",
        "number": _text(data.get("number"), "编号", required=kind in PROPOSAL_KINDS or kind == Kind.HOTLINE, limit=60),
    }
    if out["channel"] not in Channel.values:
        raise DeskError(f"未知的渠道：{out['channel']}")
    if kind in PROPOSAL_KINDS and out["role"] not in Role.values:
        raise DeskError("请选择主办或协办")
    if kind not in PROPOSAL_KINDS:
        out["role"] = ""
    for problem in (deadlines.phone_problem(out["asker_phone"]), deadlines.email_problem(out["asker_email"])):
        if problem:
            raise DeskError(problem)
    due = data.get("due_on")
    if due is not None:
        if not isinstance(due, dt.date) or due < received:
            raise DeskError("答复期限不能早于收到日期")
        out["due_on"] = due
    return out


def create(actor: User | None, agency: Agency, fields: dict[str, Any], note: str) -> Case:
    """Write a case `validate` accepted, with its audit entry (inside the caller's transaction)."""
    if "due_on" not in fields:
        fields["due_on"], fields["due_provisional"] = due_date(agency, fields["kind"], fields["received_on"])
    year = fields["received_on"].year
    number = fields.pop("number") or next_number(agency, fields["kind"], year)
    if _duplicate(agency, fields["kind"], year, number):
        raise DeskError(f"编号“{number}”已登记，不能重复登记")
    try:
        with transaction.atomic():
            case = Case.objects.create(agency=agency, number=number, year=year, created_by=actor,
                                       created_at=clock.now(), **fields)
    except IntegrityError:
        raise DeskError(f"编号“{number}”已登记，不能重复登记") from None
    audit.record(actor, f"desk.{case.kind}.register", case, agency=agency, note=note, mask=(),
                 after={**audit.snapshot(case, [*AUDIT_FIELDS, "channel", "received_on"]), **masked_contact(case)})
    return case


def masked_contact(case: Case) -> dict[str, str]:
    """The asker's contact as the audit log, lists and exports hold it: 张*, 138****5678, z***@…"""
    return {"asker_name": mask_free_text(case.asker_name), "asker_phone": mask_phone(case.asker_phone),
            "asker_email": mask_email(case.asker_email)}


def _duplicate(agency: Agency, kind: str, year: int, number: str) -> bool:
    cases = Case.objects.filter(agency=agency, number=number)
    return cases.filter(kind=Kind.HOTLINE).exists() if kind == Kind.HOTLINE else \
        cases.filter(kind=kind, year=year).exists()


def register(actor: User | None, agency: Agency, **data: Any) -> Case:
    """Staff register a case (phone, walk-in, letter, a hotline transfer or a proposal)."""
    if actor is not None:
        require(actor, agency, Action.ACT)
    fields = validate(agency, data, clock.today())
    with transaction.atomic():
        return create(actor, agency, fields, "登记")


def submit_public_consultation(agency: Agency, *, title: str, question: str, name: str, phone: str = "",
                               email: str = "", consent: bool = False, topic: str = "",
                               kind: str = Kind.CONSULTATION) -> Case:
    """A consultation or complaint sent through the portal's form (by the public: no actor).
    The asker must leave a way to be answered; the number returned is the one to quote."""
    if kind not in ASKER_KINDS:
        raise DeskError("网上只能提交咨询或投诉")
    if not str(phone or "").strip() and not str(email or "").strip():
        raise DeskError("请填写联系电话或电子邮箱，以便答复")
    _text(name, "姓名", required=True, limit=100)
    _text(question, "内容", required=True, limit=5000)
    fields = validate(agency, {
        "kind": kind, "channel": Channel.PORTAL, "received_on": clock.today(), "title": title, "topic": topic,
        "question": question, "asker_name": name, "asker_phone": phone, "asker_email": email, "consent": consent,
    }, clock.today())
    with transaction.atomic():
        return create(None, agency, fields, "网上提交")


# --- steps ------------------------------------------------------------------------------------------


def facts_of(case: Case) -> Facts:
    return Facts(
        needs_consent=case.kind in ASKER_KINDS,
        consent=case.consent,
        has_public_text=bool(case.public_title.strip() and case.public_reply.strip()),
        open_findings=0 if case.findings_accepted.strip() else len(case.findings),
    )


def _take(case: Case, actor, name: str, *, version: int | None, comment: str | None = None, change=None,
          audit_action: str = "", audit_fields: tuple[str, ...] = AUDIT_FIELDS) -> Case:
    """Take the step, and keep the search index's copy of the public reply in step in the same
    transaction (indexed while the portal shows it, removed otherwise)."""
    with transaction.atomic():
        case = lifecycle.take(case, actor, WORKFLOW, name, noun=NOUN, version=version, comment=comment,
                              audit_action=audit_action or f"desk.{name}", audit_fields=audit_fields,
                              facts=facts_of, change=change)
        search_index.sync(case)
    return case


def _day(on: dt.date | None, case: Case, what: str) -> dt.date:
    day = on or clock.today()
    if day > clock.today():
        raise DeskError(f"{what}不能晚于今天")
    if day < case.received_on:
        raise DeskError(f"{what}不能早于收到日期")
    return day


def assign(case: Case, actor, *, office: str, version: int | None = None) -> Case:
    """Hand the case to a department (a child agency or an office of the agency)."""
    office = _text(office, "承办科室/单位", required=True, limit=100)

    def change(c: Case, _step) -> None:
        c.office = office
    return _take(case, actor, "assign", version=version, change=change)


def reply(case: Case, actor, *, text: str, on: dt.date | None = None, version: int | None = None) -> Case:
    """Record the reply; one after the deadline is accepted and marked late (逾期答复)."""
    text = _text(text, "答复内容", required=True)
    day = _day(on, case, "答复日期")

    def change(c: Case, _step) -> None:
        c.reply, c.replied_on, c.late = text, day, day > c.due_on
    return _take(case, actor, "reply", version=version, change=change)


def close(case: Case, actor, *, on: dt.date | None = None, version: int | None = None) -> Case:
    """办结 (a hotline transfer: returned to the platform as done)."""
    day = _day(on, case, "办结日期")

    def change(c: Case, _step) -> None:
        c.closed_on = max(day, c.replied_on or day)
    return _take(case, actor, "close", version=version, change=change)


def record_satisfaction(case: Case, actor, *, satisfaction: str, version: int | None = None) -> Case:
    """The member's (or asker's) satisfaction with the reply."""
    from gongkai.desk.models import Satisfaction

    if satisfaction not in Satisfaction.values:
        raise DeskError("请选择满意度")

    def change(c: Case, _step) -> None:
        c.satisfaction = satisfaction
    return _take(case, actor, "satisfaction", version=version, change=change)


def screen(case: Case) -> list[dict[str, str]]:
    """The pre-publication screen of the text to publish (masked excerpts, safe to show)."""
    return [{"source": label, **f.to_dict()} for name, label in PUBLIC_TEXTS.items()
            for f in screen_text(getattr(case, name), where=label)]


def propose(case: Case, actor, *, title: str, question: str, reply_text: str, summary: bool = False,
            version: int | None = None) -> Case:
    """The clerk proposes the text to publish (the full reply or its summary); the screen runs now."""
    texts = {"public_title": _text(title, "公开标题", required=True, limit=200),
             "public_question": _text(question, "公开的问题"),
             "public_reply": _text(reply_text, "公开的答复或摘要", required=True)}

    def change(c: Case, _step) -> None:
        for name, value in texts.items():
            setattr(c, name, value)
        c.public_is_summary = summary
        c.findings, c.findings_accepted, c.not_published_reason = screen(c), "", ""
    return _take(case, actor, "propose", version=version, change=change)


def resolve(case: Case, actor, *, how: str, reason: str = "", version: int | None = None) -> Case:
    """The reviewer's answer to the screen's findings: ``redact`` masks every hit in the text to
    publish (138****5678) and screens again; ``accept`` records why it may be public."""
    if how not in ("redact", "accept"):
        raise DeskError("请选择遮盖或说明可公开的理由")
    reason = _text(reason, "理由", required=how == "accept", limit=2000)

    def change(c: Case, _step) -> None:
        if not c.findings or c.findings_accepted:
            raise DeskError("没有待处理的审查发现")
        if how == "accept":
            c.findings_accepted = reason
            return
        for name in PUBLIC_TEXTS:
            setattr(c, name, mask_text(getattr(c, name)))
        c.findings = screen(c)
        if c.findings:
            raise DeskError("未能自动遮盖全部审查发现，请退回经办人修改")
    return _take(case, actor, "resolve", version=version, change=change, audit_action=f"desk.findings.{how}",
                 audit_fields=(*AUDIT_FIELDS, "findings"))


def publish(case: Case, actor, *, on: dt.date | None = None, version: int | None = None) -> Case:
    """The reviewer publishes the screened text (refused while findings are open)."""
    day = on or clock.today()

    def change(c: Case, _step) -> None:
        c.published_on = day
    return _take(case, actor, "publish", version=version, change=change)


def return_(case: Case, actor, *, comment: str, version: int | None = None) -> Case:
    """The reviewer sends the text to publish back to the clerk."""
    return _take(case, actor, "return", version=version, comment=comment)


def decline(case: Case, actor, *, comment: str, version: int | None = None) -> Case:
    """The reviewer records the exception: this reply is not published, and why (不予公开)."""
    def change(c: Case, _step) -> None:
        c.not_published_reason = comment.strip()
        c.closed_on = c.closed_on or c.replied_on
    return _take(case, actor, "decline", version=version, comment=comment, change=change)


def withdraw(case: Case, actor, *, comment: str, version: int | None = None) -> Case:
    """The reviewer takes a published reply off the portal, with the reason."""
    def change(c: Case, _step) -> None:
        c.published_on, c.not_published_reason = None, comment.strip()
        c.closed_on = c.closed_on or c.replied_on
    return _take(case, actor, "withdraw", version=version, comment=comment, change=change)


# --- reception counters ---------------------------------------------------------------------------


@transaction.atomic
def count_reception(actor: User | None, agency: Agency, *, on: dt.date, channel: str, add: int = 0,
                    set_to: int | None = None) -> Reception:
    """Add to (the quick +1 button) or set a day's reception count for a channel."""
    if actor is not None:
        require(actor, agency, Action.ACT)
    if channel not in Reception.Channel.values:
        raise DeskError("请选择现场接待或咨询电话")
    if on > clock.today():
        raise DeskError("不能登记今天以后的接待人次")
    row, _ = Reception.objects.select_for_update().get_or_create(agency=agency, on=on, channel=channel)
    before = {"count": row.count}
    row.count = set_to if set_to is not None else row.count + add
    if row.count < 0 or row.count > 100000:
        raise DeskError("接待人次应在0至100000之间")
    row.save()
    audit.record(actor, "desk.reception", row, agency=agency, before=before,
                 after={"count": row.count, "on": on, "channel": channel})
    return row


