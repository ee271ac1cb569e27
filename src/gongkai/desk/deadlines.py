"""The desk's deadlines and contact checks, pure (no Django).

Consultations and complaints are answered within a number of working days counted on the
agency's calendar like every statutory period (the day of receipt is not counted); proposals
within a number of months from assignment (the same day of the month, or the month's last day
when it has no such day: 30 November + 3 months = 28 February). A hotline transfer carries the
platform's own deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from gongkai.rules.workdays import Calendar, DateResult

#: The common practice; each agency may set its own (`DeskSettings`).
DEFAULT_REPLY_DAYS = 5
DEFAULT_PROPOSAL_MONTHS = 3
#: An open case due within this many working days is on the red list.
DUE_SOON = 2

_PHONE = re.compile(r"\+?[\d\- ]{7,20}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s.]{2,}")


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` months later, clamped to the month's last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def reply_due(received: dt.date, days: int, workdays: Calendar) -> DateResult:
    """The reply deadline: the `days`-th working day after receipt."""
    return workdays.add(received, days)


def working_days_left(due: dt.date, today: dt.date, workdays: Calendar) -> int:
    """Working days from today to the deadline; negative: overdue by that many."""
    return workdays.count(today, due).days


def left_text(left: int) -> str:
    """Working days left as the queue, the case page and the digest say it."""
    return f"已逾期{-left}个工作日" if left < 0 else ("今日到期" if left == 0 else f"剩余{left}个工作日")


def phone_problem(value: str) -> str | None:
    """Why `value` is not a phone number (Chinese), or None."""
    return None if not value or _PHONE.fullmatch(value) else "联系电话应为7至20位数字（可含区号连字符）"


def email_problem(value: str) -> str | None:
    """Why `value` is not an e-mail address (Chinese), or None."""
    return None if not value or _EMAIL.fullmatch(value) else "电子邮箱格式不正确"
