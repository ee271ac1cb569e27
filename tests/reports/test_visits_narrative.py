"""The portal's page views in the report narrative (section 一, 平台建设): the draft states the
year's 网站访问量 with its source when views were counted, and says nothing of it otherwise."""

from __future__ import annotations

import datetime as dt

from gongkai import clock
from gongkai.portal.models import Visit
from gongkai.reports import services

JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)


def _views(agency, day: dt.date, n: int, path: str = "") -> None:
    Visit.objects.create(day=day, path=path or f"/xxgk/{agency.slug}/", agency=agency, count=n)


def test_the_draft_states_the_years_site_visits_with_their_source(agencies, users):
    dept = agencies.dept
    _views(dept, dt.date(2025, 3, 2), 3)
    _views(dept, dt.date(2025, 11, 30), 2, path=f"/xxgk/{dept.slug}/guide/")
    _views(dept, dt.date(2024, 12, 31), 7)  # last year's: not counted
    _views(agencies.dept2, dt.date(2025, 3, 2), 5)  # another agency's column
    with clock.moved_to(JANUARY):
        report = services.draft(dept, 2025, users.clerk)
    overview = report.sections["overview"].splitlines()
    # Counted by hand: 3 + 2 views of the department's pages in 2025.
    assert "本年度，本机关政府信息公开专栏网站访问量5次。" in overview
    heading = overview[overview.index("本年度，本机关政府信息公开专栏网站访问量5次。") - 1]
    assert heading.endswith("）政府信息公开平台建设情况")
    numbered = [line for line in overview if line.startswith("（")]
    assert numbered[-1] == heading and heading.startswith(f"（{'一二三四五'[len(numbered) - 1]}）")
    refs = {s[0]: s[2] for _, sources in report.sources["overview"] for s in sources}
    assert refs["activity.site_visits"] == "5"


def test_a_year_without_counted_visits_says_nothing_of_them(agencies, users):
    _views(agencies.dept, dt.date(2024, 6, 1), 4)
    with clock.moved_to(JANUARY):
        report = services.draft(agencies.dept, 2025, users.clerk)
    assert "访问量" not in report.sections["overview"] and "平台建设" not in report.sections["overview"]
    assert not any(s[0] == "activity.site_visits" for _, sources in report.sources["overview"] for s in sources)
