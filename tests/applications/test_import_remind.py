"""Import of past applications (dry run, row errors, all-or-nothing commit) and the reminder digest."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from click.testing import CliRunner
from django.core import mail

from gongkai.agencies.models import AuditEntry
from gongkai.applications import services
from gongkai.applications.cli import applications
from gongkai.applications.models import Application
from gongkai.applications.remind import remind
from tests.applications.conftest import ID_NUMBER

HEADER = "申请方式,收到申请日期,申请人类型,申请人姓名,证件类型,证件号码,联系电话,所需信息描述,获取方式,获取途径,处理结果,答复日期,理由"
GOOD = [
    f"当面,2024-03-05,自然人,王某,居民身份证,{ID_NUMBER},13800001234,2023年低保资金发放明细,纸质,自取,予以公开,2024-03-20,",
    f"网上,2024/12/20,自然人,李某,身份证,{ID_NUMBER},13800001234,养老机构名单,纸质,自取,,,",
    "邮寄,2024年6月3日,自然人,赵某,护照,E12345678,13800001234,救助审批表,纸质,自取,1.本机关不掌握相关政府信息,2024-06-20,经检索不存在",
]


def _csv(tmp_path, lines, name="past.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8-sig")
    return path


def _run(*args):
    return CliRunner().invoke(applications, ["import", *map(str, args)])


def test_dry_run_checks_and_writes_nothing(agencies, tmp_path):
    result = _run(_csv(tmp_path, GOOD), "--agency", agencies.dept.org_code, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "3 row(s) are valid" in result.output and not Application.objects.exists()


def test_row_errors_are_listed_and_nothing_is_imported(agencies, tmp_path):
    bad = GOOD + [
        "当面,2024-02-30,自然人,钱某,居民身份证,370402199001011238,138,描述,纸质,自取,,,",
        "当面,2024-03-01,自然人,孙某,居民身份证,370402199001011234,138,描述,纸质,自取,,,",
        "当面,2024-03-01,自然人,周某,居民身份证,370402199001011238,138,描述,纸质,自取,予以公开,,",
    ]
    result = _run(_csv(tmp_path, bad), "--agency", agencies.dept.org_code)
    assert result.exit_code == 2
    assert "row 5:" in result.output and "row 6:" in result.output and "校验位" in result.output
    assert "row 7: 有处理结果的，请填写答复日期" in result.output
    assert "370402199001011234" not in result.output  # errors never repeat identity numbers
    assert not Application.objects.exists()


def test_commit_imports_with_rows_and_clock(agencies, tmp_path):
    result = _run(_csv(tmp_path, GOOD), "--agency", "台儿庄区民政局")
    assert result.exit_code == 0, result.output
    rows = {a.applicant_name: a for a in Application.objects.all()}
    assert (rows["王某"].state, rows["王某"].report_row, rows["王某"].closed_on) == ("replied", "granted", dt.date(2024, 3, 20))
    assert rows["李某"].state == "received" and rows["李某"].due_on is not None
    assert rows["赵某"].report_row == "unavailable.not_held" and rows["赵某"].id_type == "passport"
    assert AuditEntry.objects.filter(action="application.import").count() == 3
    assert not any(ID_NUMBER in str(e.after) for e in AuditEntry.objects.all())


def test_unknown_column_and_file_type(agencies, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("申请方式,鞋码\n当面,42\n", encoding="utf-8")
    result = _run(path, "--agency", agencies.dept.org_code)
    assert result.exit_code == 2 and "鞋码" in result.output
    other = tmp_path / "x.txt"
    other.write_text("x")
    assert _run(other, "--agency", agencies.dept.org_code).exit_code == 2


def test_xlsx_import(agencies, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(HEADER.split(","))
    wb.active.append(["当面", dt.datetime(2024, 3, 5), "自然人", "王某", "居民身份证", ID_NUMBER, "13800001234",
                      "低保资金明细", "纸质", "自取", "部分公开", dt.datetime(2024, 3, 25), "部分涉及个人隐私"])
    wb.save(tmp_path / "past.xlsx")
    result = _run(tmp_path / "past.xlsx", "--agency", agencies.dept.org_code)
    assert result.exit_code == 0, result.output
    assert Application.objects.get().report_row == "partial"


def test_remind_sends_one_digest_per_office(register, users, agencies, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    agencies.dept.email = "xxgk@minzheng.example"
    agencies.dept.save()
    users.clerk.email = "clerk@minzheng.example"
    users.clerk.save()
    late = register(received_on=dt.date(2026, 9, 1))  # due 29 September
    soon = register(received_on=dt.date(2026, 10, 19))
    far = register(received_on=dt.date(2026, 11, 2))
    result = CliRunner().invoke(remind, ["--on", "2026-11-12"])
    assert result.exit_code == 0, result.output
    [message] = mail.outbox
    assert sorted(message.to) == ["clerk@minzheng.example", "xxgk@minzheng.example"]
    assert "逾期1件" in message.subject and "即将到期1件" in message.subject
    assert late.tracking_number in message.body and soon.tracking_number in message.body
    assert far.tracking_number not in message.body
    assert ID_NUMBER not in message.body and "13800001234" not in message.body


def test_identity_numbers_never_reach_the_logs(register, users, caplog):
    caplog.set_level(logging.DEBUG)
    a = register()
    services.start_third_party(a, users.clerk, third_party="某公司", on=dt.date(2026, 9, 2))
    with pytest.raises(services.TransitionError):
        services.register(users.clerk, a.agency, {"id_type": "resident_id", "id_number": "370402199001011234"})
    assert ID_NUMBER not in caplog.text and "370402199001011234" not in caplog.text
    assert not any(ID_NUMBER in str(e.before) + str(e.after) + e.note for e in AuditEntry.objects.all())


def test_recompute_due_after_a_calendar_change(register):
    from gongkai.applications.models import AgencyCalendarOverride

    a = register()
    AgencyCalendarOverride.objects.create(agency=a.agency, date=dt.date(2026, 9, 15), workday=False, note="停电")
    result = CliRunner().invoke(applications, ["recompute-due", "--reason", "测试"])
    assert result.exit_code == 0, result.output
    assert "1 due date(s) changed" in result.output and a.tracking_number in result.output
    a.refresh_from_db()
    assert a.due_on == dt.date(2026, 9, 30)
    assert AuditEntry.objects.get(action="application.recompute_due").note == "测试"


def test_remind_lists_a_paused_case_by_its_pauses_own_deadline(register, users, agencies, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    agencies.dept.email = "xxgk@minzheng.example"
    agencies.dept.save()
    a = register(received_on=dt.date(2026, 11, 2))
    services.request_correction(a, users.clerk, content="请明确年份", reply_by=dt.date(2026, 11, 13),
                                on=dt.date(2026, 11, 3))
    assert a.due_on is None  # no reply due date while awaiting the correction
    result = CliRunner().invoke(remind, ["--on", "2026-11-12"])
    assert result.exit_code == 0, result.output
    [message] = mail.outbox
    assert "即将到期1件" in message.subject
    line = next(line for line in message.body.splitlines() if a.tracking_number in line)
    assert "暂停（等待申请人补正）期限：2026-11-13" in line and "剩余1个工作日" in line


def test_a_reply_date_written_as_text_is_checked_as_a_date(agencies, tmp_path):
    row = f"当面,2024-03-05,自然人,王某,居民身份证,{ID_NUMBER},13800001234,描述,纸质,自取,予以公开,{{}},"
    ok = _run(_csv(tmp_path, [row.format("2024年3月20日")]), "--agency", agencies.dept.org_code, "--dry-run")
    assert ok.exit_code == 0, ok.output
    early = _run(_csv(tmp_path, [row.format("2024年3月1日")]), "--agency", agencies.dept.org_code, "--dry-run")
    assert early.exit_code == 2 and "row 2: 答复日期应在收到申请之日和今天之间" in early.output
