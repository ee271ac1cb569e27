"""The audit log: what an entry holds, masking of personal data, and immutability at every layer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai import clock
from gongkai.agencies import audit
from gongkai.agencies.models import AppendOnlyError, AuditEntry


@pytest.fixture
def entry(agencies, users):
    return audit.record(
        users.clerk,
        "agency.update",
        agencies.dept,
        agency=agencies.dept,
        before={"office_hours": "8:30"},
        after={"office_hours": "9:00"},
        note="测试",
    )


def test_entry_records_actor_time_agency_object_and_change(entry, agencies, users):
    entry.refresh_from_db()
    assert entry.actor == users.clerk
    assert entry.actor_label == "clerk（张经办）"
    assert entry.agency == agencies.dept
    assert (entry.object_type, entry.object_id, entry.object_repr) == ("agencies.agency", str(agencies.dept.pk), "台儿庄区民政局")
    assert entry.before == {"office_hours": "8:30"} and entry.after == {"office_hours": "9:00"}
    assert abs(entry.at - clock.now()) < dt.timedelta(minutes=1)
    assert list(audit.entries_for(agencies.dept)) == [entry]


def test_system_and_anonymous_actors_are_the_system(agencies):
    from django.contrib.auth.models import AnonymousUser

    assert audit.record(None, "x", None, agency=None).actor_label == "系统"
    anonymous = audit.record(AnonymousUser(), "x", agencies.dept, agency=agencies.dept)
    assert anonymous.actor is None and anonymous.actor_label == "系统"


def test_personal_data_is_masked_by_default(agencies):
    entry = audit.record(
        None,
        "application.register",
        None,
        agency=agencies.dept,
        after={"id_number": "370405199001011234", "phone": "13812345678", "address": "台儿庄区运河街道1号",
               "email": "zhang@example.cn", "applicant": {"mobile": "13900001111"}, "title": "低保名单"},
    )  # fmt: skip
    entry.refresh_from_db()
    assert entry.after == {
        "id_number": "370***********1234",
        "phone": "138****5678",
        "address": "台*********",
        "email": "z****@example.cn",
        "applicant": {"mobile": "139****1111"},
        "title": "低保名单",
    }
    assert "370405199001011234" not in str(entry.after)


def test_public_data_can_be_logged_unmasked_and_other_keys_masked(agencies):
    public = audit.record(None, "x", None, agency=agencies.dept, after={"phone": "0632-6611201"}, mask=())
    assert public.after == {"phone": "0632-6611201"}
    named = audit.record(None, "x", None, agency=agencies.dept, after={"name": "张三"}, mask=["name"])
    assert named.after == {"name": "张*"}


def test_diff_keeps_only_changes():
    assert audit.diff({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "d": 4}) == {
        "before": {"b": 2, "c": 3, "d": None},
        "after": {"b": 5, "c": None, "d": 4},
    }


def test_snapshot_is_json_safe(users):
    values = audit.snapshot(users.clerk, ["username", "date_joined", "is_active"])
    assert values["username"] == "clerk" and isinstance(values["date_joined"], str) and values["is_active"] is True


def test_saved_entry_cannot_be_changed_or_deleted_through_the_model(entry):
    entry.note = "篡改"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    entry.refresh_from_db()
    assert entry.note == "测试"


@pytest.mark.parametrize(
    "operation",
    [
        lambda qs: qs.update(note="篡改"),
        lambda qs: qs.delete(),
        lambda qs: qs.bulk_update(list(qs), ["note"]),
        lambda qs: qs.update_or_create(pk=qs[0].pk, defaults={"note": "篡改"}),
    ],
    ids=["update", "delete", "bulk_update", "update_or_create"],
)
def test_queryset_cannot_change_or_delete_entries(entry, operation):
    with pytest.raises(AppendOnlyError):
        operation(AuditEntry.objects.filter(pk=entry.pk))
    with pytest.raises(AppendOnlyError):
        operation(AuditEntry.objects.all())
    assert AuditEntry.objects.get(pk=entry.pk).note == "测试"


@pytest.mark.parametrize(
    "sql",
    ["UPDATE agencies_auditentry SET note = 'x' WHERE id = %s", "DELETE FROM agencies_auditentry WHERE id = %s"],
    ids=["update", "delete"],
)
def test_database_trigger_refuses_raw_sql(entry, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).note == "测试"


def test_admin_shows_the_log_but_offers_no_add_change_or_delete(client, entry, users):
    client.force_login(users.site_admin)
    base = "/admin/agencies/auditentry/"
    listing = client.get(base)
    assert listing.status_code == 200 and "台儿庄区民政局" in listing.content.decode()
    assert client.get(f"{base}add/").status_code == 403
    page = client.get(f"{base}{entry.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(f"{base}{entry.pk}/change/", {"note": "篡改"}).status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(base, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}).status_code in (200, 302)
    assert AuditEntry.objects.get(pk=entry.pk).note == "测试"


@pytest.mark.django_db(transaction=True)
def test_triggers_hold_in_transactional_tests_too(agencies):
    """Also proves the shared fixture lets Django empty the audit table after such a test."""
    entry = audit.record(None, "x", agencies.dept, agency=agencies.dept)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM agencies_auditentry WHERE id = %s", [entry.pk])
