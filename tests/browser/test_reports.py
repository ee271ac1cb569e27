"""In the browser: 台儿庄区民政局 produces its 2025 annual report from its records, a number is
clicked and shows its applications, a wrong hand-entered figure blocks approval until it is
removed, the leader signs off and publishes, and the published .docx read back by
`gongkai report audit` has complete tables and no error finding."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai import clock
from gongkai.annual.formats import FORMATS
from tests.applications.conftest import records, register  # noqa: F401 - fixtures
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)


def switch_user(page, login, username: str) -> None:
    page.context.clear_cookies()
    login(username, DEMO_PASSWORD)


def open_report(page) -> None:
    page.click("nav.mainnav >> text=年度报告")
    page.click("#reports >> text=2025年度报告")


def step(page, name: str, comment: str = "", timeout: float = 10_000) -> None:
    form = page.locator(f"#workflow form:has(#step-{name})")
    if comment:
        form.locator("textarea").fill(comment)
    with page.expect_navigation(timeout=timeout):
        form.locator(f"#step-{name}").click(timeout=timeout)


def enter_figure(page, cell: str, value: str, source: str = "") -> None:
    """Enter one cell by hand on the report page (a blank value goes back to the records)."""
    page.select_option("#id_cell", cell)
    page.fill("#id_value", value)
    page.fill("#id_source", source)
    with page.expect_navigation():
        page.click("#figure-form button")


def test_produce_check_sign_off_publish_and_audit(page, login, users, agencies, records, tmp_path):  # noqa: F811
    clock.set_to(JANUARY)
    login("clerk", DEMO_PASSWORD)
    page.click("nav.mainnav >> text=年度报告")
    page.fill("#start-year", "2025")
    with page.expect_navigation():
        page.click("#start-report")
    assert "2025年度报告" in page.locator("h1").first.inner_text()
    assert "共收到政府信息公开申请4件" in page.locator("#paper").inner_text()

    # a number is clicked and shows its applications
    with page.expect_navigation():
        page.click('[data-cell="applications.new.total"]')
    assert page.locator("#record-count").inner_text() == "4条"
    assert page.locator("#records tbody tr").count() == 4
    assert page.locator("#records a[href^='/applications/']").count() == 4
    page.go_back()

    # a wrong hand-entered figure: the clerk may submit, the reviewer cannot approve
    enter_figure(page, "applications.new.natural_person", "7", "窗口纸质登记簿")
    assert "APP_ROW_SUM" in page.locator("#findings").inner_text()
    step(page, "submit")
    switch_user(page, login, "reviewer")
    open_report(page)
    assert "须先修正" in page.locator("#workflow").inner_text()
    step(page, "approve")
    assert "须先修正" in page.locator(".messages").inner_text()
    assert page.locator("#report-state").inner_text() == "待审核"
    step(page, "return", "第三部分自然人申请数与记录不符，请核实")

    # the clerk removes the figure (back to the records) and submits again
    switch_user(page, login, "clerk")
    open_report(page)
    enter_figure(page, "applications.new.natural_person", "")
    assert "未发现问题" in page.locator("#findings").inner_text()
    step(page, "submit")
    switch_user(page, login, "reviewer")
    open_report(page)
    step(page, "approve")
    switch_user(page, login, "leader")
    open_report(page)
    page.once("dialog", lambda dialog: dialog.accept())
    step(page, "publish", timeout=90_000)  # renders and freezes .docx, .pdf, .xlsx, charts
    assert page.locator("#report-state").inner_text() == "已发布"
    assert "第1版" in page.locator("#publications").inner_text()

    # the published Word file, audited by our own auditor
    href = page.locator("#publications a", has_text="docx").first.get_attribute("href")
    response = page.request.get(href)
    assert response.ok
    path = tmp_path / "minzheng-2025.docx"
    path.write_bytes(response.body())
    done = subprocess.run([str(Path(sys.executable).parent / "gongkai"), "report", "audit", str(path), "--json"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    audited = json.loads(done.stdout)[0]
    assert not [f for f in audited["findings"] if f["severity"] == "error"]
    assert audited["year"] == 2025 and audited["published"] == "2026-01-15"
    assert audited["applications"]["new"]["total"] == 4
    fmt = FORMATS["2021"]
    for table in ("proactive", "applications", "appeals"):  # complete: every cell of the format
        cells = {(r.key, c.key) for r, c in fmt.table(table).cells()}
        assert {(r, c) for r, cols in audited[table].items() for c in cols} == cells, table
