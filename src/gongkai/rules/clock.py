"""The statutory clock of an application (依申请公开): from its event list to its reply deadline.

`compute(events, on)` replays an application's events up to the date `on` and returns a
`ClockState`: running / paused (and why) / stopped, the reply due date, working days used and
left, the correction-notice deadline, each pause's own deadline, whether the reply was on time,
and a step-by-step explanation citing the articles, which a clerk can paste into a letter.

Rules (working days on `gongkai.rules.workdays`; the day of the triggering event is not counted):

- Art. 31: the date of the ``received`` event is the day of receipt for its channel.
- Art. 30: one correction (补正) notice, within 7 working days of receipt; the reply period then
  runs from the day the corrected application is received; no correction in time → abandoned
  (row ``other.no_correction``). A correction notice comes before any consultation, fee notice
  or extension (it asks for everything at once, before the request is processed).
- Art. 33 para. 2: reply within 20 working days; one extension of at most 20, approved before
  the period has run out.
- Art. 32 / 34 with Art. 33 para. 3: consulting a third party or another agency pauses the clock
  from the day the request is sent; the party has 15 working days **from the day it receives the
  request** (``*_received`` event, often known later for post), so the pause ends when answered
  or, at the latest, on that 15th working day (silence: the period has run out). Until the
  receipt is recorded the party's deadline is unknown: the pause cannot expire, and an answer
  counts at most to the 15th working day after sending (the earliest receipt possible).
- 《办法》: from the fee notice to payment the clock is paused (`ClockConfig.fee_stops_clock`);
  the applicant pays within 20 working days from the day after receiving the notice (delivery
  recorded with the notice or later, ``fee_notice_delivered``); until delivery is known the fee
  cannot lapse; unpaid → abandoned (row ``other.fee_unpaid``).
- Art. 35: for an excessive request whose reasons the office found reasonable, it sets a later
  reply date (``reply_deferred``, within the reply period); that date is then the due date, and
  later pauses or extensions do not move it.
- An application that ends without a decision (the applicant withdraws it, or it ends for another
  reason recorded by the office) stops the clock on that day (row ``other.other``).
- A pause removes the working days from its first to its last day, both included; pauses of
  different kinds may overlap (days are removed once), two of the same kind may not. A pause that
  begins after the due date has passed does not move it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import Any, ClassVar

from gongkai.rules import constants as C
from gongkai.rules.workdays import Calendar, default_calendar

__all__ = [
    "AgencyConsultationAnswered",
    "AgencyConsultationExpired",
    "AgencyConsultationReceived",
    "AgencyConsultationStarted",
    "Channel",
    "Closed",
    "ClockConfig",
    "ClockError",
    "ClockState",
    "ClockStatus",
    "Corrected",
    "CorrectionLapsed",
    "CorrectionRequested",
    "EVENT_TYPES",
    "Event",
    "Deferred",
    "ExtensionApproved",
    "FeeLapsed",
    "FeeNoticeDelivered",
    "FeeNoticeIssued",
    "FeePaid",
    "Pause",
    "PauseKind",
    "Received",
    "Replied",
    "Step",
    "ThirdPartyAnswered",
    "ThirdPartyExpired",
    "ThirdPartyReceived",
    "ThirdPartyStarted",
    "compute",
    "event_from_dict",
]


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


_CHANNEL_TEXT = {
    Channel.IN_PERSON: "当面提交申请，以提交之日为收到申请之日",
    Channel.POST: "以邮寄方式提交申请，以行政机关签收之日为收到申请之日（平常信函以与申请人确认之日为准）",
    Channel.ONLINE: "通过互联网渠道提交申请，以双方确认之日为收到申请之日",
    Channel.FAX: "以传真方式提交申请，以双方确认之日为收到申请之日",
    Channel.EMAIL: "以电子邮件方式提交申请，以双方确认之日为收到申请之日",
    Channel.ORAL: "口头提出申请、由政府信息公开工作机构代为填写，以提出之日为收到申请之日",
}


@dataclass(frozen=True, slots=True)
class ClockConfig:
    """The periods used by `compute`; defaults are the Regulation's (see `constants`)."""

    reply_period: int = C.REPLY_PERIOD
    extension_max: int = C.EXTENSION_MAX
    correction_window: int = C.CORRECTION_WINDOW
    third_party_period: int = C.THIRD_PARTY_PERIOD
    agency_consultation_period: int = C.AGENCY_CONSULTATION_PERIOD
    fee_payment_period: int = C.FEE_PAYMENT_PERIOD
    #: 《办法》: the time from the fee notice to payment is not counted in the reply period.
    fee_stops_clock: bool = True


# --- events --------------------------------------------------------------------------------


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


# --- results -------------------------------------------------------------------------------


class ClockStatus(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"


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
def _cite(first: str, *more: str) -> str:
    """Several provisions of one law, the law named once: 《条例》第三十二条、第三十三条第三款."""
    law = first[: first.index("》") + 1] if first.startswith("《") else ""
    return "、".join([first, *(m.removeprefix(law) if law else m for m in more)])


_PAUSE_ARTICLES = {
    PauseKind.CORRECTION: C.ART_30,
    PauseKind.THIRD_PARTY: _cite(C.ART_32, C.ART_33_3),
    PauseKind.AGENCY_CONSULTATION: _cite(C.ART_34, C.ART_33_3),
    PauseKind.FEE: C.FEE_RULES,
}


@dataclass(frozen=True, slots=True)
class Pause:
    """One pause of the clock, with its own deadline and the working days it removed."""

    kind: PauseKind
    start: dt.date
    end: dt.date | None  # last day removed (inclusive); None while still open at `on`
    deadline: dt.date | None  # its own deadline (reply by, 15th or 20th working day); None: receipt unknown
    outcome: str  # answered / answered_late / expired / paid / lapsed / corrected / open / ended_by_reply / ended_by_closure
    deducted: int  # working days removed from the reply period by this pause
    overdue: bool = False  # still open although its own deadline has passed
    #: consultations: the day the party received the request; fee: the day the applicant received
    #: the notice (None: not recorded — the party's own period has no known end yet)
    receipt: dt.date | None = None


def _zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the explanation: a Chinese sentence template, its values, and its article."""

    article: str
    template: str
    args: tuple[Any, ...] = ()

    @property
    def text(self) -> str:
        return self.template.format(*(_zh(a) if isinstance(a, dt.date) else a for a in self.args))


@dataclass(frozen=True, slots=True)
class ClockState:
    """The clock of one application as of `on`."""

    on: dt.date
    status: ClockStatus
    paused_for: tuple[PauseKind, ...]  # why the clock is paused (empty unless PAUSED)
    stop_reason: str  # replied / correction_lapsed / fee_lapsed / closed, or ""
    abandoned_row: str  # report row when stopped by abandonment (other.no_correction …), or ""
    received: dt.date
    period_start: dt.date | None  # receipt, or receipt of the corrected application
    period: int  # reply period plus any extension
    extension: int
    due: dt.date | None  # None while awaiting correction
    working_days_used: int
    working_days_left: int  # negative: overdue by that many working days
    correction_deadline: dt.date  # last day for the correction notice (Art. 30)
    pauses: tuple[Pause, ...]
    replied: dt.date | None
    on_time: bool | None  # None until replied
    provisional: bool
    provisional_reason: str
    calendar_version: str
    channel: Channel
    extension_approved: dt.date | None
    stopped_on: dt.date | None
    config: ClockConfig = field(repr=False)
    calendar: Calendar = field(repr=False, compare=False)
    extension_approved_by: str = ""  # who approved the extension (Art. 33), when recorded
    deferred_on: dt.date | None = None  # Art. 35: the day the later reply date was set …
    deferred_to: dt.date | None = None  # … and that date, which is then the due date

    @property
    def explanation(self) -> tuple[Step, ...]:
        """How the due date was reached, one step per rule applied, each citing its article.

        Built on demand: bulk recomputation and dashboards need only the dates.
        """
        return _explain(self)

    @property
    def overdue(self) -> bool:
        """The reply period has run out without a reply."""
        return self.status is not ClockStatus.STOPPED and self.due is not None and self.on > self.due

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (ISO dates), for the CLI, the API and stored snapshots."""

        def iso(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "on": iso(self.on),
            "status": self.status.value,
            "paused_for": [k.value for k in self.paused_for],
            "stop_reason": self.stop_reason,
            "abandoned_row": self.abandoned_row,
            "received": iso(self.received),
            "channel": self.channel.value,
            "extension_approved": iso(self.extension_approved),
            "extension_approved_by": self.extension_approved_by,
            "deferred_on": iso(self.deferred_on),
            "deferred_to": iso(self.deferred_to),
            "stopped_on": iso(self.stopped_on),
            "period_start": iso(self.period_start),
            "period": self.period,
            "extension": self.extension,
            "due": iso(self.due),
            "working_days_used": self.working_days_used,
            "working_days_left": self.working_days_left,
            "overdue": self.overdue,
            "correction_deadline": iso(self.correction_deadline),
            "pauses": [
                {
                    "kind": p.kind.value,
                    "start": iso(p.start),
                    "end": iso(p.end),
                    "deadline": iso(p.deadline),
                    "outcome": p.outcome,
                    "deducted": p.deducted,
                    "overdue": p.overdue,
                    "receipt": iso(p.receipt),
                }
                for p in self.pauses
            ],
            "replied": iso(self.replied),
            "on_time": self.on_time,
            "provisional": self.provisional,
            "provisional_reason": self.provisional_reason,
            "calendar_version": self.calendar_version,
            "explanation": [{"article": s.article, "text": s.text} for s in self.explanation],
        }

    @property
    def text(self) -> str:
        """The explanation as numbered Chinese sentences, each followed by its article."""
        return "\n".join(
            f"{i}. {s.text}（{s.article}）" if s.article else f"{i}. {s.text}"
            for i, s in enumerate(self.explanation, 1)
        )


# --- computation ---------------------------------------------------------------------------


class _Interval:
    """A pause being replayed (mutable while the events are read).

    `cap`: a consultation, which ends at the latest on its deadline; `receipt`: the day the other
    side received the request or notice, from which its own deadline runs.
    """

    __slots__ = ("kind", "start", "end", "deadline", "outcome", "cap", "receipt")

    def __init__(self, kind: PauseKind, start: dt.date, deadline: dt.date | None, cap: bool) -> None:
        self.kind, self.start, self.deadline, self.cap = kind, start, deadline, cap
        self.end: dt.date | None = None
        self.outcome = "open"
        self.receipt: dt.date | None = None

    def close(self, end: dt.date, outcome: str) -> None:
        if self.cap and self.deadline is not None and end > self.deadline:
            end = self.deadline
            if outcome == "answered":  # the time past the consultation period is the office's own
                outcome = "answered_late"
        self.end, self.outcome = end, outcome


_CONSULTATIONS = {
    ThirdPartyStarted.kind: PauseKind.THIRD_PARTY,
    AgencyConsultationStarted.kind: PauseKind.AGENCY_CONSULTATION,
}
_CONSULTATION_RECEIPTS = {
    ThirdPartyReceived.kind: PauseKind.THIRD_PARTY,
    AgencyConsultationReceived.kind: PauseKind.AGENCY_CONSULTATION,
}
_CONSULTATION_ENDS = {
    ThirdPartyAnswered.kind: (PauseKind.THIRD_PARTY, "answered"),
    ThirdPartyExpired.kind: (PauseKind.THIRD_PARTY, "expired"),
    AgencyConsultationAnswered.kind: (PauseKind.AGENCY_CONSULTATION, "answered"),
    AgencyConsultationExpired.kind: (PauseKind.AGENCY_CONSULTATION, "expired"),
}
_CONSULTATION_RULES = {
    PauseKind.THIRD_PARTY: ("Art. 32", "third-party consultation"),
    PauseKind.AGENCY_CONSULTATION: ("Art. 34", "inter-agency consultation"),
}


class _Replay:
    """Reads the events in date order, checking each transition; `state()` builds the result."""

    def __init__(self, cal: Calendar, config: ClockConfig, received: Received, on: dt.date) -> None:
        self.cal, self.config, self.on = cal, config, on
        self.received = received
        self.start: dt.date | None = received.date
        self.correction_deadline = self._add(received.date, config.correction_window)
        self.correction: _Interval | None = None
        self.pauses: list[_Interval] = []
        self.open: dict[PauseKind, _Interval] = {}
        self.extension = 0
        self.extension_date: dt.date | None = None
        self.extension_by = ""
        self.fee_notice: dt.date | None = None
        self.deferral: tuple[dt.date, dt.date] | None = None  # Art. 35: set on, reply due by
        self.stop: tuple[dt.date, str, str] | None = None  # date, reason, abandoned row
        self.processing_started = False

    def _add(self, d: dt.date, n: int) -> dt.date:
        cal = self.cal
        return cal.workday_at(cal.rank(d) + n) if n else d

    # -- the reply period arithmetic, in working-day ranks --

    def _segments(self, until: dt.date) -> tuple[int, int, list[tuple[_Interval, int, int]]]:
        """Start rank, due rank and the rank segments (lo, hi] each pause removes (open ones end `until`)."""
        cal = self.cal
        assert self.start is not None
        start_rank = cal.rank(self.start)
        due = start_rank + self.config.reply_period + self.extension
        if not self.pauses:
            return start_rank, due, []
        spans = []
        for p in self.pauses:
            if p.kind is PauseKind.FEE and not self.config.fee_stops_clock:
                continue
            end = p.end
            if end is None:
                end = until
                if p.cap and p.deadline is not None and end > p.deadline:
                    end = p.deadline
            lo = max(cal.rank(p.start) - cal.is_workday(p.start), start_rank)
            hi = cal.rank(end)
            spans.append((lo, hi, p))
        spans.sort(key=lambda s: s[0])
        segments = []
        covered = start_rank
        for lo, hi, p in spans:
            if lo >= due:  # the pause began after the period had run out: it cannot revive it
                segments.append((p, lo, lo))
                continue
            a = max(lo, covered)
            if hi > a:
                due += hi - a
                covered = hi
                segments.append((p, a, hi))
            else:
                segments.append((p, a, a))
        return start_rank, due, segments

    def _due(self, at: dt.date) -> dt.date:
        if self.deferral is not None:  # Art. 35: the date the office set
            return self.deferral[1]
        return self.cal.workday_at(self._segments(at)[1])

    def _period(self, kind: PauseKind) -> int:
        cfg = self.config
        return cfg.third_party_period if kind is PauseKind.THIRD_PARTY else cfg.agency_consultation_period

    # -- transitions --

    def _within_period(self, e: Event, must: str) -> dt.date:
        """The due date as of `e`, which must not have passed yet (`must` says what, with its rule)."""
        due = self._due(e.date)
        if e.date > due:
            raise ClockError(f"{must} within the reply period, which ended on {due} ({e.kind} on {e.date})")
        return due

    def _require_running(self, event: Event, rule: str) -> None:
        if self.correction is not None and self.correction.end is None:
            raise ClockError(
                f"{rule}: {event.kind} on {event.date} while the correction requested on"
                f" {self.correction.start} is still awaited (Art. 30: the reply period has not begun)"
            )

    def apply(self, e: Event) -> None:
        if self.stop is not None:
            when, reason, _ = self.stop
            raise ClockError(
                f"the clock stopped on {when} ({reason.replace('_', ' ')}); {e.kind} on {e.date} cannot follow"
            )
        kind = e.kind
        if kind == Received.kind:
            raise ClockError(f"Art. 31: an application is received once (second receipt on {e.date})")
        if kind in _CONSULTATIONS:
            self._require_running(e, _CONSULTATION_RULES[_CONSULTATIONS[kind]][0])
            self._start_pause(e, _CONSULTATIONS[kind])
        elif kind in _CONSULTATION_RECEIPTS:
            self._consultation_received(e, _CONSULTATION_RECEIPTS[kind])
        elif kind in _CONSULTATION_ENDS:
            pk, outcome = _CONSULTATION_ENDS[kind]
            self._end_consultation(e, pk, outcome)
        elif isinstance(e, CorrectionRequested):
            self._correction_requested(e)
        elif kind == Corrected.kind or kind == CorrectionLapsed.kind:
            self._correction_ended(e)
        elif isinstance(e, FeeNoticeIssued):
            self._fee_notice(e)
        elif kind == FeeNoticeDelivered.kind:
            self._fee_delivered(e)
        elif kind == FeePaid.kind or kind == FeeLapsed.kind:
            self._fee_ended(e)
        elif isinstance(e, ExtensionApproved):
            self._extension(e)
        elif isinstance(e, Deferred):
            self._defer(e)
        elif kind == Replied.kind or kind == Closed.kind:
            how = "ended_by_reply" if kind == Replied.kind else "ended_by_closure"
            for p in self.open.values():
                p.close(e.date, how)
            self.open.clear()
            if self.correction is not None and self.correction.end is None:
                self.correction.close(e.date, how)
            self.stop = (e.date, "replied", "") if kind == Replied.kind else (e.date, "closed", "other.other")
        else:
            raise ClockError(f"unknown event kind {kind!r}")

    def _start_pause(self, e: Event, kind: PauseKind) -> None:
        art, name = _CONSULTATION_RULES[kind]
        previous = self.open.get(kind)
        if previous is not None and previous.deadline is not None and e.date > previous.deadline:
            previous.close(previous.deadline, "expired")  # silence: its period had run out
            del self.open[kind]
        if kind in self.open:
            raise ClockError(
                f"{art}: a {name} started on {e.date} while the one started on"
                f" {self.open[kind].start} is still open; record its answer or expiry first"
            )
        self.processing_started = True
        p = _Interval(kind, e.date, None, cap=True)  # its deadline runs from the party's receipt
        self.open[kind] = p
        self.pauses.append(p)

    def _consultation_received(self, e: Event, kind: PauseKind) -> None:
        art, name = _CONSULTATION_RULES[kind]
        p = self.open.get(kind)
        if p is None:
            raise ClockError(
                f"{art}: {e.kind} on {e.date} but no {name} is open"
                " (a request is received after it is sent and before it is answered)"
            )
        if p.receipt is not None:
            raise ClockError(f"{art}: the {name} sent on {p.start} was already received on {p.receipt}")
        p.receipt = e.date
        p.deadline = self._add(e.date, self._period(kind))

    def _end_consultation(self, e: Event, kind: PauseKind, outcome: str) -> None:
        art, name = _CONSULTATION_RULES[kind]
        p = self.open.pop(kind, None)
        if p is None:
            raise ClockError(
                f"{art}: {e.kind} on {e.date} but no {name} is open (a consultation ends after it starts)"
            )
        period = self._period(kind)
        if outcome == "expired":
            if p.deadline is None:
                raise ClockError(
                    f"{art}: the {name} sent on {p.start} has no recorded receipt; its {period} working days"
                    f" run from the day it received the request, so it cannot expire on {e.date}"
                    " (record the receipt first)"
                )
            if e.date < p.deadline:
                raise ClockError(
                    f"{art}: the {name} received on {p.receipt} runs to {p.deadline}"
                    f" ({period} working days); it cannot expire on {e.date}"
                )
        elif p.deadline is None:  # answered, receipt unrecorded: it cannot have come before the sending
            p.deadline = self._add(p.start, period)
        p.close(e.date, outcome)

    def _correction_requested(self, e: CorrectionRequested) -> None:
        if self.correction is not None:
            raise ClockError(
                f"Art. 30: the correction notice is given once; one was already given on"
                f" {self.correction.start} (second on {e.date})"
            )
        if e.date > self.correction_deadline:
            raise ClockError(
                f"Art. 30: the correction notice must be given within {self.config.correction_window}"
                f" working days of receipt, i.e. by {self.correction_deadline} (given on {e.date})"
            )
        if self.processing_started:
            raise ClockError(
                f"Art. 30: the correction notice on {e.date} comes after a consultation, fee notice"
                " or extension; it must ask for everything once, before the request is processed"
            )
        if e.reply_by is not None and e.reply_by < e.date:
            raise ClockError(f"Art. 30: the correction period ends on {e.reply_by}, before the notice")
        self.correction = _Interval(PauseKind.CORRECTION, e.date, e.reply_by, cap=False)
        self.start = None

    def _correction_ended(self, e: Event) -> None:
        c = self.correction
        if c is None or c.end is not None:
            raise ClockError(f"Art. 30: {e.kind} on {e.date} but no correction notice is outstanding")
        if e.kind == CorrectionLapsed.kind:
            if c.deadline is not None and e.date <= c.deadline:
                raise ClockError(
                    f"Art. 30: the correction period runs to {c.deadline}; it cannot lapse on {e.date}"
                )
            c.close(e.date, "lapsed")
            self.stop = (e.date, "correction_lapsed", "other.no_correction")
        else:
            c.close(e.date, "corrected")
            self.start = e.date

    def _fee_notice(self, e: FeeNoticeIssued) -> None:
        self._require_running(e, "《办法》")
        if self.fee_notice is not None:
            raise ClockError(
                f"《办法》: one fee notice per application (already issued on {self.fee_notice})"
            )
        self._within_period(e, "《办法》: the fee notice must be issued")
        if e.delivered is not None and e.delivered < e.date:
            raise ClockError(f"《办法》: the fee notice was delivered on {e.delivered}, before it was issued")
        self.processing_started = True
        self.fee_notice = e.date
        p = _Interval(PauseKind.FEE, e.date, None, cap=False)
        self.open[PauseKind.FEE] = p
        self.pauses.append(p)
        if e.delivered is not None:
            self._fee_receipt(p, e.delivered)

    def _fee_receipt(self, p: _Interval, day: dt.date) -> None:
        if p.receipt is not None:
            raise ClockError(
                f"《办法》: the fee notice issued on {p.start} was already received on {p.receipt}"
            )
        p.receipt = day
        p.deadline = self._add(day, self.config.fee_payment_period)

    def _fee_delivered(self, e: Event) -> None:
        p = self.open.get(PauseKind.FEE)
        if p is None:
            raise ClockError(
                f"《办法》: {e.kind} on {e.date} but no fee notice is outstanding"
                " (a notice is received after it is issued and before it is paid)"
            )
        self._fee_receipt(p, e.date)

    def _fee_ended(self, e: Event) -> None:
        p = self.open.pop(PauseKind.FEE, None)
        if p is None:
            raise ClockError(f"《办法》: {e.kind} on {e.date} but no fee notice is outstanding")
        if e.kind == FeeLapsed.kind:
            if p.deadline is None:
                raise ClockError(
                    f"《办法》: the fee notice issued on {p.start} has no recorded delivery; the"
                    f" {self.config.fee_payment_period} working days to pay run from the day after the"
                    f" applicant received it, so the fee cannot lapse on {e.date} (record the delivery first)"
                )
            if e.date <= p.deadline:
                raise ClockError(
                    f"《办法》: the applicant may pay until {p.deadline}; the fee cannot lapse on {e.date}"
                )
            p.close(e.date, "lapsed")
            self.stop = (e.date, "fee_lapsed", "other.fee_unpaid")
        else:
            p.close(e.date, "paid")

    def _extension(self, e: ExtensionApproved) -> None:
        self._require_running(e, "Art. 33")
        limit = self.config.extension_max
        if self.deferral is not None:
            raise ClockError(
                f"Art. 33: the reply date was set under Art. 35 on {self.deferral[0]} (to {self.deferral[1]});"
                f" an extension cannot follow (approved on {e.date})"
            )
        if self.extension_date is not None:
            raise ClockError(
                f"Art. 33: only one extension may be approved (already approved on {self.extension_date})"
            )
        if not 0 < e.days <= limit:
            raise ClockError(f"Art. 33: an extension is at most {limit} working days (got {e.days})")
        self._within_period(e, "Art. 33: the extension must be approved")
        self.processing_started = True
        self.extension, self.extension_date, self.extension_by = e.days, e.date, e.approved_by

    def _defer(self, e: Deferred) -> None:
        self._require_running(e, "Art. 35")
        if e.until is None:
            raise ClockError(f"Art. 35: the deferral on {e.date} needs the later reply date")
        if self.deferral is not None:
            raise ClockError(
                f"Art. 35: the later reply date was already set on {self.deferral[0]} (to {self.deferral[1]})"
            )
        due = self._within_period(e, "Art. 35: the later reply date must be set")
        if e.until <= due:
            raise ClockError(
                f"Art. 35: the later reply date {e.until} is not after the current due date {due}"
            )
        self.processing_started = True
        self.deferral = (e.date, e.until)

    # -- result --

    def state(self) -> ClockState:
        cal, on, stop = self.cal, self.on, self.stop
        until = stop[0] if stop else on
        period = self.config.reply_period + self.extension
        last = on if on > self.correction_deadline else self.correction_deadline  # for provisional
        due: dt.date | None = None
        used = 0
        segments: list[tuple[_Interval, int, int]] = []
        if self.start is not None:  # None only between a correction notice and the correction
            start_rank, due_rank, segments = self._segments(until)
            due = cal.workday_at(due_rank)
            end_rank = cal.rank(until)
            removed = sum(max(0, min(hi, end_rank) - lo) for _, lo, hi in segments) if segments else 0
            used = end_rank - start_rank - removed
            if self.deferral is not None:  # Art. 35: the date set; what is left runs to it
                due = self.deferral[1]
                period = used + cal.rank(due) - end_rank
            if due > last:
                last = due
        pauses: tuple[Pause, ...] = ()
        paused_for: tuple[PauseKind, ...] = ()
        if self.correction is not None or self.pauses:
            pauses, paused_for, last = self._pause_records(segments, last)
        if stop:
            status = ClockStatus.STOPPED
            paused_for = ()
        else:
            status = ClockStatus.PAUSED if paused_for else ClockStatus.RUNNING
        replied = stop[0] if stop and stop[1] == "replied" else None
        reason = cal.provisional_reason(self.received.date, last)
        return ClockState(
            on,
            status,
            paused_for,
            stop[1] if stop else "",
            stop[2] if stop else "",
            self.received.date,
            self.start,
            period,
            self.extension,
            due,
            used,
            period - used,
            self.correction_deadline,
            pauses,
            replied,
            None if replied is None or due is None else replied <= due,
            bool(reason),
            reason,
            cal.version,
            self.received.channel,
            self.extension_date,
            stop[0] if stop else None,
            self.config,
            cal,
            self.extension_by,
            self.deferral[0] if self.deferral else None,
            self.deferral[1] if self.deferral else None,
        )

    def _pause_records(
        self, segments: list[tuple[_Interval, int, int]], last: dt.date
    ) -> tuple[tuple[Pause, ...], tuple[PauseKind, ...], dt.date]:
        """The pauses as reported at `on` (silent consultations expired), which are still open,
        and the latest date involved (for the provisional check)."""
        on = self.on
        deducted = {id(p): hi - lo for p, lo, hi in segments}
        pauses: list[Pause] = []
        paused_for: list[PauseKind] = []
        c = self.correction
        if c is not None:
            overdue = c.end is None and c.deadline is not None and on > c.deadline
            pauses.append(Pause(c.kind, c.start, c.end, c.deadline, c.outcome, 0, overdue))
            if c.end is None:
                paused_for.append(c.kind)
        for p in self.pauses:
            end = p.end
            still_open = end is None
            if still_open and p.cap and p.deadline is not None and on > p.deadline:
                end, still_open = p.deadline, False  # silence: the consultation period ran out
            if still_open:
                paused_for.append(p.kind)
            overdue = still_open and p.deadline is not None and on > p.deadline
            outcome = "expired" if end and p.outcome == "open" else p.outcome
            pauses.append(
                Pause(p.kind, p.start, end, p.deadline, outcome, deducted.get(id(p), 0), overdue, p.receipt)
            )
            if p.deadline is not None and p.deadline > last:
                last = p.deadline
        return tuple(pauses), tuple(paused_for), last


_PARTY_NAMES = {
    PauseKind.THIRD_PARTY: ("征求第三方意见", "第三方"),
    PauseKind.AGENCY_CONSULTATION: ("征求其他机关意见", "该机关"),
}


def _pause_lead(p: Pause, cfg: ClockConfig) -> str:
    """The first half of a pause's sentence: when it began, when the other side received the
    request or notice, and the other side's own deadline ({0} start, {1} deadline, {4} receipt)."""
    if p.kind is PauseKind.FEE:
        if p.receipt is None:
            return f"自{{0}}发出收费通知；申请人收到通知之日尚未记录，缴费期限自收到通知次日起{cfg.fee_payment_period}个工作日"
        return f"自{{0}}发出收费通知，申请人于{{4}}收到，缴费期限为收到通知次日起{cfg.fee_payment_period}个工作日，至{{1}}"
    act, party = _PARTY_NAMES[p.kind]
    days = cfg.third_party_period if p.kind is PauseKind.THIRD_PARTY else cfg.agency_consultation_period
    if p.receipt is not None:
        return f"自{{0}}起书面{act}，{party}于{{4}}收到，提出意见的期限为收到之日起{days}个工作日，至{{1}}"
    if p.deadline is not None:  # answered, receipt never recorded: counted from the sending
        return f"自{{0}}起书面{act}，未记录{party}收到之日，其提出意见的期限按发出之日起{days}个工作日计算，至{{1}}"
    return f"自{{0}}起书面{act}；{party}收到之日尚未记录，其提出意见的期限自收到之日起{days}个工作日"


def _explain(state: ClockState) -> tuple[Step, ...]:
    """The steps by which `state` was reached, each with its article (see `ClockState.text`)."""
    cfg, cal = state.config, state.calendar
    due, replied, reason = state.due, state.replied, state.provisional_reason
    steps = [Step(C.ART_31, "申请人{0}，即{1}。", (_CHANNEL_TEXT[state.channel], state.received))]
    c = next((p for p in state.pauses if p.kind is PauseKind.CORRECTION), None)
    if c is not None:
        steps.append(
            Step(
                C.ART_30,
                "行政机关于{0}一次性告知申请人补正（告知期限为收到申请之日起{1}个工作日内，至{2}）{3}。",
                (
                    c.start,
                    cfg.correction_window,
                    state.correction_deadline,
                    f"，补正期限至{_zh(c.deadline)}" if c.deadline else "",
                ),
            )
        )
        if c.outcome == "corrected":
            steps.append(Step(C.ART_30, "申请人于{0}提交补正后的申请。", (c.end,)))
        elif c.outcome == "lapsed":
            steps.append(Step(C.ART_30, "申请人无正当理由逾期未补正，视为放弃申请（{0}记录）。", (c.end,)))
        elif c.end is None:
            steps.append(Step(C.ART_30, "正在等待申请人补正，答复期限自收到补正后的申请之日起计算。"))
    start = state.period_start
    if start is not None and due is not None:
        base = cal.workday_at(cal.rank(start) + cfg.reply_period)
        # each rule once: the restart after a correction (Art. 30) is said here, and the due date
        # is said here too when nothing (a pause, an extension, a deferral) moved it
        restarted = c is not None and c.outcome == "corrected"
        moved = base != due
        steps.append(
            Step(
                _cite(C.ART_30, C.ART_33) if restarted else C.ART_33,
                "答复期限为{0}个工作日，自{3}{1}的次日起算，"
                + ("第{0}个工作日为{2}。" if moved else "届满日为{2}。"),
                (cfg.reply_period, start, base, "收到补正后的申请之日即" if restarted else ""),
            )
        )
        for p in state.pauses:
            if p.kind is PauseKind.CORRECTION:
                continue
            art = _PAUSE_ARTICLES[p.kind]
            lead = _pause_lead(p, cfg)
            if p.end is None:
                tail = "；截至{2}尚未结束，暂按截至该日计算，已扣除{3}个工作日"
                if p.overdue:
                    tail += "；该期限已届满，请记录处理结果"
            elif p.outcome == "expired":
                tail = "；逾期未提出意见，期间届满" + ("" if p.deadline else "于{2}") + "，{3}个工作日不计入答复期限"
            elif p.outcome == "answered_late":
                tail = "；逾期后才提出意见，仅计至期间届满之日" + ("" if p.deadline else "{2}") + "，{3}个工作日不计入答复期限"
            elif p.kind is PauseKind.FEE and not cfg.fee_stops_clock:
                tail = "；至{2}止，按本机关设置该期间仍计入答复期限"
            else:
                tail = "；至{2}止，{3}个工作日不计入答复期限"
            steps.append(
                Step(art, lead + tail + "。", (p.start, p.deadline, p.end or state.on, p.deducted, p.receipt))
            )
        if state.extension_approved is not None:
            steps.append(
                Step(
                    C.ART_33,
                    "经{2}同意，于{0}将答复期限延长{1}个工作日，并告知申请人。",
                    (
                        state.extension_approved,
                        state.extension,
                        state.extension_approved_by or "政府信息公开工作机构负责人",
                    ),
                )
            )
        if state.deferred_on is not None:
            steps.append(
                Step(
                    C.ART_35,
                    "申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关认为其说明的理由合理，"
                    "于{0}确定延迟答复的期限至{1}并告知申请人，答复期限以该日为准。",
                    (state.deferred_on, state.deferred_to),
                )
            )
        if moved:
            steps.append(Step(C.ART_33, "答复期限届满日为{0}。", (due,)))
    if replied is not None and due is not None:
        if replied <= due:
            steps.append(Step(C.ART_33, "行政机关于{0}作出答复，在答复期限内。", (replied,)))
        else:
            late = cal.rank(replied) - cal.rank(due)  # 0 when replied on a day off after the due date
            template = (
                "行政机关于{0}作出答复，超过答复期限{1}个工作日。"
                if late
                else "行政机关于{0}作出答复，超过答复期限。"
            )
            steps.append(Step(C.ART_33, template, (replied, late)))
    elif state.stop_reason == "fee_lapsed":
        steps.append(
            Step(C.FEE_RULES, "申请人逾期未缴纳信息处理费，视为放弃申请（{0}记录）。", (state.stopped_on,))
        )
    elif state.stop_reason == "closed":
        steps.append(
            Step("", "申请人撤回申请或者因其他原因终止办理，不再作出答复（{0}记录）。", (state.stopped_on,))
        )
    if reason:
        steps.append(Step(C.HOLIDAY_NOTICE, "{0}。", (reason,)))
    return tuple(steps)


def compute(
    events: Iterable[Event],
    on: dt.date,
    calendar: Calendar | None = None,
    config: ClockConfig = ClockConfig(),  # noqa: B008 - frozen, shared default is safe
) -> ClockState:
    """The clock as of `on`; events dated after `on` are ignored. Raises `ClockError`."""
    ordered: Sequence[Event] = sorted(events, key=_event_date)
    first = ordered[0] if ordered else None
    if not isinstance(first, Received):
        received = [e for e in ordered if isinstance(e, Received)]
        if not received or first is None:
            raise ClockError("Art. 31: the clock starts at receipt; there is no 'received' event")
        raise ClockError(f"Art. 31: {first.kind} on {first.date} is before the receipt on {received[0].date}")
    if first.date > on:
        raise ClockError(f"Art. 31: the application is received on {first.date}, after {on}")
    run = _Replay(calendar or default_calendar(), config, first, on)
    for e in ordered[1:]:
        if e.date > on:
            break
        run.apply(e)
    return run.state()


_event_date = attrgetter("date")
