"""Role scoping: every role × (own, child, sibling, parent agency) × action, and 404 across agencies."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai.agencies.models import Agency, AuditEntry, Membership
from gongkai.agencies.permissions import (
    Action,
    can,
    get_scoped_or_404,
    readable_agencies,
    require,
    scoped,
    writable_agencies,
)

Role = Membership.Role
A = Action

#: What the agency's own staff read: records, applicants' personal data, unpublished content.
STAFF = {A.READ, A.READ_PERSONAL, A.READ_DRAFTS}

#: Expected actions of a user holding `role` in 台儿庄区人民政府, per target agency. The supervisor
#: reads its subtree but neither personal data in clear nor unpublished content (least privilege).
EXPECTED = {
    Role.CLERK: {"own": STAFF | {A.ACT}, "child": set(), "sibling": set(), "parent": set()},
    Role.REVIEWER: {"own": STAFF | {A.REVIEW}, "child": set(), "sibling": set(), "parent": set()},
    Role.LEADER: {"own": STAFF | {A.SIGN_OFF}, "child": set(), "sibling": set(), "parent": set()},
    Role.ADMIN: {"own": STAFF | {A.ADMINISTER, A.AUDIT}, "child": set(), "sibling": set(), "parent": set()},
    Role.SUPERVISOR: {"own": {A.READ, A.AUDIT}, "child": {A.READ, A.AUDIT}, "sibling": set(), "parent": set()},
}

MATRIX = [(role, where, action) for role in Role for where in ("own", "child", "sibling", "parent") for action in Action]


@pytest.mark.parametrize(("role", "where", "action"), MATRIX, ids=lambda v: str(v))
def test_role_matrix(agencies, make_user, role, where, action):
    user = make_user("u", (agencies.gov, role))
    target = {"own": agencies.gov, "child": agencies.dept, "sibling": agencies.sibling, "parent": agencies.city}[where]
    expected = action in EXPECTED[role][where]
    assert can(user, target, action) is expected
    if expected:
        require(user, target, action)
    else:
        with pytest.raises(PermissionDenied):
            require(user, target, action)


def test_supervisor_reads_grandchildren(agencies, make_agency, make_user):
    centre = make_agency("台儿庄区社会救助服务中心", parent=agencies.dept)
    supervisor = make_user("sup", (agencies.gov, Role.SUPERVISOR))
    assert can(supervisor, centre, A.READ)
    assert not can(supervisor, centre, A.ACT)


def test_site_admin_reads_and_administers_everywhere_but_does_no_case_work(agencies, users):
    for agency in Agency.objects.all():
        assert can(users.site_admin, agency, A.READ)
        assert can(users.site_admin, agency, A.ADMINISTER)
        assert not can(users.site_admin, agency, A.ACT)
        assert not can(users.site_admin, agency, A.SIGN_OFF)
        assert not can(users.site_admin, agency, A.READ_PERSONAL)
        assert not can(users.site_admin, agency, A.READ_DRAFTS)


def test_inactive_and_anonymous_users_may_do_nothing(agencies, users):
    from django.contrib.auth.models import AnonymousUser

    users.clerk.is_active = False
    users.clerk.save()
    assert not can(users.clerk, agencies.dept, A.READ)
    assert not can(AnonymousUser(), agencies.dept, A.READ)
    assert not readable_agencies(AnonymousUser()).exists()


def test_roles_in_several_agencies_add_up(agencies, make_user):
    user = make_user("both", (agencies.dept, Role.CLERK), (agencies.dept2, Role.REVIEWER))
    assert set(writable_agencies(user)) == {agencies.dept}
    assert set(readable_agencies(user)) == {agencies.dept, agencies.dept2}
    assert can(user, agencies.dept2, A.REVIEW) and not can(user, agencies.dept, A.REVIEW)


def test_readable_agencies_of_supervisor_is_the_subtree(agencies, users):
    assert set(readable_agencies(users.supervisor)) == {
        agencies.gov,
        agencies.dept,
        agencies.dept2,
        agencies.township,
    }
    assert not writable_agencies(users.supervisor).exists()


def test_require_message_is_chinese(agencies, users):
    with pytest.raises(PermissionDenied, match="没有在该机关办理的权限"):
        require(users.clerk, agencies.dept2, A.ACT)


def test_object_of_another_agency_is_404(agencies, users):
    from gongkai.agencies import audit

    mine = audit.record(users.clerk, "test.event", agencies.dept, agency=agencies.dept)
    theirs = audit.record(None, "test.event", agencies.dept2, agency=agencies.dept2)
    assert get_scoped_or_404(AuditEntry.objects.all(), users.clerk, pk=mine.pk) == mine
    with pytest.raises(Http404):
        get_scoped_or_404(AuditEntry.objects.all(), users.clerk, pk=theirs.pk)
    assert list(scoped(AuditEntry.objects.all(), users.clerk)) == [mine]
    assert set(scoped(Agency.objects.all(), users.supervisor, field="pk")) == set(
        readable_agencies(users.supervisor)
    )
