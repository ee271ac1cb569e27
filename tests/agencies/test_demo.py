"""The demo agencies and staff: realistic, complete for every role, and idempotent."""

from __future__ import annotations

import pytest

from gongkai.agencies import codes, demo
from gongkai.agencies.models import Agency, AuditEntry, Membership, User
from tests.once import loaded_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """What the first load of the demo created (loaded once for the module)."""
    with loaded_once(django_db_blocker, tmp_path_factory.mktemp("demo"), demo.load) as created:
        yield created


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Agency, User, Membership, AuditEntry))


def test_demo_loads_once_and_a_second_run_changes_nothing(loaded):
    assert loaded > 0
    counts = _counts()
    passwords = dict(User.objects.values_list("username", "password"))
    assert demo.load() == 0
    assert _counts() == counts
    assert dict(User.objects.values_list("username", "password")) == passwords


def test_demo_hierarchy_looks_real(loaded):
    government = Agency.objects.get(name="台儿庄区人民政府")
    assert (government.level, government.kind, government.parent) == ("county", "government", None)
    departments = government.children.filter(kind="department")
    townships = government.children.filter(level="township")
    assert departments.count() >= 5 and "台儿庄区民政局" in set(departments.values_list("name", flat=True))
    assert townships.count() == 2
    for agency in Agency.objects.all():
        assert codes.validate(agency.org_code) == agency.org_code
        assert agency.org_code[2:8] == demo.REGION
        assert agency.office_name and agency.address and agency.postcode == "277400" and agency.phone


def test_demo_accounts_cover_every_role_and_share_the_documented_password(loaded):
    expected = {
        "minzheng_clerk": "clerk",
        "minzheng_reviewer": "reviewer",
        "minzheng_leader": "leader",
        "minzheng_admin": "admin",
        "zhengfu_supervisor": "supervisor",
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password("gongkai-demo-2026")
        assert set(user.memberships.values_list("role", flat=True)) == {role}
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="zhengfu_admin").memberships.count() == 3
