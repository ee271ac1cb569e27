"""Every check code of shared/spec, each shown failing on a small model and passing on a valid one."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from gongkai.annual.checks import (
    SEVERITY,
    check,
    check_series,
    identities,
    identities_within,
    publication_deadline,
)
from gongkai.annual.formats import (
    APPEAL_COLUMNS,
    APPEAL_OUTCOMES,
    APPEALS,
    APPLICANT_COLUMNS,
    APPLICANT_TYPES,
    FORMATS,
    OUTCOME_ROWS,
)
from gongkai.annual.model import Ambiguity, Report, template

SECTIONS = {
    "overview": "2023年，我局共收到政府信息公开申请9件。",
    "proactive": "",
    "applications": "",
    "appeals": "",
    "problems": "信息公开的力度有待加强。",
    "other": "无。",
}


def fill_applications(
    report: Report, outcomes: dict[str, list[int]], carried_in: list[int], carried_forward: list[int]
):
    """Outcome counts per applicant column; every other row follows from the identities."""
    rows = {key: [0] * 6 for key in OUTCOME_ROWS[report.era]}
    rows.update(outcomes)
    results = [sum(rows[k][i] for k in OUTCOME_ROWS[report.era]) for i in range(6)]
    rows.update(
        results_total=results,
        carried_in=carried_in,
        carried_forward=carried_forward,
        new=[results[i] + carried_forward[i] - carried_in[i] for i in range(6)],
    )
    for key, values in rows.items():
        report.applications[key] = {**dict(zip(APPLICANT_TYPES, values, strict=True)), "total": sum(values)}


def valid(era: str = "2021") -> Report:
    report = template(era)
    report.agency, report.agency_kind = "台儿庄区民政局", "department"
    report.year = {"2021": 2023, "2019": 2020, "2008": 2015}[era]
    report.published = date(report.year + 1, 1, 16)
    if era == "2008":
        report.sections = {"body": "2015年，我局主动公开信息205条。"}
        report.legacy = {"proactive_total": {"year": 205, "cumulative": 1429}}
        return report
    report.sections = dict(SECTIONS)
    fill_applications(
        report,
        {
            "granted": [4, 1, 0, 0, 0, 0],
            "partial": [1, 0, 0, 0, 0, 0],
            "unavailable.not_held": [2, 0, 0, 1, 0, 0],
        },
        carried_in=[1, 0, 0, 0, 0, 0],
        carried_forward=[0, 1, 0, 0, 0, 0],
    )
    report.sections["overview"] = (
        f"2023年，我局共收到政府信息公开申请{report.applications['new']['total']}件。"
    )
    report.appeals["review"] = {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2}
    if era == "2019":
        report.proactive["licensing"].update(prev_items=6, items=4, change=-2, decisions=9)
    else:
        report.proactive["rules"].update(issued=2, repealed=1, in_force=5)
    return report


def codes(report: Report) -> list[str]:
    return [f.code for f in check(report)]


@pytest.mark.parametrize("era", ["2021", "2019", "2008"])
def test_a_valid_report_has_no_findings(era):
    assert check(valid(era)) == []


def test_every_spec_code_has_a_severity():
    assert set(SEVERITY) == {
        "APP_BALANCE", "APP_RESULTS_SUM", "APP_ROW_SUM", "APPEAL_SUM", "PROACTIVE_CHANGE", "FORMAT_ERA",
        "SECTION_MISSING", "CROSS_YEAR_CARRY", "CROSS_YEAR_IN_FORCE", "LATE_PUBLICATION",
        "NARRATIVE_MISMATCH", "BLANK_CELL", "TABLE_INCOMPLETE", "AMBIGUOUS_CELLS",
        # issue 14: a section printed without its table (an image) is said so, as a warning
        "TABLE_NOT_TEXT",
    }  # fmt: skip


def test_identities_come_from_the_format_data():
    counted = {}
    for identity in identities("2021"):
        counted[identity.code] = counted.get(identity.code, 0) + 1
    apps = FORMATS["2021"].table("applications")
    assert counted == {
        "APP_BALANCE": len(apps.columns),
        "APP_RESULTS_SUM": len(apps.columns),
        "APP_ROW_SUM": len(apps.rows),
        "APPEAL_SUM": 3,
    }
    assert {i.code for i in identities("2019")} >= {"PROACTIVE_CHANGE"}
    assert identities("2008") == ()


def test_app_balance():
    report = valid()
    report.applications["carried_forward"]["natural_person"] = 3
    report.applications["carried_forward"]["total"] += 3
    finding = next(f for f in check(report) if f.code == "APP_BALANCE")
    assert finding.severity == "error"
    assert finding.where["column"] == "natural_person"
    assert (finding.where["expected"], finding.where["found"]) == (7, 10)  # 6 new + 1 carried in; 7 + 3
    assert "自然人" in finding.message


def test_app_results_sum():
    report = valid()
    report.applications["results_total"]["research"] = 1
    report.applications["results_total"]["total"] += 1
    report.applications["new"]["research"] = 1
    report.applications["new"]["total"] += 1
    # the 科研机构 column and the 总计 column; the text still says 9 received
    assert codes(report) == ["APP_RESULTS_SUM", "APP_RESULTS_SUM", "NARRATIVE_MISMATCH"]
    finding = check(report)[0]
    assert finding.where == {
        "table": "applications",
        "column": "research",
        "expected": 0,
        "found": 1,
        "cells": finding.where["cells"],
    }
    assert finding.where["cells"]["results_total.research"] == 1


def test_app_row_sum():
    report = valid()
    report.applications["granted"]["total"] = 6
    found = [f for f in check(report) if f.code == "APP_ROW_SUM"]
    assert [(f.where["row"], f.where["expected"], f.where["found"]) for f in found] == [("granted", 5, 6)]
    assert "予以公开" in found[0].message


def test_appeal_sum():
    report = valid()
    report.appeals["lawsuit_direct"]["pending"] = 2
    finding = next(f for f in check(report) if f.code == "APPEAL_SUM")
    assert (finding.where["group"], finding.where["expected"], finding.where["found"]) == (
        "lawsuit_direct",
        2,
        0,
    )
    assert "未经复议直接起诉" in finding.message


def test_proactive_change_only_where_both_are_printed():
    report = valid("2019")
    report.proactive["licensing"]["change"] = 2
    assert "PROACTIVE_CHANGE" in codes(report)
    del report.proactive["licensing"]["items"]  # optional column not printed: nothing to compare
    assert "PROACTIVE_CHANGE" not in codes(report)


@pytest.mark.parametrize(("era", "year"), [("2019", 2021), ("2021", 2020), ("2008", 2019), ("2021", 2018)])
def test_format_era(era, year):
    report = valid(era)
    report.year = year
    report.published = date(year + 1, 1, 10)
    finding = next(f for f in check(report) if f.code == "FORMAT_ERA")
    assert (finding.where["found"], finding.severity) == (era, "error")


def test_section_missing_in_era_2021_only():
    report = valid()
    del report.sections["problems"]
    finding = next(f for f in check(report) if f.code == "SECTION_MISSING")
    assert finding.where["section"] == "problems"
    assert "存在的主要问题及改进情况" in finding.message
    old = valid("2019")
    del old.sections["problems"]
    assert "SECTION_MISSING" not in codes(old)


@pytest.mark.parametrize(
    ("kind", "published", "late"),
    [
        ("department", date(2024, 1, 31), False),
        ("department", date(2024, 2, 1), True),
        ("government", date(2024, 3, 31), False),
        ("government", date(2024, 4, 1), True),
        (None, date(2024, 3, 1), False),  # kind unknown: the later deadline, no false warning
    ],
)
def test_late_publication(kind, published, late):
    report = valid()
    report.agency_kind, report.published = kind, published
    findings = [f for f in check(report) if f.code == "LATE_PUBLICATION"]
    assert bool(findings) == late
    if late:
        assert findings[0].severity == "warning"
        assert findings[0].where["expected"] == publication_deadline(report).isoformat()


def test_narrative_mismatch():
    report = valid()
    report.sections["overview"] = "2023年，我局共收到政府信息公开申请6件。"
    finding = next(f for f in check(report) if f.code == "NARRATIVE_MISMATCH")
    assert (finding.where["row"], finding.where["expected"], finding.where["found"]) == ("new", 9, 6)
    assert finding.severity == "warning"


def test_narrative_catalogue_count_is_not_an_application_count():
    report = valid()
    report.sections["overview"] = "目录中依申请公开信息459条，共收到申请9件。"
    assert "NARRATIVE_MISMATCH" not in codes(report)


def test_blank_cells():
    report = valid()
    report.blank_cells = {("applications", "carried_in", "research"), ("applications", "new", "research")}
    finding = next(f for f in check(report) if f.code == "BLANK_CELL")
    assert finding.where["cells"] == ["carried_in.research", "new.research"]
    assert finding.severity == "warning"


def test_table_incomplete_and_unknown_identities():
    report = valid()
    del report.applications["carried_forward"]
    report.missing_cells = [("applications", "carried_forward", c) for c in (*APPLICANT_TYPES, "total")]
    assert codes(report) == ["TABLE_INCOMPLETE"]  # the balance is unknown, not false


def test_ambiguous_cells():
    report = valid()
    del report.applications["new"]
    report.ambiguous = [
        Ambiguity("applications", "new", "110000011", ((1, 10, 0, 0, 0, 0, 11), (11, 0, 0, 0, 0, 0, 11)))
    ]
    finding = next(f for f in check(report) if f.code == "AMBIGUOUS_CELLS")
    assert finding.where["candidates"] == [[1, 10, 0, 0, 0, 0, 11], [11, 0, 0, 0, 0, 0, 11]]
    assert "110000011" in finding.message


def test_findings_are_json_ready():
    report = valid("2019")
    report.proactive["procurement"]["amount"] = Decimal("434.936")
    report.applications["granted"]["total"] = 99
    dumped = json.dumps([f.to_dict() for f in check(report)], ensure_ascii=False)
    assert "APP_ROW_SUM" in dumped


# --- series -----------------------------------------------------------------------------------


def test_cross_year_carry():
    before, after = valid(), valid()
    before.year, after.year = 2022, 2023
    after.applications["carried_in"] = dict(before.applications["carried_forward"])
    assert [f for f in check_series([after, before]) if f.code == "CROSS_YEAR_CARRY"] == []
    after.applications["carried_in"]["natural_person"] = 2
    carry = [f for f in check_series([after, before]) if f.code == "CROSS_YEAR_CARRY"]
    assert [(f.where["column"], f.where["expected"], f.where["found"]) for f in carry] == [
        ("natural_person", 0, 2)
    ]
    assert carry[0].severity == "warning" and carry[0].where["year"] == 2023


def test_cross_year_in_force():
    before, after = valid(), valid()
    before.year, after.year = 2022, 2023
    # 5 in force at the end of 2022, +2 −1 in 2023: 6 expected, 5 printed
    finding = next(f for f in check_series([before, after]) if f.code == "CROSS_YEAR_IN_FORCE")
    assert (finding.where["row"], finding.where["expected"], finding.where["found"]) == ("rules", 6, 5)
    after.proactive["rules"]["in_force"] = 6
    assert [f for f in check_series([before, after]) if f.code == "CROSS_YEAR_IN_FORCE"] == []


def test_series_skips_gaps_and_other_eras():
    a, b = valid("2008"), valid()
    b.year = 2023
    assert check_series([a, b]) == []
    c = valid()
    c.year = 2021
    assert check_series([c, b]) == []  # 2022 missing: nothing to compare


def test_appeal_identity_uses_every_outcome():
    assert {o for i in identities("2021") if i.code == "APPEAL_SUM" for _, _, o in i.parts} == set(
        APPEAL_OUTCOMES
    )


@pytest.mark.parametrize(
    ("year", "published", "late"), [(2018, date(2019, 3, 22), False), (2018, date(2019, 4, 1), True)]
)
def test_reports_before_2019_had_31_march_for_every_agency(year, published, late):
    report = valid("2008")
    report.year, report.published = year, published
    findings = [f for f in check(report) if f.code == "LATE_PUBLICATION"]
    assert bool(findings) == late
    if late:
        assert "第三十一条" in findings[0].message


def test_identities_within_printed_cells_are_the_checks_own():
    row = identities_within("2021", "applications", tuple(("granted", c.key) for c in APPLICANT_COLUMNS))
    assert row((5, 1, 0, 0, 0, 0, 6)) and not row((5, 1, 0, 0, 0, 0, 5))
    appeals = identities_within(
        "2021", "appeals", tuple((g.key, c.key) for g in APPEALS.rows for c in APPEAL_COLUMNS)
    )
    assert appeals((1, 0, 0, 0, 1, 0, 1, 0, 1, 2, 0, 0, 0, 0, 0))
    assert not appeals((1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0))
    # a 2019 row's change = items − prev_items, printed in the order 上一年, 本年, 增/减, 处理决定
    change = identities_within(
        "2019",
        "proactive",
        (
            ("licensing", "prev_items"),
            ("licensing", "items"),
            ("licensing", "change"),
            ("licensing", "decisions"),
        ),
    )
    assert change((3, 5, 2, 9)) and not change((3, 5, 1, 9))
    # cells that hold no whole identity (a row without its total) accept any values
    assert identities_within(
        "2021", "applications", (("granted", "natural_person"), ("granted", "commercial"))
    )((7, 9))
