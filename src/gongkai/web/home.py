"""The staff home page (工作台): one section per role the user holds in the current agency.

Apps add their own panels (e.g. the clerk's open applications) by registering a callable
``panel(request) -> Panel | None`` (``None``: nothing to show for this user) in `PANELS` from their
``AppConfig.ready()``; they are called in that order for the logged-in user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.shortcuts import redirect, render

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import Action, can
from gongkai.registry import Registry


@dataclass(frozen=True)
class Panel:
    """A box on the home page, rendered with `template` and `context`."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


#: Home-page panels, in display order (registered by the apps).
PANELS: Registry[Callable[[Any], Panel | None]] = Registry("home-page panels")


def panels(request) -> list[Panel]:
    """The panels every registered app offers this request's user."""
    return [p for p in (panel(request) for panel in PANELS) if p is not None]


def home(request):
    """The role-specific home page of the current agency; anonymous visitors go to the portal."""
    if not request.user.is_authenticated:
        return redirect("portal:index")
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
