"""Today and now (今天) for all of Gongkai: the one place that reads the machine's clock.

Statutory periods, red lists and letters depend on the date, so nothing may call
``date.today()``, ``datetime.now()`` or Django's ``timezone.now()``/``localdate()`` for a
business decision: it asks this module. Tests and demos move the clock with :func:`set_to`
(or the :func:`moved_to` context manager); the moved clock keeps ticking from the moment it was
set, so "later" stays later. ``GONGKAI_TODAY`` (``2026-11-20`` or ``2026-11-20T09:30``) sets
it for a whole process: a training site, a demo shown as of a given day, a command run by a
test. Plain Python, usable without Django. The zone is China Standard Time, the zone of every
date in the Regulation.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Shanghai")

_offset = dt.timedelta(0)


class ClockError(ValueError):
    """GONGKAI_TODAY is not a date or a date and time."""


def _machine_now() -> dt.datetime:
    return dt.datetime.now(ZONE)  # noqa: TID251 - the one place that reads the machine's clock


def now() -> dt.datetime:
    """The current moment, aware, in China Standard Time."""
    return _machine_now() + _offset


def today() -> dt.date:
    """The current date in China Standard Time."""
    return now().date()


def _as_moment(moment: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)
    return dt.datetime.combine(moment, dt.time(10, 0), ZONE)


def set_to(moment: dt.datetime | dt.date | None) -> None:
    """Move the clock so that it reads ``moment`` now (a date means 10:00 that day);
    ``None`` goes back to the machine's clock."""
    global _offset
    _offset = dt.timedelta(0) if moment is None else _as_moment(moment) - _machine_now()


@contextmanager
def moved_to(moment: dt.datetime | dt.date) -> Iterator[None]:
    """The clock reads ``moment`` inside the block and what it read before after it."""
    global _offset
    saved = _offset
    set_to(moment)
    try:
        yield
    finally:
        _offset = saved


def _from_environment() -> None:
    value = os.environ.get("GONGKAI_TODAY", "").strip()
    if not value:
        return
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ClockError(f"GONGKAI_TODAY={value!r} is not a date such as 2026-11-20 or 2026-11-20T09:30") from None
    set_to(moment.date() if len(value) == 10 else moment)


_from_environment()
