"""The red list (逾期及临期): one rule for the queue page and the daily digest (`gongkai remind`).

The rule: an open application is on the red list when its **deadline** has passed or falls within
`DUE_SOON` working days of today, where the deadline is

* the reply due date (Art. 33, with any extension) while the statutory clock runs, and
* while the clock is paused, the paused step's own deadline — the period set in the correction
  notice (Art. 30), the 15 working days of a third party or another agency (Art. 32, 34), the 20
  working days to pay the fee (《办法》) — flagged 暂停. A lapsing pause is itself a deadline: the
  office must then record the lapse or expiry (or the reply period starts running again).

A correction notice without a period has no deadline and is not listed. Both the queue (views)
and the digest (remind) call `red_list` and `entries`; nothing else decides who is red.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.workflow import State
from gongkai.rules.clock import PauseKind
from gongkai.rules.workdays import Calendar, CalendarError

#: Overdue or due within this many working days: on the red list (queue page and daily digest).
DUE_SOON = 3

#: The states in which the clock is paused, and which pause (`gongkai.rules.clock.PauseKind`).
PAUSED_STATES: dict[State, PauseKind] = {
    State.CORRECTION: PauseKind.CORRECTION,
    State.THIRD_PARTY: PauseKind.THIRD_PARTY,
    State.CONSULTATION: PauseKind.AGENCY_CONSULTATION,
    State.FEE: PauseKind.FEE,
}
_PAUSED = [s.value for s in PAUSED_STATES]


@dataclass(frozen=True)
class PauseDeadline:
    label: str  # the pause, e.g. 等待申请人补正
    deadline: dt.date  # its own deadline (reply by / 15th / 20th working day)


@dataclass(frozen=True)
class RedList:
    """The red list of a set of open applications as of `today`."""

    today: dt.date
    soon: dt.date  # the last day counted as due soon
    queryset: QuerySet[Application]  # the listed applications (count, page, filter it)
    pauses: dict[int, PauseDeadline] = field(default_factory=dict)  # paused listed ones: pk → deadline


@dataclass(frozen=True)
class Entry:
    """One listed application with the deadline that put it there."""

    application: Application
    deadline: dt.date
    provisional: bool
    left: int  # working days left; negative: overdue by that many
    pause: str  # the pause's label when the deadline is the pause's own, else ""


def soon_limit(calendar: Calendar, today: dt.date) -> dt.date:
    """The `DUE_SOON`th working day after today (today itself when the calendar does not know it)."""
    try:
        return calendar.add(today, DUE_SOON).date
    except CalendarError:
        return today


def pause_deadlines(applications, today: dt.date) -> dict[int, PauseDeadline]:
    """The open pause's own deadline of each paused application (those that have one)."""
    out = {}
    for pk, state in services.clock_states(list(applications), today).items():
        for pause in state.pauses:
            if pause.end is None and pause.deadline is not None and pause.kind in state.paused_for:
                out[pk] = PauseDeadline(pause.kind.label, pause.deadline)
                break
    return out


def red_list(open_applications: QuerySet[Application], today: dt.date, calendar: Calendar) -> RedList:
    """The red list of `open_applications` (already narrowed to what the reader may see).

    Running clocks are selected in the database by ``due_on`` (the (agency, state, due_on) index);
    paused ones by their pause's deadline, computed from their events in one query.
    """
    soon = soon_limit(calendar, today)
    paused = pause_deadlines(open_applications.filter(state__in=_PAUSED).only(
        "pk", "agency_id", "round", "channel", "received_on"), today)
    listed = {pk: p for pk, p in paused.items() if p.deadline <= soon}
    running = Q(due_on__lte=soon) & ~Q(state__in=_PAUSED)
    return RedList(today, soon, open_applications.filter(running | Q(pk__in=list(listed))), listed)


def entries(red: RedList, calendar: Calendar, *, limit: int | None = None) -> list[Entry]:
    """The listed applications, most urgent first (by working days left, then tracking number).

    One without a deadline (running, but no reply due date stored) has nothing to count down and
    is left out; `red_list` never selects one, a hand-narrowed `RedList` might."""
    qs = red.queryset.order_by("due_on", "id")
    running = list(qs.exclude(pk__in=list(red.pauses))[:limit] if limit else qs.exclude(pk__in=list(red.pauses)))
    paused = list(qs.filter(pk__in=list(red.pauses)))
    out = []
    for a in running + paused:
        p = red.pauses.get(a.pk)
        deadline = p.deadline if p else a.due_on
        if deadline is None:
            continue
        try:
            left = calendar.count(red.today, deadline).days
        except CalendarError:
            left = (deadline - red.today).days
        out.append(Entry(a, deadline, a.due_provisional and not p, left, p.label if p else ""))
    out.sort(key=lambda e: (e.left, e.application.tracking_number))
    return out[:limit] if limit else out
