"""Producing one agency's annual report: draft from the records, cells explained, checks that
block, the workflow, publication frozen with its files, corrections, exports read back."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.annual.checks import check
from gongkai.annual.formats import FORMATS
from gongkai.annual.parse import read
from gongkai.reports import compute, services
from gongkai.reports.models import FrozenError, Publication, PublishedFile
from gongkai.reports.workflow import State
from gongkai.workflow import ConflictError, TransitionError

D = dt.date
JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)


@pytest.fixture
def report(records, agencies, users):
    with clock.moved_to(JANUARY):
        return services.draft(agencies.dept, 2025, users.clerk)


def _publish(report, users):
    report = services.submit(report, users.clerk)
    report = services.approve(report, users.reviewer)
    return services.publish(report, users.leader)


def test_draft_takes_the_tables_from_the_records(report):
    assert report.state == State.DRAFT
    assert report.figures["applications"]["new"]["total"] == 4
    assert report.figures["appeals"]["review"]["upheld"] == 1
    assert set(report.sections) == {"overview", "proactive", "applications", "appeals", "problems", "other"}


def test_narrative_states_the_tables_figures_without_contradicting_them(report):
    overview = report.sections["overview"]
    assert "共收到政府信息公开申请4件" in overview
    assert "予以公开1件" in overview and "结转下年度继续办理1件" in overview
    with clock.moved_to(JANUARY):
        codes = {f.code for f in services.findings(report)}
    assert "NARRATIVE_MISMATCH" not in codes and not any(c.startswith("APP_") for c in codes)
    refs = {s[0] for paras in report.sources.values() for _, sources in paras for s in sources}
    assert "applications.new.total" in refs and "applications.granted.total" in refs


def test_every_cell_count_equals_the_length_of_its_record_list(report, agencies):
    model = services.assemble(report)
    for table in FORMATS[model.era].tables:
        for row, column in table.cells():
            records = compute.cell_records(agencies.dept, 2025, model.era, table.key, row.key, column.key)
            if records is None:
                continue
            value = model.get(table.key, row.key, column.key)
            if table.key == "proactive" and row.key not in ("rules", "normative_documents"):
                assert records.count() == 0
                continue
            assert records.count() == value, (table.key, row.key, column.key)


def test_cell_page_lists_the_applications_with_links(report, client, users):
    client.force_login(users.clerk)
    response = client.get(reverse("reports:cell", args=[report.pk, "applications", "new", "total"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.split('id="records"')[1].count('href="/applications/') == 4
    assert 'id="record-count">4条' in page


def test_report_page_links_every_value_cell(report, client, users):
    client.force_login(users.clerk)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    model = services.assemble(report)
    cells = sum(1 for t in FORMATS[model.era].tables for _ in t.cells())
    assert page.count('data-cell="') == cells


def test_wrong_manual_figure_blocks_approval_and_says_where(report, users):
    report = services.set_figure(report, users.clerk, table="applications", row="new", column="natural_person",
                                 value=9, source="纸质登记簿")
    report = services.submit(report, users.clerk)
    with pytest.raises(TransitionError) as refused:
        services.approve(report, users.reviewer)
    assert "错误" in str(refused.value) and "自然人" in str(refused.value)
    codes = {f.code for f in services.findings(report)}
    assert {"APP_ROW_SUM", "APP_BALANCE"} <= codes


def test_manual_figure_needs_a_source_and_a_number(report, users):
    with pytest.raises(TransitionError, match="数据来源"):
        services.set_figure(report, users.clerk, table="proactive", row="licensing", column="decisions",
                            value=3, source=" ")
    with pytest.raises(TransitionError, match="不是数字"):
        services.set_figure(report, users.clerk, table="proactive", row="licensing", column="decisions",
                            value="三", source="办件系统")


def test_warning_needs_a_recorded_reason_before_approval(report, users):
    clock.set_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=clock.ZONE))  # after 31 January: late
    report = services.submit(report, users.clerk)
    with pytest.raises(TransitionError, match="尚未说明理由"):
        services.approve(report, users.reviewer)
    report = services.return_(report, users.reviewer, comment="请说明逾期原因")
    late = next(f for f in services.findings(report) if f.code == "LATE_PUBLICATION")
    report = services.explain(report, users.clerk, key=services.finding_key(late), reason="机构调整，经批准延期")
    report = services.submit(report, users.clerk)
    assert services.approve(report, users.reviewer).state == State.APPROVED


def test_concurrent_narrative_edits_conflict(report, users, client):
    seen = report.version
    services.save_text(report, users.clerk, sections={"problems": "甲的修改"}, version=seen)
    with pytest.raises(ConflictError):
        services.save_text(report, users.clerk, sections={"problems": "乙的修改"}, version=seen)
    client.force_login(users.clerk)
    response = client.post(reverse("reports:text", args=[report.pk]), {"version": seen, "problems": "丙"})
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.sections["problems"] == "甲的修改"


def test_records_changed_after_drafting_are_shown_and_applied_only_on_request(report, register, users):
    register(received_on=D(2025, 9, 1))
    moved = services.moved_cells(report)
    assert {(m.table, m.row, m.column) for m in moved} >= {("applications", "new", "total")}
    report.refresh_from_db()
    assert report.figures["applications"]["new"]["total"] == 4
    services.refresh(report, users.clerk)
    report.refresh_from_db()
    assert report.figures["applications"]["new"]["total"] == 5 and not services.moved_cells(report)


def test_publication_freezes_a_snapshot_with_files_and_hash(report, users, tmp_path):
    with clock.moved_to(JANUARY):
        report = _publish(report, users)
    assert report.state == State.PUBLISHED
    pub = Publication.objects.get(report=report)
    assert pub.number == 1 and pub.published_on == JANUARY.date()
    assert pub.sha256 == services.content_hash(pub.content)
    assert {f.kind for f in pub.files.all()} == set(services.FILE_KINDS)
    with pytest.raises(FrozenError):
        pub.reason = "改"
        pub.save()
    with pytest.raises(FrozenError):
        PublishedFile.objects.filter(publication=pub).first().delete()
    with pytest.raises(ConflictError):
        services.save_text(report, users.clerk, sections={"other": "悄悄改"})


def test_every_published_file_reads_back_to_the_same_figures_without_errors(report, users, tmp_path):
    """Every kind of published file, read back by the auditor's readers (the chart by its own),
    gives the published figures and no error finding; `gongkai report audit` says the same."""
    from click.testing import CliRunner

    from gongkai.annual.model import from_dict
    from gongkai.annual.parse import chart
    from gongkai.cli import cli

    with clock.moved_to(JANUARY):
        report = _publish(report, users)
    pub = Publication.objects.get(report=report)
    assert {f.kind for f in pub.files.all()} == set(services.FILE_KINDS)
    tables = ("proactive", "applications", "appeals")
    audited = []
    for f in pub.files.all():
        path = tmp_path / f"report.{f.kind}"
        path.write_bytes(bytes(f.content))
        if f.kind == "svg":  # a chart, not a report: its printed figures are the report's
            assert chart.read(path.read_bytes())[0][0] == "办理结果（件）"
            assert chart.mismatches(from_dict(pub.content), chart.read(path.read_bytes())) == []
            continue
        audited.append(path)
        model = read(path)
        for table in tables:
            assert json.loads(json.dumps(services.to_dict(model)[table])) == pub.content[table], (f.kind, table)
        assert not [x for x in check(model) if x.severity == "error"], f.kind
        assert model.year == 2025 and model.agency == pub.content["agency"], f.kind
        # every file but the workbook of the tables prints the publication date
        assert model.published == (None if f.kind == "xlsx" else JANUARY.date()), f.kind
    assert sorted(p.suffix for p in audited) == [".docx", ".html", ".json", ".pdf", ".xlsx"]
    result = CliRunner().invoke(cli, ["report", "audit", "--json", *map(str, audited)])
    assert result.exit_code == 0, result.output
    for data in json.loads(result.stdout):
        assert {t: data[t] for t in tables} == {t: pub.content[t] for t in tables}, data["source"]
        assert [x for x in data["findings"] if x["severity"] == "error"] == [], data["source"]


def test_xlsx_export_has_formulas(report, users):
    import io

    import openpyxl

    data = services.renderings(services.assemble(report), only="xlsx")["xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(data))
    formulas = [c.value for ws in book for row in ws.iter_rows() for c in row if str(c.value).startswith("=")]
    assert formulas


def test_correction_is_a_new_version_listed_with_the_first(report, users, client):
    with clock.moved_to(JANUARY):
        report = _publish(report, users)
        with pytest.raises(TransitionError, match="理由"):
            services.correct(report, users.clerk, reason="")
        report = services.correct(report, users.clerk, reason="第四部分数字有误")
        report = _publish(report, users)
    pubs = list(Publication.objects.filter(report=report).order_by("number"))
    assert [p.number for p in pubs] == [1, 2] and pubs[1].reason == "第四部分数字有误"
    client.force_login(users.reviewer)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "第1版" in page and "第2版" in page and "第四部分数字有误" in page


def test_every_step_is_in_the_audit_log(report, users):
    from gongkai.agencies.models import AuditEntry

    with clock.moved_to(JANUARY):
        _publish(report, users)
    actions = set(AuditEntry.objects.filter(agency=report.agency).values_list("action", flat=True))
    assert {"report.draft", "report.submit", "report.approve", "report.publish"} <= actions


def test_other_agencies_reports_are_not_found(report, client, make_user, agencies):
    outsider = make_user("outsider", (agencies.dept2, "clerk"))
    client.force_login(outsider)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:cell", args=[report.pk, "applications", "new", "total"])).status_code == 404


def test_leader_explains_a_warning_that_appeared_while_waiting_for_sign_off(report, users):
    with clock.moved_to(JANUARY):
        report = services.approve(services.submit(report, users.clerk), users.reviewer)
    clock.set_to(dt.datetime(2026, 2, 3, 10, 0, tzinfo=clock.ZONE))  # the deadline has passed meanwhile
    with pytest.raises(TransitionError, match="尚未说明理由"):
        services.publish(report, users.leader)
    late = next(f for f in services.findings(report) if f.code == "LATE_PUBLICATION")
    report = services.explain(report, users.leader, key=services.finding_key(late), reason="等待区政府统一发布")
    assert services.publish(report, users.leader).state == State.PUBLISHED
    assert Publication.objects.get(report=report).content["explained"]


def test_assessment_results_entered_by_staff_are_printed_in_section_five(report, users):
    report = services.save_text(report, users.clerk, sections={}, assessment="经区政府年度考核，政务公开工作评为优秀等次。")
    problems = services.assemble(report).sections["problems"]
    assert "工作考核、社会评议和责任追究结果\n经区政府年度考核" in problems
