"""The Art. 26 deadlines dashboard and the 主动公开 box on the staff home page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from gongkai import clock
from gongkai.agencies.current import page_agency
from gongkai.agencies.permissions import Action, can, readable_agencies
from gongkai.catalogue import dashboard
from gongkai.catalogue.models import Item
from gongkai.catalogue.workflow import STATE_LABELS, UNPUBLISHED, State, from_state


@login_required
def deadlines(request):
    """The Art. 26 dashboard: items due soon, overdue, and published late this year — of one agency,
    or (``?below=1``) of it and every agency below it that the user may read (a supervisor's view)."""
    agency = page_agency(request)
    today = clock.today()
    below = request.GET.get("below") == "1"
    scope = readable_agencies(request.user).filter(pk__in=agency.subtree()) if below else agency
    return render(
        request,
        "catalogue/dashboard.html",
        {
            "agency": agency,
            "agencies": readable_agencies(request.user).order_by("name"),
            "below": below,
            "has_below": agency.children.exists(),
            "today": today,
            "due": dashboard.due(scope, today).select_related("agency")[:100],
            "overdue": dashboard.overdue(scope, today).select_related("agency")[:100],
            "late": dashboard.published_late(scope, today.year).select_related("agency")[:100],
            "counts": dashboard.counts(scope, today),
            "due_within": dashboard.DUE_SOON_WORKDAYS,
        },
    )


def home_panel(request):
    """The 主动公开 box on the staff home page: deadline counts and the items waiting for this user
    (the unpublished states from which the workflow lets the user act)."""
    from gongkai.web.home import Panel

    agency, user = request.agency, request.user
    if agency is None or not can(user, agency, Action.READ):
        return None
    waiting = []
    for state in (s for s in State if s in UNPUBLISHED):
        actions = set().union(*(t.sources[state] for t in from_state(state)))
        if any(can(user, agency, Action(a)) for a in actions):
            count = Item.objects.filter(agency=agency, state=state).count()
            waiting.append((STATE_LABELS[state], count, f"{reverse('catalogue:list')}?state={state.value}"))
    return Panel(
        "主动公开",
        "catalogue/_home_panel.html",
        {
            "counts": dashboard.counts(agency, clock.today()),
            "waiting": waiting,
            "can_draft": can(user, agency, Action.ACT),
        },
    )
