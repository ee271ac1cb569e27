"""The desk demo: a year of each kind for 台儿庄区民政局 (and the whole of 2025, the demo reports' year),
idempotent, and its figures add up."""

from __future__ import annotations

import datetime as dt

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


def test_demo_covers_the_whole_calendar_year_2025():
    """The demo reports are for 2025 (today is in late 2026 in the tests): every month of it has
    consultations, 12345 transfers and reception, and its proposals were assigned after the spring
    session, answered, most published and one declined."""
    agencies_demo.load()
    demo.load()
    cases = Case.objects.filter(agency__name=demo.AGENCY, received_on__year=2025)
    for kind in ("consultation", "hotline"):
        months = set(cases.filter(kind=kind).values_list("received_on__month", flat=True))
        assert months == set(range(1, 13)), kind
    assert cases.filter(kind="complaint").exists()
    proposals = cases.filter(kind__in=("npc", "cppcc"))
    assert proposals.count() == len(demo.PROPOSALS) and set(proposals.values_list("received_on", flat=True)) == {
        dt.date(2025, 4, 10)}
    assert not proposals.filter(replied_on__isnull=True).exists()
    assert proposals.filter(state="published").count() == len(demo.PROPOSALS) - 1
    assert proposals.exclude(not_published_reason="").count() == 1
    seen = Reception.objects.filter(agency__name=demo.AGENCY, on__year=2025)
    assert set(seen.values_list("on__month", flat=True)) == set(range(1, 13))
    # and the twelve months up to today, as before
    assert Case.objects.filter(agency__name=demo.AGENCY, received_on__gt=clock.today() - dt.timedelta(days=30)).exists()


def test_demo_days_are_2025_and_the_last_year_never_after_today():
    days = demo.days(dt.date(2026, 11, 20))
    assert days[0] == dt.date(2025, 1, 1) and days[-1] == dt.date(2026, 11, 20) and len(days) == len(set(days))
    assert len(days) == 365 + (dt.date(2026, 11, 20) - dt.date(2025, 12, 31)).days
    early = demo.days(dt.date(2025, 3, 1))
    assert early[-1] == dt.date(2025, 3, 1) and early[0] == dt.date(2024, 3, 2)
