"""The current agency (当前机关) of a session, for users who work for several agencies.

`CurrentAgencyMiddleware` sets ``request.agency`` (an `Agency` or ``None``) and
``request.agency_choices`` (the agencies the user holds a membership in) on every request; the
switcher view stores the choice in the session. Views that create records use ``request.agency``
as the default agency — the services still check the permission.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import Action, agency_ids, can, readable_agencies

SESSION_KEY = "gongkai_agency_id"


def choices(user) -> list[Agency]:
    """Agencies in which `user` holds at least one membership, by name."""
    if not (user.is_authenticated and user.is_active):
        return []
    return list(Agency.objects.filter(memberships__user=user).distinct().order_by("name"))


def select(request, agency_id: int) -> Agency | None:
    """Make `agency_id` the session's current agency if the user holds a membership there."""
    agency = next((a for a in choices(request.user) if a.pk == agency_id), None)
    if agency is not None:
        request.session[SESSION_KEY] = agency.pk
    return agency


def page_agency(request) -> Agency:
    """The agency a page is about: ``?agency=`` (or a posted ``agency``) among those the user may
    read, else the current agency, else the first readable one; 404 for one they may not read."""
    readable = readable_agencies(request.user)
    wanted = request.GET.get("agency") or request.POST.get("agency")
    if wanted:
        try:
            return readable.get(pk=int(wanted))
        except (ValueError, Agency.DoesNotExist) as exc:
            raise Http404("没有这个机关") from exc
    if request.agency is not None and can(request.user, request.agency, Action.READ):
        return request.agency
    first = readable.order_by("name").first()
    if first is None:
        raise PermissionDenied("您没有可查看的机关")
    return first


class CurrentAgencyMiddleware:
    """Sets ``request.agency`` and ``request.agency_choices``; needs the auth middleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.agency_choices = choices(request.user)
        wanted = request.session.get(SESSION_KEY)
        request.agency = next(
            (a for a in request.agency_choices if a.pk == wanted),
            request.agency_choices[0] if request.agency_choices else None,
        )
        return self.get_response(request)


def context(request) -> dict:
    """Template context: the current agency, the choices, the user's roles there (short labels), and whether the
    user may open the audit log (evaluated only when a template asks)."""
    agency = getattr(request, "agency", None)
    roles: list[str] = []
    if agency is not None:
        held = set(Membership.objects.filter(user=request.user, agency=agency).values_list("role", flat=True))
        roles = [label.split("（")[0] for value, label in Membership.Role.choices if value in held]
    return {
        "current_agency": agency,
        "agency_choices": getattr(request, "agency_choices", []),
        "current_roles": roles,
        "can_audit": lambda: agency_ids(request.user, Action.AUDIT) != set(),
    }
