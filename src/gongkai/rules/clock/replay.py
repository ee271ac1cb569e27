"""`compute`: replay an application's events in date order, checking each against the
Regulation (`ClockError` naming the rule), and count the reply period in working-day ranks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from operator import attrgetter

from gongkai.rules.clock import events as ev
from gongkai.rules.clock.events import ClockError, Event, PauseKind, Received
from gongkai.rules.clock.state import ClockConfig, ClockState, ClockStatus, Pause
from gongkai.rules.workdays import Calendar, default_calendar


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
    ev.ThirdPartyStarted.kind: PauseKind.THIRD_PARTY,
    ev.AgencyConsultationStarted.kind: PauseKind.AGENCY_CONSULTATION,
}
_CONSULTATION_RECEIPTS = {
    ev.ThirdPartyReceived.kind: PauseKind.THIRD_PARTY,
    ev.AgencyConsultationReceived.kind: PauseKind.AGENCY_CONSULTATION,
}
_CONSULTATION_ENDS = {
    ev.ThirdPartyAnswered.kind: (PauseKind.THIRD_PARTY, "answered"),
    ev.ThirdPartyExpired.kind: (PauseKind.THIRD_PARTY, "expired"),
    ev.AgencyConsultationAnswered.kind: (PauseKind.AGENCY_CONSULTATION, "answered"),
    ev.AgencyConsultationExpired.kind: (PauseKind.AGENCY_CONSULTATION, "expired"),
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
        elif isinstance(e, ev.CorrectionRequested):
            self._correction_requested(e)
        elif kind == ev.Corrected.kind or kind == ev.CorrectionLapsed.kind:
            self._correction_ended(e)
        elif isinstance(e, ev.FeeNoticeIssued):
            self._fee_notice(e)
        elif kind == ev.FeeNoticeDelivered.kind:
            self._fee_delivered(e)
        elif kind == ev.FeePaid.kind or kind == ev.FeeLapsed.kind:
            self._fee_ended(e)
        elif isinstance(e, ev.ExtensionApproved):
            self._extension(e)
        elif isinstance(e, ev.Deferred):
            self._defer(e)
        elif kind == ev.Replied.kind or kind == ev.Closed.kind:
            how = "ended_by_reply" if kind == ev.Replied.kind else "ended_by_closure"
            for p in self.open.values():
                p.close(e.date, how)
            self.open.clear()
            if self.correction is not None and self.correction.end is None:
                self.correction.close(e.date, how)
            self.stop = (e.date, "replied", "") if kind == ev.Replied.kind else (e.date, "closed", "other.other")
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

    def _correction_requested(self, e: ev.CorrectionRequested) -> None:
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
        if e.kind == ev.CorrectionLapsed.kind:
            if c.deadline is not None and e.date <= c.deadline:
                raise ClockError(
                    f"Art. 30: the correction period runs to {c.deadline}; it cannot lapse on {e.date}"
                )
            c.close(e.date, "lapsed")
            self.stop = (e.date, "correction_lapsed", "other.no_correction")
        else:
            c.close(e.date, "corrected")
            self.start = e.date

    def _fee_notice(self, e: ev.FeeNoticeIssued) -> None:
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
        if e.kind == ev.FeeLapsed.kind:
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

    def _extension(self, e: ev.ExtensionApproved) -> None:
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

    def _defer(self, e: ev.Deferred) -> None:
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
