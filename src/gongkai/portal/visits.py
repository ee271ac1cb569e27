"""Visit statistics without tracking people: one counter per public page and day.

A page view adds one to the row of (day, path) — nothing about the visitor (no address, no
cookie, no user agent) is read or stored. Rows name the item or agency column they belong to,
so staff see their agency's pages and the annual report can quote the year's 网站访问量
(`total`).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F, Sum

from gongkai import clock
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, require
from gongkai.portal.models import Visit

#: Days shown on the staff page, and items listed there.
RECENT_DAYS, TOP_ITEMS = 30, 20


def count(path: str, *, item_id: int | None = None, agency_id: int | None = None) -> None:
    """Add one view of `path` today (created on the first view of the day)."""
    day, path = clock.today(), path[:200]
    if Visit.objects.filter(day=day, path=path).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            Visit.objects.create(day=day, path=path, item_id=item_id, agency_id=agency_id, count=1)
    except IntegrityError:  # another request created it first
        Visit.objects.filter(day=day, path=path).update(count=F("count") + 1)


def _own(agency: Agency):
    return Visit.objects.filter(agency=agency) | Visit.objects.filter(item__agency=agency)


def total(agency: Agency, year: int) -> int:
    """Views of the agency's column and items in `year` (for the report's narrative)."""
    return totals([agency.pk], year).get(agency.pk, 0)


def totals(agency_ids: list[int], year: int) -> dict[int, int]:
    """agency id → `total` in `year`, for many agencies in two grouped queries (agencies without
    a counted view are left out)."""
    rows = Visit.objects.filter(day__year=year)
    out: dict[int, int] = {}
    columns = rows.filter(agency_id__in=agency_ids).values_list("agency_id").annotate(n=Sum("count"))
    items = (rows.filter(item__agency_id__in=agency_ids).exclude(agency_id=F("item__agency_id"))
             .values_list("item__agency_id").annotate(n=Sum("count")))  # fmt: skip
    for agency_id, n in [*columns.order_by(), *items.order_by()]:
        out[agency_id] = out.get(agency_id, 0) + n
    return out


def summary(user, agency: Agency) -> dict:
    """What the staff page shows: views per day of the last `RECENT_DAYS` days and the most
    viewed items, of the agency's column and items."""
    require(user, agency, Action.READ)
    since = clock.today() - dt.timedelta(days=RECENT_DAYS - 1)
    recent = _own(agency).filter(day__gte=since)
    days = list(recent.values("day").annotate(n=Sum("count")).order_by("-day"))
    items = list(
        recent.filter(item__isnull=False)
        .values("item_id", "item__title")
        .annotate(n=Sum("count"))
        .order_by("-n")[:TOP_ITEMS]
    )
    return {
        "agency": agency,
        "days": days,
        "items": items,
        "since": since,
        "year_total": total(agency, clock.today().year),
    }
