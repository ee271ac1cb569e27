"""Agency and membership services: permission checks in the service itself, audit entries, atomicity."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies import audit, services
from gongkai.agencies.codes import make_uscc
from gongkai.agencies.models import Agency, AuditEntry, Membership


def test_agency_admin_updates_contact_details_with_audit(agencies, users):
    services.update_agency(users.admin, agencies.dept, phone="0632-6699999", office_hours="工作日 9:00—17:00")
    agencies.dept.refresh_from_db()
    assert agencies.dept.phone == "0632-6699999"
    entry = audit.entries_for(agencies.dept).get(action="agency.update")
    assert entry.actor == users.admin and entry.agency == agencies.dept
    assert entry.after == {"phone": "0632-6699999", "office_hours": "工作日 9:00—17:00"}  # public: unmasked
    assert set(entry.before) == {"phone", "office_hours"}


@pytest.mark.parametrize("who", ["clerk", "reviewer", "leader", "supervisor"])
def test_other_roles_cannot_update_the_agency(agencies, users, who):
    with pytest.raises(PermissionDenied):
        services.update_agency(getattr(users, who), agencies.dept, phone="1")
    agencies.dept.refresh_from_db()
    assert agencies.dept.phone == ""
    assert not AuditEntry.objects.filter(action="agency.update").exists()


def test_agency_admin_cannot_rename_or_move_the_agency(agencies, users):
    with pytest.raises(PermissionDenied, match="系统管理员"):
        services.update_agency(users.admin, agencies.dept, name="改名局")
    services.update_agency(users.site_admin, agencies.dept, name="台儿庄区民政局（新）")
    assert Agency.objects.get(pk=agencies.dept.pk).name == "台儿庄区民政局（新）"


def test_invalid_update_changes_nothing(agencies, users):
    with pytest.raises(ValidationError):
        services.update_agency(users.admin, agencies.dept, postcode="27740", phone="0632-1")
    agencies.dept.refresh_from_db()
    assert (agencies.dept.postcode, agencies.dept.phone) == ("", "")
    assert not AuditEntry.objects.filter(action="agency.update").exists()


def test_only_the_site_admin_creates_agencies(agencies, users):
    fields = dict(name="台儿庄区司法局", parent=agencies.gov, level="county", kind="department",
                  org_code=make_uscc("11370405004299990"))  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.create_agency(users.admin, **fields)
    agency = services.create_agency(users.site_admin, **fields)
    assert audit.entries_for(agency).get().action == "agency.create"


def test_agency_admin_manages_roles_of_own_agency_only(agencies, users, make_user):
    newcomer = make_user("newcomer")
    membership = services.add_membership(users.admin, newcomer, agencies.dept, "clerk")
    assert audit.entries_for(membership).get().after == {"user": "newcomer", "role": "clerk"}
    with pytest.raises(PermissionDenied):
        services.add_membership(users.admin, newcomer, agencies.dept2, "clerk")
    services.remove_membership(users.admin, membership)
    assert not Membership.objects.filter(user=newcomer).exists()
    assert AuditEntry.objects.filter(action="membership.remove", agency=agencies.dept).exists()


def test_supervisor_role_is_granted_by_the_site_admin_only(agencies, users, make_user):
    someone = make_user("someone")
    with pytest.raises(PermissionDenied):
        services.add_membership(users.admin, someone, agencies.dept, "supervisor")
    services.add_membership(users.site_admin, someone, agencies.dept, "supervisor")
    assert Membership.objects.filter(user=someone, role="supervisor").exists()
