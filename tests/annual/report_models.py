"""Report models for the renderer and reader tests: a realistic one per era and a hypothesis
strategy of random valid ones (every identity of the format holds)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from gongkai.annual.formats import APPEAL_OUTCOMES, APPLICANT_TYPES, FORMATS, OUTCOME_ROWS
from gongkai.annual.model import Report, template

AGENCIES = ("台儿庄区民政局", "枣庄市人民政府", "峄城区教育和体育局", "运河街道办事处", "山东省自然资源厅")
SECTIONS_TEXT = {
    "overview": "（一）主动公开情况\n2023年通过政府信息公开网站主动公开信息277条。\n（二）依申请公开情况\n全年共收到政府信息公开申请12件。",
    "proactive": "",
    "applications": "",
    "appeals": "",
    "problems": "（一）存在的主要问题\n信息公开的力度有待加强。\n（二）改进情况\n一是强化意识引导。",
    "other": "一是收取信息处理费情况。本年度未收取信息处理费。",
}


def _fill_applications(
    report: Report, outcomes: dict[str, list[int]], carried_in: list[int], carried_forward: list[int]
) -> None:
    """Set outcome rows, then the rows the identities determine (results_total, new, totals)."""
    era_outcomes = OUTCOME_ROWS[report.era]
    columns = {key: [0] * 6 for key in era_outcomes}
    columns.update(outcomes)
    rows = dict(columns)
    rows["results_total"] = [sum(columns[k][i] for k in era_outcomes) for i in range(6)]
    rows["carried_in"] = carried_in
    rows["carried_forward"] = carried_forward
    rows["new"] = [rows["results_total"][i] + carried_forward[i] - carried_in[i] for i in range(6)]
    for key, values in rows.items():
        report.applications[key] = {**dict(zip(APPLICANT_TYPES, values, strict=True)), "total": sum(values)}


def realistic(era: str) -> Report:
    """A filled-in report of an era, numbers as an agency would print them."""
    report = template(era)
    report.agency = "台儿庄区民政局"
    report.year = {"2021": 2023, "2019": 2020, "2008": 2015}[era]
    report.published = date(report.year + 1, 1, 16)
    if era == "2008":
        report.legacy = {
            "proactive_total": {"year": 205, "cumulative": 1429},
            "applications_total": {"year": 6, "cumulative": 31},
            "applications_online": {"year": 4, "cumulative": 20},
            "replies_total": {"year": 6, "cumulative": 31},
            "replies_granted": {"year": 5, "cumulative": 27},
            "fee_waiver_amount": {"year": 0, "cumulative": 0},
            "reviews": {"year": 0, "cumulative": 1},
        }
        report.sections = {
            "body": "一、概述\n2015年，我局主动公开信息205条。\n二、依申请公开情况\n全年受理申请6件。"
        }
        return report
    report.sections = dict(SECTIONS_TEXT)
    if era == "2021":
        report.proactive["normative_documents"] = {"issued": 3, "repealed": 1, "in_force": 12}
        report.proactive["licensing"] = {"decisions": 156}
        report.proactive["penalty"] = {"decisions": 4}
        report.proactive["fees"] = {"amount": Decimal("434.936")}
    else:
        for row in ("licensing", "other_services", "penalty", "coercion"):
            report.proactive[row] = {"prev_items": 10, "items": 12, "change": 2, "decisions": 40}
        report.proactive["normative_documents"] = {"made": 2, "published": 2, "total_public": 9}
        report.proactive["fees"] = {"prev_items": 3, "change": -1}
        report.proactive["procurement"] = {"items": 5, "amount": Decimal("251.5")}
    _fill_applications(
        report,
        {
            "granted": [5, 1, 0, 0, 1, 0],
            "partial": [1, 0, 0, 0, 0, 0],
            "unavailable.not_held": [2, 0, 0, 0, 0, 0],
            "not_processed.duplicate": [1, 0, 0, 0, 0, 0],
        },
        carried_in=[1, 0, 0, 0, 0, 0],
        carried_forward=[1, 1, 0, 0, 0, 0],
    )
    report.appeals["review"] = {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    report.appeals["lawsuit_direct"] = {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    return report


small = st.integers(min_value=0, max_value=40)
six = st.lists(small, min_size=6, max_size=6)
money = st.decimals(min_value=0, max_value=99999, places=4, allow_nan=False, allow_infinity=False)


@st.composite
def reports(draw, era: str | None = None) -> Report:
    """A random valid report: every identity holds, values are as a format allows."""
    era = era or draw(st.sampled_from(sorted(FORMATS)))
    fmt = FORMATS[era]
    report = template(era)
    report.agency = draw(st.sampled_from(AGENCIES))
    first, last = fmt.first_year or 2008, fmt.last_year or 2025
    report.year = draw(st.integers(min_value=first, max_value=last))
    report.published = draw(
        st.one_of(st.none(), st.dates(date(report.year + 1, 1, 1), date(report.year + 1, 6, 30)))
    )
    if era == "2008":
        table = fmt.table("legacy")
        keys = draw(
            st.lists(st.sampled_from([r.key for r in table.rows]), min_size=1, max_size=8, unique=True)
        )
        cumulative = draw(st.booleans())
        report.legacy = {}
        for key in keys:
            year = draw(st.integers(min_value=0, max_value=5000))
            report.legacy[key] = {"year": year, **({"cumulative": year + draw(small)} if cumulative else {})}
        return report
    proactive = fmt.table("proactive")
    with_items = draw(st.booleans())
    for row in proactive.rows:
        values = {}
        for column in proactive.columns_of(row):
            if column.optional and not with_items:
                continue
            values[column.key] = (
                draw(money) if column.money else draw(st.integers(min_value=0, max_value=9999))
            )
        if "items" in values and "change" in values and "prev_items" in values:
            values["change"] = values["items"] - values["prev_items"]
        elif "change" in values:
            values["change"] = draw(st.integers(min_value=-50, max_value=50))
        report.proactive[row.key] = values
    outcomes = {
        key: draw(six) for key in draw(st.lists(st.sampled_from(OUTCOME_ROWS[era]), max_size=6, unique=True))
    }
    carried_forward = draw(six)
    results = [sum(v[i] for v in outcomes.values()) for i in range(6)]
    carried_in = [draw(st.integers(min_value=0, max_value=results[i] + carried_forward[i])) for i in range(6)]
    _fill_applications(report, outcomes, carried_in, carried_forward)
    for group in ("review", "lawsuit_direct", "lawsuit_after_review"):
        values = dict(zip(APPEAL_OUTCOMES, draw(st.lists(small, min_size=4, max_size=4)), strict=True))
        report.appeals[group] = {**values, "total": sum(values.values())}
    return report


def same_model(a: Report, b: Report) -> dict:
    """What differs between two reports in the facts a round trip must keep ({} when none)."""
    diff = {}
    for name in ("agency", "year", "era", "proactive", "applications", "appeals", "legacy"):
        left, right = getattr(a, name), getattr(b, name)
        if name in ("proactive", "applications", "appeals", "legacy"):
            left = {r: {c: Decimal(str(v)) for c, v in cols.items()} for r, cols in left.items()}
            right = {r: {c: Decimal(str(v)) for c, v in cols.items()} for r, cols in right.items()}
        if left != right:
            diff[name] = (left, right)
    return diff
