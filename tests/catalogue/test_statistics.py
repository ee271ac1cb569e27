"""Section 二 from the items and the entered figures; yearly statistics and charts; the guide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.audit import entries_for
from gongkai.agencies.models import AuditEntry
from gongkai.annual.model import Report
from gongkai.catalogue import figures, guide, services, statistics

pytestmark = pytest.mark.django_db


@pytest.fixture
def normative(draft, publish, users):
    """Three normative documents and a rule: one made 2024 and repealed 2025, two made 2025."""
    old = publish(draft(title="旧规范性文件", genre="normative", doc_number="台民规〔2024〕1号",
                        date_made=dt.date(2024, 3, 1)), on=dt.date(2024, 3, 20))  # fmt: skip
    new = publish(draft(title="新规范性文件", genre="normative", doc_number="台民规〔2025〕1号"))
    publish(draft(title="另一件", genre="normative", doc_number="台民规〔2025〕2号", date_made=dt.date(2025, 8, 1)),
            on=dt.date(2025, 9, 30))  # fmt: skip
    publish(draft(title="规章", genre="rule", doc_number="令第1号"))
    services.change_validity(old, users.leader, validity="repealed", on=dt.date(2025, 7, 1), superseded_by=new)
    pending = draft(title="未发布", genre="normative", doc_number="台民规〔2025〕3号")
    services.submit(pending, users.clerk)
    return old


def test_fill_section_two_2021(normative, agencies, users):
    figures.save_figures(users.clerk, agencies.dept, 2025,
                         {"licensing.decisions": 120, "penalty.decisions": "3", "fees.amount": "1.25"},
                         source="审批系统导出")  # fmt: skip
    report = Report(era="2021", agency=agencies.dept.name, year=2025)
    statistics.fill(report, agencies.dept, 2025)
    assert report.proactive["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 2}
    assert report.proactive["rules"] == {"issued": 1, "repealed": 0, "in_force": 1}
    assert report.proactive["licensing"] == {"decisions": 120}
    assert report.proactive["coercion"] == {"decisions": 0}
    assert report.proactive["fees"] == {"amount": Decimal("1.25")}
    report_2024 = Report(era="2021", year=2024)
    statistics.fill(report_2024, agencies.dept, 2024)
    assert report_2024.proactive["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 1}


def test_fill_section_two_2019_era(normative, agencies):
    report = Report(era="2019", year=2020)
    statistics.fill(report, agencies.dept, 2020)
    assert report.proactive["normative_documents"] == {"made": 0, "published": 0, "total_public": 0}
    assert report.proactive["procurement"] == {"items": 0, "amount": Decimal("0")}


def test_fill_legacy_era_counts_published_items(normative, agencies):
    report = Report(era="2008", year=2018)
    statistics.fill(report, agencies.dept, 2018)
    assert report.legacy["proactive_total"] == {"year": 0, "cumulative": 0}
    later = Report(era="2008", year=2018)
    statistics.fill(later, agencies.dept, 2025)  # the function counts by the year it is given
    assert later.legacy["proactive_total"] == {"year": 3, "cumulative": 4}


def test_build_report_uses_the_catalogue_provider(normative, agencies):
    from gongkai.reports.compute import build_report

    report = build_report(agencies.dept, 2025)
    assert report.proactive["normative_documents"]["in_force"] == 2


def test_figures_are_validated_audited_and_need_a_source(agencies, users):
    with pytest.raises(ValidationError, match="来源"):
        figures.save_figures(users.clerk, agencies.dept, 2025, {"licensing.decisions": 1}, source="")
    with pytest.raises(ValidationError, match="没有这些项目"):
        figures.save_figures(users.clerk, agencies.dept, 2025, {"rules.issued": 1}, source="x")  # derived row
    with pytest.raises(ValidationError, match="整数"):
        figures.save_figures(users.clerk, agencies.dept, 2025, {"penalty.decisions": "1.5"}, source="x")
    with pytest.raises(PermissionDenied):
        figures.save_figures(users.reviewer, agencies.dept, 2025, {"penalty.decisions": 1}, source="x")
    assert (
        figures.save_figures(users.clerk, agencies.dept, 2025, {"penalty.decisions": 4}, source="执法平台")
        == 1
    )
    assert (
        figures.save_figures(users.clerk, agencies.dept, 2025, {"penalty.decisions": 5}, source="执法平台")
        == 1
    )
    entry = AuditEntry.objects.filter(action="catalogue.figures.save").first()
    assert entry.before == {"penalty.decisions": "4"} and entry.after == {"penalty.decisions": "5"}
    assert "执法平台" in entry.note
    assert [c.key for c in figures.entry_cells(2020)][:4] == [
        "licensing.prev_items",
        "licensing.items",
        "licensing.change",
        "licensing.decisions",
    ]


def test_figures_import_is_all_or_nothing(agencies, tmp_path):
    good = tmp_path / "f.csv"
    good.write_text(f"机关,年度,项目,数值,来源\n{agencies.dept.name},2025,licensing.decisions,7,审批局\n"
                    f"{agencies.dept.name},2025,fees.amount,0.5,财政票据\n", "utf-8")  # fmt: skip
    assert figures.import_figures(None, good) == 2
    bad = tmp_path / "g.csv"
    bad.write_text(f"机关,年度,项目,数值,来源\n{agencies.dept2.name},2025,licensing.decisions,9,x\n"
                   "不存在的局,2025,penalty.decisions,1,x\n", "utf-8")  # fmt: skip
    with pytest.raises(ValidationError, match="第3行"):
        figures.import_figures(None, bad)
    assert figures.current(agencies.dept2, 2025) == {}


def test_yearly_statistics_and_charts(draft, publish, agencies):
    publish(draft(title="按期"), on=dt.date(2025, 7, 1))
    publish(draft(title="逾期", art20_item=7, date_made=dt.date(2025, 1, 2)), on=dt.date(2025, 3, 3))
    stats = statistics.yearly(agencies.dept, 2025)
    assert stats.total == 2
    assert stats.by_month[6] == 1 and stats.by_month[2] == 1
    assert stats.on_time == 1 and stats.late == 1 and stats.on_time_rate == 0.5
    assert [(i, n) for i, _, n in stats.by_art20] == [(7, 1), (11, 1)]
    assert stats.by_category == [("社会保障", 2)]
    for which in statistics.CHARTS:
        svg = statistics.chart_svg(stats, which)
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "按期发布率 50.0%" in statistics.chart_svg(stats, "timeliness")
    with pytest.raises(ValueError):
        statistics.chart_svg(stats, "pie")


def test_dashboard_due_overdue_and_late(draft, publish, agencies):
    from gongkai.catalogue import dashboard

    overdue = draft(title="逾期未发", date_made=dt.date(2025, 5, 6))
    due = draft(title="即将到期", date_made=dt.date(2025, 6, 3))
    draft(title="不主动公开", attribute="on_request", date_made=dt.date(2025, 5, 6))
    late = publish(draft(title="逾期发布", date_made=dt.date(2025, 5, 6)), on=dt.date(2025, 7, 1))
    today = dt.date(2025, 6, 26)
    assert list(dashboard.overdue(agencies.dept, today)) == [overdue]
    assert list(dashboard.due(agencies.dept, today)) == [due]
    assert list(dashboard.published_late(agencies.dept, 2025)) == [late]
    assert dashboard.counts(agencies.dept, today) == {"due": 1, "overdue": 1, "published_late": 1}


def test_guide_generated_edited_and_versioned(agencies, users, categories):
    generated = guide.generate(agencies.gov)
    assert "台儿庄区人民政府办公室" in generated and "0632-6611234" in generated
    assert "20个工作日" in generated
    assert "社会保障" not in guide.generate(agencies.gov)  # categories of gov not seeded
    assert "民生保障" in guide.generate(agencies.dept)
    v1 = guide.save(users.clerk, agencies.dept, guide.generate(agencies.dept), "首次发布")
    v2 = guide.save(users.admin, agencies.dept, "<p>修订后<script>x</script></p>", "更新办公时间")
    assert (v1.number, v2.number) == (1, 2)
    assert guide.text(agencies.dept) == "<p>修订后</p>"
    assert [v.number for v in guide.versions(agencies.dept)] == [2, 1]
    assert entries_for(v2).first().action == "catalogue.guide.save"
    with pytest.raises(PermissionDenied):
        guide.save(users.reviewer, agencies.dept, "<p>x</p>")
    with pytest.raises(ValidationError):
        guide.save(users.clerk, agencies.dept, "<script>only</script>")
