"""The demo applications: enough of them, across rows, carried over, balanced, idempotent."""

from __future__ import annotations

import pytest

from gongkai.annual.checks import check, check_series
from gongkai.applications.models import Application
from tests.once import loaded_once

pytestmark = pytest.mark.django_db


def _load() -> int:
    from gongkai.agencies.demo import load as load_agencies
    from gongkai.applications.demo import load

    load_agencies()
    return load()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo applications, loaded once (the demo keeps a few letters in the data directory)."""
    with loaded_once(django_db_blocker, tmp_path_factory.mktemp("demo"), _load) as created:
        yield created


def test_demo_is_rich_balanced_and_idempotent(demo):
    from gongkai.agencies.models import Agency
    from gongkai.applications.demo import load
    from gongkai.reports.compute import build_report

    assert demo > 100
    minzheng = Agency.objects.get(name="台儿庄区民政局")
    reports = [build_report(minzheng, year) for year in (2024, 2025)]
    for report in reports:
        t = report.applications
        assert t["new"]["total"] >= 30
        used_rows = [row for row, cols in t.items() if cols["total"] and row not in
                     ("new", "carried_in", "results_total", "carried_forward")]
        assert len(used_rows) >= 15, used_rows
        assert sum(1 for col in t["new"] if col != "total" and t["new"][col]) >= 3
        assert [f.code for f in check(report) if f.severity == "error" and f.code != "SECTION_MISSING"] == []
    assert reports[1].applications["carried_in"]["total"] >= 1
    assert check_series(reports) == []
    assert sum(reports[1].appeals[g]["total"] for g in reports[1].appeals) >= 2
    assert set(Application.objects.filter(agency=minzheng).values_list("channel", flat=True)) >= {
        "in_person", "post", "online", "email", "fax"}
    assert Application.objects.filter(agency=minzheng, round=2, state="replied").exists()  # reopened, answered
    assert load() == 0


def test_demo_tables_match_a_count_in_python(demo):
    """An independent count over the rows (no database aggregation) gives the same tables."""
    import datetime as dt
    from collections import Counter

    from gongkai.agencies.models import Agency
    from gongkai.reports.compute import build_report

    minzheng = Agency.objects.get(name="台儿庄区民政局")
    rows = list(Application.objects.filter(agency=minzheng).values("applicant_type", "received_on", "closed_on",
                                                                     "report_row"))
    for year in (2024, 2025):
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        count: Counter = Counter()
        for r in rows:
            kind, closed = r["applicant_type"], r["closed_on"]
            if start <= r["received_on"] <= end:
                count["new", kind] += 1
            if r["received_on"] < start and (closed is None or closed >= start):
                count["carried_in", kind] += 1
            if closed is not None and start <= closed <= end:
                count[r["report_row"], kind] += 1
            if r["received_on"] <= end and (closed is None or closed > end):
                count["carried_forward", kind] += 1
        table = build_report(minzheng, year).applications
        computed = {(row, col): v for row, cols in table.items() for col, v in cols.items()
                    if v and col != "total" and row != "results_total"}
        assert computed == dict(count)
