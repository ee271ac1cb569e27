"""The five published seed reports, read by hand: every value below was read off the seed files.

Application rows are written as 7-tuples in the printed column order: 自然人, 商业企业, 科研机构,
社会公益组织, 法律服务机构, 其他, 总计. Appeals as 5-tuples: 维持, 纠正, 其他, 尚未审结, 总计.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.annual.checks import check
from gongkai.annual.formats import APPEAL_COLUMNS, APPLICANT_COLUMNS
from gongkai.annual.parse import read

Z7 = (0, 0, 0, 0, 0, 0, 0)
Z5 = (0, 0, 0, 0, 0)

SEEDS = {
    "000_69e293b2d5903820.txt": {
        "agency": "张店区民政局",
        "year": 2017,
        "era": "2008",
        "published": None,
        "agency_kind": "department",
        # narrative only: 公开信息205条; 未收到公开申请; 未发生…行政复议案、行政诉讼案和有关的申诉案
        "legacy": {
            "proactive_total": {"year": 205},
            "applications_total": {"year": 0},
            "reviews": {"year": 0},
            "lawsuits": {"year": 0},
            "complaints": {"year": 0},
        },
    },
    "001_c94faf85e129d082.txt": {
        "agency": "漳平市民政局",
        "year": 2017,
        "era": "2008",
        "published": date(2018, 1, 5),  # 来源/时间 line; the signature date 201813 lost characters
        "agency_kind": "department",
        "legacy": {
            "proactive_total": {"year": 23, "cumulative": 429},
            "proactive_website": {"year": 23, "cumulative": 429},
            "proactive_gazette": {"year": 0, "cumulative": 0},
            "applications_total": {"year": 0, "cumulative": 0},
            "applications_in_person": {"year": 0, "cumulative": 0},
            "applications_online": {"year": 0, "cumulative": 0},
            "applications_letter_fax": {"year": 0, "cumulative": 0},
            "replies_total": {"year": 0, "cumulative": 0},
            "replies_granted": {"year": 0, "cumulative": 0},
            "replies_partial": {"year": 0, "cumulative": 0},
            "replies_denied": {"year": 0, "cumulative": 0},
            "replies_other": {"year": 0, "cumulative": 0},
            "fee_waiver_amount": {"year": 0, "cumulative": 0},
            "complaints": {"year": 0, "cumulative": 0},
            "reviews": {"year": 0, "cumulative": 0},
            "lawsuits": {"year": 0, "cumulative": 0},
        },
    },
    "002_9d95345f879c4801.txt": {
        "agency": "聊城市民政局",
        "year": 2020,
        "era": "2019",
        "published": None,
        "agency_kind": "department",
        "proactive": {
            "rules": {"made": 2, "published": 1, "total_public": 1},
            "normative_documents": {"made": 1, "published": 1, "total_public": 1},
            "licensing": {"prev_items": 6, "items": 0, "change": -6, "decisions": 0},
            "other_services": {"prev_items": 92, "items": 7, "change": -85, "decisions": 45},
            "penalty": {"prev_items": 42, "items": 3, "change": -39, "decisions": 3},
            "coercion": {"prev_items": 4, "items": 0, "change": -4, "decisions": 0},
            "fees": {"prev_items": 0, "change": 0},
            "procurement": {"items": 11, "amount": Decimal("434.936")},
        },
        "applications": {
            "new": (6, 0, 0, 0, 0, 0, 6),
            "carried_in": Z7,
            "granted": (6, 0, 0, 0, 0, 0, 6),
            "partial": Z7,
            "denied.state_secret": Z7,
            "denied.prohibited_by_law": Z7,
            "denied.security_stability": Z7,
            "denied.third_party": Z7,
            "denied.internal_affairs": Z7,
            "denied.process_info": Z7,
            "denied.enforcement_file": Z7,
            "denied.inquiry_matter": Z7,
            "unavailable.not_held": Z7,
            "unavailable.needs_creation": Z7,
            "unavailable.still_unclear": Z7,
            "not_processed.petition": Z7,
            "not_processed.duplicate": Z7,
            "not_processed.publication": Z7,
            "not_processed.excessive": Z7,
            "not_processed.confirm_or_reissue": Z7,
            "other": Z7,
            "results_total": (6, 0, 0, 0, 0, 0, 6),
            "carried_forward": Z7,
        },
        "appeals": {"review": Z5, "lawsuit_direct": Z5, "lawsuit_after_review": Z5},
    },
    "003_1e04eba79b283af5.txt": {
        "agency": "旅顺口区民政局",  # the title says only 区民政局; the signature names it in full
        "year": 2018,
        "era": "2008",
        "published": date(2019, 3, 22),  # 发表日期 (the signature is dated 2019-03-15)
        "agency_kind": "department",
        # narrative only: 共发布信息796条; 没有收到依申请公开; 没有收到…投诉举报、行政复议、行政诉讼
        "legacy": {
            "proactive_total": {"year": 796},
            "applications_total": {"year": 0},
            "reviews": {"year": 0},
            "lawsuits": {"year": 0},
            "complaints": {"year": 0},
        },
    },
    "004_6e55085021e6342f.txt": {
        "agency": "台儿庄区民政局",
        "year": 2023,
        "era": "2021",
        "published": date(2024, 1, 16),
        "agency_kind": "department",
        "proactive": {
            "rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0},
            "licensing": {"decisions": 0},
            "penalty": {"decisions": 0},
            "coercion": {"decisions": 0},
            "fees": {"amount": 0},
        },
        "applications": {
            "new": Z7,
            "carried_in": Z7,
            "granted": Z7,
            "partial": Z7,
            "denied.state_secret": Z7,
            "denied.prohibited_by_law": Z7,
            "denied.security_stability": Z7,
            "denied.third_party": Z7,
            "denied.internal_affairs": Z7,
            "denied.process_info": Z7,
            "denied.enforcement_file": Z7,
            "denied.inquiry_matter": Z7,
            "unavailable.not_held": Z7,
            "unavailable.needs_creation": Z7,
            "unavailable.still_unclear": Z7,
            "not_processed.petition": Z7,
            "not_processed.duplicate": Z7,
            "not_processed.publication": Z7,
            "not_processed.excessive": Z7,
            "not_processed.confirm_or_reissue": Z7,
            "other.no_correction": Z7,
            "other.fee_unpaid": Z7,
            "other.other": Z7,
            "results_total": Z7,
            "carried_forward": Z7,
        },
        "appeals": {"review": Z5, "lawsuit_direct": Z5, "lawsuit_after_review": Z5},
    },
}


def _rows(rows: dict, columns) -> dict:
    keys = [c.key for c in columns]
    return {row: dict(zip(keys, values, strict=True)) for row, values in rows.items()}


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return {name: read(seeds_dir / name) for name in SEEDS}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_header_facts(seeds, name):
    report, expected = seeds[name], SEEDS[name]
    assert report.agency == expected["agency"]
    assert report.year == expected["year"]
    assert report.era == expected["era"]
    assert report.published == expected["published"]
    assert report.agency_kind == expected["agency_kind"]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_every_table_value(seeds, name):
    report, expected = seeds[name], SEEDS[name]
    assert report.proactive == expected.get("proactive", {})
    assert report.applications == _rows(expected.get("applications", {}), APPLICANT_COLUMNS)
    assert report.appeals == _rows(expected.get("appeals", {}), APPEAL_COLUMNS)
    assert report.legacy == expected.get("legacy", {})
    assert report.missing_cells == []
    assert report.unplaced == []
    assert report.ambiguous == []


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seeds_have_no_error_findings(seeds, name):
    assert [f for f in check(seeds[name]) if f.severity == "error"] == []


def test_seed_warnings_are_the_true_ones(seeds):
    codes = {name: sorted(f.code for f in check(report)) for name, report in seeds.items()}
    assert codes == {
        "000_69e293b2d5903820.txt": [],
        "001_c94faf85e129d082.txt": [],
        # 155 of the 161 application cells were left blank instead of 0
        "002_9d95345f879c4801.txt": ["BLANK_CELL"],
        # a 2018 report published on 2019-03-22: on time under the 2007 Regulation (31 March)
        "003_1e04eba79b283af5.txt": [],
        "004_6e55085021e6342f.txt": [],
    }
    blank = next(f for f in check(seeds["002_9d95345f879c4801.txt"]) if f.code == "BLANK_CELL")
    assert len(blank.where["cells"]) == 155


def test_modern_seeds_have_all_six_sections(seeds):
    for name in ("002_9d95345f879c4801.txt", "004_6e55085021e6342f.txt"):
        assert list(seeds[name].sections) == [
            "overview",
            "proactive",
            "applications",
            "appeals",
            "problems",
            "other",
        ]
    assert "2023年度我局未收到政府信息公开申请" in seeds["004_6e55085021e6342f.txt"].sections["overview"]


def test_seed_repeated_twice_is_read_once(seeds_dir):
    from gongkai.annual.parse import read_document

    text = read_document(seeds_dir / "001_c94faf85e129d082.txt").text
    assert text.count("漳平市民政局2017年政务信息公开年度报告") == 2  # the page title and the report title
    assert text.count("六、存在的主要问题及下一步改进措施") == 1
