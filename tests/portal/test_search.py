"""The search page /xxgk/search/: public items found, highlighted, filtered, paginated, with the
ordering note; hostile input never errors and comes back escaped."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from gongkai.portal.views import clean_query

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_typing_dibao_finds_the_notice_with_a_highlighted_snippet(client, mixed):
    page = _text(client.get("/xxgk/search/?q=低保"))
    assert f"/xxgk/items/{mixed.notice.pk}/" in page and "<mark>低保</mark>" in page
    assert "按相关度排序" in page


def test_loosely_typed_document_number_is_found(client, mixed):
    page = _text(client.get("/xxgk/search/?q=" + quote("台民发[2025]12号")))
    assert f"/xxgk/items/{mixed.notice.pk}/" in page


@pytest.mark.parametrize(
    ("filters", "shown", "not_shown"),
    [
        ("validity=repealed", ["repealed"], ["notice"]),
        ("genre=interpretation", ["interpretation"], ["notice"]),
        ("year=2024", ["repealed"], ["notice"]),
    ],
)
def test_search_filters(client, mixed, filters, shown, not_shown):
    page = _text(client.get(f"/xxgk/search/?q=低保&{filters}"))
    for name in shown:
        assert f"/xxgk/items/{getattr(mixed, name).pk}/" in page
    for name in not_shown:
        assert f"/xxgk/items/{getattr(mixed, name).pk}/" not in page


def test_search_by_agency_filter(client, mixed, agencies):
    assert f"/xxgk/items/{mixed.notice.pk}/" in _text(
        client.get(f"/xxgk/search/?q=低保&agency={agencies.dept.pk}")
    )
    assert f"/xxgk/items/{mixed.notice.pk}/" not in _text(
        client.get(f"/xxgk/search/?q=低保&agency={agencies.dept2.pk}")
    )


def test_search_is_paginated(client, mixed, draft, publish):
    for n in range(21):
        publish(draft(title=f"低保分页{n}"))
    first = _text(client.get("/xxgk/search/?q=低保"))
    assert "第1页，共2页" in first and "page=2" in first
    assert "第2页，共2页" in _text(client.get("/xxgk/search/?q=低保&page=2"))


def test_very_common_terms_are_listed_newest_first_and_the_page_says_so(client, mixed, monkeypatch):
    monkeypatch.setattr("gongkai.search.backends.RANKED_LIMIT", 1)
    page = _text(client.get("/xxgk/search/?q=低保"))
    assert "按发布日期从新到旧排序" in page and "超过" in page


HOSTILE = [
    "",
    "a" * 100_000,
    "低保" * 5000,
    'NEAR(低保 标准) OR title:* AND NOT "',
    "\"\"\"'''",
    "'; DROP TABLE search_doc; --",
    "1' OR '1'='1",
    "<script>alert(1)</script>",
    "%00\x00\x01",
    "^*:(){}[]-+",
    '低保" OR "1"="1',
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_search_input_never_errors_and_is_escaped(client, mixed, q):
    page = _text(client.get("/xxgk/search/", {"q": q, "page": q[:30], "year": q[:10], "agency": q[:10]}))
    assert "<script>alert(1)</script>" not in page
    assert client.get("/xxgk/search/?q=低保").status_code == 200  # the database is still there


def test_lone_surrogates_and_invalid_utf8_in_the_request_never_error(client, mixed):
    assert _text(client.get("/xxgk/search/?q=%ED%A0%80%FF%FE低保"))
    assert clean_query("\ud800低保\udfff") == "?低保?"
    assert "\ud800" not in clean_query("x\ud800" * 500)
    assert len(clean_query("x" * 10_000)) == 200
