"""Registering a received application (登记, Art. 29, 31): the intake fields checked and normalised,
the day of receipt of an online or fax application, the new case numbered with its clock started."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from django.db import transaction

from gongkai import clock as wallclock
from gongkai.agencies import audit
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, require
from gongkai.applications import identity, tracking, vocab
from gongkai.applications.models import Application, ApplicationEvent, Item
from gongkai.applications.services.clocks import calendar_for, clock_channel, clock_refusal
from gongkai.applications.services.steps import AUDIT_FIELDS, clean_text
from gongkai.rules import clock
from gongkai.rules.workdays import CalendarError
from gongkai.workflow import TransitionError


def validate_intake(data: Mapping[str, object]) -> dict:
    """Check and normalise the intake fields (Art. 29); `TransitionError` names the first problem.

    Keys: channel, received_on, applicant_type, applicant_name, id_type, id_number, phone, email,
    address, postcode, organisation_name, organisation_code, description, document_number,
    purpose, form, delivery. Organisations (every type but 自然人) need their name and code.
    """
    out: dict = {}
    for key, choices, label in (
        ("channel", vocab.Channel.choices, "申请方式"),
        ("applicant_type", vocab.ApplicantType.choices, "申请人类型"),
        ("form", vocab.InfoForm.choices, "获取信息的方式"),
        ("delivery", vocab.Delivery.choices, "获取信息的途径"),
    ):
        value = str(data.get(key) or "")
        if value not in dict(choices):
            raise TransitionError(f"请选择{label}（可选：{'、'.join(v for _, v in choices)}）")
        out[key] = value
    received = _date_value(data.get("received_on"), "收到申请之日")
    if received is None:
        raise TransitionError("请填写收到申请之日（《条例》第三十一条）")
    if received > wallclock.today():
        raise TransitionError("收到申请之日不能晚于今天（《条例》第三十一条：收到申请之日是已经发生的日期）")
    out["received_on"] = received
    out["applicant_name"] = clean_text(str(data.get("applicant_name") or ""), "申请人姓名", max_length=100)
    try:
        out["id_number"] = identity.validate(str(data.get("id_type") or ""), str(data.get("id_number") or ""))
    except identity.IdentityError as exc:
        raise TransitionError(str(exc)) from None
    out["id_type"] = str(data.get("id_type"))
    out["phone"] = clean_text(str(data.get("phone") or ""), "联系电话", required=False, max_length=30)
    out["email"] = clean_text(str(data.get("email") or ""), "电子邮箱", required=False, max_length=254)
    if out["email"] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", out["email"]):
        raise TransitionError("电子邮箱格式不正确")
    if not (out["phone"] or out["email"]):
        raise TransitionError("请至少填写一种联系方式（联系电话或电子邮箱）（《条例》第二十九条）")
    out["address"] = clean_text(str(data.get("address") or ""), "通信地址", required=False, max_length=200)
    out["postcode"] = clean_text(str(data.get("postcode") or ""), "邮政编码", required=False)
    if out["postcode"] and not re.fullmatch(r"\d{6}", out["postcode"]):
        raise TransitionError("邮政编码应为6位数字")
    if out["delivery"] == "post" and not out["address"]:
        raise TransitionError("选择邮寄的，请填写通信地址")
    if "email" in (out["delivery"], out["form"]) and not out["email"]:
        raise TransitionError("选择以电子邮件获取的，请填写电子邮箱")
    if out["applicant_type"] in vocab.ORGANISATION_TYPES:
        out["organisation_name"] = clean_text(str(data.get("organisation_name") or ""), "法人或其他组织名称",
                                               max_length=200)
        try:
            out["organisation_code"] = identity.validate("credit_code", str(data.get("organisation_code") or ""))
        except identity.IdentityError as exc:
            raise TransitionError(str(exc)) from None
    else:
        out["organisation_name"] = out["organisation_code"] = ""
    out["description"] = clean_text(str(data.get("description") or ""), "所需政府信息的描述")
    out["document_number"] = clean_text(str(data.get("document_number") or ""), "文号", required=False,
                                         max_length=100)
    out["purpose"] = clean_text(str(data.get("purpose") or ""), "用途", required=False, max_length=200)
    return out


def _date_value(value: object, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise TransitionError(f"{label}应为日期（年-月-日）") from None
    if isinstance(value, dt.date):
        return value
    raise TransitionError(f"{label}应为日期（年-月-日）")


#: Art. 31(3): an application made online (e-mail included) or by fax is received on the day both
#: sides confirm it (双方确认之日), which may be later than the day it was submitted.
CONFIRMED_CHANNELS = frozenset({"online", "email", "fax"})


def submitted_day(data: Mapping[str, object]) -> dt.date | None:
    """The submission day (提交之日) of an online or fax application, checked against the day of
    receipt (the confirmation); None for other channels or when not given."""
    if data.get("channel") not in CONFIRMED_CHANNELS:
        return None
    submitted = _date_value(data.get("submitted_on"), "提交之日")
    received = _date_value(data.get("received_on"), "收到申请之日")
    if submitted is not None and received is not None and submitted > received:
        raise TransitionError("双方确认之日不能早于申请人提交之日（《条例》第三十一条第三项）")
    return submitted


def receipt_warning(agency: Agency | int, data: Mapping[str, object]) -> str:
    """A warning (Chinese, "" if none) for an online or fax application whose confirmed day of
    receipt is a non-working day other than the submission day: offices confirm on working days,
    so it is likely a slip. A warning, not a refusal: a confirmation on a day off does happen."""
    submitted = submitted_day(data)
    received = _date_value(data.get("received_on"), "收到申请之日")
    if submitted is None or received is None or received == submitted:
        return ""
    try:
        if calendar_for(agency).is_workday(received):
            return ""
    except CalendarError:
        return ""
    return (f"双方确认之日{received:%Y年%m月%d日}是非工作日，且与申请人提交之日{submitted:%Y年%m月%d日}不同，"
            "请核对（《条例》第三十一条第三项：以双方确认之日为收到申请之日）")


def register(user, agency: Agency, data: Mapping[str, object], *, items: Sequence[str] = ()) -> Application:
    """Register a received application (登记): validate, number it, start its clock.

    `items` are the separately requested items (一事一申请); by default the description is the
    single item. For an online or fax application ``data["submitted_on"]`` may give the day it was
    submitted (kept with the receipt event; the day of receipt is the confirmation, Art. 31(3)).
    Returns the new application in state ``received`` with its due date.
    """
    require(user, agency, Action.ACT)
    fields = validate_intake(data)
    submitted = submitted_day(data)
    texts = [t.strip() for t in items if t.strip()] or [fields["description"]]
    cal = calendar_for(agency)
    received = fields["received_on"]
    try:
        state = clock.compute([clock.Received(received, clock.Channel(clock_channel(fields["channel"])))],
                              max(received, wallclock.today()), cal)
    except (clock.ClockError, CalendarError) as exc:
        raise TransitionError(clock_refusal(exc)) from exc
    with transaction.atomic():
        number = tracking.new(received.year)
        while Application.objects.filter(tracking_number=number).exists():
            number = tracking.new(received.year)
        application = Application.objects.create(
            agency=agency, tracking_number=number, due_on=state.due, due_provisional=state.provisional,
            assignee=user, **fields,
        )
        Item.objects.bulk_create(Item(application=application, position=i, description=text)
                                 for i, text in enumerate(texts, 1))
        ApplicationEvent.objects.create(application=application, kind=clock.Received.kind, on=received,
                                        data={"submitted": submitted.isoformat()} if submitted else {}, actor=user)
        audit.record(user, "application.register", application, agency=agency, note="登记申请",
                     after={**audit.snapshot(application, AUDIT_FIELDS + ("channel", "received_on",
                                                                             "applicant_type")),
                            "id_number": identity.mask(fields["id_number"]), "items": len(texts)})
    return application
