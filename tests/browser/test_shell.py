"""The staff shell in a phone-sized browser: login, home page, agency switcher, logout."""

from __future__ import annotations

import pytest

from tests.conftest import DEMO_PASSWORD

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_clerk_logs_in_on_a_phone_and_switches_agency(phone, login, agencies, users):
    from gongkai.agencies.models import Membership

    Membership.objects.create(user=users.clerk, agency=agencies.township, role="clerk")
    phone.goto("/login/")
    assert _fits_the_screen(phone)
    login("clerk", DEMO_PASSWORD)
    assert phone.locator("main h1").inner_text() == "工作台"
    assert "经办人 · 我的工作" in phone.locator("main").inner_text()
    assert _fits_the_screen(phone)
    phone.select_option("#agency-switch", label="台儿庄区运河街道办事处")
    with phone.expect_navigation():
        phone.click(".switcher button")
    assert "当前机关已切换为 台儿庄区运河街道办事处" in phone.locator(".messages").inner_text()
    with phone.expect_navigation():
        phone.click("text=退出")
    assert phone.url.endswith("/login/")


def test_wrong_password_shows_the_generic_message(phone, login, users):
    login("clerk", "wrong-password")
    assert phone.locator("[role=alert]").inner_text() == "用户名或密码不正确。"
