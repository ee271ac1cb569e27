"""The statutory clock of an application (`gongkai.rules.clock`) read from its stored events, on
the agency's calendar (the official one with the agency's own overrides); clock errors worded
for the clerk."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from gongkai import clock as wallclock
from gongkai.agencies.models import Agency
from gongkai.applications.models import AgencyCalendarOverride, Application, ApplicationEvent
from gongkai.numerals import to_chinese
from gongkai.rules import clock
from gongkai.rules.workdays import Calendar, CalendarError, Override, default_calendar

#: Channels of this app → the clock's channels (Art. 31); ordinary mail counts as post.
_CLOCK_CHANNEL = {"ordinary_mail": "post"}

#: The pauses during which another party (a third party, another agency) is consulted.
CONSULTATION_PAUSES = (clock.PauseKind.THIRD_PARTY, clock.PauseKind.AGENCY_CONSULTATION)


def clock_channel(channel: str) -> str:
    """The clock's channel (Art. 31) of an application received through `channel`."""
    return _CLOCK_CHANNEL.get(channel, channel)


def calendar_for(agency: Agency | int) -> Calendar:
    """The official calendar with the agency's own overrides (`AgencyCalendarOverride`)."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    overrides = [
        Override(o.date, o.workday, o.note)
        for o in AgencyCalendarOverride.objects.filter(agency_id=agency_id).order_by("date")
    ]
    base = default_calendar()
    return base.with_overrides(overrides) if overrides else base


def round_events(application: Application) -> list[ApplicationEvent]:
    """The events of the application's current round, in order."""
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
        data["channel"] = clock_channel(channel)
    return clock.event_from_dict(data)


def clock_state(
    application: Application, on: dt.date | None = None, *, calendar: Calendar | None = None,
    extra: Sequence[ApplicationEvent] = (),
) -> clock.ClockState:
    """The statutory clock of the application's current round as of `on` (default today)."""
    rows = _clock_rows([*round_events(application), *extra])
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
