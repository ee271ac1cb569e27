"""The step runner every application transition goes through, and the workflow facts of an
application (what the guards of `gongkai.applications.workflow` decide on) with the next steps
they allow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai import clock as wallclock
from gongkai.agencies import lifecycle
from gongkai.agencies.lifecycle import AuditExtra, held_actions
from gongkai.applications import workflow
from gongkai.applications.letter_store import draft_letter, letter_digest, reviewed_digest
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.services.clocks import (
    CONSULTATION_PAUSES,
    calendar_for,
    clock_refusal,
    clock_state,
    round_events,
)
from gongkai.applications.workflow import State
from gongkai.rules import clock
from gongkai.rules.outcomes import ReplyKind
from gongkai.rules.workdays import Calendar, CalendarError
from gongkai.workflow import Transition, TransitionError

#: Audit snapshot of an application: no identity number, phone or address in the log.
AUDIT_FIELDS = ("state", "round", "due_on", "due_provisional", "closed_on", "report_row", "version")

#: States whose application is still being handled (the queue, reminders, due-date recomputation).
OPEN_STATES = [s.value for s in State if s in workflow.OPEN]


def clean_text(value: str, label: str, *, required: bool = True, max_length: int = 0) -> str:
    text = (value or "").strip()
    if required and not text:
        raise TransitionError(f"请填写{label}")
    if max_length and len(text) > max_length:
        raise TransitionError(f"{label}不能超过{max_length}个字")
    return text


# --- facts and the next steps ---------------------------------------------------------------------


def _facts(application: Application, state: clock.ClockState, on: dt.date, rows: Sequence[ApplicationEvent]) -> workflow.Facts:
    kinds = {r.kind for r in rows}
    correction = next((p for p in state.pauses if p.kind is clock.PauseKind.CORRECTION), None)
    fee = next((p for p in reversed(state.pauses) if p.kind is clock.PauseKind.FEE), None)
    consulting = next((p for p in reversed(state.pauses) if p.kind in CONSULTATION_PAUSES), None)
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
        **_letter_facts(application),
    )


def _letter_facts(application: Application) -> dict[str, bool]:
    """Whether the reply under review has its letter, and, awaiting sign-off, whether it is the
    letter the reviewer passed (read only in those states: it hashes the stored file)."""
    if application.state not in (State.DRAFTED, State.REVIEWED):
        return {}
    letter = draft_letter(application)
    if letter is None:
        return {"reply_letter": False}
    if application.state != State.REVIEWED:
        return {}
    return {"letter_as_reviewed": reviewed_digest(application) == letter_digest(letter)}


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
    facts = _facts(application, state, max(on, state.on), round_events(application))
    return [Step(t.name, t.label, t.needs) for t in workflow.available(facts, held)]


def refusal(application: Application, user, name: str, on: dt.date | None = None) -> str | None:
    """Why `user` may not take step `name` now (Chinese), or None."""
    on = on or wallclock.today()
    state = clock_state(application, on)
    facts = _facts(application, state, max(on, state.on), round_events(application))
    return workflow.refusal(name, facts, held_actions(user, application.agency_id))


# --- the generic transition -----------------------------------------------------------------------


@dataclass
class Change:
    """What a transition's `prepare` hands back: events to append, fields to set, audit extras."""

    events: list[tuple[str, dt.date, dict]]
    fields: dict
    note: str = ""
    after: dict | None = None


Prepare = Callable[[Application, clock.ClockState], Change]


def today_check(on: dt.date) -> None:
    if on > wallclock.today():
        raise TransitionError(f"办理日期{on:%Y年%m月%d日}晚于今天，不能登记未来发生的事项")


@dataclass
class _Run:
    """One step under way: the facts (read under the row lock) need the clock state as of the
    step's day, and the app's `prepare` needs it again, with the calendar, to change the record."""

    user: Any
    on: dt.date
    prepare: Prepare
    calendar: Calendar | None = None
    state: clock.ClockState | None = None

    def _clock(self, application: Application, extra: Sequence[ApplicationEvent] = ()) -> clock.ClockState:
        try:
            return clock_state(application, self.on, calendar=self.calendar, extra=extra)
        except (clock.ClockError, CalendarError) as exc:
            raise TransitionError(clock_refusal(exc)) from exc

    def facts(self, fresh: Application) -> workflow.Facts:
        self.calendar = calendar_for(fresh.agency_id)
        state = self.state = self._clock(fresh)
        if self.on < state.received:
            raise TransitionError(f"办理日期{self.on:%Y年%m月%d日}早于收到申请之日{state.received:%Y年%m月%d日}，"
                                  "不能登记（《中华人民共和国政府信息公开条例》第三十一条）")
        return _facts(fresh, state, self.on, round_events(fresh))

    def change(self, fresh: Application, step: Transition) -> AuditExtra:
        """Apply `prepare`: its fields, its events, and the due date they give."""
        assert self.state is not None  # `facts` ran first (lifecycle.take asks the guard before the change)
        change = self.prepare(fresh, self.state)
        actor = self.user if self.user.is_authenticated else None
        new_rows = [ApplicationEvent(application=fresh, round=change.fields.get("round", fresh.round), kind=kind,
                                     on=day, data=data, actor=actor)
                    for kind, day, data in change.events]
        for key, value in change.fields.items():
            setattr(fresh, key, value)
        new_state = self._clock(fresh, new_rows)  # a reopen's new round has no events yet: only the new ones count
        ApplicationEvent.objects.bulk_create(new_rows)
        fresh.due_on, fresh.due_provisional, fresh.updated_at = new_state.due, new_state.provisional, wallclock.now()
        return AuditExtra(note=change.note or step.label, after=change.after)


def take_step(
    application: Application, user, name: str, *, on: dt.date | None, version: int | None, prepare: Prepare
) -> Application:
    """Take step `name` through `lifecycle.take` (reader check, row lock, version, rule, change,
    audit entry of what changed); `prepare` says what the step appends and sets. The passed
    instance is refreshed in place and returned."""
    workflow.transition(name)  # an unknown step is refused before anything is read
    run = _Run(user, on or wallclock.today(), prepare)
    today_check(run.on)
    lifecycle.take(application, user, workflow.WORKFLOW, name, noun="申请", version=version,
                   audit_action=f"application.{name}", audit_fields=AUDIT_FIELDS, facts=run.facts,
                   change=run.change, changes_only=True)
    application.refresh_from_db()
    return application


def abandon(application, user, name: str, kind: str, reply: ReplyKind, on, version) -> Application:
    day = on or wallclock.today()

    def prepare(a: Application, s) -> Change:
        a.items.update(outcome=reply.key, reason=reply.description)
        return Change([(kind, day, {})], {"closed_on": day, "report_row": reply.row_key},
                       after={"outcome": reply.key})

    return take_step(application, user, name, on=on, version=version, prepare=prepare)
