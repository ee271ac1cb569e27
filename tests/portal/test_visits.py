"""Visit statistics without tracking people: counters per page and day, shown to staff."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai import clock
from gongkai.portal import visits
from gongkai.portal.models import Visit

pytestmark = pytest.mark.django_db


def test_item_and_column_views_are_counted_per_day_without_anything_about_the_visitor(
    client, mixed, agencies
):
    url = f"/xxgk/items/{mixed.notice.pk}/"
    client.get(url, REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="ua-one")
    client.get(url, REMOTE_ADDR="10.9.9.9", HTTP_USER_AGENT="ua-two")
    client.get(f"/xxgk/{agencies.dept.slug}/")
    with clock.moved_to(dt.date(2026, 11, 21)):
        client.get(url)
    visits.flush()
    rows = {(v.day, v.path): v for v in Visit.objects.all()}
    assert rows[(dt.date(2026, 11, 20), url)].count == 2 and rows[(dt.date(2026, 11, 21), url)].count == 1
    assert rows[(dt.date(2026, 11, 20), url)].item_id == mixed.notice.pk
    stored = " ".join(str(getattr(v, f.attname)) for v in Visit.objects.all() for f in Visit._meta.fields)
    assert "10.1.2.3" not in stored and "ua-one" not in stored
    assert not any(c.key for c in client.cookies.values() if c.key != "csrftoken")
    assert visits.total(agencies.dept, 2026) == 4


def test_hidden_items_and_unknown_pages_are_not_counted(client, mixed):
    client.get(f"/xxgk/items/{mixed.hidden['draft'].pk}/")
    client.get("/xxgk/NOSUCHAGENCY1/")
    visits.flush()
    assert not Visit.objects.exists()


def test_staff_see_their_agencys_counts_and_nobody_else_does(client, mixed, users, make_user, agencies):
    client.get(f"/xxgk/items/{mixed.notice.pk}/")
    visits.flush()
    assert client.get("/online/visits/").status_code == 302  # anonymous: to the login page
    client.force_login(users.clerk)
    page = client.get("/online/visits/").content.decode()
    assert mixed.notice.title in page and "2026-11-20" in page
    other = make_user("edu_clerk", (agencies.dept2, "clerk"))
    client.force_login(other)
    assert mixed.notice.title not in client.get("/online/visits/").content.decode()
