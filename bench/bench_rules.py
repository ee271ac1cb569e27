"""Benchmark: the statutory clock for 100,000 applications with typical event lists.

Target (issue 4): under 2 s on one core, the calendar built once and never re-scanned per call.
Run: .venv/bin/python bench/bench_rules.py [N]
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import sys
import time

from gongkai.rules import clock as C
from gongkai.rules.workdays import Calendar, default_calendar


def typical_events(rng: random.Random, cal: Calendar) -> tuple[list[C.Event], dt.date]:
    """One application's events, drawn from a mix resembling an office's caseload."""
    received = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
    day = lambda n: received + dt.timedelta(days=n)  # noqa: E731
    events: list[C.Event] = [C.Received(received, rng.choice(list(C.Channel)))]
    shape = rng.random()
    if shape < 0.55:  # answered within the period
        events.append(C.Replied(day(rng.randrange(1, 28))))
    elif shape < 0.70:  # extended, then answered
        events += [C.ExtensionApproved(day(10), rng.randrange(5, 21)), C.Replied(day(rng.randrange(20, 50)))]
    elif shape < 0.80:  # third-party consultation
        events += [C.ThirdPartyStarted(day(3)), C.ThirdPartyAnswered(day(12)), C.Replied(day(30))]
    elif shape < 0.88:  # correction, then reply
        events += [C.CorrectionRequested(day(2)), C.Corrected(day(6)), C.Replied(day(25))]
    elif shape < 0.93:  # fee notice, paid
        events += [C.FeeNoticeIssued(day(5)), C.FeePaid(day(12)), C.Replied(day(30))]
    elif shape < 0.97:  # still open
        pass
    else:  # inter-agency consultation runs out (15 working days from its receipt), extension, reply
        start = day(4)
        received_there = cal.add(start, 1).date
        expired = cal.add(received_there, 15).date
        events += [
            C.AgencyConsultationStarted(start),
            C.AgencyConsultationReceived(received_there),
            C.AgencyConsultationExpired(expired),
            C.ExtensionApproved(expired, 10),
            C.Replied(expired + dt.timedelta(days=20)),
        ]
    return events, max(e.date for e in events) + dt.timedelta(days=7)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    t0 = time.perf_counter()
    cal = default_calendar()
    build = time.perf_counter() - t0
    rng = random.Random(20261122)
    cases = [typical_events(rng, cal) for _ in range(n)]
    n_events = sum(len(e) for e, _ in cases)

    compute = C.compute
    t0, c0 = time.perf_counter(), time.process_time()
    states = [compute(events, on, cal) for events, on in cases]
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0

    t0 = time.perf_counter()
    sample = states[:10_000]
    for s in sample:
        s.text  # noqa: B018 - rendering the Chinese explanation is lazy; measure it apart
    text_elapsed = time.perf_counter() - t0

    t0 = time.perf_counter()
    for i in range(n):
        cal.add(cases[i][1], 20)
    add_elapsed = time.perf_counter() - t0

    print(f"python {platform.python_version()}, nproc {os.cpu_count()}, calendar {cal.version}")
    print(f"calendar build (once): {build * 1000:.1f} ms")
    print(
        f"clock: {n:,} applications ({n_events:,} events) in {elapsed:.3f} s wall, {cpu:.3f} s CPU"
        f" = {cpu / n * 1e6:.1f} µs CPU each  [target < 2 s for 100,000]"
    )
    print(
        f"load average at the end: {os.getloadavg()[0]:.2f} (the machine is shared: CPU time is the figure)"
    )
    print(f"explanation text: {len(sample):,} rendered in {text_elapsed:.3f} s")
    print(f"Calendar.add: {n:,} calls in {add_elapsed:.3f} s")
    stopped = sum(1 for s in states if s.status is C.ClockStatus.STOPPED)
    late = sum(1 for s in states if s.on_time is False)
    print(f"(sanity: {stopped:,} stopped, {late:,} replied late)")


if __name__ == "__main__":
    main()
