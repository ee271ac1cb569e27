"""A longer reply period: the one extension (Art. 33), asked by the clerk and approved or declined
by the head of the disclosure office, and the later reply date of an excessive request (Art. 35)."""

from __future__ import annotations

import datetime as dt

from gongkai import clock as wallclock
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, can
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.services.clocks import round_events
from gongkai.applications.services.steps import Change, clean_text, take_step
from gongkai.rules import clock
from gongkai.workflow import TransitionError


def _extension_days(days: object) -> int:
    limit = clock.ClockConfig().extension_max
    if not isinstance(days, int) or not 0 < days <= limit:
        raise TransitionError(f"延长答复期限最长不超过{limit}个工作日（《条例》第三十三条第二款）")
    return days


def approver(user, agency: Agency | int) -> str:
    """Who approved, as the approval text names them: Art. 33's head of the disclosure office is the
    reviewer (审核人); a leader (分管领导) approves as the head's superior."""
    title = "政府信息公开工作机构负责人" if can(user, agency, Action.REVIEW) else "分管领导"
    return f"{title}{user}"  # the staff member's name (display name, else user name)


def pending_extension(application: Application) -> ApplicationEvent | None:
    """The clerk's extension request still awaiting the head's decision, if any."""
    rows = [r for r in round_events(application) if r.kind in ("extension_requested", "extension_declined",
                                                           clock.ExtensionApproved.kind)]
    return rows[-1] if rows and rows[-1].kind == "extension_requested" else None


def request_extension(application: Application, user, *, days: int, reason: str, on: dt.date | None = None,
                      version: int | None = None) -> Application:
    """The clerk asks the head of the disclosure office for the extension (days, reason); a new
    request replaces one not yet decided."""
    reason = clean_text(reason, "延期理由", max_length=500)
    days = _extension_days(days)
    day = on or wallclock.today()
    return take_step(application, user, "request_extension", on=on, version=version,
                       prepare=lambda a, s: Change([("extension_requested", day, {"days": days, "reason": reason})],
                                                    {}, note=f"申请延期{days}个工作日：{reason}"))


def approve_extension(application: Application, user, *, days: int, reason: str, on: dt.date | None = None,
                      version: int | None = None) -> Application:
    """The head of the office approves the one extension of at most 20 working days, with a reason
    (the clerk's request, when there is one, is the form's default). The event and the history
    name who approved; the applicant is told by the extension notice (延期答复告知书)."""
    reason = clean_text(reason, "延期理由")
    days = _extension_days(days)
    day = on or wallclock.today()
    by = approver(user, application.agency_id)
    return take_step(application, user, "approve_extension", on=on, version=version,
                       prepare=lambda a, s: Change(
                           [("extension_approved", day, {"days": days, "reason": reason, "approved_by": by})],
                           {}, note=f"经{by}批准延期{days}个工作日：{reason}", after={"approved_by": by}))


def decline_extension(application: Application, user, *, reason: str, on: dt.date | None = None,
                      version: int | None = None) -> Application:
    """The head does not approve the clerk's extension request (the reason goes to the record)."""
    reason = clean_text(reason, "不同意延期的理由", max_length=500)
    day = on or wallclock.today()
    by = approver(user, application.agency_id)
    return take_step(application, user, "decline_extension", on=on, version=version,
                       prepare=lambda a, s: Change([("extension_declined", day, {"reason": reason, "by": by})], {},
                                                    note=f"{by}不同意延期：{reason}"))


# --- excessive requests: a later reply date (Art. 35) -------------------------------------------------


def ask_reasons(application: Application, user, *, content: str, on: dt.date | None = None,
                version: int | None = None) -> Application:
    """Art. 35: the number or frequency of the applicant's requests clearly exceeds a reasonable
    range; the office asks the applicant for the reasons (the reply period keeps running)."""
    content = clean_text(content, "要求说明理由的内容", max_length=1000)
    day = on or wallclock.today()
    return take_step(application, user, "ask_reasons", on=on, version=version,
                       prepare=lambda a, s: Change([("reasons_requested", day, {"content": content})], {},
                                                    note=f"要求申请人说明理由：{content}"))


def defer_reply(application: Application, user, *, until: dt.date, reason: str, on: dt.date | None = None,
                version: int | None = None) -> Application:
    """Art. 35: the reasons are reasonable but the reply cannot be made within Art. 33's period:
    the office sets the later reply date `until` and tells the applicant. `until` becomes the due date."""
    reason = clean_text(reason, "申请人说明的理由及审查意见", max_length=1000)
    day = on or wallclock.today()
    by = approver(user, application.agency_id)
    return take_step(application, user, "defer_reply", on=on, version=version,
                       prepare=lambda a, s: Change(
                           [(clock.Deferred.kind, day, {"until": until.isoformat(), "reason": reason, "by": by})],
                           {}, note=f"经{by}同意，确定延迟答复的期限至{until:%Y-%m-%d}：{reason}"))
