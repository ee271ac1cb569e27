"""Who may do what in which agency: a role × action table, enforced by services.

Services call `require(user, agency, Action.X)` before they change anything; views and querysets
use `scoped` / `get_scoped_or_404` so that an object of an agency the user may not read is a 404,
never a 403 that would confirm it exists.

Rules:

* a membership grants its role's actions (`ROLE_ACTIONS`) in its own agency only;
* a supervisor (监督，政府信息公开主管部门) reads — never changes — its agency and every agency
  below it: figures, queues, deadlines, published material and the audit log, but not
  applicants' personal data in clear or their identity scans (`Action.READ_PERSONAL`), nor the
  content of unpublished documents — their metadata and status only (`Action.READ_DRAFTS`);
* the site admin (``is_superuser``) reads and administers every agency but does no case work
  (so neither personal data nor draft content either);
* inactive and anonymous users may do nothing.
"""

from __future__ import annotations

import enum

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404

from gongkai.agencies.models import Agency, Membership

Role = Membership.Role


class Action(enum.StrEnum):
    READ = "read"  # see the agency's records
    ACT = "act"  # do case work as the clerk (经办): register, draft, edit
    REVIEW = "review"  # review a clerk's work (审核)
    SIGN_OFF = "sign_off"  # approve and sign for the agency (签发)
    ADMINISTER = "administer"  # manage the agency's details, staff and settings
    AUDIT = "audit"  # read the agency's audit log
    READ_PERSONAL = "read_personal"  # applicants' ID numbers, phones, addresses, names in clear; their files
    READ_DRAFTS = "read_drafts"  # the content (body, summary, attachments, findings) of unpublished documents


ACTION_LABELS: dict[Action, str] = {
    Action.READ: "查看",
    Action.ACT: "办理",
    Action.REVIEW: "审核",
    Action.SIGN_OFF: "签发",
    Action.ADMINISTER: "管理",
    Action.AUDIT: "查看审计日志",
    Action.READ_PERSONAL: "查看申请人个人信息",
    Action.READ_DRAFTS: "查看未公开文件内容",
}

#: What the agency's own staff read beyond `Action.READ`: the cases and drafts they work on.
_OWN_STAFF_READING = frozenset({Action.READ, Action.READ_PERSONAL, Action.READ_DRAFTS})

#: What each role may do in its own agency (the supervisor: least privilege, see the module doc).
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.CLERK: _OWN_STAFF_READING | {Action.ACT},
    Role.REVIEWER: _OWN_STAFF_READING | {Action.REVIEW},
    Role.LEADER: _OWN_STAFF_READING | {Action.SIGN_OFF},
    Role.ADMIN: _OWN_STAFF_READING | {Action.ADMINISTER, Action.AUDIT},
    Role.SUPERVISOR: frozenset({Action.READ, Action.AUDIT}),
}

#: Roles whose actions also reach every agency below their own.
SUBTREE_ROLES = frozenset({Role.SUPERVISOR})

#: What the site admin may do everywhere.
SITE_ADMIN_ACTIONS = frozenset({Action.READ, Action.ADMINISTER, Action.AUDIT})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def agency_ids(user, action: Action) -> set[int] | None:
    """Ids of the agencies where `user` may do `action`; ``None`` means every agency (site admin)."""
    if not _active(user):
        return set()
    if user.is_superuser and action in SITE_ADMIN_ACTIONS:
        return None
    direct: set[int] = set()
    subtree_roots: set[int] = set()
    for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
        if action in ROLE_ACTIONS[role]:
            (subtree_roots if role in SUBTREE_ROLES else direct).add(agency_id)
    return direct | Agency.subtree_ids(subtree_roots)


def agencies_for(user, action: Action) -> models.QuerySet[Agency]:
    """The agencies where `user` may do `action`."""
    ids = agency_ids(user, action)
    return Agency.objects.all() if ids is None else Agency.objects.filter(pk__in=ids)


def readable_agencies(user) -> models.QuerySet[Agency]:
    """Agencies whose records `user` may read (a supervisor: its whole subtree)."""
    return agencies_for(user, Action.READ)


def writable_agencies(user) -> models.QuerySet[Agency]:
    """Agencies where `user` may do case work as a clerk."""
    return agencies_for(user, Action.ACT)


def can(user, agency: Agency | int | None, action: Action) -> bool:
    """Whether `user` may do `action` in `agency`."""
    if agency is None:
        return False
    ids = agency_ids(user, action)
    return ids is None or (agency if isinstance(agency, int) else agency.pk) in ids


def require(user, agency: Agency | int | None, action: Action) -> None:
    """Raise `PermissionDenied` (with a Chinese message) unless `user` may do `action` in `agency`."""
    if not can(user, agency, action):
        raise PermissionDenied(f"您没有在该机关{ACTION_LABELS[Action(action)]}的权限")


def roles_in(user, agency: Agency) -> set[str]:
    """The roles `user` holds in `agency` itself (not inherited from a parent)."""
    if not _active(user):
        return set()
    return set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))


def scoped(queryset: models.QuerySet, user, *, field: str = "agency", action: Action = Action.READ) -> models.QuerySet:
    """`queryset` narrowed to objects whose `field` (an Agency foreign key path) `user` may `action`."""
    ids = agency_ids(user, action)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def get_scoped_or_404(queryset: models.QuerySet, user, *, field: str = "agency", action: Action = Action.READ, **lookup):
    """The object matching `lookup` within `user`'s scope; `Http404` for anything outside it."""
    return get_object_or_404(scoped(queryset, user, field=field, action=action), **lookup)
