"""The service desk's year in the report narrative (sections 一 and 六): the draft states the counts
of consultations, complaints, 12345 transfers (with the on-time rate), proposals and reception,
matching a count made here independently of the code that drafts; the figure pages list the same
counts; each number on the report page links to its cases, and the published report links nowhere."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.desk import services as desk
from gongkai.desk.models import Case
from gongkai.reports import services

D = dt.date
JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)


def _case(users, agency, kind: str, received: dt.date, n: int, **extra):
    fields = {"kind": kind, "channel": "phone", "title": f"事项{n}", "topic": "社会救助", "question": "请问如何办理？",
              "asker_name": "张三", "asker_phone": "13812345678", "received_on": received, "consent": False}
    if kind == "hotline":
        fields |= {"channel": "hotline", "number": f"GD2025{n:06d}"}
    return desk.register(users.clerk, agency, **(fields | extra))


def test_the_draft_states_the_desks_year(agencies, users):
    dept = agencies.dept
    with clock.moved_to(dt.datetime(2025, 12, 30, 10, 0, tzinfo=clock.ZONE)):
        for n in range(3):
            _case(users, dept, "consultation", D(2025, 3, 3 + n), n)
        _case(users, dept, "complaint", D(2025, 4, 1), 10)
        _case(users, dept, "consultation", D(2024, 12, 30), 11)  # last year's: not counted
        hotline = [_case(users, dept, "hotline", D(2025, 6, 2), 20 + n, due_on=D(2025, 6, 9)) for n in range(4)]
        desk.reply(hotline[0], users.clerk, text="已答复", on=D(2025, 6, 5))
        desk.reply(hotline[1], users.clerk, text="已答复", on=D(2025, 6, 9))
        desk.reply(hotline[2], users.clerk, text="已答复", on=D(2025, 6, 20))  # late
        for day, walk_in, phone in ((D(2025, 5, 6), 7, 2), (D(2025, 5, 7), 5, 0), (D(2024, 5, 7), 9, 9)):
            desk.count_reception(users.clerk, dept, on=day, channel="walk_in", set_to=walk_in)
            desk.count_reception(users.clerk, dept, on=day, channel="phone", set_to=phone)
    with clock.moved_to(JANUARY):
        report = services.draft(dept, 2025, users.clerk)
    other = report.sections["other"]
    # Counted by hand: 3 consultations and 1 complaint in 2025; 4 transfers, 3 replied, 2 of them by
    # 9 June; 7 + 5 visits and 2 + 0 calls in 2025.
    assert "受理群众咨询3件、投诉1件" in other
    assert "办理12345政务服务便民热线转办件4件，已答复3件，其中按期答复2件，按期答复率66.7%" in other
    assert "现场接待12人次、接听咨询电话2人次" in other
    refs = {s[0]: s[2] for _, sources in report.sources["other"] for s in sources}
    assert refs["activity.desk_hotline"] == "4" and refs["activity.desk_hotline_on_time"] == "2"


def test_a_year_without_desk_work_says_nothing_of_it(agencies, users):
    with clock.moved_to(JANUARY):
        report = services.draft(agencies.dept, 2025, users.clerk)
    assert "12345" not in report.sections["other"] and "现场接待" not in report.sections["other"]


# --- sections 一 and 六 from real cases, the figure pages, and the links between them -------------


def _year_of_desk_work(users, agencies, make_user):
    """A year of 民政局's desk (and a little of 教育和体育局's) through the services. Counted by hand
    for 民政局 2025: 3 consultations, 1 complaint; 4 transfers, 3 replied, 2 on time (66.7%); NPC
    suggestions 3 (2 main, 1 assisting), CPPCC proposals 2; 4 proposals replied, 1 reply on the
    portal (a second was published, then withdrawn; a third declined); 12 visits, 2 calls."""
    dept = agencies.dept
    with clock.moved_to(dt.datetime(2025, 12, 30, 10, 0, tzinfo=clock.ZONE)):
        for n in range(3):
            _case(users, dept, "consultation", D(2025, 3, 3 + n), n)
        _case(users, dept, "complaint", D(2025, 4, 1), 10)
        _case(users, dept, "consultation", D(2024, 12, 30), 11)
        hotline = [_case(users, dept, "hotline", D(2025, 6, 2), 20 + n, due_on=D(2025, 6, 9)) for n in range(4)]
        for case, day in zip(hotline, (D(2025, 6, 5), D(2025, 6, 9), D(2025, 6, 20)), strict=False):
            desk.reply(case, users.clerk, text="已答复", on=day)
        proposal = {"channel": "assigned", "asker_name": "", "asker_phone": "", "member": "李代表", "role": "main"}
        npc = [_case(users, dept, "npc", D(2025, 4, 10), n, number=f"第{n}号", **proposal) for n in (1, 2)]
        npc.append(_case(users, dept, "npc", D(2025, 4, 10), 3, number="第3号", **(proposal | {"role": "assisting"})))
        cppcc = [_case(users, dept, "cppcc", D(2025, 4, 10), n, number=f"第{n}号", **(proposal | {"member": "周委员"}))
                 for n in (1, 2)]
        _case(users, dept, "npc", D(2024, 4, 10), 9, number="第9号", **proposal)  # last year's
        replied = [desk.reply(c, users.clerk, text="经研究，已采纳。", on=D(2025, 6, 30)) for c in (*npc[:2], *cppcc)]
        for case in replied[1:3]:
            case = desk.propose(case, users.clerk, title=f"对{case.member}建议的答复", question="",
                                reply_text="已会同有关部门研究落实。")
            desk.publish(case, users.reviewer, on=D(2025, 7, 10))
        desk.withdraw(Case.objects.get(pk=replied[1].pk), users.reviewer, comment="答复内容需更新")
        desk.decline(replied[3], users.reviewer, comment="涉及尚在研究的财政安排")
        for day, walk_in, phone in ((D(2025, 5, 6), 7, 2), (D(2025, 5, 7), 5, 0), (D(2024, 5, 7), 9, 9)):
            desk.count_reception(users.clerk, dept, on=day, channel="walk_in", set_to=walk_in)
            desk.count_reception(users.clerk, dept, on=day, channel="phone", set_to=phone)
        other = make_user("jiaoyu_clerk", (agencies.dept2, "clerk"))
        _case(SimpleNamespace(clerk=other), agencies.dept2, "consultation", D(2025, 8, 1), 30)
        desk.count_reception(other, agencies.dept2, on=D(2025, 8, 1), channel="phone", set_to=6)


@pytest.fixture
def desk_year(users, agencies, make_user):
    _year_of_desk_work(users, agencies, make_user)
    return agencies


def test_section_one_states_the_counts_of_real_cases(desk_year, users):
    with clock.moved_to(JANUARY):
        report = services.draft(desk_year.dept, 2025, users.clerk)
    overview = report.sections["overview"]
    assert ("本年度，本机关受理群众咨询3件、投诉1件；办理12345政务服务便民热线转办件4件，按期答复率66.7%；"
            "承办人大代表建议3件、政协提案2件，公开办理结果1件。") in overview
    assert "本年度承办人大代表建议3件、政协提案2件，已答复4件，公开办理结果1件。" in report.sections["other"]
    assert "受理群众咨询3件、投诉1件" in report.sections["other"]  # section 六 as before


#: Activity's field → the `desk_figures` key counting the same records
SAME = {"consultations": "consultations", "complaints": "complaints", "hotline": "hotline",
        "hotline_replied": "hotline_replied", "hotline_on_time": "hotline_on_time", "npc_suggestions": "npc",
        "cppcc_proposals": "cppcc", "proposals_replied": "proposals_replied",
        "proposals_published": "proposals_published", "walk_in": "walk_in", "phone": "phone"}


def test_the_narratives_counts_and_the_figure_pages_agree(desk_year):
    from gongkai.desk.queries import desk_figures
    from gongkai.reports.activity import activities

    facts = activities([desk_year.dept.pk, desk_year.dept2.pk], 2025)
    for agency in (desk_year.dept, desk_year.dept2):
        figures = desk_figures(agency, 2025)
        stated = {field: getattr(facts[agency.pk], field) for field in SAME}
        listed = {field: figures[key].value for field, key in SAME.items()}
        assert stated == listed, agency.name
        for field, key in SAME.items():  # and each list holds what its number counts
            queryset = figures[key].queryset
            held = sum(queryset.values_list("count", flat=True)) if key in ("walk_in", "phone") else queryset.count()
            assert held == stated[field], (agency.name, key)
    # and both are what was registered (hand count in `_year_of_desk_work`)
    assert {f: getattr(facts[desk_year.dept.pk], f) for f in SAME} == {
        "consultations": 3, "complaints": 1, "hotline": 4, "hotline_replied": 3, "hotline_on_time": 2,
        "npc_suggestions": 3, "cppcc_proposals": 2, "proposals_replied": 4, "proposals_published": 1,
        "walk_in": 12, "phone": 2}
    assert (facts[desk_year.dept2.pk].consultations, facts[desk_year.dept2.pk].phone) == (1, 6)


FIGURE_LINK = re.compile(r'<a href="([^"]+)" class="figure-link"[^>]*>([^<]+)</a>')


def test_each_desk_number_on_the_report_page_links_to_its_cases(desk_year, users, client):
    with clock.moved_to(JANUARY):
        report = services.draft(desk_year.dept, 2025, users.clerk)
    client.force_login(users.clerk)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    paper = page[page.index('id="paper"'):page.index("</article>")]
    links = FIGURE_LINK.findall(paper)
    shown = [(href.split("/")[4], text) for href, text in links]
    # section 一's numbers, then section 六's, in the order the text states them
    assert shown == [
        ("consultations", "3"), ("complaints", "1"), ("hotline", "4"), ("hotline_on_time_rate", "66.7%"),
        ("npc", "3"), ("cppcc", "2"), ("proposals_published", "1"),
        ("npc", "3"), ("cppcc", "2"), ("proposals_replied", "4"), ("proposals_published", "1"),
        ("consultations", "3"), ("complaints", "1"), ("hotline", "4"), ("hotline_replied", "3"),
        ("hotline_on_time", "2"), ("hotline_on_time_rate", "66.7%"), ("walk_in", "12"), ("phone", "2")]
    assert all(href.endswith(f"?agency={desk_year.dept.pk}") for href, _ in links)
    sources = page[page.index('class="sources"'):]
    assert len(FIGURE_LINK.findall(sources)) == len(links)  # the list of sources links them too
    for href, text in {(h.replace("&amp;", "&"), t) for h, t in links}:
        listed = client.get(href).content.decode()
        assert f'<span id="figure-value">{text}</span>' in listed, href
        if "walk_in" not in href and "phone" not in href and "rate" not in href:
            assert listed.count('class="app-tracking"') == int(text), href
        assert "13812345678" not in listed


def test_an_edited_paragraph_keeps_its_text_unlinked(desk_year, users, client):
    with clock.moved_to(JANUARY):
        report = services.draft(desk_year.dept, 2025, users.clerk)
        sections = dict(report.sections)
        sections["other"] = sections["other"].replace("受理群众咨询3件", "受理群众咨询30件")
        services.save_text(report, users.clerk, sections=sections)
    client.force_login(users.clerk)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    paper = page[page.index('id="paper"'):page.index("</article>")]
    assert "受理群众咨询30件" in paper  # staff's words, not linked: the count is no longer the records'
    assert [h.split("/")[4] for h, _ in FIGURE_LINK.findall(paper)].count("walk_in") == 0


def test_the_published_report_on_the_portal_links_nothing_in_the_workspace(desk_year, users, client):
    with clock.moved_to(JANUARY):
        report = services.draft(desk_year.dept, 2025, users.clerk)
        report = services.submit(report, users.clerk)
        report = services.approve(report, users.reviewer)
        services.publish(report, users.leader)
    public = client.get(reverse("portal:report", args=[desk_year.dept.slug, 2025])).content.decode()
    assert "受理群众咨询3件" in public and "承办人大代表建议3件" in public
    assert "/desk/" not in public and "figure-link" not in public


def test_a_draft_from_before_the_links_shows_its_sources_unlinked(desk_year, users, client):
    """Drafts stored before each desk number had its own source (listings such as 咨询3件、投诉1件)
    are shown as they are, without a link that would lead to only part of what they count."""
    with clock.moved_to(JANUARY):
        report = services.draft(desk_year.dept, 2025, users.clerk)
    paragraph = next(text for text in report.sections["other"].splitlines() if text.startswith("本年度受理群众"))
    legacy = {"other": [[paragraph, [["activity.desk_consultations", "受理咨询、投诉", "咨询3件、投诉1件"],
                                     ["activity.desk_reception", "现场接待、咨询电话（人次）", "现场接待12人次"]]]]}
    type(report).objects.filter(pk=report.pk).update(sources=legacy)  # as such a draft was stored
    client.force_login(users.clerk)
    response = client.get(f"/reports/{report.pk}/")
    page = response.content.decode()
    assert response.status_code == 200 and "受理咨询、投诉：咨询3件、投诉1件" in page
    assert "figure-link" not in page
