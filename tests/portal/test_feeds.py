"""Feeds and data: RSS/Atom per agency, sitemap.xml, robots.txt, the catalogue as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_list_new_items_site_wide_and_per_agency(client, mixed, agencies, kind):
    site = _body(client.get(f"/xxgk/feed/{kind}/"))
    assert mixed.notice.title in site and f"/xxgk/items/{mixed.notice.pk}/" in site
    own = _body(client.get(f"/xxgk/{agencies.dept.slug}/feed/{kind}/"))
    assert mixed.notice.title in own
    other = _body(client.get(f"/xxgk/{agencies.dept2.slug}/feed/{kind}/"))
    assert mixed.notice.title not in other


def test_sitemap_index_leads_to_columns_and_public_items(client, mixed, agencies):
    index = _body(client.get("/xxgk/sitemap.xml"))
    assert "/xxgk/sitemap-items.xml" in index and "/xxgk/sitemap-columns.xml" in index
    xml = _body(client.get("/xxgk/sitemap-items.xml")) + _body(client.get("/xxgk/sitemap-columns.xml"))
    assert f"/xxgk/items/{mixed.notice.pk}/" in xml and f"/xxgk/{agencies.dept.slug}/" in xml


def test_robots_txt_allows_the_portal_only_and_names_the_sitemap(client, db):
    text = _body(client.get("/robots.txt"))
    assert "Allow: /xxgk/" in text and "Disallow: /\n" in text and "/xxgk/sitemap.xml" in text


def test_catalogue_csv_download(client, mixed, agencies):
    text = _body(client.get("/xxgk/catalogue.csv"))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["索引号", "标题", "发布机构"]
    assert {r[1] for r in rows[1:]} == {mixed.notice.title, mixed.repealed.title, mixed.interpretation.title}
    assert (
        len(
            list(csv.reader(io.StringIO(_body(client.get(f"/xxgk/{agencies.dept2.slug}/catalogue.csv")))))
        )
        == 1
    )


def test_catalogue_csv_cells_cannot_run_as_formulas(client, draft, publish):
    publish(draft(title='=HYPERLINK("http://x")通知'))
    text = _body(client.get("/xxgk/catalogue.csv"))
    assert "'=HYPERLINK" in text


def test_catalogue_json_download(client, mixed, agencies):
    rows = json.loads(_body(client.get(f"/xxgk/{agencies.dept.slug}/catalogue.json")))
    notice = next(r for r in rows if r["title"] == mixed.notice.title)
    assert notice["doc_number"] == "台民发〔2025〕12号" and notice["validity"] == "有效"
    assert notice["url"].endswith(f"/xxgk/items/{mixed.notice.pk}/")


def test_unknown_download_format_is_404(client, db):
    assert client.get("/xxgk/catalogue.xml").status_code == 404
