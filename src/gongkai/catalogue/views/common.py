"""What several catalogue pages share: the item in the user's scope, who may read its content,
its deadline status and a service's refusal as one line."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, can, get_scoped_or_404
from gongkai.catalogue import dashboard
from gongkai.catalogue.models import Attribute, Item
from gongkai.catalogue.workflow import State

#: Deadline status (Art. 26) badges: code → label.
DEADLINE_LABELS = {
    "on_time": "按期",
    "late": "逾期发布",
    "overdue": "逾期",
    "due_soon": "临期",
    "pending": "未到期",
}


def errors_text(exc: Exception) -> str:
    """The Chinese message(s) a service raised, as one line."""
    if isinstance(exc, ValidationError):
        return "；".join(
            m
            for msgs in (exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages])
            for m in msgs
        )
    return str(exc)


def content_visible(user, item: Item) -> bool:
    """Whether `user` may read the item's content (body, summary, attachments, screen excerpts):
    published content is public; an unpublished document's is for its own agency's staff
    (`Action.READ_DRAFTS`) — a supervisor sees its metadata and status only."""
    return item.state == State.PUBLISHED or can(user, item.agency_id, Action.READ_DRAFTS)


def scoped_item(request, pk: int) -> Item:
    """The item `pk` if the user may read its agency; else 404."""
    return get_scoped_or_404(
        Item.objects.select_related("agency", "category", "interprets"), request.user, pk=pk
    )


def with_deadline_status(
    agency: Agency, items: list[Item], today: dt.date
) -> list[tuple[Item, tuple[str, str] | None]]:
    """Each item with its deadline status, taken from the dashboard's own queries (no rule here):
    published late / overdue / due soon as `dashboard` defines them; ``None`` without a deadline."""
    ids = [i.pk for i in items]
    late = set(dashboard.published_late(agency).filter(pk__in=ids).values_list("pk", flat=True))
    overdue = set(dashboard.overdue(agency, today).filter(pk__in=ids).values_list("pk", flat=True))
    due = set(dashboard.due(agency, today).filter(pk__in=ids).values_list("pk", flat=True))
    rows = []
    for item in items:
        if item.pk in late:
            code = "late"
        elif item.pk in overdue:
            code = "overdue"
        elif item.pk in due:
            code = "due_soon"
        elif item.deadline is None or item.attribute != Attribute.PROACTIVE or item.state == State.FILED:
            code = None
        elif item.date_published is not None:
            code = "on_time"
        else:
            code = "pending"
        rows.append((item, (code, DEADLINE_LABELS[code]) if code else None))
    return rows
