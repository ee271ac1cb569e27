"""Django admin for the site admin: agencies, users and memberships, each change audited."""

from __future__ import annotations

import pytest

from gongkai.agencies.models import AuditEntry, Membership, User


@pytest.fixture
def admin_client(client, users):
    client.force_login(users.site_admin)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/agencies/agency/",
        "/admin/agencies/agency/add/",
        "/admin/agencies/user/",
        "/admin/agencies/user/add/",
        "/admin/agencies/membership/",
        "/admin/agencies/membership/add/",
        "/admin/agencies/auditentry/",
    ],
)
def test_admin_pages_open(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_staff_without_superuser_cannot_open_the_admin(client, users):
    client.force_login(users.admin)
    assert client.get("/admin/").status_code == 302


def test_site_admin_adds_a_user_with_a_role_and_both_are_audited(admin_client, agencies):
    response = admin_client.post(
        "/admin/agencies/user/add/",
        {"username": "newclerk", "display_name": "钱新", "usable_password": "true",
         "password1": "a-long-Passw0rd-2026", "password2": "a-long-Passw0rd-2026",
         "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="newclerk")
    assert user.password.startswith("argon2$")
    created = AuditEntry.objects.get(action="user.add", object_id=str(user.pk))
    assert "password" not in created.after
    response = admin_client.post(
        "/admin/agencies/membership/add/", {"user": user.pk, "agency": agencies.dept.pk, "role": "clerk"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert AuditEntry.objects.get(action="membership.add", object_id=str(membership.pk)).agency == agencies.dept


def test_site_admin_changes_an_agency_and_the_change_is_audited(admin_client, agencies):
    url = f"/admin/agencies/agency/{agencies.dept.pk}/change/"
    form = {
        "name": agencies.dept.name, "short_name": "区民政局", "parent": agencies.gov.pk, "level": "county",
        "kind": "department", "org_code": agencies.dept.org_code, "index_pattern": agencies.dept.index_pattern,
        "office_name": "", "address": "", "postcode": "277400", "phone": "0632-6611201", "fax": "", "email": "",
        "office_hours": "", "website": "",
    }  # fmt: skip
    assert admin_client.post(url, form).status_code == 302
    entry = AuditEntry.objects.get(action="agency.change")
    assert entry.after == {"postcode": "277400", "phone": "0632-6611201"}
    assert entry.before == {"postcode": "", "phone": ""}


def test_roles_given_inline_on_the_user_page_are_audited(admin_client, agencies, users):
    url = f"/admin/agencies/user/{users.reviewer.pk}/change/"
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("password", "groups", "user_permissions")}
    data.update({
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": "2", "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": users.reviewer.memberships.get().pk, "memberships-0-user": users.reviewer.pk,
        "memberships-0-agency": agencies.dept.pk, "memberships-0-role": "reviewer",
        "memberships-1-user": users.reviewer.pk, "memberships-1-agency": agencies.township.pk,
        "memberships-1-role": "reviewer",
    })  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Membership.objects.get(user=users.reviewer, agency=agencies.township)
    assert AuditEntry.objects.get(action="membership.add", object_id=str(added.pk)).agency == agencies.township
