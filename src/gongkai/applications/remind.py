"""`gongkai remind`: the daily digest e-mail to each disclosure office (run from cron).

For every agency with open applications on the red list (`gongkai.applications.queues`: overdue or
due within `queues.DUE_SOON` working days; a paused case by its pause's own deadline, flagged 暂停),
one e-mail to the office address and to its clerks, reviewers and leaders, listing the cases by
tracking number (no personal data beyond the applicant's name); the service desk's overdue and
due-soon cases (`gongkai.desk.queries.digest_lines`) follow as section 三. Uses Django's e-mail backend
(console in development: ``EMAIL_BACKEND``). Crontab example::

    30 7 * * 1-5  cd /srv/gongkai && .venv/bin/gongkai remind
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import click

from gongkai import clock
from gongkai.cli import CliError, setup_django


@dataclass(frozen=True)
class Line:
    tracking_number: str
    applicant: str
    received: dt.date
    state: str
    due: dt.date  # the deadline that listed it: the reply due date, or the pause's own deadline
    provisional: bool
    left: int  # working days left; negative: overdue by that many
    pause: str = ""  # the pause (e.g. 等待申请人补正) when `due` is its own deadline

    @property
    def text(self) -> str:
        when = f"{self.due:%Y-%m-%d}{'（暂定）' if self.provisional else ''}"
        kind = f"暂停（{self.pause}）期限" if self.pause else "期限"
        status = f"已逾期{-self.left}个工作日" if self.left < 0 else (
            "今日到期" if self.left == 0 else f"剩余{self.left}个工作日")
        return f"{self.tracking_number}  {self.applicant}  收到：{self.received:%Y-%m-%d}  {self.state}  {kind}：{when}  {status}"


def digest_lines(open_applications, today: dt.date, calendar) -> tuple[list[Line], list[Line]]:
    """(overdue, due soon) lines of one agency's open applications: the red list of
    `gongkai.applications.queues` (paused cases by their pause's own deadline), most urgent first."""
    from gongkai.applications import queues

    lines = [Line(e.application.tracking_number, e.application.applicant_label, e.application.received_on,
                  e.application.state_label, e.deadline, e.provisional, e.left, e.pause)
             for e in queues.entries(queues.red_list(open_applications, today, calendar), calendar)]
    return [line for line in lines if line.left < 0], [line for line in lines if line.left >= 0]


def message(agency_name: str, today: dt.date, overdue: list[Line], soon: list[Line],
            desk: list[str] | None = None, report: str | None = None) -> tuple[str, str]:
    from gongkai.applications.queues import DUE_SOON

    subject = f"【政府信息公开】{agency_name}申请办理期限提醒（{today:%Y-%m-%d}）：逾期{len(overdue)}件，即将到期{len(soon)}件"
    parts = [f"{agency_name}政府信息公开工作机构：", "",
             f"截至{today:%Y年%m月%d日}，以下政府信息公开申请需要及时办理（答复期限依《条例》第三十三条计算）。", ""]
    for title, lines in ((f"一、已逾期（{len(overdue)}件）", overdue),
                         (f"二、{DUE_SOON}个工作日内到期（{len(soon)}件）", soon)):
        parts.append(title)
        parts.extend([f"  {line.text}" for line in lines] or ["  无"])
        parts.append("")
    if desk:  # the service desk's red list (`gongkai.desk.queries.digest_lines`)
        parts.append(f"三、服务台事项逾期及临期（{len(desk)}件）")
        parts.extend(f"  {line}" for line in desk)
        parts.append("")
    if report:  # the agency's own annual report past its deadline (`gongkai.reports.board`)
        parts.extend(["四、年度报告", f"  {report}", ""])
    parts.append("本邮件由 Gongkai 系统自动发送。")
    return subject, "\n".join(parts)


@click.command()
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), help="Pretend today is this date.")
@click.option("--dry-run", is_flag=True, help="Print the digests instead of sending them.")
def remind(on: dt.datetime | None, dry_run: bool) -> None:
    """Send each disclosure office its digest of overdue and due-soon applications and desk cases."""
    setup_django()
    from django.conf import settings
    from django.core.mail import send_mail
    from django.db.models import Q

    from gongkai.agencies.models import Agency, Membership
    from gongkai.applications.models import Application
    from gongkai.applications.services import OPEN_STATES, calendar_for
    from gongkai.desk.queries import digest_lines as desk_lines
    from gongkai.desk.queries import open_cases
    from gongkai.reports.board import late_reports

    today = on.date() if on else clock.today()
    open_qs = Application.objects.filter(state__in=OPEN_STATES)
    sent = 0
    late = late_reports(today)
    waiting = Q(pk__in=open_qs.values("agency_id")) | Q(pk__in=open_cases().values("agency_id")) | Q(pk__in=late)
    for agency in Agency.objects.filter(waiting).order_by("name"):
        overdue, soon = digest_lines(open_qs.filter(agency=agency), today, calendar_for(agency))
        desk = desk_lines(agency, today)
        if not (overdue or soon or desk or agency.pk in late):
            continue
        subject, body = message(agency.name, today, overdue, soon, desk, late.get(agency.pk))
        staff = Membership.objects.filter(agency=agency, role__in=["clerk", "reviewer", "leader"],
                                          user__is_active=True).exclude(user__email="")
        recipients = sorted({agency.email, *staff.values_list("user__email", flat=True)} - {""})
        if dry_run:
            click.echo(f"To: {', '.join(recipients) or '(no address)'}\nSubject: {subject}\n\n{body}\n")
            continue
        if not recipients:
            click.echo(f"gongkai: {agency.name} has no e-mail address; digest not sent", err=True)
            continue
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except OSError as exc:
            raise CliError(f"cannot send mail for {agency.name}: {exc}") from exc
        sent += 1
        click.echo(f"{agency.name}: {len(overdue)} overdue, {len(soon)} due soon → {len(recipients)} recipient(s)")
    click.echo(f"{sent} digest(s) sent" if not dry_run else "dry run: nothing sent", err=True)
