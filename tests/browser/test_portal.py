"""In the browser, as a member of the public: find the 低保 notice by typing 低保, read it, apply
online (the page solves its proof-of-work challenge), a clerk confirms the submission and the
application is answered, and the applicant sees the reply on the status page. Also: the large-
font mode persists across pages, and the portal is usable at 390 px. Screenshots go to /tmp."""

from __future__ import annotations

import re

import pytest

from gongkai import clock
from gongkai.applications import letters, services
from tests.catalogue.conftest import _data_dir, categories, draft, publish  # noqa: F401 - fixtures
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "/tmp/gongkai-portal"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_find_read_apply_confirm_answer_and_see_the_reply(page, login, users, agencies, draft, publish):  # noqa: F811
    notice = publish(draft(doc_number="台民发〔2025〕12号", body="<p>城市低保标准提高到每人每月890元。</p>"))
    page.goto("/xxgk/")
    page.fill("#site-q", "低保")
    with page.expect_navigation():
        page.press("#site-q", "Enter")
    assert page.locator("mark", has_text="低保").count() >= 1
    with page.expect_navigation():
        page.click(f"a[href='/xxgk/items/{notice.pk}/']")
    assert page.locator("h1").inner_text() == notice.title
    assert "台民发〔2025〕12号" in page.locator(".item-meta").inner_text()
    page.screenshot(path=f"{SHOTS}-item-desktop.png", full_page=True)

    page.click("nav.site-nav >> text=网上申请")
    page.select_option("#id_agency", str(agencies.dept.pk))
    page.fill("#id_applicant_name", "王某某")
    page.fill("#id_id_number", "370402199001011238")
    page.set_input_files("#id_id_scan", {"name": "身份证.png", "mimeType": "image/png", "buffer": PNG})
    page.fill("#id_phone", "13800001234")
    page.fill("#id_description", "2025年度城乡低保资金发放明细")
    page.select_option("#id_form", "paper")
    page.select_option("#id_delivery", "pickup")
    with page.expect_navigation(timeout=30_000):
        page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "申请已提交"
    number = page.locator("[data-testid=number]").inner_text()
    code = page.locator("[data-testid=code]").inner_text()
    assert re.fullmatch(r"WSQ\d{4}[0-9A-Z]{8}", number)

    page.context.clear_cookies()
    login("clerk", DEMO_PASSWORD)
    page.goto("/online/")
    row = page.locator("tr", has_text=number)
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    assert "已确认收到" in page.content()
    from gongkai.portal.models import Submission

    application = Submission.objects.get(number=number).application
    assert application.channel == "online" and application.received_on == clock.today()
    day = clock.today()
    letters.draft_reply(application, users.clerk, on=day, outcomes={1: ("granted", "")})
    letters.review(application, users.reviewer, on=day)
    letters.sign_off(application, users.leader, on=day)
    services.send_reply(application, users.clerk, on=day)

    page.context.clear_cookies()
    page.goto("/xxgk/query/")
    page.fill("#id_number", number)
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("[data-testid=stage]").inner_text() == "已答复"
    assert "答复书（予以公开）" in page.locator("main").inner_text()
    assert "370402199001011238" not in page.content()
    with page.expect_download() as download:
        page.click("text=下载答复书")
    assert download.value.suggested_filename.endswith(".docx")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}-status-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_large_font_mode_persists_and_the_skip_link_is_first_in_tab_order(page, db):
    page.goto("/xxgk/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.click("[data-view-mode=large]")
    assert "view-large" in page.evaluate("document.documentElement.className")
    page.goto("/xxgk/catalogue/")
    assert "view-large" in page.evaluate("document.documentElement.className")
    assert page.get_attribute("[data-view-mode=large]", "aria-pressed") == "true"
    page.set_viewport_size({"width": 390, "height": 844})
    for url in ("/xxgk/catalogue/", "/xxgk/", "/xxgk/search/?q=低保", "/xxgk/apply/", "/xxgk/query/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    page.screenshot(path=f"{SHOTS}-apply-phone-large.png", full_page=True)
