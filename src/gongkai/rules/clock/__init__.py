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

The package: `events` (what happened, and reading it from stored rows), `replay` (`compute`: each
event checked against the rules above, the period counted in working days), `state` (what
`compute` returns) and `explain` (the Chinese steps citing the articles). Import from here.
"""

from gongkai.rules.clock.events import (
    EVENT_TYPES,
    AgencyConsultationAnswered,
    AgencyConsultationExpired,
    AgencyConsultationReceived,
    AgencyConsultationStarted,
    Channel,
    ClockError,
    Closed,
    Corrected,
    CorrectionLapsed,
    CorrectionRequested,
    Deferred,
    Event,
    ExtensionApproved,
    FeeLapsed,
    FeeNoticeDelivered,
    FeeNoticeIssued,
    FeePaid,
    PauseKind,
    Received,
    Replied,
    ThirdPartyAnswered,
    ThirdPartyExpired,
    ThirdPartyReceived,
    ThirdPartyStarted,
    event_from_dict,
)
from gongkai.rules.clock.explain import Step
from gongkai.rules.clock.replay import compute
from gongkai.rules.clock.state import ClockConfig, ClockState, ClockStatus, Pause

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
