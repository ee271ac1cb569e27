"""Property: for any set of records the computed tables balance and carry over from year to year."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gongkai.annual.formats import APPLICANT_TYPES
from gongkai.applications.counting import OUTCOMES

record = st.tuples(
    st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)),  # received
    st.one_of(st.none(), st.integers(0, 90)),  # days to the finish, None: still open
    st.sampled_from(APPLICANT_TYPES),
    st.sampled_from(OUTCOMES),
)


class BalanceTest(TestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(record, max_size=40))
    def test_tables_balance_and_carry(self, records):
        from gongkai.applications.models import Application
        from gongkai.reports.compute import build_reports
        from tests.factories import AgencyFactory, ApplicationFactory

        agency = AgencyFactory()
        Application.objects.bulk_create(
            ApplicationFactory.build(agency=agency, received_on=received, applicant_type=kind,
                                     state="received" if days is None else "replied",
                                     closed_on=None if days is None else received + dt.timedelta(days=days),
                                     report_row="" if days is None else row)
            for received, days, kind, row in records
        )
        years = (2023, 2024, 2025, 2026)
        reports = {y: build_reports([agency], y)[agency.pk].applications for y in years}
        for y in years:
            t = reports[y]
            for col in (*APPLICANT_TYPES, "total"):
                assert t["new"][col] + t["carried_in"][col] == t["results_total"][col] + t["carried_forward"][col]
            if y > 2023:
                assert t["carried_in"] == reports[y - 1]["carried_forward"]
        assert sum(reports[y]["new"]["total"] for y in years) == len(records)
