"""Appeal services: record a reconsideration or lawsuit, record its result (audit-logged).

A ``corrected`` result (复议决定撤销/责令重新答复, 判决撤销) on an application reopens it for a new
reply through `gongkai.applications.services.reopen`, in the same transaction.

UI signatures::

    record_appeal(user, agency, *, kind, body, filed_on, application=None, case_number="", appellant="")
    record_result(appeal, user, *, result, decided_on, summary="")
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai import clock
from gongkai.agencies import audit
from gongkai.agencies.permissions import Action, require
from gongkai.appeals.models import Appeal
from gongkai.applications import services as applications
from gongkai.applications.models import Application

FIELDS = ("kind", "body", "case_number", "filed_on", "decided_on", "result", "application")


class AppealError(ValueError):
    """Bad appeal data (Chinese message)."""


def record_appeal(user, agency, *, kind: str, body: str, filed_on: dt.date, application: Application | None = None,
                  case_number: str = "", appellant: str = "") -> Appeal:
    require(user, agency, Action.ACT)
    if kind not in Appeal.Kind.values:
        raise AppealError("请选择类型：行政复议、直接起诉或复议后起诉")
    if not body.strip():
        raise AppealError("请填写复议机关或法院")
    if filed_on > clock.today():
        raise AppealError("申请或立案日期不能晚于今天")
    if application is not None:
        if application.agency_id != agency.pk:
            raise AppealError("所选申请不属于本机关")
        if filed_on < application.received_on:
            raise AppealError("申请或立案日期不能早于收到政府信息公开申请之日")
    with transaction.atomic():
        appeal = Appeal.objects.create(agency=agency, application=application, kind=kind, body=body.strip(),
                                       filed_on=filed_on, case_number=case_number.strip(),
                                       appellant=appellant.strip(), created_by=user)
        audit.record(user, "appeal.record", appeal, agency=agency, after=audit.snapshot(appeal, FIELDS),
                     note=appeal.get_kind_display())
    return appeal


def record_result(appeal: Appeal, user, *, result: str, decided_on: dt.date, summary: str = "") -> Appeal:
    """Record the decision or judgment; a corrected result reopens the linked, finished application."""
    require(user, appeal.agency_id, Action.ACT)
    if result not in ("upheld", "corrected", "other"):
        raise AppealError("结果只能是维持、纠正或其他结果")
    if decided_on < appeal.filed_on:
        raise AppealError("决定或判决日期不能早于申请或立案日期")
    if decided_on > clock.today():
        raise AppealError("决定或判决日期不能晚于今天")
    with transaction.atomic():
        before = audit.snapshot(appeal, FIELDS)
        appeal.result, appeal.decided_on, appeal.summary = result, decided_on, summary.strip()
        appeal.save(update_fields=["result", "decided_on", "summary"])
        audit.record(user, "appeal.result", appeal, agency=appeal.agency,
                     **audit.diff(before, audit.snapshot(appeal, FIELDS)), note=appeal.get_result_display())
        app = appeal.application
        if result == "corrected" and app is not None and not app.is_open:
            applications.reopen(app, user, on=decided_on, note=f"{appeal.body}{appeal.case_number}结果为纠正，重新答复")
    return appeal
