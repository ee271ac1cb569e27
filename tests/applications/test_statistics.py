"""Section 三/四 computed from a hand-built set of applications equal a hand count and balance."""

from __future__ import annotations

import datetime as dt

from gongkai.annual.formats import APPLICANT_TYPES
from gongkai.reports.compute import build_report

D = dt.date


def _nonzero(table):
    return {(row, col): v for row, cols in table.items() for col, v in cols.items() if v}


def test_2025_tables_equal_the_hand_count(records, agencies):
    report = build_report(agencies.dept, 2025)
    assert report.era == "2021" and report.agency == "台儿庄区民政局"
    assert _nonzero(report.applications) == {
        ("new", "natural_person"): 2, ("new", "commercial"): 1, ("new", "research"): 1, ("new", "total"): 4,
        ("granted", "natural_person"): 1, ("granted", "total"): 1,
        ("partial", "natural_person"): 1, ("partial", "total"): 1,
        ("other.no_correction", "research"): 1, ("other.no_correction", "total"): 1,
        ("results_total", "natural_person"): 2, ("results_total", "research"): 1, ("results_total", "total"): 3,
        ("carried_forward", "commercial"): 1, ("carried_forward", "total"): 1,
    }
    assert _nonzero(report.appeals) == {
        ("review", "upheld"): 1, ("review", "total"): 1,
        ("lawsuit_direct", "pending"): 1, ("lawsuit_direct", "total"): 1,  # decided only in 2026
    }


def test_carried_in_equals_last_years_carried_forward_and_tables_balance(records, agencies):
    last, this = build_report(agencies.dept, 2025), build_report(agencies.dept, 2026)
    assert this.applications["carried_in"] == last.applications["carried_forward"]
    assert this.applications["unavailable.not_held"]["commercial"] == 1
    for report in (last, this):
        t = report.applications
        for col in (*APPLICANT_TYPES, "total"):
            assert t["new"][col] + t["carried_in"][col] == t["results_total"][col] + t["carried_forward"][col]


def test_annual_checks_find_no_table_errors(records, agencies):
    from gongkai.annual.checks import check, check_series

    reports = [build_report(agencies.dept, year) for year in (2025, 2026)]
    for report in reports:
        # the computed report has tables only; the narrative sections are written by the office
        assert [f.code for f in check(report) if f.severity == "error" and f.code != "SECTION_MISSING"] == []
    assert check_series(reports) == []


def test_report_era_2019_folds_other_rows(records, agencies):
    report = build_report(agencies.dept, 2020)
    assert "other" in report.applications and "other.no_correction" not in report.applications


def test_withdrawn_application_counts_in_other_other_and_checks_pass(records, register, users, agencies):
    from gongkai.annual.checks import check
    from gongkai.applications import services

    a = register(received_on=D(2025, 9, 1))
    services.close_other(a, users.reviewer, reason="申请人书面撤回申请", on=D(2025, 9, 5))
    report = build_report(agencies.dept, 2025)
    t = report.applications
    assert t["other.other"]["natural_person"] == 1 and t["other.other"]["total"] == 1
    assert t["results_total"]["natural_person"] == 3 and t["new"]["natural_person"] == 3
    for col in (*APPLICANT_TYPES, "total"):
        assert t["new"][col] + t["carried_in"][col] == t["results_total"][col] + t["carried_forward"][col]
    assert [f.code for f in check(report) if f.severity == "error" and f.code != "SECTION_MISSING"] == []
