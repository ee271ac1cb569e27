"""Nothing but public items leaves through the portal: a draft, an item in review, a withdrawn
item, a 依申请公开 and a 不予公开 item (each with an attachment and a secret word in title,
summary and body) are unreachable through every public route — pages, search, snippets, feeds,
sitemap, downloads and attachment links. Plain ORM and the search interface only, so the same
tests run on PostgreSQL."""

from __future__ import annotations

import pytest

from gongkai.catalogue import services
from tests.portal.conftest import SECRET

pytestmark = pytest.mark.django_db

KINDS = ["draft", "review", "on_request", "withheld", "withdrawn"]


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def _routes(agencies) -> list[str]:
    code = agencies.dept.slug
    return [
        "/xxgk/",
        f"/xxgk/{code}/",
        f"/xxgk/{code}/guide/",
        "/xxgk/catalogue/",
        f"/xxgk/{code}/catalogue/",
        f"/xxgk/catalogue/?agency={agencies.dept.pk}&year=2025",
        "/xxgk/feed/rss/",
        "/xxgk/feed/atom/",
        f"/xxgk/{code}/feed/rss/",
        f"/xxgk/{code}/feed/atom/",
        "/xxgk/sitemap.xml",
        "/xxgk/sitemap-items.xml",
        "/xxgk/sitemap-columns.xml",
        "/xxgk/catalogue.csv",
        "/xxgk/catalogue.json",
        f"/xxgk/{code}/catalogue.csv",
        f"/xxgk/{code}/catalogue.json",
        f"/xxgk/search/?q={SECRET}",
        "/xxgk/search/?q=草稿",
        "/xxgk/search/?q=撤回",
        "/xxgk/search/?q=" + "台民发〔2025〕99号",
        f"/xxgk/search/?agency={agencies.dept.pk}",
        f"/xxgk/search/?q={SECRET}&validity=valid&year=2025&agency={agencies.dept.pk}",
    ]


def test_hidden_items_appear_on_no_public_route(client, mixed, agencies):
    for url in _routes(agencies):
        response = client.get(url)
        assert response.status_code == 200, url
        body = _body(response)
        if "/search/" in url:  # the page repeats the query; the results follow the count
            body = body.split('class="result-count"', 1)[1]
        assert SECRET not in body, url
        for kind in KINDS:
            item = mixed.hidden[kind]
            assert f"/xxgk/items/{item.pk}/" not in body, (url, kind)
            for attachment in item.attachments.all():
                assert f"/xxgk/attachments/{attachment.pk}/" not in body, (url, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_hidden_item_page_and_attachment_link_are_404(client, mixed, kind):
    item = mixed.hidden[kind]
    assert client.get(f"/xxgk/items/{item.pk}/").status_code == 404
    for attachment in item.attachments.all():
        assert client.get(f"/xxgk/attachments/{attachment.pk}/").status_code == 404


def test_search_finds_the_public_item_but_never_a_hidden_one(client, mixed):
    body = _body(client.get("/xxgk/search/?q=低保"))
    assert f"/xxgk/items/{mixed.notice.pk}/" in body  # the route does return items
    assert "找到0条" in _body(client.get(f"/xxgk/search/?q={SECRET}"))


def test_an_item_withdrawn_after_publication_disappears_from_every_route_at_once(
    client, mixed, users, agencies
):
    notice = mixed.notice
    assert f"/xxgk/items/{notice.pk}/" in _body(client.get("/xxgk/search/?q=低保"))
    services.withdraw(notice, users.leader, comment="内容有误")
    attachment = notice.attachments.get()
    assert client.get(f"/xxgk/items/{notice.pk}/").status_code == 404
    assert client.get(f"/xxgk/attachments/{attachment.pk}/").status_code == 404
    for url in _routes(agencies) + ["/xxgk/search/?q=低保", f"/xxgk/items/{mixed.repealed.pk}/"]:
        body = _body(client.get(url))
        assert f"/xxgk/items/{notice.pk}/" not in body, url
        assert notice.title not in body.replace(mixed.repealed.title, ""), url


def test_links_to_hidden_items_are_not_shown_on_a_public_item(client, mixed, users, draft):
    hidden_interpretation = draft(
        title=f"解读草稿{SECRET}", genre="interpretation", interprets=mixed.notice, interpretation_kind="text"
    )
    services.change_validity(
        mixed.repealed, users.leader, validity="repealed",
        on=mixed.repealed.date_made,
        superseded_by=mixed.hidden["withdrawn"],
    )
    for item in (mixed.notice, mixed.repealed):
        body = _body(client.get(f"/xxgk/items/{item.pk}/"))
        assert SECRET not in body
        assert f"/xxgk/items/{hidden_interpretation.pk}/" not in body
        assert f"/xxgk/items/{mixed.hidden['withdrawn'].pk}/" not in body
