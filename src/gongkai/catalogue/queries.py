"""Read-side queries of the staff workspace (the public side uses `visibility.public_items` only).

For the UI: ``staff_list(user, agency, category=None, year=None, state=None, q="")`` is the
catalogue list of one agency as `user` may see it (404-worthy agencies give an empty list), newest
first; it is what bench/bench_catalogue.py times (index ``catalogue_staff_list``:
agency, category, date_made). ``FINDING_KINDS`` labels a screening finding's ``kind``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import scoped
from gongkai.catalogue.models import Item, SubjectCategory
from gongkai.screening import KINDS

#: Labels of `ScreenFinding.kind`: the screen's kinds, and an attachment the screen could not read.
FINDING_KINDS: dict[str, str] = {**KINDS, "unreadable": "无法读取（须人工审查）"}


def staff_list(
    user,
    agency: Agency | int,
    *,
    category: SubjectCategory | int | None = None,
    year: int | None = None,
    state: str | None = None,
    q: str = "",
) -> QuerySet[Item]:
    """Items of `agency` that `user` may read, filtered, newest (date made) first."""
    qs = scoped(Item.objects.all(), user).filter(agency=agency)
    if category is not None:
        qs = qs.filter(category=category)
    if year is not None:
        qs = qs.filter(date_made__year=year)
    if state:
        qs = qs.filter(state=state)
    if q.strip():
        qs = qs.filter(title__icontains=q.strip())
    return qs.select_related("category").order_by("-date_made", "-id")
