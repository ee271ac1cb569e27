"""Visit statistics without tracking people: one counter per public page and day.

A page view adds one to the row of (day, path) — nothing about the visitor (no address, no
cookie, no user agent) is read or stored. Rows name the item or agency column they belong to,
so staff see their agency's pages and the annual report can quote the year's 网站访问量
(`total`).

Views are counted in the process first and written in one transaction per `FLUSH_HITS` views
or `FLUSH_SECONDS` (at the next view after that), and when the process exits normally (`gongkai
serve` flushes in gunicorn's worker_exit hook, `atexit` anywhere else): a write per page view
would make every public page a write transaction. Tests call `flush()` before reading counts.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Sum

from gongkai import clock
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, require
from gongkai.portal.models import Visit

#: Days shown on the staff page, and items listed there.
RECENT_DAYS, TOP_ITEMS = 30, 20
#: Views held in the process before they are written, and the longest they wait for a next view.
FLUSH_HITS, FLUSH_SECONDS = 200, 10.0

log = logging.getLogger(__name__)


@dataclass
class _Pending:
    count: int
    item_id: int | None
    agency_id: int | None


_lock = threading.Lock()
_pending: dict[tuple[dt.date, str], _Pending] = {}
_held = 0
_since = 0.0


def count(path: str, *, item_id: int | None = None, agency_id: int | None = None) -> None:
    """Add one view of `path` today (written with the next flush)."""
    global _held, _since
    key = (clock.today(), path[:200])
    with _lock:
        if not _pending:
            _since = time.monotonic()
        entry = _pending.setdefault(key, _Pending(0, item_id, agency_id))
        entry.count += 1
        _held += 1
        due = _held >= FLUSH_HITS or time.monotonic() - _since >= FLUSH_SECONDS
    if due:
        flush()


def _take() -> dict[tuple[dt.date, str], _Pending]:
    global _pending, _held
    with _lock:
        taken, _pending, _held = _pending, {}, 0
    return taken


def flush() -> int:
    """Write the views held in this process, in one transaction; returns how many were written.
    When the database refuses, they are kept for the next flush."""
    taken = _take()
    if not taken:
        return 0
    try:
        with transaction.atomic():
            for (day, path), entry in taken.items():
                _add(day, path, entry)
    except DatabaseError:
        log.warning("visit counts not written, kept for the next flush", exc_info=True)
        with _lock:
            for key, entry in taken.items():
                _pending.setdefault(key, _Pending(0, entry.item_id, entry.agency_id)).count += entry.count
        return 0
    return sum(entry.count for entry in taken.values())


def discard() -> None:
    """Forget the views not yet written (tests: the database they belong to is rolled back)."""
    _take()


def _add(day: dt.date, path: str, entry: _Pending) -> None:
    if Visit.objects.filter(day=day, path=path).update(count=F("count") + entry.count):
        return
    try:
        with transaction.atomic():
            Visit.objects.create(
                day=day, path=path, item_id=entry.item_id, agency_id=entry.agency_id, count=entry.count
            )
    except IntegrityError:  # another process created it first
        Visit.objects.filter(day=day, path=path).update(count=F("count") + entry.count)


atexit.register(flush)


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
