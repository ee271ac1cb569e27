"""In the browser, on the demo: 台儿庄区民政局's clerk opens the 2025 annual report (published by
the demo), starts a correction, has the text drafted again from the records, and the draft states
the service desk's year in sections 一 and 六 — matching a count made here directly from the desk
cases and reception rows, without the code that drafts — each number linking to its cases."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from gongkai.agencies.models import Agency
from gongkai.desk.models import Case, Reception
from gongkai.reports.models import Report
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

AGENCY = "台儿庄区民政局"
YEAR = 2025


def _counted(agency: Agency) -> dict[str, int]:
    """The year's desk counts, taken from the rows as a reader of the registers would count them."""
    cases = [c for c in Case.objects.filter(agency=agency) if c.received_on.year == YEAR]

    def kind(name: str) -> list[Case]:
        return [c for c in cases if c.kind == name]

    hotline = kind("hotline")
    replied = [c for c in hotline if c.replied_on is not None]
    proposals = kind("npc") + kind("cppcc")
    visits = {"walk_in": 0, "phone": 0}
    for row in Reception.objects.filter(agency=agency):
        if row.on.year == YEAR:
            visits[row.channel] += row.count
    return {
        "consultations": len(kind("consultation")), "complaints": len(kind("complaint")),
        "hotline": len(hotline), "hotline_replied": len(replied),
        "hotline_on_time": sum(1 for c in replied if c.replied_on <= c.due_on),
        "npc": len(kind("npc")), "cppcc": len(kind("cppcc")),
        "proposals_replied": sum(1 for c in proposals if c.replied_on is not None),
        "proposals_published": sum(1 for c in proposals if c.published_on is not None),
        **visits,
    }


def _percent(part: int, whole: int) -> str:
    return f"{(Decimal(part) / Decimal(whole) * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_EVEN)}%"


def test_the_demo_2025_report_states_the_desks_counts(page, login):
    from gongkai.web.demo import load_all

    load_all()
    agency = Agency.objects.get(name=AGENCY)
    report = Report.objects.get(agency=agency, year=YEAR)
    assert report.state == "published"  # the demo published it: drafting again goes through a correction
    n = _counted(agency)
    assert all(n.values()), n  # a realistic year: some of everything
    assert n["hotline_on_time"] < n["hotline_replied"]  # some late replies, so the rate is not a trivial 100%
    rate = _percent(n["hotline_on_time"], n["hotline_replied"])

    login("minzheng_clerk", DEMO_PASSWORD)
    page.goto(f"/reports/?agency={agency.pk}")
    with page.expect_navigation():
        page.click(f"#reports >> text={YEAR}年度报告")
    assert page.locator("#report-state").inner_text() == "已发布"
    form = page.locator("#workflow form:has(#step-correct)")
    form.locator("textarea").fill("按服务台全年办理记录重新生成正文")
    with page.expect_navigation():
        form.locator("#step-correct").click()
    assert page.locator("#report-state").inner_text() == "草稿"
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#text >> text=按数据重新生成初稿")
    assert "已按当前数据重新生成正文初稿" in page.locator(".messages").inner_text()

    paper = page.locator("#paper").inner_text()
    section_one = paper[paper.index("一、"):paper.index("二、")]
    section_six = paper[paper.index("六、"):]
    assert "回应公众关切和建议提案办理情况" in section_one
    assert (f"本年度，本机关受理群众咨询{n['consultations']}件、投诉{n['complaints']}件；"
            f"办理12345政务服务便民热线转办件{n['hotline']}件，按期答复率{rate}；"
            f"承办人大代表建议{n['npc']}件、政协提案{n['cppcc']}件，公开办理结果{n['proposals_published']}件。"
            ) in section_one
    assert (f"本年度承办人大代表建议{n['npc']}件、政协提案{n['cppcc']}件，已答复{n['proposals_replied']}件，"
            f"公开办理结果{n['proposals_published']}件。") in section_six
    assert (f"本年度受理群众咨询{n['consultations']}件、投诉{n['complaints']}件；"
            f"办理12345政务服务便民热线转办件{n['hotline']}件，已答复{n['hotline_replied']}件，"
            f"其中按期答复{n['hotline_on_time']}件，按期答复率{rate}；"
            f"现场接待{n['walk_in']}人次、接听咨询电话{n['phone']}人次。") in section_six

    # every desk number in the text is a link to its cases; the first (咨询, section 一) lists them
    links = page.locator("#paper a.figure-link")
    keys = [re.search(r"/desk/figures/2025/([a-z_]+)/", links.nth(i).get_attribute("href") or "").group(1)
            for i in range(links.count())]
    assert keys[:7] == ["consultations", "complaints", "hotline", "hotline_on_time_rate", "npc", "cppcc",
                        "proposals_published"]
    assert len(keys) == 19 and {links.nth(i).inner_text() for i in range(2)} == {
        str(n["consultations"]), str(n["complaints"])}
    with page.expect_navigation():
        links.first.click()
    assert page.locator("#figure-value").inner_text() == str(n["consultations"])
    assert page.locator("#records tbody tr").count() == n["consultations"]
    received = {dt.date.fromisoformat(d) for d in page.locator("#records td[data-label=收到]").all_inner_texts()}
    assert received and all(d.year == YEAR for d in received)
    assert not re.search(r"1[3-9]\d{9}", page.locator("#records").inner_text())  # contacts masked
