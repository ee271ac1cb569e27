"""The staff home page (工作台): one section per role the user holds in the current agency.

Apps add their own panels (e.g. the clerk's open applications) by appending a dotted path to
`PANELS`; each names a callable ``panel(request) -> Panel | None`` (``None``: nothing to show for
this user), called in order for the logged-in user.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import Action, can

#: Dotted paths ("module:function") of home-page panels, in display order.
PANELS: list[str] = [
    "gongkai.catalogue.views:home_panel",
    "gongkai.applications.views:home_panel",
]


@dataclass(frozen=True)
class Panel:
    """A box on the home page, rendered with `template` and `context`."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def _load(path: str):
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)


def panels(request) -> list[Panel]:
    """The panels every registered app offers this request's user."""
    return [p for p in (_load(path)(request) for path in PANELS) if p is not None]


@login_required
def home(request):
    """The role-specific home page of the current agency."""
    agency: Agency | None = request.agency
    roles: set[str] = set()
    staff: list[Membership] = []
    below: list[Agency] = []
    if agency is not None:
        roles = set(Membership.objects.filter(user=request.user, agency=agency).values_list("role", flat=True))
        if can(request.user, agency, Action.ADMINISTER):
            staff = list(agency.memberships.select_related("user").order_by("role", "user__username"))
        if Membership.Role.SUPERVISOR in roles:
            below = list(agency.descendants().select_related("parent").order_by("level", "kind", "name"))
    return render(
        request,
        "home.html",
        {
            "roles": roles,
            "Role": Membership.Role,
            "staff": staff,
            "below": below,
            "panels": panels(request),
        },
    )
