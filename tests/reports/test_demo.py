"""The demo reports: each department's 2025 report in a different state, every cell agreeing with
its list of records, idempotent."""

from __future__ import annotations

import pytest

from gongkai.annual.formats import FORMATS
from gongkai.reports import compute, services
from gongkai.reports.models import Publication, Report, Scope
from gongkai.reports.workflow import State
from tests.once import loaded_once

pytestmark = pytest.mark.django_db


def _load() -> int:
    from gongkai.agencies.demo import load as load_agencies
    from gongkai.applications.demo import load as load_applications
    from gongkai.reports.demo import load

    load_agencies()
    load_applications()
    return load()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo reports (and the agencies and applications they count), loaded once."""
    with loaded_once(django_db_blocker, tmp_path_factory.mktemp("demo"), _load) as created:
        yield created


def _report(name: str) -> Report:
    return Report.objects.select_related("agency").get(agency__name=name, year=2025)


def test_demo_reports_are_in_every_state_and_idempotent(demo):
    from gongkai.reports.demo import load

    assert demo == 8
    minzheng = _report("台儿庄区民政局")
    assert minzheng.state == State.PUBLISHED
    pubs = list(Publication.objects.filter(report=minzheng).order_by("number"))
    assert [p.number for p in pubs] == [1, 2] and pubs[1].reason
    assert _report("台儿庄区教育和体育局").state == State.APPROVED
    renshe = _report("台儿庄区人力资源和社会保障局")
    assert renshe.state == State.REVIEW
    assert [f.code for f in services.findings(renshe) if f.severity == "error"]
    assert Report.objects.filter(year=2025, state=State.DRAFT).count() == 5
    assert load() == 0


def test_every_cell_of_the_demo_counts_exactly_its_listed_records(demo):
    for report in Report.objects.select_related("agency").filter(year=2025, scope=Scope.AGENCY):
        held = services.from_dict({"era": "2021", **report.figures})
        fresh = compute.build_report(report.agency, 2025)
        for table in FORMATS["2021"].tables:
            for row, column in table.cells():
                records = compute.cell_records(report.agency, 2025, "2021", table.key, row.key, column.key)
                if records is None or (table.key == "proactive" and row.key not in ("rules", "normative_documents")):
                    continue
                count = records.count()
                assert count == fresh.get(table.key, row.key, column.key), (report.agency.name, table.key, row.key, column.key)
                if report.state != State.PUBLISHED:
                    assert count == held.get(table.key, row.key, column.key)


def test_demo_government_report_is_drafted_for_its_area_and_off_balance_only_where_a_department_is(demo):
    area = _report("台儿庄区人民政府")
    assert area.scope == Scope.AREA and area.state == State.DRAFT
    assert area.sections["overview"].startswith("本报告为台儿庄区人民政府本行政区域2025年度")
    parts = services.area_parts(area.agency, 2025)
    assert area.figures["applications"]["new"]["total"] == sum(p.model.get("applications", "new", "total") for p in parts)
    renshe = _report("台儿庄区人力资源和社会保障局")
    errors = lambda r: sorted(f.code for f in services.findings(r) if f.severity == "error")  # noqa: E731
    assert errors(area) == errors(renshe)  # the 人社局 figure to fix is the only imbalance
