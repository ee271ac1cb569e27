"""Application services: every change to an application goes through one of these functions.

Each transition (see the table in `gongkai.applications.workflow`) is a plain function::

    service(application, user, *, on=<date it happened, default today>, version=<the version the
            person saw, default application.version>, <what the step needs>) -> Application

and, inside one ``transaction.atomic()``: checks the user's permission in the agency
(`gongkai.agencies.permissions`), re-reads the row and refuses a stale `version`
(`ConflictError`, nothing written), asks the workflow guard and the statutory clock
(`gongkai.rules.clock`) whether the step is allowed (`TransitionError` with the Chinese rule),
appends the clock event, stores the new state with the recomputed due date
(``UPDATE … WHERE version = n``), and writes the audit log with before/after (personal data
masked). The passed instance is refreshed in place and returned.

For the UI: `available_transitions(application, user)` lists the next allowed steps as
(name, Chinese label, what it needs); `clock_state(application)` gives the timeline explanation
(``.text``, ``.explanation``, ``.due``, ``.working_days_left``); `duplicate_candidates` and
`monthly_requests` feed the duplicate and Art. 35 hints; `fee_quote` shows a fee before issuing it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q

from gongkai import clock as wallclock
from gongkai.agencies import audit
from gongkai.agencies.lifecycle import held_actions
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, can, require
from gongkai.applications import counting, identity, tracking, vocab, workflow
from gongkai.applications.models import AgencyCalendarOverride, Application, ApplicationEvent, Item
from gongkai.applications.workflow import State
from gongkai.numerals import to_chinese
from gongkai.rules import clock, fees
from gongkai.rules.outcomes import ReplyKind
from gongkai.rules.workdays import Calendar, CalendarError, Override, default_calendar
from gongkai.workflow import ConflictError, TransitionError, stale  # noqa: F401 - services.ConflictError for callers

#: Audit snapshot of an application: no identity number, phone or address in the log.
AUDIT_FIELDS = ("state", "round", "due_on", "due_provisional", "closed_on", "report_row", "version")

#: Art. 35: more requests than this in a calendar month are a hint of excessive requests, and the
#: by-count fee (《办法》) starts after the same number of free requests.
EXCESSIVE_HINT_THRESHOLD = fees.COUNT_FREE

#: States whose application is still being handled (the queue, reminders, due-date recomputation).
OPEN_STATES = [s.value for s in State if s in workflow.OPEN]


#: Channels of this app → the clock's channels (Art. 31); ordinary mail counts as post.
_CLOCK_CHANNEL = {"ordinary_mail": "post"}


# --- the clock --------------------------------------------------------------------------------


def calendar_for(agency: Agency | int) -> Calendar:
    """The official calendar with the agency's own overrides (`AgencyCalendarOverride`)."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    overrides = [
        Override(o.date, o.workday, o.note)
        for o in AgencyCalendarOverride.objects.filter(agency_id=agency_id).order_by("date")
    ]
    base = default_calendar()
    return base.with_overrides(overrides) if overrides else base


def _events(application: Application) -> list[ApplicationEvent]:
    return list(ApplicationEvent.objects.filter(application=application, round=application.round).order_by("on", "id"))


#: Workflow records kept with the events but not part of the statutory clock: the clerk's
#: extension request and the head's refusal of it (Art. 33), asking for the reasons of an
#: excessive request (Art. 35).
PROCESS_KINDS = frozenset({"extension_requested", "extension_declined", "reasons_requested"})


def _clock_rows(rows: Iterable[ApplicationEvent]) -> list[ApplicationEvent]:
    return [r for r in rows if r.kind not in PROCESS_KINDS]


def _clock_event(row: ApplicationEvent, channel: str) -> clock.Event:
    data = {"kind": row.kind, "date": row.on, **row.data}
    if row.kind == clock.Received.kind:
        data["channel"] = _CLOCK_CHANNEL.get(channel, channel)
    return clock.event_from_dict(data)


def clock_state(
    application: Application, on: dt.date | None = None, *, calendar: Calendar | None = None,
    extra: Sequence[ApplicationEvent] = (),
) -> clock.ClockState:
    """The statutory clock of the application's current round as of `on` (default today)."""
    rows = _clock_rows([*_events(application), *extra])
    latest = max((r.on for r in rows), default=application.received_on)
    on = max(on or wallclock.today(), latest)
    events = [_clock_event(r, application.channel) for r in rows]
    return clock.compute(events, on, calendar or calendar_for(application.agency_id))


def clock_states(applications: Sequence[Application], on: dt.date | None = None) -> dict[int, clock.ClockState]:
    """The clocks (as of `on`) of many applications, their events read in one query (lists, digest).

    An application whose clock cannot be computed (a broken record, a date outside the calendar)
    is left out; its case page shows the rule that breaks it.
    """
    by_pk = {a.pk: a for a in applications}
    rows: dict[int, list[ApplicationEvent]] = {pk: [] for pk in by_pk}
    for row in ApplicationEvent.objects.filter(application_id__in=list(by_pk)).order_by("on", "id"):
        if row.round == by_pk[row.application_id].round:
            rows[row.application_id].append(row)
    calendars: dict[int, Calendar] = {}
    today = on or wallclock.today()
    out = {}
    for pk, a in by_pk.items():
        cal = calendars.get(a.agency_id) or calendars.setdefault(a.agency_id, calendar_for(a.agency_id))
        latest = max((r.on for r in rows[pk]), default=a.received_on)
        try:
            events = [_clock_event(r, a.channel) for r in _clock_rows(rows[pk])]
            out[pk] = clock.compute(events, max(today, latest), cal)
        except (clock.ClockError, CalendarError):
            continue
    return out


_ARTICLE = re.compile(r"^Art\. (\d+)")


def clock_refusal(exc: Exception) -> str:
    """A clock or calendar error worded for the clerk, naming the article it comes from."""
    text = str(exc)
    m = _ARTICLE.match(text)
    if m:
        rule = f"《中华人民共和国政府信息公开条例》第{to_chinese(int(m.group(1)))}条"
    elif text.startswith("《办法》"):
        rule = "《政府信息公开信息处理费管理办法》"
    elif isinstance(exc, CalendarError):
        rule = "国务院办公厅节假日安排通知（工作日历）"
    else:
        rule = "法定办理时限规则"
    return f"不符合{rule}的规定，操作未保存（{text}）"


# --- permissions and facts ----------------------------------------------------------------------


_CONSULTATION_KINDS = (clock.PauseKind.THIRD_PARTY, clock.PauseKind.AGENCY_CONSULTATION)


def _facts(application: Application, state: clock.ClockState, on: dt.date, rows: Sequence[ApplicationEvent]) -> workflow.Facts:
    kinds = {r.kind for r in rows}
    correction = next((p for p in state.pauses if p.kind is clock.PauseKind.CORRECTION), None)
    fee = next((p for p in reversed(state.pauses) if p.kind is clock.PauseKind.FEE), None)
    consulting = next((p for p in reversed(state.pauses) if p.kind in _CONSULTATION_KINDS), None)
    extension_asks = [r.kind for r in rows if r.kind in ("extension_requested", "extension_declined")]
    corrected_appeal = False
    if application.closed_on is not None:
        corrected_appeal = application.appeals.filter(result="corrected", decided_on__gte=application.closed_on).exists()
    return workflow.Facts(
        state=State(application.state),
        correction_requested=clock.CorrectionRequested.kind in kinds,
        correction_window_open=on <= state.correction_deadline,
        processing_started=bool(kinds & {"third_party_started", "agency_consultation_started",
                                         "fee_notice_issued", "extension_approved", "reply_deferred"}),
        correction_overdue=bool(correction and correction.deadline and on > correction.deadline),
        extension_approved=state.extension > 0,
        past_due=bool(state.due and on > state.due),
        fee_overdue=bool(fee and fee.deadline and on > fee.deadline),
        items=application.items.count(),
        corrected_appeal=corrected_appeal,
        party_receipt_known=bool(consulting and consulting.receipt),
        fee_delivered=bool(fee and fee.receipt),
        extension_requested=bool(extension_asks) and extension_asks[-1] == "extension_requested",
        reasons_requested="reasons_requested" in kinds,
        deferred=state.deferred_to is not None,
    )


@dataclass(frozen=True)
class Step:
    """A next allowed step, for the case page's buttons."""

    name: str
    label: str
    needs: str


def available_transitions(application: Application, user, on: dt.date | None = None) -> list[Step]:
    """The steps `user` may take on `application` now (empty for someone without a role there)."""
    held = held_actions(user, application.agency_id)
    if not held:
        return []
    on = on or wallclock.today()
    state = clock_state(application, on)
    facts = _facts(application, state, max(on, state.on), _events(application))
    return [Step(t.name, t.label, t.needs) for t in workflow.available(facts, held)]


def refusal(application: Application, user, name: str, on: dt.date | None = None) -> str | None:
    """Why `user` may not take step `name` now (Chinese), or None."""
    on = on or wallclock.today()
    state = clock_state(application, on)
    facts = _facts(application, state, max(on, state.on), _events(application))
    return workflow.refusal(name, facts, held_actions(user, application.agency_id))


# --- the generic transition -----------------------------------------------------------------------


@dataclass
class _Change:
    """What a transition's `prepare` hands back: events to append, fields to set, audit extras."""

    events: list[tuple[str, dt.date, dict]]
    fields: dict
    note: str = ""
    after: dict | None = None


Prepare = Callable[[Application, clock.ClockState], _Change]


def _today_check(on: dt.date) -> None:
    if on > wallclock.today():
        raise TransitionError(f"办理日期{on:%Y年%m月%d日}晚于今天，不能登记未来发生的事项")


def _transition(
    application: Application, user, name: str, *, on: dt.date | None, version: int | None, prepare: Prepare
) -> Application:
    t = workflow.transition(name)
    on = on or wallclock.today()
    _today_check(on)
    require(user, application.agency_id, Action.READ)
    seen = application.version if version is None else version
    with transaction.atomic():
        fresh = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
        if fresh.version != seen:
            raise stale("申请", seen, fresh.version)
        cal = calendar_for(fresh.agency_id)
        rows = _events(fresh)
        try:
            state = clock_state(fresh, on, calendar=cal)
        except (clock.ClockError, CalendarError) as exc:
            raise TransitionError(clock_refusal(exc)) from exc
        if on < state.received:
            raise TransitionError(f"办理日期{on:%Y年%m月%d日}早于收到申请之日{state.received:%Y年%m月%d日}，"
                                  "不能登记（《中华人民共和国政府信息公开条例》第三十一条）")
        workflow.WORKFLOW.check(name, fresh.state, held_actions(user, fresh.agency_id), _facts(fresh, state, on, rows))
        change = prepare(fresh, state)
        before = audit.snapshot(fresh, AUDIT_FIELDS)
        new_rows = [
            ApplicationEvent(application=fresh, round=change.fields.get("round", fresh.round), kind=kind, on=day,
                             data=data, actor=user if user.is_authenticated else None)
            for kind, day, data in change.events
        ]
        fields = dict(change.fields)
        if t.target is not None:
            fields["state"] = State(t.target).value
        for key, value in fields.items():
            setattr(fresh, key, value)
        try:  # a reopen's new round has no events yet: only the new ones count
            new_state = clock_state(fresh, on, calendar=cal, extra=new_rows)
        except (clock.ClockError, CalendarError) as exc:
            raise TransitionError(clock_refusal(exc)) from exc
        ApplicationEvent.objects.bulk_create(new_rows)
        fields.update(due_on=new_state.due, due_provisional=new_state.provisional,
                      updated_at=wallclock.now(), version=F("version") + 1)
        if not Application.objects.filter(pk=fresh.pk, version=seen).update(**fields):
            raise stale("申请", seen, seen + 1)
        fresh.refresh_from_db()
        after = audit.snapshot(fresh, AUDIT_FIELDS)
        if change.after:
            after.update(change.after)
        audit.record(user, f"application.{name}", fresh, agency=fresh.agency, note=change.note or t.label,
                     **audit.diff(before, after))
    application.refresh_from_db()
    return application


def _event(kind: str, on: dt.date, **data) -> _Change:
    return _Change(events=[(kind, on, {k: v for k, v in data.items() if v is not None})], fields={})


# --- registration -----------------------------------------------------------------------------------


def _clean_text(value: str, label: str, *, required: bool = True, max_length: int = 0) -> str:
    text = (value or "").strip()
    if required and not text:
        raise TransitionError(f"请填写{label}")
    if max_length and len(text) > max_length:
        raise TransitionError(f"{label}不能超过{max_length}个字")
    return text


def validate_intake(data: Mapping[str, object]) -> dict:
    """Check and normalise the intake fields (Art. 29); `TransitionError` names the first problem.

    Keys: channel, received_on, applicant_type, applicant_name, id_type, id_number, phone, email,
    address, postcode, organisation_name, organisation_code, description, document_number,
    purpose, form, delivery. Organisations (every type but 自然人) need their name and code.
    """
    out: dict = {}
    for key, choices, label in (
        ("channel", vocab.Channel.choices, "申请方式"),
        ("applicant_type", vocab.ApplicantType.choices, "申请人类型"),
        ("form", vocab.InfoForm.choices, "获取信息的方式"),
        ("delivery", vocab.Delivery.choices, "获取信息的途径"),
    ):
        value = str(data.get(key) or "")
        if value not in dict(choices):
            raise TransitionError(f"请选择{label}（可选：{'、'.join(v for _, v in choices)}）")
        out[key] = value
    received = _date_value(data.get("received_on"), "收到申请之日")
    if received is None:
        raise TransitionError("请填写收到申请之日（《条例》第三十一条）")
    if received > wallclock.today():
        raise TransitionError("收到申请之日不能晚于今天（《条例》第三十一条：收到申请之日是已经发生的日期）")
    out["received_on"] = received
    out["applicant_name"] = _clean_text(str(data.get("applicant_name") or ""), "申请人姓名", max_length=100)
    try:
        out["id_number"] = identity.validate(str(data.get("id_type") or ""), str(data.get("id_number") or ""))
    except identity.IdentityError as exc:
        raise TransitionError(str(exc)) from None
    out["id_type"] = str(data.get("id_type"))
    out["phone"] = _clean_text(str(data.get("phone") or ""), "联系电话", required=False, max_length=30)
    out["email"] = _clean_text(str(data.get("email") or ""), "电子邮箱", required=False, max_length=254)
    if out["email"] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", out["email"]):
        raise TransitionError("电子邮箱格式不正确")
    if not (out["phone"] or out["email"]):
        raise TransitionError("请至少填写一种联系方式（联系电话或电子邮箱）（《条例》第二十九条）")
    out["address"] = _clean_text(str(data.get("address") or ""), "通信地址", required=False, max_length=200)
    out["postcode"] = _clean_text(str(data.get("postcode") or ""), "邮政编码", required=False)
    if out["postcode"] and not re.fullmatch(r"\d{6}", out["postcode"]):
        raise TransitionError("邮政编码应为6位数字")
    if out["delivery"] == "post" and not out["address"]:
        raise TransitionError("选择邮寄的，请填写通信地址")
    if "email" in (out["delivery"], out["form"]) and not out["email"]:
        raise TransitionError("选择以电子邮件获取的，请填写电子邮箱")
    if out["applicant_type"] in vocab.ORGANISATION_TYPES:
        out["organisation_name"] = _clean_text(str(data.get("organisation_name") or ""), "法人或其他组织名称",
                                               max_length=200)
        try:
            out["organisation_code"] = identity.validate("credit_code", str(data.get("organisation_code") or ""))
        except identity.IdentityError as exc:
            raise TransitionError(str(exc)) from None
    else:
        out["organisation_name"] = out["organisation_code"] = ""
    out["description"] = _clean_text(str(data.get("description") or ""), "所需政府信息的描述")
    out["document_number"] = _clean_text(str(data.get("document_number") or ""), "文号", required=False,
                                         max_length=100)
    out["purpose"] = _clean_text(str(data.get("purpose") or ""), "用途", required=False, max_length=200)
    return out


def _date_value(value: object, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise TransitionError(f"{label}应为日期（年-月-日）") from None
    if isinstance(value, dt.date):
        return value
    raise TransitionError(f"{label}应为日期（年-月-日）")


#: Art. 31(3): an application made online (e-mail included) or by fax is received on the day both
#: sides confirm it (双方确认之日), which may be later than the day it was submitted.
CONFIRMED_CHANNELS = frozenset({"online", "email", "fax"})


def submitted_day(data: Mapping[str, object]) -> dt.date | None:
    """The submission day (提交之日) of an online or fax application, checked against the day of
    receipt (the confirmation); None for other channels or when not given."""
    if data.get("channel") not in CONFIRMED_CHANNELS:
        return None
    submitted = _date_value(data.get("submitted_on"), "提交之日")
    received = _date_value(data.get("received_on"), "收到申请之日")
    if submitted is not None and received is not None and submitted > received:
        raise TransitionError("双方确认之日不能早于申请人提交之日（《条例》第三十一条第三项）")
    return submitted


def receipt_warning(agency: Agency | int, data: Mapping[str, object]) -> str:
    """A warning (Chinese, "" if none) for an online or fax application whose confirmed day of
    receipt is a non-working day other than the submission day: offices confirm on working days,
    so it is likely a slip. A warning, not a refusal: a confirmation on a day off does happen."""
    submitted = submitted_day(data)
    received = _date_value(data.get("received_on"), "收到申请之日")
    if submitted is None or received is None or received == submitted:
        return ""
    try:
        if calendar_for(agency).is_workday(received):
            return ""
    except CalendarError:
        return ""
    return (f"双方确认之日{received:%Y年%m月%d日}是非工作日，且与申请人提交之日{submitted:%Y年%m月%d日}不同，"
            "请核对（《条例》第三十一条第三项：以双方确认之日为收到申请之日）")


def register(user, agency: Agency, data: Mapping[str, object], *, items: Sequence[str] = ()) -> Application:
    """Register a received application (登记): validate, number it, start its clock.

    `items` are the separately requested items (一事一申请); by default the description is the
    single item. For an online or fax application ``data["submitted_on"]`` may give the day it was
    submitted (kept with the receipt event; the day of receipt is the confirmation, Art. 31(3)).
    Returns the new application in state ``received`` with its due date.
    """
    require(user, agency, Action.ACT)
    fields = validate_intake(data)
    submitted = submitted_day(data)
    texts = [t.strip() for t in items if t.strip()] or [fields["description"]]
    cal = calendar_for(agency)
    received = fields["received_on"]
    try:
        state = clock.compute([clock.Received(received, clock.Channel(_CLOCK_CHANNEL.get(fields["channel"],
                                                                                          fields["channel"])))],
                              max(received, wallclock.today()), cal)
    except (clock.ClockError, CalendarError) as exc:
        raise TransitionError(clock_refusal(exc)) from exc
    with transaction.atomic():
        number = tracking.new(received.year)
        while Application.objects.filter(tracking_number=number).exists():
            number = tracking.new(received.year)
        application = Application.objects.create(
            agency=agency, tracking_number=number, due_on=state.due, due_provisional=state.provisional,
            assignee=user, **fields,
        )
        Item.objects.bulk_create(Item(application=application, position=i, description=text)
                                 for i, text in enumerate(texts, 1))
        ApplicationEvent.objects.create(application=application, kind=clock.Received.kind, on=received,
                                        data={"submitted": submitted.isoformat()} if submitted else {}, actor=user)
        audit.record(user, "application.register", application, agency=agency, note="登记申请",
                     after={**audit.snapshot(application, AUDIT_FIELDS + ("channel", "received_on",
                                                                             "applicant_type")),
                            "id_number": identity.mask(fields["id_number"]), "items": len(texts)})
    return application


# --- correction (补正), Art. 30 -------------------------------------------------------------------


def request_correction(application: Application, user, *, content: str, reply_by: dt.date,
                       on: dt.date | None = None, version: int | None = None) -> Application:
    """Send the one correction notice: `content` lists everything to correct, `reply_by` the period."""
    content = _clean_text(content, "需要补正的事项")
    day = on or wallclock.today()
    if reply_by <= day:
        raise TransitionError("补正期限应晚于告知补正之日（《条例》第三十条：给予合理的补正期限）")
    return _transition(application, user, "request_correction", on=on, version=version,
                       prepare=lambda a, s: _Change([("correction_requested", day, {"reply_by": reply_by.isoformat(),
                                                                                    "content": content})], {},
                                                    note=f"告知补正，补正期限至{reply_by:%Y-%m-%d}"))


def record_correction(application: Application, user, *, items: Mapping[int, str] | None = None, note: str = "",
                      on: dt.date | None = None, version: int | None = None) -> Application:
    """The corrected application arrived on `on`: the reply period restarts from that day (Art. 30).

    What the applicant corrected is recorded: `items` maps item position → the item's corrected
    wording (it replaces the item's description), `note` says what else was corrected (e.g. a
    missing identity proof). At least one change or a note is required.
    """
    note = _clean_text(note, "补正说明", required=False, max_length=500)
    day = on or wallclock.today()
    wanted = dict(items or {})

    def prepare(a: Application, s) -> _Change:
        current = {i.position: i for i in a.items.all()}
        unknown = sorted(set(wanted) - set(current))
        if unknown:
            raise TransitionError(f"没有第{'、'.join(map(str, unknown))}项申请事项")
        changed: dict[str, dict[str, str]] = {}
        for position, text in sorted(wanted.items()):
            item, new = current[position], _clean_text(text, f"第{position}项补正后的申请事项", max_length=2000)
            if new != item.description:
                changed[str(position)] = {"before": item.description, "after": new}
                Item.objects.filter(pk=item.pk).update(description=new)
        if not changed and not note:
            raise TransitionError("请记录申请人补正的内容：修改后的申请事项表述，或补正说明（《条例》第三十条）")
        data = {"note": note, "items": {k: v["after"] for k, v in changed.items()}}
        summary = "；".join(f"第{k}项改为“{v['after']}”" for k, v in changed.items())
        return _Change([("corrected", day, {k: v for k, v in data.items() if v})], {},
                       note="收到补正：" + "；".join(t for t in (summary, note) if t),
                       after={"corrected_items": changed} if changed else None)

    return _transition(application, user, "record_correction", on=on, version=version, prepare=prepare)


def _abandon(application, user, name: str, kind: str, reply: ReplyKind, on, version) -> Application:
    day = on or wallclock.today()

    def prepare(a: Application, s) -> _Change:
        a.items.update(outcome=reply.key, reason=reply.description)
        return _Change([(kind, day, {})], {"closed_on": day, "report_row": reply.row_key},
                       after={"outcome": reply.key})

    return _transition(application, user, name, on=on, version=version, prepare=prepare)


def correction_lapsed(application: Application, user, *, on: dt.date | None = None,
                      version: int | None = None) -> Application:
    """No correction in time: the application is treated as abandoned (row other.no_correction)."""
    return _abandon(application, user, "correction_lapsed", "correction_lapsed", ReplyKind.OTHER_NO_CORRECTION,
                    on, version)


def close_other(application: Application, user, *, reason: str, on: dt.date | None = None,
                version: int | None = None) -> Application:
    """End the application without a decision: the applicant withdrew it (申请人撤回申请) or it
    ended for another recorded `reason`. The clock stops; it counts in row other.other (其他)."""
    reason = _clean_text(reason, "终止办理的原因", max_length=500)
    kind = ReplyKind.OTHER
    day = on or wallclock.today()

    def prepare(a: Application, s) -> _Change:
        a.items.update(outcome=kind.key, reason=reason)
        return _Change([(clock.Closed.kind, day, {"reason": reason})], {"closed_on": day, "report_row": kind.row_key},
                       note=f"终止办理：{reason}", after={"outcome": kind.key})

    return _transition(application, user, "close_other", on=on, version=version, prepare=prepare)


# --- consultations (Art. 32, 34) ------------------------------------------------------------------


#: consultation step → (its clock events: started, the party's receipt, answered, expired)
_CONSULTATION_EVENTS = {
    "third_party": (clock.ThirdPartyStarted.kind, clock.ThirdPartyReceived.kind,
                    clock.ThirdPartyAnswered.kind, clock.ThirdPartyExpired.kind),
    "consultation": (clock.AgencyConsultationStarted.kind, clock.AgencyConsultationReceived.kind,
                     clock.AgencyConsultationAnswered.kind, clock.AgencyConsultationExpired.kind),
}


def _receipt_day(received: dt.date, sent: dt.date) -> dt.date:
    """The other side's receipt day, checked against the sending and today (the clock checks the rest)."""
    if received < sent:
        raise TransitionError(f"对方收到之日{received:%Y年%m月%d日}早于发出之日{sent:%Y年%m月%d日}"
                              "（《条例》第三十二条、第三十四条：自收到之日起计算）")
    _today_check(received)
    return received


def _start(application, user, name: str, which: str, party: str, received: dt.date | None, note: str, on,
           version):
    day = on or wallclock.today()
    started, receipt = _CONSULTATION_EVENTS[which][:2]
    events = [(started, day, {"party": party})]
    if received is not None:
        events.append((receipt, _receipt_day(received, day), {}))
    return _transition(application, user, name, on=on, version=version,
                       prepare=lambda a, s: _Change(events, {}, note=note))


def start_third_party(application: Application, user, *, third_party: str, received: dt.date | None = None,
                      on: dt.date | None = None, version: int | None = None) -> Application:
    """Consult a third party in writing (Art. 32); the clock pauses from the sending day `on`.

    The third party's 15 working days run from the day it receives the request: `received` when
    known (handed over, or signed for), else recorded later (`record_party_receipt`).
    """
    name = _clean_text(third_party, "第三方名称", max_length=200)
    return _start(application, user, "start_third_party", "third_party", name, received,
                  f"征求第三方（{name}）意见", on, version)


def start_consultation(application: Application, user, *, other_agency: str, received: dt.date | None = None,
                       on: dt.date | None = None, version: int | None = None) -> Application:
    """Consult another agency on jointly made information (Art. 34); the clock pauses (see
    `start_third_party` for `received`)."""
    name = _clean_text(other_agency, "被征求意见机关", max_length=200)
    return _start(application, user, "start_consultation", "consultation", name, received, f"征求{name}意见",
                  on, version)


def _which_consultation(application: Application) -> str:
    return "consultation" if application.state == State.CONSULTATION.value else "third_party"


def record_party_receipt(application: Application, user, *, on: dt.date | None = None,
                         version: int | None = None) -> Application:
    """The consulted third party or agency received the request on `on` (known later, e.g. by
    post): its 15 working days run from that day (Art. 32, 34)."""
    day = on or wallclock.today()

    def prepare(a: Application, s) -> _Change:
        return _Change([(_CONSULTATION_EVENTS[_which_consultation(a)][1], day, {})], {},
                       note=f"对方于{day:%Y-%m-%d}收到征求意见")

    return _transition(application, user, "record_party_receipt", on=on, version=version, prepare=prepare)


def _finish(application, user, name: str, expired: bool, opinion: str, received: dt.date | None, on, version):
    day = on or wallclock.today()

    def prepare(a: Application, s: clock.ClockState) -> _Change:
        _, receipt, answered, lapsed = _CONSULTATION_EVENTS[_which_consultation(a)]
        events: list[tuple[str, dt.date, dict]] = []
        pause = next((p for p in reversed(s.pauses) if p.kind in _CONSULTATION_KINDS), None)
        if received is not None and pause is not None:
            if pause.receipt is None:
                events.append((receipt, _receipt_day(received, pause.start), {}))
            elif pause.receipt != received:
                raise TransitionError(f"已登记对方于{pause.receipt:%Y年%m月%d日}收到征求意见，与所填日期不符"
                                      "（《条例》第三十二条、第三十四条）")
        events.append((lapsed if expired else answered, day, {"opinion": opinion.strip()} if opinion else {}))
        return _Change(events, {}, note="期满未答复" if expired else "收到意见")

    return _transition(application, user, name, on=on, version=version, prepare=prepare)


def finish_third_party(application: Application, user, *, expired: bool = False, opinion: str = "",
                       received: dt.date | None = None, on: dt.date | None = None,
                       version: int | None = None) -> Application:
    """The third party answered (or its 15 working days from its receipt ran out: ``expired=True``;
    that needs its receipt day, here as `received` when not recorded yet)."""
    return _finish(application, user, "finish_third_party", expired, opinion, received, on, version)


def finish_consultation(application: Application, user, *, expired: bool = False, opinion: str = "",
                        received: dt.date | None = None, on: dt.date | None = None,
                        version: int | None = None) -> Application:
    """The other agency answered (or stayed silent 15 working days from its receipt: consent,
    ``expired=True``); see `finish_third_party`."""
    return _finish(application, user, "finish_consultation", expired, opinion, received, on, version)


# --- extension (Art. 33) ----------------------------------------------------------------------------


def _extension_days(days: object) -> int:
    limit = clock.ClockConfig().extension_max
    if not isinstance(days, int) or not 0 < days <= limit:
        raise TransitionError(f"延长答复期限最长不超过{limit}个工作日（《条例》第三十三条第二款）")
    return days


def approver(user, agency: Agency | int) -> str:
    """Who approved, as the approval text names them: Art. 33's head of the disclosure office is the
    reviewer (审核人); a leader (分管领导) approves as the head's superior."""
    title = "政府信息公开工作机构负责人" if can(user, agency, Action.REVIEW) else "分管领导"
    return f"{title}{user}"  # the staff member's name (display name, else user name)


def pending_extension(application: Application) -> ApplicationEvent | None:
    """The clerk's extension request still awaiting the head's decision, if any."""
    rows = [r for r in _events(application) if r.kind in ("extension_requested", "extension_declined",
                                                           clock.ExtensionApproved.kind)]
    return rows[-1] if rows and rows[-1].kind == "extension_requested" else None


def request_extension(application: Application, user, *, days: int, reason: str, on: dt.date | None = None,
                      version: int | None = None) -> Application:
    """The clerk asks the head of the disclosure office for the extension (days, reason); a new
    request replaces one not yet decided."""
    reason = _clean_text(reason, "延期理由", max_length=500)
    days = _extension_days(days)
    day = on or wallclock.today()
    return _transition(application, user, "request_extension", on=on, version=version,
                       prepare=lambda a, s: _Change([("extension_requested", day, {"days": days, "reason": reason})],
                                                    {}, note=f"申请延期{days}个工作日：{reason}"))


def approve_extension(application: Application, user, *, days: int, reason: str, on: dt.date | None = None,
                      version: int | None = None) -> Application:
    """The head of the office approves the one extension of at most 20 working days, with a reason
    (the clerk's request, when there is one, is the form's default). The event and the history
    name who approved; the applicant is told by the extension notice (延期答复告知书)."""
    reason = _clean_text(reason, "延期理由")
    days = _extension_days(days)
    day = on or wallclock.today()
    by = approver(user, application.agency_id)
    return _transition(application, user, "approve_extension", on=on, version=version,
                       prepare=lambda a, s: _Change(
                           [("extension_approved", day, {"days": days, "reason": reason, "approved_by": by})],
                           {}, note=f"经{by}批准延期{days}个工作日：{reason}", after={"approved_by": by}))


def decline_extension(application: Application, user, *, reason: str, on: dt.date | None = None,
                      version: int | None = None) -> Application:
    """The head does not approve the clerk's extension request (the reason goes to the record)."""
    reason = _clean_text(reason, "不同意延期的理由", max_length=500)
    day = on or wallclock.today()
    by = approver(user, application.agency_id)
    return _transition(application, user, "decline_extension", on=on, version=version,
                       prepare=lambda a, s: _Change([("extension_declined", day, {"reason": reason, "by": by})], {},
                                                    note=f"{by}不同意延期：{reason}"))


# --- excessive requests: a later reply date (Art. 35) -------------------------------------------------


def ask_reasons(application: Application, user, *, content: str, on: dt.date | None = None,
                version: int | None = None) -> Application:
    """Art. 35: the number or frequency of the applicant's requests clearly exceeds a reasonable
    range; the office asks the applicant for the reasons (the reply period keeps running)."""
    content = _clean_text(content, "要求说明理由的内容", max_length=1000)
    day = on or wallclock.today()
    return _transition(application, user, "ask_reasons", on=on, version=version,
                       prepare=lambda a, s: _Change([("reasons_requested", day, {"content": content})], {},
                                                    note=f"要求申请人说明理由：{content}"))


def defer_reply(application: Application, user, *, until: dt.date, reason: str, on: dt.date | None = None,
                version: int | None = None) -> Application:
    """Art. 35: the reasons are reasonable but the reply cannot be made within Art. 33's period:
    the office sets the later reply date `until` and tells the applicant. `until` becomes the due date."""
    reason = _clean_text(reason, "申请人说明的理由及审查意见", max_length=1000)
    day = on or wallclock.today()
    by = approver(user, application.agency_id)
    return _transition(application, user, "defer_reply", on=on, version=version,
                       prepare=lambda a, s: _Change(
                           [(clock.Deferred.kind, day, {"until": until.isoformat(), "reason": reason, "by": by})],
                           {}, note=f"经{by}同意，确定延迟答复的期限至{until:%Y-%m-%d}：{reason}"))


# --- fees (《办法》) and excessive requests (Art. 35) -------------------------------------------------


def _same_applicant(application: Application) -> Q:
    return Q(agency_id=application.agency_id, id_type=application.id_type, id_number=application.id_number)


def monthly_requests(application: Application) -> int:
    """The applicant's requests (items) received by this agency in the application's calendar month.

    Art. 35: above `EXCESSIVE_HINT_THRESHOLD` the case page shows an excessive-request hint; the
    same count numbers the requests for the by-count fee.
    """
    d = application.received_on
    return Item.objects.filter(
        Q(application__received_on__year=d.year, application__received_on__month=d.month),
        **{f"application__{k}": v for k, v in (("agency_id", application.agency_id),
                                                ("id_type", application.id_type),
                                                ("id_number", application.id_number))},
    ).count()


def fee_quote(application: Application, bases: Mapping[int, tuple[str, int]] | None = None) -> fees.FeeAssessment:
    """The itemised fee for this application's items, numbered within the applicant's month.

    `bases` maps item position → (``"count"`` | ``"volume"``, pages); default: the basis stored on
    each item, else by count. Requests the applicant made earlier in the month take their place
    in the count (the bands count requests made) but are charged in their own notices, so here
    they stand as zero-page requests that pay nothing.
    """
    d = application.received_on
    earlier = (
        Item.objects.filter(application__received_on__year=d.year, application__received_on__month=d.month,
                            application__agency_id=application.agency_id, application__id_type=application.id_type,
                            application__id_number=application.id_number)
        .filter(Q(application__received_on__lt=d) | Q(application__received_on=d, application_id__lt=application.pk))
        .count()
    )
    requests = [fees.FeeRequest(f"earlier-{i}", fees.Basis.VOLUME, 0) for i in range(earlier)]
    for item in application.items.all():
        basis, pages = (bases or {}).get(item.position, (item.fee_basis or "count", item.pages))
        if basis not in ("count", "volume"):
            raise TransitionError("计费方式只能是按件或按量")
        requests.append(fees.FeeRequest(f"{application.tracking_number}-{item.position}", fees.Basis(basis),
                                        pages if basis == "volume" else 0))
    try:
        return fees.assess(requests)
    except ValueError as exc:
        raise TransitionError(f"信息处理费计算有误：{exc}") from None


def issue_fee_notice(application: Application, user, *, bases: Mapping[int, tuple[str, int]] | None = None,
                     delivered: dt.date | None = None, on: dt.date | None = None,
                     version: int | None = None) -> Application:
    """Issue the fee notice (收费通知) with the itemised fee; the clock pauses until payment.

    `delivered`: the day the applicant received it, when known now (handed over); otherwise it is
    recorded later (`record_fee_delivery`). The 20 working days to pay run from the day after it.
    """
    day = on or wallclock.today()

    def prepare(a: Application, s: clock.ClockState) -> _Change:
        if s.due and day > s.due:
            raise TransitionError(f"收费通知应在答复期限内发出，答复期限已于{s.due:%Y-%m-%d}届满（《政府信息公开信息处理费管理办法》）")
        for item in a.items.all():
            basis, pages = (bases or {}).get(item.position, (item.fee_basis or "count", item.pages))
            Item.objects.filter(pk=item.pk).update(fee_basis=basis, pages=pages if basis == "volume" else 0)
        quote = fee_quote(a)
        if quote.total <= 0:
            raise TransitionError("按《政府信息公开信息处理费管理办法》计算，本申请无需收费（每月前10件、每件前30页免费），不能发出收费通知")
        data: dict[str, object] = {"fee": quote.as_dict()}
        if delivered:
            _today_check(delivered)
            data["delivered"] = delivered.isoformat()
        return _Change([("fee_notice_issued", day, data)], {}, note=f"收费通知：{quote.total}元",
                       after={"fee_total": str(quote.total)})

    return _transition(application, user, "issue_fee_notice", on=on, version=version, prepare=prepare)


def record_fee_delivery(application: Application, user, *, on: dt.date | None = None,
                        version: int | None = None) -> Application:
    """The applicant received the fee notice on `on` (known later, e.g. by post): the 20 working
    days to pay run from the next day (《办法》), and only then can the fee lapse."""
    day = on or wallclock.today()
    return _transition(application, user, "record_fee_delivery", on=on, version=version,
                       prepare=lambda a, s: _Change([(clock.FeeNoticeDelivered.kind, day, {})], {},
                                                    note=f"申请人于{day:%Y-%m-%d}收到收费通知"))


def record_payment(application: Application, user, *, on: dt.date | None = None,
                   version: int | None = None) -> Application:
    """The applicant paid the fee on `on`; the clock runs again."""
    day = on or wallclock.today()
    return _transition(application, user, "record_payment", on=on, version=version,
                       prepare=lambda a, s: _event("fee_paid", day))


def fee_lapsed(application: Application, user, *, on: dt.date | None = None,
               version: int | None = None) -> Application:
    """The fee was not paid within 20 working days: treated as abandoned (row other.fee_unpaid)."""
    return _abandon(application, user, "fee_lapsed", "fee_lapsed", ReplyKind.OTHER_FEE_UNPAID, on, version)


# --- items: split and merge (一事一申请) ------------------------------------------------------------


def _renumber(application: Application) -> None:
    for i, item in enumerate(application.items.order_by("position", "id"), 1):
        if item.position != i:
            Item.objects.filter(pk=item.pk).update(position=i)


def split_item(application: Application, user, *, position: int, parts: Sequence[str],
               version: int | None = None) -> Application:
    """Replace item `position` by the separate `parts` (one matter per request, 一事一申请)."""
    texts = [p.strip() for p in parts if p.strip()]
    if len(texts) < 2:
        raise TransitionError("拆分后至少应有两个申请事项")

    def prepare(a: Application, s) -> _Change:
        item = a.items.filter(position=position).first()
        if item is None:
            raise TransitionError(f"没有第{position}项申请事项")
        Item.objects.filter(application=a, position__gt=position).update(position=F("position") + len(texts) - 1)
        item.description = texts[0]
        item.save(update_fields=["description"])
        Item.objects.bulk_create(Item(application=a, position=position + i, description=t)
                                 for i, t in enumerate(texts[1:], 1))
        return _Change([], {}, note=f"第{position}项拆分为{len(texts)}项", after={"items": a.items.count()})

    return _transition(application, user, "split_item", on=None, version=version, prepare=prepare)


def merge_items(application: Application, user, *, positions: Sequence[int], description: str,
                version: int | None = None) -> Application:
    """Merge the items at `positions` into one item described by `description`."""
    text = _clean_text(description, "合并后的申请事项")
    wanted = sorted(set(positions))
    if len(wanted) < 2:
        raise TransitionError("请至少选择两个要合并的申请事项")

    def prepare(a: Application, s) -> _Change:
        items = list(a.items.filter(position__in=wanted).order_by("position"))
        if len(items) != len(wanted):
            raise TransitionError("所选申请事项不存在")
        first, rest = items[0], items[1:]
        first.description = text
        first.save(update_fields=["description"])
        Item.objects.filter(pk__in=[i.pk for i in rest]).delete()
        _renumber(a)
        return _Change([], {}, note=f"合并第{'、'.join(map(str, wanted))}项", after={"items": a.items.count()})

    return _transition(application, user, "merge_items", on=None, version=version, prepare=prepare)


# --- duplicates (Art. 36(6)) -------------------------------------------------------------------------


def similarity(a: str, b: str) -> float:
    """How alike two descriptions are (0–1), ignoring blanks and punctuation."""
    clean = re.compile(r"[\s\W_]+")
    return difflib.SequenceMatcher(None, clean.sub("", a), clean.sub("", b)).ratio()


def duplicate_candidates(application: Application, limit: int = 5) -> list[tuple[Application, float]]:
    """Earlier replied applications of the same applicant, most similar description first."""
    earlier = (
        Application.objects.filter(_same_applicant(application), state=State.REPLIED.value,
                                   received_on__lte=application.received_on)
        .exclude(pk=application.pk)
        .only("pk", "tracking_number", "description", "received_on", "closed_on")
    )
    scored = sorted(((e, similarity(application.description, e.description)) for e in earlier),
                    key=lambda pair: -pair[1])
    return scored[:limit]


def mark_duplicate(application: Application, user, *, earlier: Application, on: dt.date | None = None,
                   version: int | None = None) -> Application:
    """Draft a 不予重复处理 reply: the same applicant asked for the same information already answered."""
    if earlier.pk == application.pk or earlier.agency_id != application.agency_id:
        raise TransitionError("只能认定为本机关此前已答复的另一件申请的重复申请")
    if (earlier.id_type, earlier.id_number) != (application.id_type, application.id_number):
        raise TransitionError("重复申请须为同一申请人提出（《条例》第三十六条第（六）项）")
    if earlier.state != State.REPLIED.value or earlier.received_on > application.received_on:
        raise TransitionError("被重复的申请须为此前已作出答复的申请（《条例》第三十六条第（六）项）")
    kind = ReplyKind.NOT_PROCESSED_DUPLICATE

    def prepare(a: Application, s) -> _Change:
        a.items.update(outcome=kind.key, reason=f"与{earlier.tracking_number}号申请重复，已于"
                                                f"{earlier.closed_on:%Y年%m月%d日}作出答复")
        return _Change([], {"duplicate_of": earlier}, note=f"认定为{earlier.tracking_number}的重复申请",
                       after={"duplicate_of": earlier.tracking_number})

    return _transition(application, user, "mark_duplicate", on=on, version=version, prepare=prepare)


# --- the reply: draft → review → sign-off → sent --------------------------------------------------------


def draft_reply(application: Application, user, *, outcomes: Mapping[int, tuple[str, str]],
                on: dt.date | None = None, version: int | None = None) -> Application:
    """Draft the reply: `outcomes` maps every item position → (reply kind key, reasons).

    Reply kinds are `gongkai.rules.outcomes.ReplyKind` keys; reasons are required for every
    reply that does not disclose (Art. 36 asks for the reasons of a refusal).
    """
    def prepare(a: Application, s) -> _Change:
        items = list(a.items.all())
        missing = [i.position for i in items if i.position not in outcomes]
        if missing:
            raise TransitionError(f"第{'、'.join(map(str, missing))}项申请事项尚未填写处理结果（每一事项须有一个处理结果）")
        for item in items:
            key, reason = outcomes[item.position]
            try:
                kind = ReplyKind.from_key(key)
            except ValueError:
                raise TransitionError(f"未知的处理结果：{key}") from None
            if kind.row_key.startswith("other."):
                raise TransitionError("视为放弃申请或撤回等终止办理的情形，请通过“逾期未补正”“逾期未缴费”或“终止办理”办理")
            if kind.row_key not in ("granted",) and not (reason or "").strip():
                raise TransitionError(f"第{item.position}项为“{kind.description}”，请写明理由")
            item.outcome, item.reason = kind.key, (reason or "").strip()
            item.save(update_fields=["outcome", "reason"])
        return _Change([], {}, after={"outcomes": {str(p): o[0] for p, o in outcomes.items()}})

    return _transition(application, user, "draft_reply", on=on, version=version, prepare=prepare)


def _plain(name: str) -> Callable[..., Application]:
    label = workflow.transition(name).label

    def step(application: Application, user, *, on: dt.date | None = None, version: int | None = None,
             reason: str = "", letter: Mapping[str, object] | None = None) -> Application:
        comment = (reason or "").strip()
        if name == "return_draft" and not comment:
            raise TransitionError("请写明退回理由")
        note = f"{label}：{comment}" if comment else label  # the history names the act, then the comment
        return _transition(application, user, name, on=on, version=version,
                           prepare=lambda a, s: _Change([], {}, note=note, after=dict(letter) if letter else None))

    step.__name__ = name
    step.__doc__ = (f"{label} ({name}); the audit entry names the act and keeps `reason`, and `letter` "
                    "(the reply letter acted on, see gongkai.applications.letters).")
    return step


review = _plain("review")
sign_off = _plain("sign_off")
return_draft = _plain("return_draft")


def send_reply(application: Application, user, *, on: dt.date | None = None,
               version: int | None = None) -> Application:
    """The signed reply was sent (答复之日): the clock stops and the case counts in that year's report."""
    day = on or wallclock.today()

    def prepare(a: Application, s) -> _Change:
        rows = [ReplyKind.from_key(i.outcome).row_key for i in a.items.order_by("position")]
        row = counting.application_row(rows)
        return _Change([("replied", day, {})], {"closed_on": day, "report_row": row}, after={"report_row": row})

    return _transition(application, user, "send_reply", on=on, version=version, prepare=prepare)


def reopen(application: Application, user, *, on: dt.date | None = None, version: int | None = None,
           note: str = "") -> Application:
    """After a corrected reconsideration/lawsuit result, handle the application again (new round).

    The new round's reply period runs from `on` (the day the decision was received); the
    earlier outcomes are cleared, the case leaves the statistics of its old finishing year and
    counts in the year of its new reply.
    """
    day = on or wallclock.today()

    def prepare(a: Application, s) -> _Change:
        a.items.update(outcome="", reason="")
        return _Change([("received", day, {})], {"round": a.round + 1, "closed_on": None, "report_row": ""},
                       note=note or "复议或诉讼结果为纠正，重新办理")

    return _transition(application, user, "reopen", on=on, version=version, prepare=prepare)


# --- calendar changes -----------------------------------------------------------------------------------


#: (tracking number, old due date, new due date) of each application whose due date moved.
CalendarChanges = list[tuple[str, dt.date | None, dt.date | None]]


def recompute_due_dates(reason: str, *, agencies: Iterable[int] | None = None, user=None) -> CalendarChanges:
    """Recompute the due dates of open applications after a calendar change; audit every change.

    Called when a year's schedule is loaded (``default_calendar.cache_clear()`` first) or an
    agency override is added. Returns (tracking number, old due, new due) for each change.
    """
    qs = Application.objects.filter(state__in=OPEN_STATES).select_related("agency")
    if agencies is not None:
        qs = qs.filter(agency_id__in=list(agencies))
    calendars: dict[int, Calendar] = {}
    changes = []
    for application in qs.iterator():
        cal = calendars.setdefault(application.agency_id, calendar_for(application.agency_id))
        try:
            state = clock_state(application, calendar=cal)
        except (clock.ClockError, CalendarError):
            continue
        if (state.due, state.provisional) == (application.due_on, application.due_provisional):
            continue
        with transaction.atomic():
            Application.objects.filter(pk=application.pk).update(due_on=state.due, due_provisional=state.provisional)
            audit.record(user, "application.recompute_due", application, agency=application.agency, note=reason,
                         before={"due_on": application.due_on, "due_provisional": application.due_provisional},
                         after={"due_on": state.due, "due_provisional": state.provisional})
        changes.append((application.tracking_number, application.due_on, state.due))
    return changes


def _override_reason(date: dt.date, workday: bool, note: str, *, removed: bool = False) -> str:
    change = "调为工作日" if workday else "调为休息日"
    return f"本机关工作日调整{'撤销' if removed else ''}：{date:%Y-%m-%d}{change}（{note}）"


def add_calendar_override(user, agency: Agency, *, date: dt.date, workday: bool,
                          note: str) -> tuple[AgencyCalendarOverride, CalendarChanges]:
    """Record an agency's own closure or extra working day, then recompute its open due dates.

    Returns the override and the due-date changes (tracking number, old due, new due).
    """
    require(user, agency, Action.ADMINISTER)
    note = _clean_text(note, "调整说明", max_length=200)
    try:
        default_calendar().explain(date)
    except CalendarError as exc:
        raise TransitionError(clock_refusal(exc)) from exc
    with transaction.atomic():
        override, _ = AgencyCalendarOverride.objects.update_or_create(
            agency=agency, date=date, defaults={"workday": workday, "note": note})
        audit.record(user, "calendar.override", override, agency=agency, note=note,
                     after={"date": date, "workday": workday})
        changes = recompute_due_dates(_override_reason(date, workday, note), agencies=[agency.pk], user=user)
    return override, changes


def remove_calendar_override(user, override: AgencyCalendarOverride) -> CalendarChanges:
    """Withdraw an agency's own calendar change (the official calendar applies again) and recompute."""
    agency = override.agency
    require(user, agency, Action.ADMINISTER)
    with transaction.atomic():
        audit.record(user, "calendar.override_removed", override, agency=agency, note=override.note,
                     before={"date": override.date, "workday": override.workday})
        AgencyCalendarOverride.objects.filter(pk=override.pk).delete()
        return recompute_due_dates(_override_reason(override.date, override.workday, override.note, removed=True),
                                   agencies=[agency.pk], user=user)
