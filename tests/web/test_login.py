"""Login, logout, the generic wrong-password message and the django-axes lockout with its audit entry."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db.models import F

from gongkai.agencies.models import AuditEntry, User

from ..conftest import DEMO_PASSWORD


def _login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2(users):
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert User.objects.get(pk=users.clerk.pk).password.startswith("argon2$")


def test_login_page_is_chinese(client, db):
    page = client.get("/login/")
    assert page.status_code == 200
    assert "登录" in page.content.decode() and 'lang="zh-Hans"' in page.content.decode()


def test_anonymous_visitor_of_the_root_is_sent_to_the_public_portal(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/xxgk/"


def test_anonymous_user_is_sent_to_login_from_a_staff_page(client, db):
    response = client.get("/applications/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_clerk_logs_in_and_out(client, users):
    response = _login(client, "clerk", DEMO_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert "张经办" in home.content.decode()
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("username", ["clerk", "nobody"])
def test_wrong_password_and_unknown_user_get_the_same_generic_message(client, users, username):
    page = _login(client, username, "wrong-password")
    assert page.status_code == 200
    text = page.content.decode()
    assert "用户名或密码不正确" in text
    assert "不存在" not in text


def test_five_failures_lock_the_account_and_are_audited(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "clerk", "wrong-password").status_code == 200
    locked = _login(client, "clerk", "wrong-password")
    assert locked.status_code == 429
    assert "已暂时锁定" in locked.content.decode()
    # Even the right password is refused while the lock lasts.
    again = _login(client, "clerk", DEMO_PASSWORD)
    assert again.status_code == 429
    assert client.get("/").status_code == 302
    entry = AuditEntry.objects.get(action="account.locked")
    assert entry.actor is None and entry.object_id == str(users.clerk.pk)
    assert entry.agency == users.clerk.memberships.get().agency
    # Other accounts are not affected.
    assert _login(client, "reviewer", DEMO_PASSWORD).status_code == 302


def test_lock_expires_after_the_cool_off(client, users):
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "clerk", "wrong-password")
    assert _login(client, "clerk", DEMO_PASSWORD).status_code == 429
    assert settings.AXES_COOLOFF_TIME * 60 == 15
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert _login(client, "clerk", DEMO_PASSWORD).status_code == 302
