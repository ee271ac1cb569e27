"""The staff list's filters (django-filter) keep the query parameters of bookmarked lists and
answer a value they do not understand with a Chinese error and an empty list, as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def listed(client, **params) -> str:
    page = client.get(reverse("catalogue:list"), params).content.decode()
    return page[page.index("cat-table") :]


def test_genre_attribute_and_a_text_with_spaces(client, users, draft):
    draft(title="养老服务补贴实施办法", genre="normative", art20_item=1)
    draft(title="内部工作安排", attribute="withheld", withheld_reason="internal")
    client.force_login(users.reviewer)
    assert "养老服务补贴实施办法" in listed(client, genre="normative")
    assert "内部工作安排" not in listed(client, genre="normative")
    withheld = listed(client, attribute="withheld")
    assert "内部工作安排" in withheld and "养老服务" not in withheld
    assert "养老服务补贴实施办法" in listed(client, q="  补贴  ")


def test_a_value_that_does_not_parse_is_named_in_chinese_and_lists_nothing(client, users, draft):
    draft(title="二〇二五年养老服务补贴通知", date_made=dt.date(2025, 3, 1))
    client.force_login(users.reviewer)
    page = client.get(reverse("catalogue:list"), {"year": "去年"}).content.decode()
    assert "输入整数" in page and "没有符合条件的信息" in page
    page = client.get(reverse("catalogue:list"), {"state": "bogus"}).content.decode()
    assert "选择一个有效的选项" in page and "没有符合条件的信息" in page
    page = client.get(reverse("catalogue:list"), {"year": "1900"}).content.decode()
    assert "1949" in page and "没有符合条件的信息" in page


def test_the_filters_read_in_chinese(client, users):
    client.force_login(users.reviewer)
    page = client.get(reverse("catalogue:list")).content.decode()
    start = page.index('class="cat-filter')
    form = page[start : page.index("</form>", start)]
    for label in ("标题、文号或索引号", "主题分类", "年度（成文）", "体裁", "公开属性", "状态", "有效性"):
        assert label in form
    assert form.count(">全部</option>") == 5 and "---------" not in form  # category, genre, attribute, state, validity
