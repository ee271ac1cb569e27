"""axe-core (npm, installed from package-lock.json by `make test`) finds no serious or critical
accessibility violation on the portal's main pages, in the normal and the large-font/high-
contrast modes. The script is injected by Playwright (the page's own policy would refuse it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.catalogue.conftest import _data_dir, categories, draft, publish  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_page(browser, live_server):
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `npm ci` in the repository (make test does)")
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def notice(draft, publish):  # noqa: F811 (the imported fixtures)
    return publish(draft(doc_number="台民发〔2025〕12号", body="<p>城市低保标准提高到每人每月890元。</p>"))


@pytest.mark.parametrize("modes", ["", "large contrast"])
def test_main_portal_pages_have_no_serious_or_critical_violation(
    axe_page, live_server, agencies, notice, modes
):
    if modes:
        axe_page.context.add_cookies(
            [{"name": "xxgk_view", "value": modes.replace(" ", "%20"), "url": live_server.url}]
        )
    urls = [
        "/xxgk/",
        f"/xxgk/{agencies.dept.slug}/",
        f"/xxgk/{agencies.dept.slug}/guide/",
        "/xxgk/catalogue/",
        "/xxgk/search/?q=低保",
        f"/xxgk/items/{notice.pk}/",
        "/xxgk/apply/",
        "/xxgk/query/",
    ]
    found = {}
    for url in urls:
        axe_page.goto(url)
        if modes:
            assert "view-contrast" in axe_page.evaluate("document.documentElement.className")
        if violations := _violations(axe_page):
            found[url] = violations
    assert not found
