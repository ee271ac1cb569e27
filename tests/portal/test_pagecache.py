"""Anonymous portal pages come from a cache keyed by the catalogue's generation: a page seen
before a withdrawal or an edit is never served after it, staff and display modes get their own
pages, and a page served from the cache still counts its view."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from gongkai.catalogue import services
from gongkai.portal import visits
from gongkai.portal.models import Visit

pytestmark = pytest.mark.django_db


def _pages(client, mixed) -> list[str]:
    return ["/xxgk/", f"/xxgk/items/{mixed.notice.pk}/", "/xxgk/search/?q=低保", "/xxgk/catalogue/"]


def _stored_pages() -> int:
    return sum(":years:" not in key for key in caches["pages"]._cache)


def test_pages_cached_before_a_withdrawal_are_never_served_after_it(client, mixed, users):
    url = f"/xxgk/items/{mixed.notice.pk}/"
    for page in _pages(client, mixed):
        assert url in client.get(page).content.decode() or page == url
    assert _stored_pages() == 4
    services.withdraw(mixed.notice, users.leader, comment="内容有误")
    assert client.get(url).status_code == 404
    for page in _pages(client, mixed):
        assert url not in client.get(page).content.decode(), page


def test_an_edit_of_a_published_item_shows_at_once(client, mixed, users):
    url = f"/xxgk/items/{mixed.notice.pk}/"
    assert "890元" in client.get(url).content.decode()
    services.change_validity(mixed.notice, users.leader, validity="expired", on=mixed.notice.date_published)
    assert "已失效" in client.get(url).content.decode()


def test_the_large_font_mode_and_staff_never_get_another_visitors_page(client, mixed, users):
    url = f"/xxgk/items/{mixed.notice.pk}/"
    assert "view-large" not in client.get(url).content.decode()
    client.cookies["xxgk_view"] = "large"
    assert "view-large" in client.get(url).content.decode()
    del client.cookies["xxgk_view"]
    client.force_login(users.clerk)
    stored = _stored_pages()
    client.get(url)
    client.get("/xxgk/search/?q=低保")
    assert _stored_pages() == stored  # nothing stored for a logged-in user


def test_views_served_from_the_cache_are_counted_and_reach_the_staff_figures(client, mixed, agencies):
    url = f"/xxgk/items/{mixed.notice.pk}/"
    for _ in range(3):
        client.get(url)
    assert not Visit.objects.exists()  # held in the process until a flush
    assert visits.flush() == 3
    assert Visit.objects.get(path=url).count == 3 and visits.total(agencies.dept, 2026) == 3


def test_views_are_written_once_enough_are_held(client, mixed, monkeypatch):
    monkeypatch.setattr(visits, "FLUSH_HITS", 2)
    url = f"/xxgk/items/{mixed.notice.pk}/"
    client.get(url)
    client.get(url)
    assert Visit.objects.get(path=url).count == 2
