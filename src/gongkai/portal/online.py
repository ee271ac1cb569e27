"""Online applications (网上申请, 《条例》第二十九条) from the portal, their confirmation by staff
(《条例》第三十一条第三项) and the applicant's status query.

``submit(agency, data, scan)`` checks the fields with the intake's own validation, keeps the
identity scan under the applications' upload rules and returns the submission with its query
code (shown once, e-mailed when an address is given; only a keyed hash is stored).
``confirm(submission, user, on=…)`` registers it through `applications.services.register` with
channel 网上, the confirmation day as the day of receipt and the submission day kept with it.
``find(number, code)`` and ``status(submission)`` serve the status query, masked.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils.crypto import constant_time_compare, salted_hmac

from gongkai import clock, personal_data
from gongkai.agencies import audit
from gongkai.agencies.lifecycle import AuditExtra, take
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, require
from gongkai.applications import attachments, identity, letters, services, tracking
from gongkai.applications.models import Application, Letter
from gongkai.portal import workflow
from gongkai.portal.models import Submission
from gongkai.screening.patterns import mask_text
from gongkai.workflow import Transition, TransitionError

PREFIX = "WSQ"
CODE_LENGTH = 8


class SubmissionError(ValueError):
    """The submission is refused (Chinese message)."""


def new_number(year: int) -> str:
    return tracking.new(year).replace(tracking.PREFIX, PREFIX, 1)


def code_hash(number: str, code: str) -> str:
    return salted_hmac("gongkai.portal.query-code", f"{number}:{code.strip().upper()}").hexdigest()


def _scan_dir() -> Path:
    path = Path(settings.DATA_DIR) / "portal" / "scans"
    path.mkdir(parents=True, exist_ok=True)
    return path


def submit(agency: Agency, data: dict, scan: tuple[str, bytes] | None = None) -> tuple[Submission, str]:
    """Validate and keep an online application until staff confirm it; returns it and its query code."""
    today = clock.today()
    try:
        fields = services.validate_intake({**data, "channel": "online", "received_on": today})
    except TransitionError as exc:
        raise SubmissionError(str(exc)) from None
    del fields["channel"], fields["received_on"]
    stored = ""
    if scan is not None:
        try:
            suffix, _ = attachments.detect(scan[1])
        except attachments.AttachmentError as exc:
            raise SubmissionError(f"身份证明扫描件：{exc}") from None
        stored = f"{uuid.uuid4().hex}{suffix}"
        (_scan_dir() / stored).write_bytes(scan[1])
    code = "".join(secrets.choice(tracking.ALPHABET) for _ in range(CODE_LENGTH))
    try:
        with transaction.atomic():
            number = new_number(today.year)
            while Submission.objects.filter(number=number).exists():
                number = new_number(today.year)
            submission = Submission.objects.create(
                agency=agency, number=number, code_hash=code_hash(number, code), submitted_on=today, data=fields,
                scan_name=Path(scan[0]).name[:200] if scan else "", scan_stored=stored,
            )  # fmt: skip
            audit.record(None, "portal.submission", submission, agency=agency, note="网上提交申请",
                         after={"number": number, "applicant_type": fields["applicant_type"]})  # fmt: skip
    except BaseException:
        if stored:
            (_scan_dir() / stored).unlink(missing_ok=True)
        raise
    if fields["email"]:
        send_mail(
            f"政府信息公开申请已提交（{number}）",
            f"您向{agency.name}提交的政府信息公开申请已收到，待工作人员确认后受理。\n"
            f"网上申请编号：{number}\n查询码：{code}\n请凭编号和查询码在网站“申请查询”页面查看办理进度。",
            None, [fields["email"]], fail_silently=True,
        )  # fmt: skip
    return submission, code


def find(number: str, code: str) -> Submission | None:
    """The submission with this number and query code, else None (the same answer for both errors)."""
    number = (number or "").strip().upper()[:20]
    found = Submission.objects.select_related("agency", "application").filter(number=number).first()
    expected = found.code_hash if found else code_hash("-", "-")
    if not constant_time_compare(expected, code_hash(number, (code or "")[:40])) or found is None:
        return None
    return found


def pending(user, agency: Agency) -> QuerySet[Submission]:
    require(user, agency, Action.READ_PERSONAL)
    return Submission.objects.filter(agency=agency, state=Submission.State.PENDING)


def confirm(
    submission: Submission, user, *, on: dt.date | None = None, version: int | None = None
) -> Application:
    """Confirm receipt (双方确认): register the application with the confirmation day as its day of
    receipt, channel 网上, and attach the identity scan (the ``confirm`` step of `workflow`)."""
    day = on or clock.today()

    def register(locked: Submission, step: Transition) -> AuditExtra:
        data = {**locked.data, "channel": "online", "received_on": day, "submitted_on": locked.submitted_on}
        application = services.register(user, locked.agency, data)
        if locked.scan_stored:
            attachments.add_attachment(application, user, kind="identity", name=locked.scan_name,
                                       data=(_scan_dir() / locked.scan_stored).read_bytes())  # fmt: skip
        locked.application, locked.confirmed_by = application, user
        return AuditExtra(note="确认收到网上申请",
                          after={"application": application.tracking_number, "received_on": day})  # fmt: skip

    confirmed = take(submission, user, workflow.WORKFLOW, "confirm", noun="网上申请", audit_action="portal.submission.confirm",
                     audit_fields=["state"], version=version, change=register,
                     facts=lambda locked: workflow.Facts(confirmed_before_submission=day < locked.submitted_on))  # fmt: skip
    assert confirmed.application is not None  # set by `register` in the same step
    return confirmed.application


@dataclass(frozen=True)
class Status:
    """What the status page shows: masked identity, dates and the stage in plain words."""

    number: str
    agency: str
    applicant: str
    id_number: str
    submitted_on: dt.date
    description: str
    confirmed: bool
    tracking_number: str = ""
    received_on: dt.date | None = None
    stage: str = ""
    due_on: dt.date | None = None
    explanations: tuple[str, ...] = ()
    replied_on: dt.date | None = None
    reply: Letter | None = None


def _zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def explain(state) -> tuple[str, ...]:
    """The clock's pauses, extension and deferral in plain words."""
    lines = []
    for p in state.pauses:
        end = f"至{_zh(p.end)}" if p.end else "，目前仍在暂停中"
        days = f"，共{p.deducted}个工作日不计入答复期限" if p.deducted else ""
        lines.append(f"{p.kind.label}：自{_zh(p.start)}起暂停计算答复期限{end}{days}。")
    if state.extension:
        lines.append(f"答复期限经批准延长{state.extension}个工作日（《条例》第三十三条）。")
    if state.deferred_to:
        lines.append(f"机关已告知将于{_zh(state.deferred_to)}前答复（《条例》第三十五条）。")
    return tuple(lines)


def status(submission: Submission) -> Status:
    data = submission.data
    applicant = data.get("organisation_name") or personal_data.mask_free_text(data.get("applicant_name", ""))
    pending = Status(
        confirmed=False, number=submission.number, agency=submission.agency.name, applicant=applicant,
        id_number=identity.mask(data.get("id_number", "")), submitted_on=submission.submitted_on,
        description=mask_text(data.get("description", "")),
    )  # fmt: skip
    application = submission.application
    if application is None:
        return pending
    try:
        state = services.clock_state(application)
        explanations, replied = explain(state), state.replied
    except ValueError:  # ClockError, CalendarError: the stage is shown without the explanation
        explanations, replied = (), None
    reply = None
    if replied is not None:
        reply = letters.draft_letter(application)  # the letter of the draft that was signed and sent
    return replace(
        pending, confirmed=True, tracking_number=application.tracking_number, received_on=application.received_on,
        stage=application.state_label, due_on=application.due_on, explanations=explanations,
        replied_on=replied, reply=reply,
    )  # fmt: skip
