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


def test_section_one_states_the_desks_year_briefly_and_each_number_says_where_it_stands():
    a = narrative.Activity(consultations=12, complaints=3, hotline=40, hotline_replied=38, hotline_on_time=36,
                           npc_suggestions=8, cppcc_proposals=7, proposals_replied=15, proposals_published=13,
                           walk_in=452, phone=407, guide_versions=1)
    r = _report()
    drafted = narrative.draft(r, a)
    overview = narrative.text(drafted["overview"])
    # numbered after the parts before it: （一）主动公开 （二）依申请公开 （三）政府信息管理
    assert overview.splitlines()[-2:] == [
        "（四）回应公众关切和建议提案办理情况",
        "本年度，本机关受理群众咨询12件、投诉3件；办理12345政务服务便民热线转办件40件，按期答复率94.7%；"
        "承办人大代表建议8件、政协提案7件，公开办理结果13件。"]
    # section 六 keeps its fuller account
    other = narrative.text(drafted["other"])
    assert "本年度承办人大代表建议8件、政协提案7件，已答复15件，公开办理结果13件。" in other
    assert ("本年度受理群众咨询12件、投诉3件；办理12345政务服务便民热线转办件40件，已答复38件，其中按期答复36件，"
            "按期答复率94.7%；现场接待452人次、接听咨询电话407人次。") in other
    # one source per number, with the words before it, found in the paragraph's text
    paragraph = drafted["overview"][-1]
    assert [(s.ref, s.value, s.before) for s in paragraph.sources] == [
        ("activity.desk_consultations", "12", "咨询"), ("activity.desk_complaints", "3", "投诉"),
        ("activity.desk_hotline", "40", "转办件"), ("activity.desk_hotline_on_time_rate", "94.7%", "按期答复率"),
        ("activity.desk_npc", "8", "人大代表建议"), ("activity.desk_cppcc", "7", "政协提案"),
        ("activity.desk_proposals_published", "13", "公开办理结果")]
    for p in [*drafted["overview"], *drafted["other"]]:
        for s in p.sources:
            if s.ref.startswith("activity.desk_"):
                assert s.before + s.value in p.text, (s, p.text)
    r.sections = {k: narrative.text(v) for k, v in drafted.items()}
    assert not [f for f in check(r) if f.code == "NARRATIVE_MISMATCH"]


def test_section_one_says_nothing_of_a_desk_without_cases_and_only_what_there_was():
    assert "回应公众关切" not in narrative.text(narrative.draft(_report(), narrative.Activity())["overview"])
    drafted = narrative.draft(_report(), narrative.Activity(hotline=2, walk_in=5))
    assert narrative.text(drafted["overview"]).endswith(
        "（三）回应公众关切和建议提案办理情况\n本年度，本机关办理12345政务服务便民热线转办件2件。")
