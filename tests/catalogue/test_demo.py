"""The demo catalogue loads deterministically and idempotently; section 二 of the demo agency is
computed and passes the report checks."""

from __future__ import annotations

import pytest

from gongkai.catalogue.models import GuideVersion, Item, ProactiveFigure
from gongkai.catalogue.visibility import public_items
from tests.once import loaded_once

pytestmark = pytest.mark.django_db


def _load() -> int:
    from gongkai.agencies import demo as agencies_demo
    from gongkai.catalogue import demo

    agencies_demo.load()
    return demo.load()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo catalogue, loaded once."""
    from gongkai.catalogue import demo

    with loaded_once(django_db_blocker, tmp_path_factory.mktemp("demo"), _load) as created:
        yield created, demo


def test_demo_is_idempotent_and_realistic(demo):
    created, module = demo
    assert created > 30
    assert module.load() == 0
    minzheng = public_items().filter(agency__name="台儿庄区民政局")
    assert minzheng.filter(title="台儿庄区民政局关于2025年城乡低保标准调整的通知").exists()
    assert (
        minzheng.filter(date_published__year=2024).exists()
        and minzheng.filter(date_published__year=2025).exists()
    )
    assert minzheng.filter(validity="repealed", genre="normative").count() == 1
    interp = minzheng.get(genre="interpretation")
    assert interp.interprets.doc_number == "台民规〔2025〕1号"
    in_review = Item.objects.filter(agency__name="台儿庄区民政局", state="review")
    assert in_review.count() == 2
    assert any(i.findings.filter(kind="mobile").exists() for i in in_review)
    assert GuideVersion.objects.filter(agency__name="台儿庄区民政局").count() == 1
    assert ProactiveFigure.objects.filter(agency__name="台儿庄区民政局", year=2025).exists()


def test_demo_section_two_is_computed_and_checked(demo):
    from gongkai.agencies.models import Agency
    from gongkai.annual.checks import check, check_series
    from gongkai.reports.compute import build_report

    minzheng = Agency.objects.get(name="台儿庄区民政局")
    report = build_report(minzheng, 2025)
    assert report.proactive["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 2}
    assert report.proactive["licensing"] == {"decisions": 41}
    previous = build_report(minzheng, 2024)
    assert previous.proactive["normative_documents"]["in_force"] == 1
    codes = {f.code if hasattr(f, "code") else f["code"] for f in check(report)}
    assert not {c for c in codes if c.startswith("PROACTIVE")}
    series = {f.code for f in check_series([previous, report])}
    assert "CROSS_YEAR_IN_FORCE" not in series  # in force 2024 + issued 2025 − repealed 2025 = in force 2025
