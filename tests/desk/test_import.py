"""Import of the 12345 platform's export: per-row refusals (duplicates too), dry run, the command."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from click.testing import CliRunner

from gongkai.agencies.models import AuditEntry
from gongkai.cli import cli
from gongkai.desk import importer
from gongkai.desk.importer import read as read_table
from gongkai.desk.models import Case

pytestmark = pytest.mark.django_db

HEADER = ["工单编号", "受理时间", "办理时限", "诉求标题", "诉求内容", "诉求类别", "来电人", "联系电话", "承办单位"]


def export(tmp_path, rows, name="12345.xlsx"):
    """A workbook shaped like the platform's export."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def row(number, received="2026-11-16 09:12:00", due=dt.date(2026, 11, 23), title="低保金未按时发放", phone="13912345678"):
    return [number, received, due, title, "反映本月低保金未到账。", "社会救助", "刘女士", phone, "社会救助科"]


def test_rows_import_with_the_platform_deadline_and_a_masked_audit_entry(tmp_path, agencies):
    path = export(tmp_path, [row("GD001"), row("GD002", received=dt.datetime(2026, 11, 18, 14, 0), due=None)])
    outcome = importer.run(agencies.dept, read_table(path))
    assert [c.number for c in outcome.written] == ["GD001", "GD002"]
    first, second = (Case.objects.get(number=n) for n in ("GD001", "GD002"))
    assert (first.kind, first.received_on, first.due_on, first.office) == (
        "hotline", dt.date(2026, 11, 16), dt.date(2026, 11, 23), "社会救助科")
    assert second.due_on == dt.date(2026, 11, 25)  # no platform deadline: the agency's 5 working days
    log = str(list(AuditEntry.objects.filter(action="desk.hotline.register").values_list("after", flat=True)))
    assert "13912345678" not in log and "139****5678" in log


def test_duplicate_numbers_are_refused_per_row_and_the_rest_imported(tmp_path, agencies):
    importer.run(agencies.dept, read_table(export(tmp_path, [row("GD001")])))
    path = export(tmp_path, [row("GD001"), row("GD003"), row("GD003"), row("GD004", received="昨天")], "again.xlsx")
    outcome = importer.run(agencies.dept, read_table(path))
    assert [(r.number, r.error) for r in outcome.refused] == [
        (2, "工单编号“GD001”已登记，不能重复导入"), (4, "工单编号“GD003”与第3行重复"),
        (5, "受理时间：“昨天”不是日期（例如 2026-11-17）")]
    assert sorted(Case.objects.values_list("number", flat=True)) == ["GD001", "GD003"]


def test_same_number_in_another_agency_is_its_own_case(tmp_path, agencies):
    path = export(tmp_path, [row("GD001")])
    importer.run(agencies.dept, read_table(path))
    assert len(importer.run(agencies.dept2, read_table(path)).written) == 1


def test_dry_run_writes_nothing(tmp_path, agencies):
    outcome = importer.run(agencies.dept, read_table(export(tmp_path, [row("GD001")])), dry_run=True)
    assert len(outcome.valid) == 1 and not outcome.written and not Case.objects.exists()


def test_a_refused_phone_number_is_not_repeated_in_the_message(tmp_path, agencies):
    outcome = importer.run(agencies.dept, read_table(export(tmp_path, [row("GD009", phone="1391234567x")])))
    [refused] = outcome.refused
    assert "联系电话" in refused.error and "1391234567x" not in refused.error


def test_command_imports_reports_refused_rows_and_exits_2(tmp_path, agencies):
    runner = CliRunner()
    path = export(tmp_path, [row("GD001"), row("GD002")])
    result = runner.invoke(cli, ["desk", "import", str(path), "--agency", agencies.dept.name, "--dry-run"])
    assert result.exit_code == 0 and "2 row(s) would be imported" in result.output and not Case.objects.exists()
    result = runner.invoke(cli, ["desk", "import", str(path), "--agency", agencies.dept.name])
    assert result.exit_code == 0 and "imported 2 transfer(s)" in result.output
    result = runner.invoke(cli, ["desk", "import", str(path), "--agency", agencies.dept.name])
    assert result.exit_code == 2 and "row 2: 工单编号“GD001”已登记" in result.output
    assert "2 of 2 row(s) refused" in result.output
    missing = tmp_path / "bad.csv"
    missing.write_text("编号,标题\n1,x\n", encoding="utf-8")
    result = runner.invoke(cli, ["desk", "import", str(missing), "--agency", agencies.dept.name])
    assert result.exit_code == 2 and "missing column(s): 受理时间" in result.output



def test_an_unreadable_workbook_is_refused_in_one_line_and_in_chinese(tmp_path, agencies, client, users):
    fake = tmp_path / "export.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a workbook")
    result = CliRunner().invoke(cli, ["desk", "import", str(fake), "--agency", agencies.dept.name])
    assert result.exit_code == 2 and "not a readable .xlsx workbook" in result.output
    client.force_login(users.clerk)
    with fake.open("rb") as upload:
        page = client.post("/desk/import/", {"file": upload}).content.decode()
    assert "无法读取该文件" in page and not Case.objects.exists()
