"""In the browser: the 区政府's supervisor opens the deadline board and sees every department and
township with its status, and the government's unpublished area report as its status only; the
government's clerk opens that report, drafted from the departments' reports and its own records:
it balances (no error finding), and an aggregate cell lists the departments behind it."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai import clock
from gongkai.reports import services
from gongkai.reports.models import Scope
from tests.applications.conftest import records, register  # noqa: F401 - fixtures
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

JANUARY = dt.datetime(2026, 1, 21, 10, 0, tzinfo=clock.ZONE)


def test_board_lists_every_agency_and_the_area_report_balances(page, login, records, agencies, users,  # noqa: F811
                                                             make_user):
    gov_clerk = make_user("gov_clerk", (agencies.gov, "clerk"))
    clock.set_to(JANUARY)
    services.draft(agencies.dept, 2025, users.clerk)
    area = services.draft(agencies.gov, 2025, gov_clerk, scope=Scope.AREA)

    login("supervisor", DEMO_PASSWORD)
    page.goto(f"/reports/deadlines/?agency={agencies.gov.pk}&year=2025")
    board = page.locator("main").inner_text()
    for name in ("台儿庄区人民政府", "台儿庄区民政局", "台儿庄区教育和体育局", "台儿庄区运河街道办事处"):
        assert name in board
    assert "未生成" in board and "草稿" in board

    page.goto(f"/reports/{area.pk}/")  # unpublished: the supervisor sees its status, not its content
    assert "监督机关只能查看未公开年度报告的状态" in page.locator("main").inner_text()
    assert "错误0条" in page.locator("#findings h2").inner_text()
    assert page.locator(f"a[href='/reports/{area.pk}/cell/applications/new/total/']").count() == 0

    page.context.clear_cookies()
    login("gov_clerk", DEMO_PASSWORD)
    page.goto(f"/reports/{area.pk}/")
    findings = page.locator("#findings h2").inner_text()
    assert "其中错误0条" in findings, findings
    with page.expect_navigation():
        page.click(f"a[href='/reports/{area.pk}/cell/applications/new/total/']")
    assert "台儿庄区民政局" in page.locator("main").inner_text()
