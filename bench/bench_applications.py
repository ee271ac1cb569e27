"""Benchmark: section 三/四 tables for every agency for one year, 200,000 applications in 500 agencies.

Run: ``.venv/bin/python bench/bench_applications.py [--applications N] [--agencies N]``.
On SQLite it uses a fresh temporary data directory; with ``DATABASE_URL`` set it uses that
(empty) PostgreSQL database. Target: every agency's tables in under 5 seconds in total.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

from harness import setup_django, size_options


def populate(n_agencies: int, n_applications: int, year: int, rng: random.Random, parent=None) -> list:
    """`n_agencies` departments (under `parent`) with `n_applications` applications received over
    years N−1 and N (some still open) and four appeals each; returns the agencies."""
    from gongkai.agencies.codes import make_uscc
    from gongkai.agencies.models import Agency
    from gongkai.appeals.models import Appeal
    from gongkai.applications import tracking
    from gongkai.applications.counting import OUTCOMES
    from gongkai.applications.models import Application
    from gongkai.applications.vocab import ApplicantType, Channel

    Agency.objects.bulk_create(
        Agency(name=f"基准测试机关{i:04d}", level="county", kind="department", parent=parent,
               org_code=make_uscc(f"11370499{i:09d}"), slug=f"bench-{i:04d}")
        for i in range(n_agencies)
    )
    agencies = list(Agency.objects.filter(name__startswith="基准测试机关").order_by("pk"))
    numbers: set[str] = set()
    types = ApplicantType.values
    channels = Channel.values
    first = dt.date(year - 1, 1, 1)
    batch: list[Application] = []
    for i in range(n_applications):
        number = tracking.new(year)
        while number in numbers:
            number = tracking.new(year)
        numbers.add(number)
        received = first + dt.timedelta(days=rng.randrange(730))
        closed = received + dt.timedelta(days=rng.randrange(60))
        still_open = closed > dt.date(year, 12, 31) and rng.random() < 0.5
        batch.append(Application(
            agency=agencies[i % len(agencies)], tracking_number=number, channel=rng.choice(channels),
            received_on=received, applicant_type=rng.choice(types), applicant_name="申请人", id_type="resident_id",
            id_number="370402199001011238", phone="13800000000", description="基准测试申请", form="paper",
            delivery="pickup", state="received" if still_open else "replied",
            closed_on=None if still_open else closed, report_row="" if still_open else rng.choice(OUTCOMES),
            due_on=received + dt.timedelta(days=28),
        ))
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    Appeal.objects.bulk_create(
        Appeal(agency=agencies[i % len(agencies)], kind=rng.choice(Appeal.Kind.values), body="某法院",
               filed_on=dt.date(year, 1 + i % 12, 1), result="pending")
        for i in range(n_agencies * 4)
    )
    return agencies


def main() -> None:
    args = size_options(__doc__).parse_args()
    setup_django()
    from django.db import connection

    from gongkai.reports.compute import PROVIDERS, build_reports

    rng = random.Random(5)
    t0 = time.perf_counter()
    agencies = populate(args.agencies, args.applications, args.year, rng)
    setup = time.perf_counter() - t0
    with connection.cursor() as cursor:  # fresh statistics for the query planner (both databases)
        cursor.execute("ANALYZE")

    sections = [p for p in PROVIDERS if p.fill.__module__ != "gongkai.catalogue.statistics"]
    t1 = time.perf_counter()
    reports = build_reports(agencies, args.year, sections)
    batch = time.perf_counter() - t1
    totals = 0
    for report in reports.values():
        t = report.applications
        assert t["new"]["total"] + t["carried_in"]["total"] == t["results_total"]["total"] + t["carried_forward"]["total"]
        totals += t["new"]["total"]
    t2 = time.perf_counter()
    for agency in agencies:
        build_reports([agency], args.year, sections)
    one_by_one = time.perf_counter() - t2
    print(f"database: {connection.vendor}; nproc: {os.cpu_count()}")
    print(f"generated {args.applications:,} applications in {len(agencies)} agencies in {setup:.1f} s")
    print(f"section 三/四 for every agency, year {args.year}, one batch (build_reports): {batch:.2f} s "
          f"({totals:,} new applications counted); target < 5 s")
    print(f"section 三/四 agency by agency ({len(agencies)} x 2 queries): "
          f"{one_by_one:.2f} s, {one_by_one / len(agencies) * 1000:.1f} ms per agency")


if __name__ == "__main__":
    main()
