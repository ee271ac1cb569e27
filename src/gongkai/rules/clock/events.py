"""The events of an application's statutory clock, and reading them from stored rows.

Each event is a frozen dataclass with a stable `kind` (the name stored in the database and in
JSON); `event_from_dict` builds one from ``{"kind": ..., "date": ..., <extra fields>}``.
`PauseKind` names the pauses these events open and close.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from gongkai.rules import constants as C


class ClockError(ValueError):
    """An event sequence the Regulation does not allow; the message names the rule."""


class Channel(StrEnum):
    """How the application arrived; Art. 31 fixes the day of receipt for each."""

    IN_PERSON = "in_person"
    POST = "post"
    ONLINE = "online"
    FAX = "fax"
    EMAIL = "email"
    ORAL = "oral"


class PauseKind(StrEnum):
    CORRECTION = "correction"  # 等待补正: the period restarts from the corrected application
    THIRD_PARTY = "third_party"  # 征求第三方意见 (Art. 32)
    AGENCY_CONSULTATION = "agency_consultation"  # 征求其他机关意见 (Art. 34)
    FEE = "fee"  # 等待缴纳信息处理费 (《办法》)

    @property
    def label(self) -> str:
        return _PAUSE_LABELS[self]


_PAUSE_LABELS = {
    PauseKind.CORRECTION: "等待申请人补正",
    PauseKind.THIRD_PARTY: "征求第三方意见",
    PauseKind.AGENCY_CONSULTATION: "征求其他机关意见",
    PauseKind.FEE: "等待缴纳信息处理费",
}


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to an application on a date; `kind` is its stable name."""

    date: dt.date
    kind: ClassVar[str] = ""


@dataclass(frozen=True, slots=True)
class Received(Event):
    """The application was received (date per Art. 31 for the channel)."""

    channel: Channel = Channel.IN_PERSON
    kind: ClassVar[str] = "received"


@dataclass(frozen=True, slots=True)
class CorrectionRequested(Event):
    """The correction notice (补正告知) was given; `reply_by` is the period it set, if any."""

    reply_by: dt.date | None = None
    kind: ClassVar[str] = "correction_requested"


@dataclass(frozen=True, slots=True)
class Corrected(Event):
    kind: ClassVar[str] = "corrected"


@dataclass(frozen=True, slots=True)
class CorrectionLapsed(Event):
    """No correction in time: the application is treated as abandoned."""

    kind: ClassVar[str] = "correction_lapsed"


@dataclass(frozen=True, slots=True)
class ThirdPartyStarted(Event):
    """The office sent the third party its written request for an opinion (Art. 32)."""

    kind: ClassVar[str] = "third_party_started"


@dataclass(frozen=True, slots=True)
class ThirdPartyReceived(Event):
    """The third party received the request: its 15 working days run from this day (Art. 32)."""

    kind: ClassVar[str] = "third_party_received"


@dataclass(frozen=True, slots=True)
class ThirdPartyAnswered(Event):
    kind: ClassVar[str] = "third_party_answered"


@dataclass(frozen=True, slots=True)
class ThirdPartyExpired(Event):
    kind: ClassVar[str] = "third_party_expired"


@dataclass(frozen=True, slots=True)
class AgencyConsultationStarted(Event):
    kind: ClassVar[str] = "agency_consultation_started"


@dataclass(frozen=True, slots=True)
class AgencyConsultationReceived(Event):
    """The consulted agency received the request: its 15 working days run from this day (Art. 34)."""

    kind: ClassVar[str] = "agency_consultation_received"


@dataclass(frozen=True, slots=True)
class AgencyConsultationAnswered(Event):
    kind: ClassVar[str] = "agency_consultation_answered"


@dataclass(frozen=True, slots=True)
class AgencyConsultationExpired(Event):
    kind: ClassVar[str] = "agency_consultation_expired"


@dataclass(frozen=True, slots=True)
class FeeNoticeIssued(Event):
    """The fee notice went out; `delivered` is when the applicant received it, when later."""

    delivered: dt.date | None = None
    kind: ClassVar[str] = "fee_notice_issued"


@dataclass(frozen=True, slots=True)
class FeeNoticeDelivered(Event):
    """The applicant received the fee notice (recorded when it becomes known, e.g. post)."""

    kind: ClassVar[str] = "fee_notice_delivered"


@dataclass(frozen=True, slots=True)
class FeePaid(Event):
    kind: ClassVar[str] = "fee_paid"


@dataclass(frozen=True, slots=True)
class FeeLapsed(Event):
    """The fee was not paid in time: the application is treated as abandoned."""

    kind: ClassVar[str] = "fee_lapsed"


@dataclass(frozen=True, slots=True)
class ExtensionApproved(Event):
    """The head of the disclosure office approved an extension of `days` working days;
    `approved_by` names who approved (for the explanation and the letter)."""

    days: int = C.EXTENSION_MAX
    approved_by: str = ""
    kind: ClassVar[str] = "extension_approved"


@dataclass(frozen=True, slots=True)
class Deferred(Event):
    """Art. 35: the applicant's reasons for an excessive request were found reasonable and the
    office set the later reply date `until` (确定延迟答复的合理期限), telling the applicant."""

    until: dt.date | None = None
    kind: ClassVar[str] = "reply_deferred"


@dataclass(frozen=True, slots=True)
class Replied(Event):
    kind: ClassVar[str] = "replied"


@dataclass(frozen=True, slots=True)
class Closed(Event):
    """The application ended without a decision (withdrawn by the applicant, or otherwise)."""

    kind: ClassVar[str] = "closed"


EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (
        Received,
        CorrectionRequested,
        Corrected,
        CorrectionLapsed,
        ThirdPartyStarted,
        ThirdPartyReceived,
        ThirdPartyAnswered,
        ThirdPartyExpired,
        AgencyConsultationStarted,
        AgencyConsultationReceived,
        AgencyConsultationAnswered,
        AgencyConsultationExpired,
        FeeNoticeIssued,
        FeeNoticeDelivered,
        FeePaid,
        FeeLapsed,
        ExtensionApproved,
        Deferred,
        Replied,
        Closed,
    )
}


def _parse_date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ClockError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """Build an event from ``{"kind": ..., "date": ..., <extra fields>}`` (JSON, database rows)."""
    kind = data.get("kind")
    cls = EVENT_TYPES.get(str(kind))
    if cls is None:
        raise ClockError(f"unknown event kind {kind!r}; expected one of {', '.join(EVENT_TYPES)}")
    kwargs: dict[str, Any] = {"date": _parse_date(data.get("date"), str(kind))}
    if cls is Received and "channel" in data:
        try:
            kwargs["channel"] = Channel(data["channel"])
        except ValueError:
            raise ClockError(f"unknown channel {data['channel']!r}") from None
    for name in ("reply_by", "delivered", "until"):
        if data.get(name) is not None and name in cls.__dataclass_fields__:
            kwargs[name] = _parse_date(data[name], f"{kind}.{name}")
    if cls is ExtensionApproved:
        if "days" in data:
            kwargs["days"] = int(data["days"])
        kwargs["approved_by"] = str(data.get("approved_by") or "")
    if cls is Deferred and kwargs.get("until") is None:
        raise ClockError(f"Art. 35: {kind} on {kwargs['date']} needs the later reply date 'until'")
    return cls(**kwargs)
