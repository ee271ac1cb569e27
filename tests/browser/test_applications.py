"""A clerk takes applications from receipt to a signed reply letter in the browser.

Each walk checks, after every step, that the due date the case page shows equals what
`gongkai.rules.clock.compute` gives for the same events (computed here independently from the
dates typed in), and ends with the letter link and the status.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gongkai import clock as wallclock
from gongkai.rules import clock
from gongkai.rules.workdays import default_calendar
from tests.applications.conftest import ID_NUMBER
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def workdays_ago(n: int) -> dt.date:
    """The nth working day before today (0: today if a working day, else the last one)."""
    cal = default_calendar()
    return cal.workday_at(cal.rank(wallclock.today()) - n)


def wd_after(d: dt.date, n: int) -> dt.date:
    return default_calendar().add(d, n).date


class Case:
    """One application being walked through the case page, with its expected clock events."""

    def __init__(self, page, channel: str, received: dt.date):
        self.page = page
        self.events: list[clock.Event] = [clock.Received(received, clock.Channel(channel))]

    def expected_due(self) -> dt.date | None:
        return clock.compute(self.events, wallclock.today(), default_calendar()).due

    def shown_due(self) -> dt.date | None:
        due = self.page.locator("#due-date")
        return dt.date.fromisoformat(due.inner_text().strip()) if due.count() else None

    def check_due(self) -> None:
        assert self.shown_due() == self.expected_due(), self.page.locator("#clock-steps").inner_text()

    def step(self, name: str, fields: dict[str, str] | None = None, *, event: clock.Event | None = None,
             expect_error: str = "") -> None:
        """Open step `name`, fill its form (name → value; selects by value), submit, check the due date."""
        page = self.page
        box = page.locator(f"#step-{name}")
        box.evaluate("e => { e.open = true; }")
        for field, value in (fields or {}).items():
            control = box.locator(f"[name={field}]")
            tag = control.evaluate("e => e.tagName + (e.type ? ':' + e.type : '')")
            if tag.startswith("SELECT"):
                control.select_option(value)
            elif tag.endswith("checkbox"):
                control.set_checked(bool(value))
            else:
                control.fill(value)
        with page.expect_navigation():  # the step's own button (the fee step also has 试算, name=preview)
            box.locator("button[type=submit]:not([name=preview])").click()
        if expect_error:
            assert expect_error in page.locator("#step-error").inner_text()
            return
        assert page.locator(".message.success").count(), page.content()[:2000]
        if event is not None:
            self.events.append(event)
        self.check_due()

    @property
    def state(self) -> str:
        return self.page.locator("#state").inner_text().strip()


def register(page, *, channel: str = "in_person", received: dt.date | None = None, items: str = "",
             **fields: str) -> Case:
    received = received or wallclock.today()
    page.goto("/applications/new/")
    page.select_option("select[name=channel]", channel)
    page.fill("input[name=received_on]", received.isoformat())
    page.fill("input[name=applicant_name]", fields.get("applicant_name", "王某某"))
    page.fill("input[name=id_number]", fields.get("id_number", ID_NUMBER))
    page.fill("input[name=phone]", "13800001234")
    page.fill("textarea[name=description]", fields.get("description", "2025年度城乡低保资金发放明细"))
    if items:
        page.fill("textarea[name=items]", items)
    page.select_option("select[name=form]", "paper")
    page.select_option("select[name=delivery]", "pickup")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("#tracking-number").count(), page.locator(".app-error").all_inner_texts()
    case = Case(page, channel, received)
    case.check_due()
    return case


def finish_reply(case: Case, outcome: str, *, reason: str = "经审查依法作出答复") -> None:
    """Draft (one outcome per item) → review → sign-off → send, then make the reply letter."""
    items = case.page.locator("#items > li").count()
    fields = {}
    for i in range(1, items + 1):
        fields[f"outcome_{i}"] = outcome
        fields[f"reason_{i}"] = reason
    case.step("draft_reply", fields)
    assert case.state == "答复待审核"
    assert case.page.locator("#draft-letter").count() == 1  # the letter text the reviewer and leader approve
    case.step("review")
    case.step("sign_off")
    case.step("send_reply", event=clock.Replied(wallclock.today()))
    assert case.state == "已答复"
    download_letter(case)


def make_letter(case: Case) -> None:
    """Make a letter with the case page's letter button, then download it."""
    with case.page.expect_navigation():
        case.page.click("form.inline-letter button[type=submit]")
    download_letter(case)


def download_letter(case: Case) -> None:
    """The newest letter of the case downloads as Word (a reply letter is made with the draft)."""
    page = case.page
    link = page.locator("#letters a", has_text="Word").first
    href = link.get_attribute("href")
    assert href and href.endswith(".docx")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("application/vnd.openxmlformats")


@pytest.fixture
def as_user(page, live_server):
    """Open a session for a user without the login form (the form itself: see the `login` fixture)."""
    from django.conf import settings
    from django.test import Client

    from gongkai.agencies.models import User

    def start(username: str):
        client = Client()
        client.force_login(User.objects.get(username=username))
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                                   "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
        return page

    return start


@pytest.fixture
def office(agencies, make_user, users):
    """A one-person office holding clerk, reviewer and leader roles (keeps the walks short)."""
    return make_user("office", (agencies.dept, "clerk"), (agencies.dept, "reviewer"), (agencies.dept, "leader"),
                     display_name="刘全岗")


def test_roles_split_and_partial_reply_over_two_items(page, login, users, browser, live_server):
    clerk = login("clerk", DEMO_PASSWORD)
    case = register(clerk, channel="online", items="低保名单\n低保资金发放明细")
    case.step("draft_reply", {"outcome_1": "granted", "outcome_2": "denied.third_party",
                              "reason_2": "涉及个人隐私，第三方不同意公开"})
    url = clerk.url
    assert clerk.locator("#step-review").count() == 0  # the clerk cannot review
    for who, name in (("reviewer", "review"), ("leader", "sign_off")):
        context = browser.new_context(base_url=live_server.url, locale="zh-CN")
        other = context.new_page()
        other.goto("/login/")
        other.fill("input[name=username]", who)
        other.fill("input[name=password]", DEMO_PASSWORD)
        with other.expect_navigation():
            other.click("main button[type=submit]")
        other.goto(url)
        Case(other, "online", case.events[0].date).step(name)
        context.close()
    clerk.reload()
    case.step("send_reply", event=clock.Replied(wallclock.today()))
    assert case.state == "已答复"
    download_letter(case)  # made with the draft: one letter, each item its own reply
    assert "答复书（各事项分别答复）" in clerk.locator("#letters").inner_text()


def test_correction_restarts_the_period(as_user, office):
    received = workdays_ago(5)
    page = as_user("office")
    case = register(page, channel="post", received=received)
    asked, corrected = wd_after(received, 1), wd_after(received, 3)
    case.step("request_correction", {"content": "请写明所需信息的年份", "reply_by": wd_after(received, 10).isoformat(),
                                     "on": asked.isoformat()},
              event=clock.CorrectionRequested(asked, wd_after(received, 10)))
    assert case.state == "待补正" and case.shown_due() is None
    case.step("record_correction", {"item_1": "2025年度城乡低保资金发放明细（全区汇总）", "on": corrected.isoformat()},
              event=clock.Corrected(corrected))
    assert "第1项改为“2025年度城乡低保资金发放明细（全区汇总）”" in page.locator("#history").inner_text()
    assert "全区汇总" in page.locator("#items").inner_text()
    assert case.shown_due() == wd_after(corrected, 20)
    finish_reply(case, "unavailable.still_unclear")


def test_correction_lapsed_is_treated_as_abandoned(as_user, office):
    received = workdays_ago(6)  # the correction window (7 working days) is still open today
    page = as_user("office")
    case = register(page, received=received)
    asked, reply_by = wd_after(received, 1), wd_after(received, 3)
    case.step("request_correction", {"content": "请提供身份证明", "reply_by": reply_by.isoformat(), "on": asked.isoformat()},
              event=clock.CorrectionRequested(asked, reply_by))
    case.step("correction_lapsed", event=clock.CorrectionLapsed(wallclock.today()))
    assert case.state == "已终止"
    make_letter(case)
    assert "视为放弃申请" in page.locator("#items").inner_text()


def test_extension_needs_the_reviewer_and_moves_the_due_date(as_user, office):
    received = workdays_ago(3)
    page = as_user("office")
    case = register(page, received=received)
    case.step("approve_extension", {"days": "25", "reason": "需调取档案"}, expect_error="最长不超过20个工作日")
    case.step("approve_extension", {"days": "15", "reason": "需调取档案"},
              event=clock.ExtensionApproved(wallclock.today(), 15))
    assert case.shown_due() == wd_after(received, 35)
    assert page.locator("#step-approve_extension").count() == 0  # once only
    finish_reply(case, "granted")


def test_third_party_pause_is_not_counted(as_user, office):
    received = workdays_ago(8)
    page = as_user("office")
    case = register(page, received=received)
    start, answered = wd_after(received, 2), wd_after(received, 5)
    case.step("start_third_party", {"third_party": "某商贸有限公司", "on": start.isoformat()},
              event=clock.ThirdPartyStarted(start))
    assert case.state == "征求第三方意见中"
    case.step("finish_third_party", {"opinion": "不同意公开", "on": answered.isoformat()},
              event=clock.ThirdPartyAnswered(answered))
    assert case.shown_due() == wd_after(received, 24)  # 4 working days (start..answer) not counted
    finish_reply(case, "denied.third_party", reason="第三方不同意公开，涉及商业秘密")


def test_fee_notice_shows_the_itemised_fee_and_pauses_the_clock(as_user, office):
    received = workdays_ago(6)
    page = as_user("office")
    case = register(page, received=received)
    issued, paid = wd_after(received, 1), wd_after(received, 4)
    fee_box = page.locator("#step-issue_fee_notice")
    fee_box.evaluate("e => { e.open = true; }")
    fee_box.locator("[name=basis_1]").select_option("volume")
    fee_box.locator("[name=pages_1]").fill("50")
    with page.expect_navigation():
        fee_box.locator("button[name=preview]").click()
    assert page.locator("#step-issue_fee_notice .fee-total").inner_text() == "200.00"  # 20 pages × 10 元
    assert case.state == "办理中"
    case.step("issue_fee_notice", {"basis_1": "volume", "pages_1": "50", "on": issued.isoformat(),
                                   "delivered": issued.isoformat()},
              event=clock.FeeNoticeIssued(issued, issued))
    assert case.state == "待缴纳信息处理费"
    assert "200" in page.locator("#history").inner_text()  # 20 pages beyond the free 30, 10 元 each
    case.step("record_payment", {"on": paid.isoformat()}, event=clock.FeePaid(paid))
    finish_reply(case, "granted")


def test_fee_unpaid_is_treated_as_abandoned(as_user, office):
    received = workdays_ago(26)
    page = as_user("office")
    case = register(page, received=received)
    issued = wd_after(received, 1)
    case.step("issue_fee_notice", {"basis_1": "volume", "pages_1": "40", "on": issued.isoformat(),
                                   "delivered": issued.isoformat()},
              event=clock.FeeNoticeIssued(issued, issued))
    case.step("fee_lapsed", event=clock.FeeLapsed(wallclock.today()))
    assert case.state == "已终止"
    assert re.search("逾期未缴纳信息处理费", page.locator("#items").inner_text())


def test_two_clerks_at_once_the_second_sees_the_conflict(as_user, office, browser, live_server):
    page = as_user("office")
    case = register(page)
    second = page.context.new_page()  # the same case open in a second tab, loaded before the first acts
    second.goto(page.url)
    case.step("start_third_party", {"third_party": "某商贸有限公司"}, event=clock.ThirdPartyStarted(wallclock.today()))
    other = Case(second, "in_person", case.events[0].date)
    other.step("draft_reply", {"outcome_1": "granted"}, expect_error="已被他人修改")
    assert other.state == "征求第三方意见中"  # reloaded with the first clerk's change, nothing overwritten


def test_third_party_receipt_recorded_later(as_user, office):
    received = workdays_ago(8)
    page = as_user("office")
    case = register(page, received=received)
    sent, got, answered = wd_after(received, 1), wd_after(received, 3), wd_after(received, 6)
    case.step("start_third_party", {"third_party": "某商贸有限公司", "on": sent.isoformat()},
              event=clock.ThirdPartyStarted(sent))
    case.step("record_party_receipt", {"on": got.isoformat()}, event=clock.ThirdPartyReceived(got))
    assert page.locator("#step-record_party_receipt").count() == 0  # once
    assert "第三方于" in page.locator("#clock-steps").inner_text()
    case.step("finish_third_party", {"opinion": "同意公开", "on": answered.isoformat()},
              event=clock.ThirdPartyAnswered(answered))
    assert case.shown_due() == wd_after(received, 26)  # from the sending to the answer: 6 working days


def test_later_reply_date_for_an_excessive_request(as_user, office):
    received = workdays_ago(3)
    page = as_user("office")
    case = register(page, received=received)
    assert page.locator("#step-defer_reply").count() == 0  # the reasons come first (Art. 35)
    case.step("ask_reasons", {"content": "本月申请数量明显超过合理范围，请说明理由"})
    until = wd_after(received, 40)
    case.step("defer_reply", {"until": until.isoformat(), "reason": "课题研究需要，理由合理"},
              event=clock.Deferred(wallclock.today(), until=until))
    assert case.shown_due() == until
    assert page.locator("#step-approve_extension").count() == 0  # no Art. 33 extension after it
