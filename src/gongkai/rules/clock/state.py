"""What `compute` returns: the clock of one application as of a day, its pauses, and the periods
it was computed with (`ClockConfig`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from gongkai.rules import constants as C
from gongkai.rules.clock.events import Channel, PauseKind
from gongkai.rules.clock.explain import Step, explain
from gongkai.rules.workdays import Calendar


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


class ClockStatus(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"


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
        return explain(self)

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
