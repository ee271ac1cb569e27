"""Section 三/四 computed from a hand-built set of applications equal a hand count and balance."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from gongkai.annual.formats import APPLICANT_TYPES
from gongkai.appeals import services as appeals
from gongkai.applications import services
from gongkai.reports.compute import build_report

D = dt.date


def _reply(a, users, outcomes, sent):
    services.draft_reply(a, users.clerk, outcomes=outcomes, on=sent)
    services.review(a, users.reviewer, on=sent)
    services.sign_off(a, users.leader, on=sent)
    services.send_reply(a, users.clerk, on=sent)


@pytest.fixture
def records(register, users):
    from gongkai.agencies.codes import make_uscc

    org = {"organisation_name": "枣庄某商贸有限公司", "organisation_code": make_uscc("91370405MA3C7XQK0")}
    a1 = register(received_on=D(2025, 3, 3))
    _reply(a1, users, {1: ("granted", "")}, D(2025, 3, 10))
    a2 = register(received_on=D(2025, 12, 22), applicant_type="commercial", **org)
    a3 = register(received_on=D(2025, 6, 2), items=["名单", "明细"])
    _reply(a3, users, {1: ("granted", ""), 2: ("denied.third_party", "涉及个人隐私")}, D(2025, 6, 10))
    a4 = register(received_on=D(2025, 11, 3), applicant_type="research",
                  organisation_name="某大学社会学研究所", organisation_code=make_uscc("12370000MB1234567"))
    services.request_correction(a4, users.clerk, content="请明确所需信息", reply_by=D(2025, 11, 14), on=D(2025, 11, 4))
    services.correction_lapsed(a4, users.clerk, on=D(2025, 11, 20))
    _reply(a2, users, {1: ("unavailable.not_exist", "经检索不存在")}, D(2026, 1, 5))
    r = appeals.record_appeal(users.clerk, a3.agency, kind="review", body="台儿庄区人民政府", filed_on=D(2025, 7, 1),
                              application=a3)
    appeals.record_result(r, users.clerk, result="upheld", decided_on=D(2025, 8, 1))
    s = appeals.record_appeal(users.clerk, a3.agency, kind="lawsuit_direct", body="台儿庄区人民法院",
                              filed_on=D(2025, 12, 1), application=a1)
    appeals.record_result(s, users.clerk, result="other", decided_on=D(2026, 1, 10))
    return a1, a2, a3, a4


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


def test_cli_compute_json_docx_xlsx(records, agencies, tmp_path):
    from gongkai.reports.cli import compute

    runner = CliRunner()
    result = runner.invoke(compute, ["--agency", agencies.dept.org_code, "--year", "2025"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["applications"]["new"]["total"] == 4 and data["appeals"]["review"]["upheld"] == 1
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"r.{fmt}"
        result = runner.invoke(compute, ["--agency", "台儿庄区民政局", "--year", "2025", "--to", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    import docx

    text = "\n".join(c.text for t in docx.Document(tmp_path / "r.docx").tables for row in t.rows for c in row.cells)
    assert "部分公开" in text


def test_cli_compute_bad_agency_is_one_line(db):
    from gongkai.reports.cli import compute

    result = CliRunner().invoke(compute, ["--agency", "nope", "--year", "2025"], standalone_mode=True)
    assert result.exit_code == 2 and "no agency" in result.output


def test_reopen_after_corrected_appeal(records, users):
    a1 = records[0]
    appeal = a1.appeals.get()
    appeal.result, appeal.decided_on = "pending", None
    appeal.save()
    appeals.record_result(appeal, users.clerk, result="corrected", decided_on=D(2026, 2, 2))
    a1.refresh_from_db()
    assert (a1.state, a1.round, a1.closed_on, a1.report_row) == ("received", 2, None, "")
    assert a1.due_on == services.calendar_for(a1.agency).add(D(2026, 2, 2), 20).date
    with pytest.raises(services.TransitionError, match="纠正"):
        services.reopen(records[2], users.clerk, on=D(2026, 2, 3))
