"""The demo applications: enough of them, across rows, carried over, balanced, idempotent."""

from __future__ import annotations

import pytest

from gongkai.annual.checks import check, check_series
from gongkai.applications.models import Application


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the demo keeps a few letters
    from gongkai.agencies.demo import load as load_agencies
    from gongkai.applications.demo import load

    load_agencies()
    return load()


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
