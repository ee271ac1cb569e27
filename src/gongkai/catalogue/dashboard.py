"""Deadline dashboard queries (《条例》第二十六条: publish within 20 working days of the information
being formed or changed). The deadline is stored on each item (`Item.deadline`), so these are
plain indexed filters.

For the UI: each function takes an agency (or a queryset of agencies) and returns a queryset of
items ordered by deadline; ``counts(agency, today)`` gives the three numbers for a summary card.
Only 主动公开 items have a publication deadline.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F, QuerySet

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import Attribute, Item
from gongkai.catalogue.workflow import UNPUBLISHED, State
from gongkai.rules.workdays import default_calendar

#: Items whose deadline falls within this many working days count as "due soon".
DUE_SOON_WORKDAYS = 5


def _agency_items(agencies: Agency | QuerySet[Agency]) -> QuerySet[Item]:
    qs = Item.objects.filter(attribute=Attribute.PROACTIVE)
    if isinstance(agencies, Agency):
        return qs.filter(agency=agencies)
    return qs.filter(agency__in=agencies)


def due(agencies, today: dt.date, within: int = DUE_SOON_WORKDAYS) -> QuerySet[Item]:
    """Unpublished items whose deadline is today or within `within` working days."""
    horizon = default_calendar().add(today, within).date
    return (
        _agency_items(agencies)
        .filter(state__in=UNPUBLISHED, deadline__gte=today, deadline__lte=horizon)
        .order_by("deadline", "id")
    )


def overdue(agencies, today: dt.date) -> QuerySet[Item]:
    """Unpublished items past their deadline."""
    return (
        _agency_items(agencies).filter(state__in=UNPUBLISHED, deadline__lt=today).order_by("deadline", "id")
    )


def published_late(agencies, year: int | None = None) -> QuerySet[Item]:
    """Published (or since withdrawn) items that went out after their deadline, optionally in `year`."""
    qs = _agency_items(agencies).filter(
        state__in=[State.PUBLISHED, State.WITHDRAWN], date_published__gt=F("deadline")
    )
    if year is not None:
        qs = qs.filter(date_published__year=year)
    return qs.order_by("-date_published", "id")


def counts(agencies, today: dt.date) -> dict[str, int]:
    """``{"due": n, "overdue": n, "published_late": n}`` (late: this calendar year)."""
    return {
        "due": due(agencies, today).count(),
        "overdue": overdue(agencies, today).count(),
        "published_late": published_late(agencies, today.year).count(),
    }
