"""In the browser: a clerk drafts an item, a reviewer screens it (one planted phone number, redacted
in place) and approves it, a leader signs it off, and it is published with the agency's index
number and an on-time deadline status. Screenshots (desktop and a 390 px phone) go to /tmp."""

from __future__ import annotations

import re

import pytest

from gongkai import clock
from gongkai.catalogue import services
from tests.catalogue.conftest import _data_dir, categories, draft, publish  # noqa: F401 - fixtures
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "/tmp/gongkai-catalogue"
TITLE = "台儿庄区民政局关于调整城乡居民最低生活保障标准的通知"


def shoot(page, name: str) -> None:
    """A full-page screenshot at desktop width, then at a 390 px phone width."""
    page.screenshot(path=f"{SHOTS}-{name}-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}-{name}-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def act(page, transition: str, comment: str = "") -> None:
    form = page.locator(f"#workflow form:has(button[data-transition={transition}])")
    if comment:
        form.locator("textarea").fill(comment)
    with page.expect_navigation():
        form.locator("button").click()


def switch_user(page, login, username: str) -> None:
    page.context.clear_cookies()
    login(username, DEMO_PASSWORD)


def test_draft_screen_approve_sign_off_publish(page, login, users, agencies, categories):  # noqa: F811
    today = clock.today()
    login("clerk", DEMO_PASSWORD)
    page.click("nav.mainnav >> text=主动公开")
    page.click("text=起草新信息")
    page.fill("#id_title", TITLE)
    page.fill("#id_doc_number", f"台民发〔{today.year}〕12号")
    page.fill("#id_date_made", today.isoformat())
    page.select_option("#id_genre", "notice")
    page.select_option("#id_category", str(categories["1104"].pk))
    page.select_option("#id_art20_item", "11")
    page.fill("#id_summary", "调整城乡居民最低生活保障标准。")
    assert not page.locator("#field-withheld_reason").is_visible()  # only for 不予公开
    page.locator(".rte-edit").fill("各镇街：经研究，城乡低保标准调整如下。咨询电话：13912345678。")
    page.click(".rte-bar >> text=加粗")
    assert "13912345678" in page.locator("#id_body").input_value()  # the editor writes the field
    with page.expect_navigation():
        page.click("text=保存草稿")
    assert page.locator("#item-state").inner_text() == "起草"
    assert page.locator("#index-number").inner_text() == "（发布时生成）"
    act(page, "submit")
    assert page.locator("#item-state").inner_text() == "保密审查"
    item_url = page.url

    switch_user(page, login, "reviewer")
    page.goto(item_url)
    finding = page.locator("#findings .finding")
    assert finding.count() == 1
    assert "正文" in finding.inner_text() and "13912345678" not in finding.inner_text()
    assert "还有 1 项审查发现未处理" in page.locator("#findings").inner_text()
    shoot(page, "review")
    act(page, "approve")  # refused while the finding is open: the page again with the core's message
    assert "未处理" in page.locator("#item-error").inner_text()
    with page.expect_navigation():
        finding.locator("button[value=redacted]").click()  # masks the number in the body in place
    assert "已删除/遮盖" in page.locator("#findings .finding").inner_text()
    body = page.locator(".cat-body").first.inner_text()
    assert "13912345678" not in body and "139****5678" in body
    act(page, "approve", "无涉密内容，同意公开")
    assert page.locator("#item-state").inner_text() == "待领导签发"

    switch_user(page, login, "leader")
    page.goto(item_url)
    assert page.locator("#workflow button").all_inner_texts() == ["签发", "退回修改"]
    act(page, "sign_off", "同意")
    assert page.locator("#item-state").inner_text() == "已发布"
    index_number = page.locator("#index-number").inner_text()
    assert re.fullmatch(rf"{re.escape(agencies.dept.org_code)}/{today.year}-00001", index_number)
    assert page.locator("#date-published").inner_text() == today.isoformat()
    assert page.locator(".cat-head .badge.on_time").inner_text() == "按期"
    history = page.locator("#history").inner_text()
    for step in ("起草", "提交保密审查", "处理审查发现", "审查通过", "领导签发"):
        assert step in history
    shoot(page, "published")

    page.click(".cat-subnav >> text=信息目录")
    row = page.locator("table.cat-table tbody tr", has_text=TITLE)
    assert index_number in row.inner_text() and "按期" in row.inner_text()
    shoot(page, "list")


def test_every_catalogue_page_fits_a_phone(page, login, users, draft, publish):  # noqa: F811
    """Each page renders in Chromium and, at 390 px, scrolls only vertically (tables stack)."""
    item = publish(draft(body="<p>联系电话13912345678</p>"))
    services.mark_channel(item, users.clerk, channel="archive", on=item.date_published)
    login("clerk", DEMO_PASSWORD)
    pages = {
        "form": "/catalogue/new/",
        "deadlines": "/catalogue/deadlines/",
        "statistics": f"/catalogue/statistics/?year={item.date_published.year}",
        "figures": "/catalogue/figures/?year=2025",
        "guide": "/catalogue/guide/",
        "handover": "/catalogue/handover/",
        "categories": "/catalogue/categories/",
        "detail": f"/catalogue/{item.pk}/",
    }
    page.set_viewport_size({"width": 390, "height": 844})
    for name, url in pages.items():
        page.goto(url)
        assert page.locator("h1").count() == 1, name
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} is {overflow}px too wide for a phone"
        page.screenshot(path=f"{SHOTS}-{name}-phone.png", full_page=True)
    assert page.locator("#findings .finding").count() == 1
    page.set_viewport_size({"width": 1280, "height": 900})
    for name in ("statistics", "figures", "form"):
        page.goto(pages[name])
        page.screenshot(path=f"{SHOTS}-{name}-desktop.png", full_page=True)
    assert page.locator("#id_title").count() == 1
