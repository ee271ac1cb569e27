"""The desk queue's filters (django-filter) keep the query parameters of bookmarked queues —
``kind``, ``state``, ``office``, ``q`` — and say in Chinese why a value is not understood."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def listed(client, **params) -> str:
    page = client.get(reverse("desk:queue"), params).content.decode()
    return page[page.index('id="cases"') :]


def test_each_parameter_narrows_the_queue(client, users, register):
    register(title="低保申请条件咨询", office="社会救助科")
    register("hotline", title="养老补贴发放投诉", office="养老服务科")
    register("npc", title="关于增设社区食堂的建议")
    client.force_login(users.clerk)
    assert "养老补贴发放投诉" in listed(client, kind="hotline") and "低保申请" not in listed(client, kind="hotline")
    assert "社区食堂" in listed(client, q="食堂") and "低保申请" not in listed(client, q="食堂")
    assert "GD20261117001" in listed(client, q="GD2026")  # the number as well as the title
    by_office = listed(client, office="养老")
    assert "养老补贴发放投诉" in by_office and "低保申请" not in by_office
    assert "低保申请" in listed(client, state="open")
    assert "低保申请" not in listed(client, state="closed")


def test_an_unknown_value_is_named_in_chinese_and_the_queue_stays_whole(client, users, register):
    register(title="低保申请条件咨询")
    client.force_login(users.clerk)
    page = client.get(reverse("desk:queue"), {"kind": "bogus"}).content.decode()
    assert "选择一个有效的选项" in page and "低保申请条件咨询" in page
    assert '<option value="" selected>——</option>' in client.get(reverse("desk:queue")).content.decode()
