"""The red list's entries (`applications.queues.entries`)."""

from __future__ import annotations

import datetime as dt

from gongkai import clock
from gongkai.applications import queues, services
from gongkai.applications.models import Application


def test_entries_leave_out_a_running_application_without_a_due_date(register):
    dated = register(received_on=dt.date(2026, 9, 1))
    undated = register(received_on=dt.date(2026, 9, 2))
    Application.objects.filter(pk=undated.pk).update(due_on=None)  # e.g. its clock could not be computed
    today = clock.today()
    calendar = services.calendar_for(dated.agency_id)
    red = queues.RedList(today, queues.soon_limit(calendar, today),
                         Application.objects.filter(pk__in=[dated.pk, undated.pk]))
    assert [e.application.pk for e in queues.entries(red, calendar)] == [dated.pk]
