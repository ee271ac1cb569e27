"""The catalogue's yearly statistics count policy interpretations (政策解读) by kind, as the
published reports do (文字解读、图解、领导解读、视频解读)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.catalogue import statistics

pytestmark = pytest.mark.django_db


def test_interpretations_counted_by_kind_in_the_year_published(client, users, agencies, draft, publish):
    policy = publish(draft(title="台儿庄区临时救助实施办法"), on=dt.date(2025, 3, 3))
    for kind, title in (("text", "文字解读"), ("graphic", "一图读懂"), ("graphic", "图解二"), ("leader", "局长解读")):
        publish(draft(title=f"{title}：临时救助实施办法", genre="interpretation", interprets=policy,
                      interpretation_kind=kind, art20_item=None), on=dt.date(2025, 3, 5))
    stats = statistics.yearly(agencies.dept, 2025)
    assert stats.by_interpretation == [("文字解读", 1), ("图解", 2), ("领导解读", 1)]
    assert statistics.yearly(agencies.dept, 2024).by_interpretation == []
    client.force_login(users.clerk)
    page = client.get(reverse("catalogue:statistics") + "?year=2025").content.decode()
    assert 'id="stat-interpretations"' in page and "领导解读" in page
