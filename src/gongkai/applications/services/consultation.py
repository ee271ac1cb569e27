"""Consulting a third party (Art. 32) or another agency (Art. 34): the clock pauses from the
sending until the answer; the other side's 15 working days run from its receipt."""

from __future__ import annotations

import datetime as dt

from gongkai import clock as wallclock
from gongkai.applications.models import Application
from gongkai.applications.services.clocks import CONSULTATION_PAUSES
from gongkai.applications.services.steps import Change, clean_text, take_step, today_check
from gongkai.applications.workflow import State
from gongkai.rules import clock
from gongkai.workflow import TransitionError

#: consultation step → (its clock events: started, the party's receipt, answered, expired)
_CONSULTATION_EVENTS = {
    "third_party": (clock.ThirdPartyStarted.kind, clock.ThirdPartyReceived.kind,
                    clock.ThirdPartyAnswered.kind, clock.ThirdPartyExpired.kind),
    "consultation": (clock.AgencyConsultationStarted.kind, clock.AgencyConsultationReceived.kind,
                     clock.AgencyConsultationAnswered.kind, clock.AgencyConsultationExpired.kind),
}


def _receipt_day(received: dt.date, sent: dt.date) -> dt.date:
    """The other side's receipt day, checked against the sending and today (the clock checks the rest)."""
    if received < sent:
        raise TransitionError(f"对方收到之日{received:%Y年%m月%d日}早于发出之日{sent:%Y年%m月%d日}"
                              "（《条例》第三十二条、第三十四条：自收到之日起计算）")
    today_check(received)
    return received


def _start(application, user, name: str, which: str, party: str, received: dt.date | None, note: str, on,
           version):
    day = on or wallclock.today()
    started, receipt = _CONSULTATION_EVENTS[which][:2]
    events = [(started, day, {"party": party})]
    if received is not None:
        events.append((receipt, _receipt_day(received, day), {}))
    return take_step(application, user, name, on=on, version=version,
                       prepare=lambda a, s: Change(events, {}, note=note))


def start_third_party(application: Application, user, *, third_party: str, received: dt.date | None = None,
                      on: dt.date | None = None, version: int | None = None) -> Application:
    """Consult a third party in writing (Art. 32); the clock pauses from the sending day `on`.

    The third party's 15 working days run from the day it receives the request: `received` when
    known (handed over, or signed for), else recorded later (`record_party_receipt`).
    """
    name = clean_text(third_party, "第三方名称", max_length=200)
    return _start(application, user, "start_third_party", "third_party", name, received,
                  f"征求第三方（{name}）意见", on, version)


def start_consultation(application: Application, user, *, other_agency: str, received: dt.date | None = None,
                       on: dt.date | None = None, version: int | None = None) -> Application:
    """Consult another agency on jointly made information (Art. 34); the clock pauses (see
    `start_third_party` for `received`)."""
    name = clean_text(other_agency, "被征求意见机关", max_length=200)
    return _start(application, user, "start_consultation", "consultation", name, received, f"征求{name}意见",
                  on, version)


def _which_consultation(application: Application) -> str:
    return "consultation" if application.state == State.CONSULTATION.value else "third_party"


def record_party_receipt(application: Application, user, *, on: dt.date | None = None,
                         version: int | None = None) -> Application:
    """The consulted third party or agency received the request on `on` (known later, e.g. by
    post): its 15 working days run from that day (Art. 32, 34)."""
    day = on or wallclock.today()

    def prepare(a: Application, s) -> Change:
        return Change([(_CONSULTATION_EVENTS[_which_consultation(a)][1], day, {})], {},
                       note=f"对方于{day:%Y-%m-%d}收到征求意见")

    return take_step(application, user, "record_party_receipt", on=on, version=version, prepare=prepare)


def _finish(application, user, name: str, expired: bool, opinion: str, received: dt.date | None, on, version):
    day = on or wallclock.today()

    def prepare(a: Application, s: clock.ClockState) -> Change:
        _, receipt, answered, lapsed = _CONSULTATION_EVENTS[_which_consultation(a)]
        events: list[tuple[str, dt.date, dict]] = []
        pause = next((p for p in reversed(s.pauses) if p.kind in CONSULTATION_PAUSES), None)
        if received is not None and pause is not None:
            if pause.receipt is None:
                events.append((receipt, _receipt_day(received, pause.start), {}))
            elif pause.receipt != received:
                raise TransitionError(f"已登记对方于{pause.receipt:%Y年%m月%d日}收到征求意见，与所填日期不符"
                                      "（《条例》第三十二条、第三十四条）")
        events.append((lapsed if expired else answered, day, {"opinion": opinion.strip()} if opinion else {}))
        return Change(events, {}, note="期满未答复" if expired else "收到意见")

    return take_step(application, user, name, on=on, version=version, prepare=prepare)


def finish_third_party(application: Application, user, *, expired: bool = False, opinion: str = "",
                       received: dt.date | None = None, on: dt.date | None = None,
                       version: int | None = None) -> Application:
    """The third party answered (or its 15 working days from its receipt ran out: ``expired=True``;
    that needs its receipt day, here as `received` when not recorded yet)."""
    return _finish(application, user, "finish_third_party", expired, opinion, received, on, version)


def finish_consultation(application: Application, user, *, expired: bool = False, opinion: str = "",
                        received: dt.date | None = None, on: dt.date | None = None,
                        version: int | None = None) -> Application:
    """The other agency answered (or stayed silent 15 working days from its receipt: consent,
    ``expired=True``); see `finish_third_party`."""
    return _finish(application, user, "finish_consultation", expired, opinion, received, on, version)
