"""`gongkai rules …`: working days, deadlines and fees for clerks and scripts.

Every command has ``--json`` (money as strings with 2 decimals, dates ISO 8601). Bad input — a
bad date, a negative number, an inconsistent event sequence, a year outside the calendar — is
one line ``gongkai: …`` on stderr and exit status 2.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from gongkai import clock as wallclock
from gongkai.cli import CliError
from gongkai.rules import clock, fees
from gongkai.rules.workdays import CalendarError, default_calendar

#: --pause KIND → (rule, start event, the other side's receipt event or None, end event)
_PAUSE_EVENTS: dict[str, tuple[str, type[clock.Event], type[clock.Event] | None, type[clock.Event]]] = {
    "third_party": ("Art. 32", clock.ThirdPartyStarted, clock.ThirdPartyReceived, clock.ThirdPartyAnswered),
    "agency": (
        "Art. 34",
        clock.AgencyConsultationStarted,
        clock.AgencyConsultationReceived,
        clock.AgencyConsultationAnswered,
    ),
    "fee": ("《办法》", clock.FeeNoticeIssued, None, clock.FeePaid),
}


def _date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CliError(f"{what}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _int(value: str, what: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise CliError(f"{what}: {value!r} is not a whole number") from None
    if n < 0:
        raise CliError(f"{what} must not be negative (got {n})")
    return n


def _emit(as_json: bool, payload: dict[str, Any], table: Table | None, footer: str = "") -> None:
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console = Console()
    if table is not None:
        console.print(table)
    if footer:
        console.print(footer, highlight=False, soft_wrap=True)


@click.group()
def rules() -> None:
    """The Regulation as code: working days, statutory deadlines, fees."""


@rules.command()
@click.argument("date")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def workday(date: str, as_json: bool) -> None:
    """Is DATE a working day, and why (weekend, holiday, 调休 day)?"""
    d = _date(date, "DATE")
    try:
        cal = default_calendar()
        info = cal.explain(d)
    except CalendarError as exc:
        raise CliError(str(exc)) from exc
    payload = {
        "date": d.isoformat(),
        "workday": info.workday,
        "reason": info.reason.value,
        "name": info.name,
        "text": info.text,
        "provisional": info.provisional,
        "provisional_reason": info.provisional_reason,
        "calendar_version": cal.version,
    }
    table = Table(title=f"{d.isoformat()}", show_header=False)
    table.add_row("工作日", "是" if info.workday else "否")
    table.add_row("说明", info.text)
    table.add_row("日历", cal.version)
    _emit(as_json, payload, table)


@rules.command(context_settings={"ignore_unknown_options": True})
@click.argument("date")
@click.argument("n")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def add(date: str, n: str, as_json: bool) -> None:
    """The date N working days after DATE (the day after DATE is day 1)."""
    d, k = _date(date, "DATE"), _int(n, "N")
    try:
        result = default_calendar().add(d, k)
    except CalendarError as exc:
        raise CliError(str(exc)) from exc
    payload = {
        "start": d.isoformat(),
        "n": k,
        "date": result.date.isoformat(),
        "provisional": result.provisional,
        "provisional_reason": result.provisional_reason,
        "calendar_version": result.calendar_version,
    }
    table = Table(show_header=False)
    table.add_row("起算日", d.isoformat())
    table.add_row("工作日数", str(k))
    table.add_row("届满日", result.date.isoformat())
    if result.provisional:
        table.add_row("暂定", result.provisional_reason)
    table.add_row("日历", result.calendar_version)
    _emit(as_json, payload, table)


def _pause_events(spec: str, receipts: dict[str, list[dt.date]]) -> list[clock.Event]:
    """The events of one ``--pause``; a consultation takes the party's receipt day from
    `receipts` (by kind) that falls within it, and consumes it."""
    kind, sep, span = spec.partition("=")
    if not sep:
        kind, span = "third_party", spec
    if kind not in _PAUSE_EVENTS:
        raise CliError(f"--pause {spec!r}: kind must be one of {', '.join(_PAUSE_EVENTS)}")
    start_s, sep, end_s = span.partition(":")
    if not sep:
        raise CliError(f"--pause {spec!r}: expected START:END (optionally KIND=START:END)")
    start, end = _date(start_s, "--pause start"), _date(end_s, "--pause end")
    rule, started, receipt, ended = _PAUSE_EVENTS[kind]
    if end < start:
        raise CliError(f"{rule}: the pause {spec!r} ends on {end}, before it starts on {start}")
    events = [started(start)]
    days = receipts.get(kind, [])
    day = next((d for d in days if start <= d <= end), None)
    if receipt is not None and day is not None:
        days.remove(day)
        events.append(receipt(day))
    return [*events, ended(end)]


@rules.command(context_settings={"ignore_unknown_options": True})
@click.option("--received", required=True, help="Day of receipt (Art. 31), YYYY-MM-DD.")
@click.option("--channel", type=click.Choice([c.value for c in clock.Channel]), default="in_person")
@click.option("--correction-requested", "correction_requested", help="Day the correction notice was given.")
@click.option("--corrected", help="Day the corrected application was received (Art. 30).")
@click.option(
    "--pause",
    "pauses",
    multiple=True,
    help="START:END, or KIND=START:END with KIND third_party (default), agency or fee; repeatable.",
)
@click.option(
    "--third-party-received",
    "third_party_received",
    multiple=True,
    help="Day the third party received the request (Art. 32: its 15 working days run from it);"
    " without it, from the day the request was sent.",
)
@click.option(
    "--agency-received",
    "agency_received",
    multiple=True,
    help="Day the consulted agency received the request (Art. 34).",
)
@click.option("--extension", help="Working days of the (single) extension, at most 20 (Art. 33).")
@click.option(
    "--deferred-to",
    "deferred_to",
    help="Art. 35: the later reply date set for an excessive request with reasonable grounds.",
)
@click.option("--replied", help="Day of the reply, to check it was on time.")
@click.option("--on", "on", help="Compute the state as of this day (default: today, or the last event).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def due(
    received: str,
    channel: str,
    correction_requested: str | None,
    corrected: str | None,
    pauses: tuple[str, ...],
    third_party_received: tuple[str, ...],
    agency_received: tuple[str, ...],
    extension: str | None,
    deferred_to: str | None,
    replied: str | None,
    on: str | None,
    as_json: bool,
) -> None:
    """The reply due date of an application, with the explanation of how it was reached."""
    rec = _date(received, "--received")
    today = wallclock.today()
    if rec > today:
        raise CliError(f"Art. 31: the day of receipt {rec} is after today ({today})")
    events: list[clock.Event] = [clock.Received(rec, clock.Channel(channel))]
    period_start = rec
    if corrected is not None:
        period_start = _date(corrected, "--corrected")
        asked = _date(correction_requested, "--correction-requested") if correction_requested else rec
        events += [clock.CorrectionRequested(asked), clock.Corrected(period_start)]
    elif correction_requested is not None:
        events.append(clock.CorrectionRequested(_date(correction_requested, "--correction-requested")))
    receipts = {
        "third_party": [_date(d, "--third-party-received") for d in third_party_received],
        "agency": [_date(d, "--agency-received") for d in agency_received],
    }
    for spec in pauses:
        events += _pause_events(spec, receipts)
    for kind, option, rule in (
        ("third_party", "--third-party-received", "Art. 32"),
        ("agency", "--agency-received", "Art. 34"),
    ):
        if receipts[kind]:
            raise CliError(
                f"{rule}: {option} {receipts[kind][0]} is not within a --pause {kind}=START:END"
                " (a request is received after it is sent and before it is answered)"
            )
    if extension is not None:  # approved as the period starts: always within it
        events.append(clock.ExtensionApproved(period_start, _int(extension, "--extension")))
    if deferred_to is not None:  # set as the period starts: always within it
        events.append(clock.Deferred(period_start, until=_date(deferred_to, "--deferred-to")))
    if replied is not None:
        events.append(clock.Replied(_date(replied, "--replied")))
    last = max(e.date for e in events)
    when = _date(on, "--on") if on else max(today, last)
    try:
        state = clock.compute(events, when)
    except (clock.ClockError, CalendarError) as exc:
        raise CliError(str(exc)) from exc
    payload = state.as_dict()
    table = Table(show_header=False)
    table.add_row("答复期限届满日", state.due.isoformat() if state.due else "（等待补正）")
    table.add_row("状态", state.status.value + "".join(f" · {k.label}" for k in state.paused_for))
    table.add_row(
        f"已用/剩余工作日（截至{state.on.isoformat()}）",
        f"{state.working_days_used} / {state.working_days_left}",
    )
    table.add_row("补正告知期限", state.correction_deadline.isoformat())
    if state.on_time is not None:
        table.add_row("按期答复", "是" if state.on_time else "否")
    table.add_row("日历", state.calendar_version)
    _emit(as_json, payload, table, state.text)


@rules.command(context_settings={"ignore_unknown_options": True})
@click.option("--count", "count", help="Requests by one applicant in one calendar month (按件).")
@click.option("--pages", "pages", help="Pages of one request (按量).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def fee(count: str | None, pages: str | None, as_json: bool) -> None:
    """The itemised information-processing fee (信息处理费), by count or by pages — never both."""
    if (count is None) == (pages is None):
        raise CliError("give exactly one of --count N or --pages N (one basis per request)")
    if count is not None:
        result = fees.by_count(_int(count, "--count"))
    else:
        result = fees.by_volume(_int(pages or "", "--pages"))
    table = Table("档次", "数量", "单价（元）", "小计（元）", title="信息处理费")
    for item in result.items:
        table.add_row(item.band.label, str(item.quantity), f"{item.unit_price:.2f}", f"{item.subtotal:.2f}")
    _emit(as_json, result.as_dict(), table, f"合计：{result.total:.2f} 元")
