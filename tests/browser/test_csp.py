"""The Content-Security-Policy in a real browser: no page breaks it, and what used to be inline
JavaScript (the agency picker's auto-submit, the confirmation before a withdrawal) still works."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.catalogue.conftest import _data_dir, categories, draft, publish  # noqa: F401
from tests.conftest import DEMO_PASSWORD

WATCH = """document.addEventListener("securitypolicyviolation",
  e => (window.__violations = window.__violations || []).push(e.violatedDirective + " " + e.blockedURI));"""


@pytest.fixture
def watched(page):
    """The page, collecting every policy violation the browser reports (event and console)."""
    page.add_init_script(WATCH)
    page.console = []
    page.on("console", lambda m: page.console.append(m.text) if "Content Security Policy" in m.text else None)
    return page


def _violations(page) -> list[str]:
    return [*page.evaluate("window.__violations || []"), *page.console]


def test_staff_pages_run_under_the_policy_without_a_violation(watched, login, users, draft, publish):  # noqa: F811
    publish(draft(title="已发布的通知"), on=dt.date(2025, 7, 1))
    login("clerk", DEMO_PASSWORD)
    for url in ("/", "/catalogue/", "/catalogue/new/", "/catalogue/statistics/?year=2025", "/catalogue/deadlines/",
                "/applications/", "/applications/new/", "/appeals/", "/catalogue/guide/"):
        watched.goto(url)
        assert watched.locator("main").count() == 1, url
    watched.goto("/catalogue/new/")
    assert watched.locator(".rte-edit").count() == 1  # the rich-text editor (static catalogue.js) ran
    watched.goto("/catalogue/statistics/?year=2025")
    assert watched.locator(".cat-chart svg").count() == 4
    assert _violations(watched) == []


def test_agency_picker_submits_on_change_and_a_removal_asks_first(watched, login, users, agencies):
    from gongkai.applications.services import add_calendar_override

    add_calendar_override(users.admin, agencies.dept, date=dt.date(2026, 12, 31), workday=False, note="停电检修")
    login("supervisor", DEMO_PASSWORD)
    watched.goto("/catalogue/deadlines/")
    with watched.expect_navigation():
        watched.select_option("#pick-agency", label=agencies.dept.name)
    assert f"agency={agencies.dept.pk}" in watched.url
    watched.context.clear_cookies()
    login("agency_admin", DEMO_PASSWORD)
    watched.goto("/applications/settings/calendar/")
    asked = []
    watched.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    watched.click("form[data-confirm] button")
    assert asked == ["撤销这项调整？在办申请的答复期限将重新计算。"]
    assert "停电检修" in watched.locator("main").inner_text()  # dismissed: nothing was removed
    assert _violations(watched) == []


def test_the_browser_refuses_an_image_from_another_host(watched):
    """What the policy is for (and proof that the watcher above sees violations)."""
    watched.goto("/login/")
    watched.evaluate("""document.body.insertAdjacentHTML("beforeend", '<img src="https://tracker.example/p.gif">')""")
    watched.wait_for_function("(window.__violations || []).length > 0")
    assert _violations(watched)[0].startswith("img-src https://tracker.example/p.gif")


def test_django_admin_runs_under_the_policy(watched, login, users):
    login("site_admin", DEMO_PASSWORD)
    for url in ("/admin/", "/admin/agencies/agency/", "/admin/agencies/agency/add/", "/admin/agencies/auditentry/"):
        watched.goto(url)
        assert watched.locator("#content").count() == 1, url
    assert _violations(watched) == []
