"""The desk demo: a year of each kind for 台儿庄区民政局, idempotent, and its figures add up."""

from __future__ import annotations

import pytest

from gongkai import clock
from gongkai.agencies import demo as agencies_demo
from gongkai.desk import demo, queries
from gongkai.desk.models import Case, Reception

pytestmark = pytest.mark.django_db


def test_demo_has_a_year_of_each_kind_and_loads_once():
    agencies_demo.load()
    assert demo.load() > 0
    cases = Case.objects.filter(agency__name=demo.AGENCY)
    kinds = set(cases.values_list("kind", flat=True))
    assert kinds == {"consultation", "complaint", "hotline", "npc", "cppcc"}
    assert cases.filter(state="open", due_on__lt=clock.today()).exists() and cases.filter(late=True).exists()
    assert not cases.filter(topic="").exists()
    assert cases.filter(state="published").exists() and cases.exclude(not_published_reason="").exists()
    assert Reception.objects.filter(agency__name=demo.AGENCY).exists()
    assert all(c.received_on <= clock.today() for c in cases)
    before = cases.count()
    assert demo.load() == 0 and cases.count() == before
    published = list(queries.public_cases())
    assert published and all("138" not in p["public_reply"] for p in published)
