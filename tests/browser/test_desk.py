"""The service desk in the browser: a 12345 spreadsheet imports and its cases are replied on
time and returned; an NPC suggestion is registered, answered, and its reply summary published
by the reviewer after the pre-publication screen."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from gongkai import clock
from gongkai.desk.models import Case
from gongkai.desk.queries import public_cases
from gongkai.rules.workdays import default_calendar
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def take(page, name: str, fields: dict[str, str] | None = None) -> None:
    """Open step `name` on the case page, fill its form (name → value; checkboxes by "on"), submit."""
    box = page.locator(f"#step-{name}")
    box.evaluate("e => { e.open = true; }")
    for field, value in (fields or {}).items():
        control = box.locator(f"[name={field}]")
        if control.get_attribute("type") == "checkbox":
            control.check()
        elif control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    with page.expect_navigation():
        box.locator("button[type=submit]").click()


def test_hotline_export_imports_and_its_cases_are_replied_on_time(page, login, users, tmp_path):
    today = clock.today()
    received = default_calendar().workday_at(default_calendar().rank(today) - 2)
    due = default_calendar().add(received, 5).date
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工单编号", "受理时间", "办理时限", "诉求标题", "诉求内容", "诉求类别", "来电人", "联系电话", "承办单位"])
    ws.append(["ZZ202611180001", f"{received:%Y-%m-%d} 09:30:00", due, "低保金未到账", "反映本月低保金未到账", "社会救助",
               "刘女士", "13912345678", "社会救助科"])
    ws.append(["ZZ202611180002", f"{received:%Y-%m-%d} 15:02:11", due, "高龄津贴申领", "咨询高龄津贴", "养老服务",
               "陈先生", "15812345678", "养老服务科"])
    path = tmp_path / "12345导出.xlsx"
    wb.save(path)

    clerk = login("clerk", DEMO_PASSWORD)
    clerk.goto("/desk/import/")
    clerk.set_input_files("input[name=file]", str(path))
    with clerk.expect_navigation():
        clerk.click("#import-form button[type=submit]")
    assert clerk.locator("#imported").inner_text() == "2"
    assert "13912345678" not in clerk.content()

    for number in ("ZZ202611180001", "ZZ202611180002"):
        clerk.goto("/desk/")
        assert "139****5678" in clerk.content() or number.endswith("2")
        with clerk.expect_navigation():
            clerk.click(f"text={number}")
        assert clerk.locator("#due-date").inner_text() == f"{due:%Y-%m-%d}"
        take(clerk, "reply", {"text": "已核实并电话答复来电人。", "on": f"{today:%Y-%m-%d}"})
        assert clerk.locator("#case-state").inner_text() == "已答复"
        assert clerk.locator("#late").count() == 0
        take(clerk, "close", {"on": f"{today:%Y-%m-%d}"})
        assert clerk.locator("#case-state").inner_text() == "已办结"

    cases = Case.objects.filter(kind="hotline").order_by("number")
    assert [(c.state, c.late, c.replied_on <= c.due_on) for c in cases] == [("closed", False, True)] * 2
    clerk.goto(f"/desk/dashboard/?year={today.year}")
    assert clerk.locator("#on-time-rate").inner_text() == "100%"


def test_proposal_is_answered_and_its_reply_published(page, login, users, browser, live_server):
    today = clock.today()
    assigned = today - dt.timedelta(days=30)
    clerk = login("clerk", DEMO_PASSWORD)
    clerk.goto("/desk/new/?kind=npc")
    clerk.fill("[name=number]", "第21号")
    clerk.fill("[name=received_on]", f"{assigned:%Y-%m-%d}")
    clerk.fill("[name=title]", "关于提高农村低保标准的建议")
    clerk.fill("[name=member]", "王代表")
    clerk.select_option("[name=role]", "main")
    clerk.select_option("[name=channel]", "assigned")
    with clerk.expect_navigation():
        clerk.click("#case-form button[type=submit]")
    assert clerk.locator("#case-number").inner_text() == "第21号"
    take(clerk, "assign", {"office": "社会救助科"})
    take(clerk, "reply", {"text": "已将农村低保标准提高到每人每年7800元。联系人：张科长 13812345678",
                          "on": f"{today:%Y-%m-%d}"})
    take(clerk, "satisfaction", {"satisfaction": "satisfied"})
    take(clerk, "propose", {"title": "对王代表关于提高农村低保标准建议的答复", "summary": "on"})
    assert clerk.locator("#case-state").inner_text() == "待审核公开"
    assert "13812345678" not in clerk.locator("#findings").inner_text()

    reviewer = browser.new_context(base_url=live_server.url, locale="zh-CN").new_page()
    reviewer.goto("/login/")
    reviewer.fill("input[name=username]", "reviewer")
    reviewer.fill("input[name=password]", DEMO_PASSWORD)
    with reviewer.expect_navigation():
        reviewer.click("main button[type=submit]")
    case = Case.objects.get(number="第21号")
    reviewer.goto(f"/desk/{case.pk}/")
    take(reviewer, "publish")
    assert "处个人信息" in reviewer.locator("#step-error").inner_text()
    take(reviewer, "resolve", {"how": "redact"})
    take(reviewer, "publish")
    assert reviewer.locator("#case-state").inner_text() == "已公开"
    [entry] = public_cases()
    assert entry["public_title"] == "对王代表关于提高农村低保标准建议的答复"
    assert "13812345678" not in entry["public_reply"] and "138****5678" in entry["public_reply"]
    reviewer.context.close()
