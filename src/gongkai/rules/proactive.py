"""Proactive disclosure (主动公开) deadline, 《条例》第二十六条.

Information to be published proactively must be published within 20 working days of being
formed or changed (自该政府信息形成或者变更之日起20个工作日内). The day it was formed or changed
is not counted; the deadline is the 20th working day after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.rules.constants import ART_26, PROACTIVE_PUBLICATION_PERIOD
from gongkai.rules.workdays import Calendar, DateResult, default_calendar

__all__ = ["PublicationCheck", "check_publication", "publication_deadline"]


def publication_deadline(made_or_changed: dt.date, calendar: Calendar | None = None) -> DateResult:
    """The last day to publish an item formed or changed on `made_or_changed` (Art. 26)."""
    return (calendar or default_calendar()).add(made_or_changed, PROACTIVE_PUBLICATION_PERIOD)


@dataclass(frozen=True, slots=True)
class PublicationCheck:
    deadline: DateResult
    published: dt.date
    on_time: bool
    working_days_late: int  # 0 when on time
    article: str = ART_26


def check_publication(
    made_or_changed: dt.date, published: dt.date, calendar: Calendar | None = None
) -> PublicationCheck:
    """Whether an item published on `published` met the Art. 26 deadline, and by how much it missed."""
    cal = calendar or default_calendar()
    if published < made_or_changed:
        raise ValueError(f"published on {published}, before it was formed or changed on {made_or_changed}")
    deadline = publication_deadline(made_or_changed, cal)
    late = max(0, cal.count(deadline.date, published).days)
    return PublicationCheck(deadline, published, published <= deadline.date, late)
