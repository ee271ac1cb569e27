"""The drafted narrative: plain figures from the report and the activity facts, each traceable,
nothing the figures do not show, and never contradicting the tables (NARRATIVE_MISMATCH)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.annual import narrative
from gongkai.annual.checks import check
from gongkai.annual.model import template


def _report(new=6, granted=4, partial=1, forward=1, year=2025):
    r = template("2021")
    r.year, r.agency = year, "台儿庄区民政局"
    for row, n in (("new", new), ("granted", granted), ("partial", partial), ("carried_forward", forward)):
        r.applications[row]["natural_person"] = r.applications[row]["total"] = n
    r.applications["results_total"]["natural_person"] = r.applications["results_total"]["total"] = granted + partial
    return r


def test_draft_states_the_tables_figures_and_check_finds_no_mismatch():
    r = _report()
    drafted = narrative.draft(r, narrative.Activity(published_total=23, published_by_category=(("社会救助", 20),
                                                                                                  ("养老服务", 3))))
    r.sections = {k: narrative.text(v) for k, v in drafted.items()}
    overview = r.sections["overview"]
    assert "共收到政府信息公开申请6件" in overview and "予以公开4件" in overview and "部分公开1件" in overview
    assert "结转下年度继续办理1件" in overview and "社会救助20条" in overview
    assert not [f for f in check(r) if f.code in ("NARRATIVE_MISMATCH", "SECTION_MISSING")]


def test_every_paragraph_with_a_figure_names_its_sources():
    drafted = narrative.draft(_report(), narrative.Activity(fees_count=1, fees_amount=Decimal("120")))
    for paragraphs in drafted.values():
        for p in paragraphs:
            if any(ch.isdigit() for ch in p.text) and "统计期限" not in p.text:
                assert p.sources, p.text
    other = narrative.text(drafted["other"])
    assert "收取信息处理费1件，共计120.00元" in other


def test_nothing_is_claimed_that_the_figures_do_not_show():
    drafted = narrative.draft(_report(new=0, granted=0, partial=0, forward=0), narrative.Activity())
    text = "\n".join(narrative.text(v) for v in drafted.values())
    assert "共收到政府信息公开申请0件" in text
    assert drafted["problems"] == []  # no late replies, no corrections: nothing invented
    assert "建议" not in text and "考核" not in text


def test_change_from_last_year():
    drafted = narrative.draft(_report(new=6), narrative.Activity(), previous=_report(new=4))
    assert "较上年增加2件" in narrative.text(drafted["overview"])


def test_assessment_results_close_section_five_numbered_after_its_parts():
    problems = "（一）存在的主要问题\n本年度工作中，一是有1件申请未在法定期限内答复。"
    assert narrative.with_assessment(problems, "经区政府考核，评为优秀等次。").splitlines()[-2:] == [
        "（二）工作考核、社会评议和责任追究结果", "经区政府考核，评为优秀等次。"]
    assert narrative.with_assessment("", "未发生责任追究。").startswith("（一）工作考核")
    assert narrative.with_assessment(problems, " ") == problems


def test_late_replies_and_proposals_are_reported_where_the_system_has_them():
    drafted = narrative.draft(_report(), narrative.Activity(replied_on_time=4, replied_late=1, npc_suggestions=3,
                                                            cppcc_proposals=2, proposals_replied=5))
    assert "有1件申请未在法定期限内答复" in narrative.text(drafted["problems"])
    assert "按期答复率80.0%" in narrative.text(drafted["overview"])
    assert "承办人大代表建议3件、政协提案2件，已答复5件" in narrative.text(drafted["other"])
