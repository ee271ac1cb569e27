"""The deadline board of a government's disclosure office: every agency below it and the
government itself, each one's report for the year, the days left before its statutory deadline
(Art. 49: departments 31 January, governments 31 March — the same rule as the LATE_PUBLICATION
check), who is late now, and who published after the deadline; and the reminders to the late.

Who may see a board: the government's own admin (管理) or a supervisor above it (their audit
right); a department's admin sees a board of itself only. Nothing of another subtree shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from gongkai.agencies import audit
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import Action, can
from gongkai.annual.checks import publication_deadline
from gongkai.annual.formats import era_for_year
from gongkai.annual.model import Report as Model
from gongkai.reports.compute import agency_kind
from gongkai.reports.models import Publication, Report


@dataclass(frozen=True)
class Row:
    agency: Agency
    report: Report | None
    deadline: dt.date
    days_left: int  # negative: the deadline passed that many days ago
    published_on: dt.date | None  # the first publication (a correction does not move it)

    @property
    def status(self) -> str:
        return self.report.state_label if self.report is not None else "未生成"

    @property
    def late(self) -> bool:
        """Not published and the deadline has passed."""
        return self.published_on is None and self.days_left < 0

    @property
    def published_late(self) -> bool:
        return self.published_on is not None and self.published_on > self.deadline

    @property
    def days_late(self) -> int:
        if self.published_on is not None:
            return max(0, (self.published_on - self.deadline).days)
        return max(0, -self.days_left)


def may_oversee(user, government: Agency) -> bool:
    """The government's admin or a supervisor of its subtree (or the site admin)."""
    return can(user, government, Action.ADMINISTER) or can(user, government, Action.AUDIT)


def deadline_of(agency: Agency, year: int) -> dt.date:
    deadline = publication_deadline(Model(era=era_for_year(year), year=year, agency_kind=agency_kind(agency)))
    assert deadline is not None  # the year is given
    return deadline


def rows(government: Agency, year: int, today: dt.date) -> list[Row]:
    """The government first, then every agency below it by name, with their `year` reports."""
    return rows_of([government, *government.descendants().order_by("name")], year, today)


def rows_of(agencies: list[Agency], year: int, today: dt.date) -> list[Row]:
    """Board rows of the given agencies (a government's area report stands for it when it has one)."""
    reports: dict[int, Report] = {}
    for r in Report.objects.filter(agency__in=agencies, year=year).order_by("scope"):  # "agency" < "area"
        reports[r.agency_id] = r
    first = dict(Publication.objects.filter(report__in=list(reports.values()), number=1)
                 .values_list("report_id", "published_on"))
    out = []
    for agency in agencies:
        report, deadline = reports.get(agency.pk), deadline_of(agency, year)
        published = first.get(report.pk) if report is not None else None
        out.append(Row(agency, report, deadline, (deadline - today).days, published))
    return out


def contacts(agency: Agency) -> list[str]:
    """The office address and the clerks, reviewers and leaders of the agency who have one."""
    staff = Membership.objects.filter(agency=agency, role__in=["clerk", "reviewer", "leader"],
                                      user__is_active=True).exclude(user__email="")
    return sorted({agency.email, *staff.values_list("user__email", flat=True)} - {""})


def reminder(row: Row, year: int, today: dt.date) -> tuple[str, str]:
    """Subject and body of the reminder to one late agency."""
    subject = f"【政府信息公开】{row.agency.name}{year}年度报告已逾期{row.days_late}天未公布"
    body = "\n".join([
        f"{row.agency.name}政府信息公开工作机构：", "",
        f"截至{today:%Y年%m月%d日}，贵单位{year}年度政府信息公开工作年度报告尚未公布（当前状态：{row.status}），"
        f"已超过《条例》第四十九条规定的公布期限{row.deadline:%Y年%m月%d日}{row.days_late}天。请尽快完成审核、签发并公布。",
        "", "本邮件由 Gongkai 系统自动发送。"])
    return subject, body


def remind(government: Agency, year: int, actor, today: dt.date) -> list[tuple[Agency, list[str]]]:
    """E-mail every late agency on the board; returns who was written to and at which addresses
    (an agency without any address is returned with none). One audit entry for the batch."""
    from django.conf import settings
    from django.core.mail import send_mail

    if not may_oversee(actor, government):
        raise PermissionDenied("您没有督促该政府所属机关公布年度报告的权限")
    sent = []
    for row in rows(government, year, today):
        if not row.late:
            continue
        to = contacts(row.agency)
        if to:
            subject, body = reminder(row, year, today)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
        sent.append((row.agency, to))
    audit.record(actor, "report.remind", None, agency=government,
                 after={"year": year, "reminded": {a.name: to for a, to in sent}})
    return sent


def late_reports(today: dt.date) -> dict[int, str]:
    """The daily digest's line of every agency whose last-year report is late: agency id → text."""
    year = today.year - 1
    return {r.agency.pk: f"{year}年度报告尚未公布（{r.status}），已超过公布期限{r.deadline:%Y-%m-%d}{r.days_late}天"
            for r in rows_of(list(Agency.objects.all()), year, today) if r.late}
