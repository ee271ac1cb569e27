"""Services that change agencies and memberships: permission check, change, audit entry — atomically.

`actor` is the acting user, or ``None`` for the system itself (demo loader, management
commands), which is not subject to permission checks.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.agencies import audit
from gongkai.agencies.models import Agency, Membership, User
from gongkai.agencies.permissions import Action, require

#: Agency fields an agency admin may change (the office's contact details, index pattern and
#: the slug of its portal column).
CONTACT_FIELDS = (
    "short_name",
    "slug",
    "office_name",
    "address",
    "postcode",
    "phone",
    "fax",
    "email",
    "office_hours",
    "website",
    "index_pattern",
)
#: Fields only the site admin may change: identity and place in the hierarchy.
IDENTITY_FIELDS = ("name", "parent", "level", "kind", "org_code")
#: An office's contact details are public: logged unmasked.
PUBLIC = ()


def _require_site_admin(actor: User | None) -> None:
    if actor is not None and not (actor.is_active and actor.is_superuser):
        raise PermissionDenied("只有系统管理员可以执行该操作")


@transaction.atomic
def create_agency(actor: User | None, **fields: Any) -> Agency:
    """Create an agency (site admin only); fields are validated with the model's validators."""
    _require_site_admin(actor)
    agency = Agency(**fields)
    agency.full_clean()
    agency.save()
    audit.record(
        actor, "agency.create", agency, agency=agency, after=audit.snapshot(agency, [*IDENTITY_FIELDS, *CONTACT_FIELDS]),
        mask=PUBLIC,
    )
    return agency


@transaction.atomic
def update_agency(actor: User | None, agency: Agency, **changes: Any) -> Agency:
    """Change an agency: its admin may change the contact fields, the site admin anything."""
    if set(changes) - set(CONTACT_FIELDS):
        _require_site_admin(actor)
    elif actor is not None:
        require(actor, agency, Action.ADMINISTER)
    fields = [*IDENTITY_FIELDS, *CONTACT_FIELDS]
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = audit.snapshot(agency, fields)
    for name, value in changes.items():
        setattr(agency, name, value)
    agency.full_clean()
    agency.save()
    changed = audit.diff(before, audit.snapshot(agency, fields))
    if changed["after"]:
        audit.record(actor, "agency.update", agency, agency=agency, mask=PUBLIC, **changed)
    return agency


@transaction.atomic
def add_membership(actor: User | None, user: User, agency: Agency, role: str) -> Membership:
    """Give `user` a role in `agency`. The agency's admin may do so, except for the supervisor
    role, which reaches other agencies and is granted by the site admin only."""
    role = Membership.Role(role)
    if role == Membership.Role.SUPERVISOR:
        _require_site_admin(actor)
    elif actor is not None:
        require(actor, agency, Action.ADMINISTER)
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        audit.record(actor, "membership.add", membership, agency=agency, after={"user": user.username, "role": role})
    return membership


@transaction.atomic
def remove_membership(actor: User | None, membership: Membership) -> None:
    """Take a role away, under the same rule as `add_membership`."""
    if membership.role == Membership.Role.SUPERVISOR:
        _require_site_admin(actor)
    elif actor is not None:
        require(actor, membership.agency, Action.ADMINISTER)
    audit.record(
        actor,
        "membership.remove",
        membership,
        agency=membership.agency,
        before={"user": membership.user.username, "role": membership.role},
    )
    membership.delete()
