"""An agency's own calendar changes (closures, extra working days) and the due dates they move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from gongkai.agencies import audit
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, require
from gongkai.applications.models import AgencyCalendarOverride, Application
from gongkai.applications.services.clocks import calendar_for, clock_refusal, clock_state
from gongkai.applications.services.steps import OPEN_STATES, clean_text
from gongkai.rules import clock
from gongkai.rules.workdays import Calendar, CalendarError, default_calendar
from gongkai.workflow import TransitionError

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
    note = clean_text(note, "调整说明", max_length=200)
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
