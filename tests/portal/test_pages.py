"""The portal's pages for an anonymous visitor: home, agency columns, guide, catalogue browse and
the item page with its metadata block, attachments, interpretations and the superseding item."""

from __future__ import annotations

import re

import pytest

from tests.portal.conftest import SECRET

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_root_sends_anonymous_visitors_to_the_portal_and_staff_to_their_workspace(client, users):
    assert client.get("/")["Location"] == "/xxgk/"
    client.force_login(users.clerk)
    assert client.get("/").status_code == 200


def test_home_lists_latest_items_and_every_agency_column(client, mixed, agencies):
    page = _text(client.get("/xxgk/"))
    assert mixed.notice.title in page and f"/xxgk/items/{mixed.notice.pk}/" in page
    for agency in (agencies.gov, agencies.dept, agencies.township):
        assert f"/xxgk/{agency.slug}/" in page and agency.name in page


def test_base_template_has_skip_link_landmarks_and_reading_aids_without_inline_code(client, db):
    page = _text(client.get("/xxgk/"))
    assert 'href="#main"' in page and 'id="main"' in page and 'lang="zh-Hans"' in page
    assert 'data-view-mode="large"' in page and 'data-view-mode="contrast"' in page
    assert "<script>" not in page and "<style" not in page and " style=" not in page
    assert 'name="viewport"' in page


def test_large_font_and_contrast_modes_persist_through_the_cookie(client, db):
    client.cookies["xxgk_view"] = "large contrast <script>"
    page = _text(client.get("/xxgk/"))
    assert 'class="view-large view-contrast "' in page
    assert 'data-view-mode="large" aria-pressed="true"' in page
    assert '<script>"' not in page
    client.cookies["xxgk_view"] = "contrast%20large"  # as the static script writes it
    assert 'class="view-large view-contrast "' in _text(client.get("/xxgk/"))


def test_agency_column_shows_latest_contacts_hours_and_how_to_apply(client, mixed, agencies):
    agencies.dept.office_hours = "工作日 上午9:00-12:00"
    agencies.dept.phone = "0632-6612345"
    agencies.dept.save()
    page = _text(client.get(f"/xxgk/{agencies.dept.slug}/"))
    assert mixed.notice.title in page
    assert "工作日 上午9:00-12:00" in page and "0632-6612345" in page
    assert "一事一申请" in page and "第二十九条" in page
    assert f"/xxgk/{agencies.dept.slug}/guide/" in page


def test_agency_column_404s_an_unknown_slug_or_code(client, agencies):
    assert client.get("/xxgk/nosuchagency/").status_code == 404
    assert client.get("/xxgk/123456789012345678/").status_code == 404


def test_guide_page_shows_the_generated_guide(client, agencies):
    page = _text(client.get(f"/xxgk/{agencies.gov.slug}/guide/"))
    assert "台儿庄区人民政府政府信息公开指南" in page and "山东省枣庄市台儿庄区华兴路1号" in page


@pytest.mark.parametrize(
    ("query", "shown", "not_shown"),
    [
        ("validity=repealed", ["repealed"], ["notice", "interpretation"]),
        ("validity=valid", ["notice", "interpretation"], ["repealed"]),
        ("genre=interpretation", ["interpretation"], ["notice", "repealed"]),
        ("year=2024", ["repealed"], ["notice", "interpretation"]),
        ("art20=11", ["notice", "repealed", "interpretation"], []),
        ("art20=1", [], ["notice", "repealed", "interpretation"]),
        ("year=abc&genre=nonsense&validity=%00", ["notice", "repealed", "interpretation"], []),
    ],
)
def test_catalogue_browse_filters(client, mixed, query, shown, not_shown):
    page = _text(client.get(f"/xxgk/catalogue/?{query}"))
    for name in shown:
        assert f"/xxgk/items/{getattr(mixed, name).pk}/" in page
    for name in not_shown:
        assert f"/xxgk/items/{getattr(mixed, name).pk}/" not in page


def test_catalogue_browse_by_agency_and_by_category_including_subcategories(
    client, mixed, agencies, categories
):
    in_dept = _text(client.get(f"/xxgk/{agencies.dept.slug}/catalogue/"))
    assert f"/xxgk/items/{mixed.notice.pk}/" in in_dept
    other = _text(client.get(f"/xxgk/{agencies.dept2.slug}/catalogue/"))
    assert f"/xxgk/items/{mixed.notice.pk}/" not in other
    parent = categories["1104"].parent or categories["1104"]
    by_parent = _text(client.get(f"/xxgk/catalogue/?agency={agencies.dept.pk}&category={parent.pk}"))
    assert f"/xxgk/items/{mixed.notice.pk}/" in by_parent
    unrelated = next(c for code, c in categories.items() if not code.startswith("11"))
    by_other = _text(client.get(f"/xxgk/catalogue/?agency={agencies.dept.pk}&category={unrelated.pk}"))
    assert f"/xxgk/items/{mixed.notice.pk}/" not in by_other


def test_catalogue_is_paginated(client, mixed, draft, publish):
    for n in range(21):
        publish(draft(title=f"分页测试通知{n}"))
    first = _text(client.get("/xxgk/catalogue/?genre=notice"))
    assert "共23条" in first and "第1页，共2页" in first and "page=2" in first
    second = _text(client.get("/xxgk/catalogue/?genre=notice&page=2"))
    assert "第2页，共2页" in second
    assert _text(client.get("/xxgk/catalogue/?page=999999999999999999999"))


def test_item_page_has_the_metadata_block_body_attachment_and_interpretation(client, mixed):
    page = _text(client.get(f"/xxgk/items/{mixed.notice.pk}/"))
    block = re.search(r'<dl class="meta-block item-meta">(.*?)</dl>', page, re.S).group(1)
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "发布日期", "文号", "有效性"):
        assert f"<dt>{label}</dt>" in block
    assert mixed.notice.index_number in block and "台民发〔2025〕12号" in block and "2025年6月20日" in block
    assert "<strong>低保</strong>" in page
    attachment = mixed.notice.attachments.get()
    assert f"/xxgk/attachments/{attachment.pk}/" in page
    assert "政策解读" in page and f"/xxgk/items/{mixed.interpretation.pk}/" in page


def test_repealed_item_names_its_superseding_item(client, mixed):
    page = _text(client.get(f"/xxgk/items/{mixed.repealed.pk}/"))
    assert "本文件已废止" in page and f"/xxgk/items/{mixed.notice.pk}/" in page
    interp = _text(client.get(f"/xxgk/items/{mixed.interpretation.pk}/"))
    assert "的解读" in interp and f"/xxgk/items/{mixed.notice.pk}/" in interp


def test_item_page_links_only_to_public_items(client, mixed):
    """Links read in one query still pass the public filter: an unpublished, withdrawn or
    withheld item linked either way is never named on a public page."""
    from gongkai.catalogue.models import Item

    hidden = mixed.hidden
    Item.objects.filter(pk=mixed.repealed.pk).update(superseded_by=hidden["withdrawn"])
    Item.objects.filter(pk=mixed.interpretation.pk).update(interprets=hidden["draft"])
    Item.objects.filter(pk=hidden["review"].pk).update(interprets=mixed.notice, genre="interpretation")
    Item.objects.filter(pk=hidden["withheld"].pk).update(superseded_by=mixed.notice)
    pages = [
        _text(client.get(f"/xxgk/items/{item.pk}/"))
        for item in (mixed.repealed, mixed.interpretation, mixed.notice)
    ]
    for page in pages:
        assert SECRET not in page
        assert not any(f"/xxgk/items/{item.pk}/" in page for item in hidden.values())
    repealed, interpretation, notice = pages
    assert "本文件已废止" in repealed and "现行文件为" not in repealed
    assert "的解读" not in interpretation
    assert "政策解读" not in notice and "本文件替代的文件" not in notice


def test_public_attachment_downloads_as_a_file(client, mixed):
    attachment = mixed.notice.attachments.get()
    response = client.get(f"/xxgk/attachments/{attachment.pk}/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")


def test_pages_answer_anonymous_visitors_with_the_content_security_policy(client, mixed):
    response = client.get(f"/xxgk/items/{mixed.notice.pk}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
