"""Benchmark: drafting every annual report of a government with 500 agencies and 200,000
applications, then opening one report page (every cell a link) at that size.

Run: ``.venv/bin/python bench/bench_reports.py [--applications N] [--agencies N]``.
On SQLite it uses a fresh temporary data directory; with ``DATABASE_URL`` set it uses that
(empty) PostgreSQL database. Targets: all reports drafted in under 10 s; the report page in under
300 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import time

from harness import setup_django, size_options


def main() -> None:
    args = size_options(__doc__).parse_args()
    setup_django(today=f"{args.year + 1}-01-15")
    from bench_applications import populate  # the same generated records as that bench
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from gongkai.agencies.codes import make_uscc
    from gongkai.agencies.models import Agency, Membership, User
    from gongkai.reports import services

    rng = random.Random(5)
    t0 = time.perf_counter()
    government = Agency.objects.create(name="基准测试区人民政府", level="county", kind="government",
                                       org_code=make_uscc("11370499900000000"))
    agencies = populate(args.agencies, args.applications, args.year, rng, parent=government)
    clerk = User.objects.create(username="bench_clerk", display_name="基准经办")
    Membership.objects.bulk_create(Membership(user=clerk, agency=a, role=Membership.Role.CLERK) for a in agencies)
    setup = time.perf_counter() - t0
    with connection.cursor() as cursor:  # fresh statistics for the query planner (both databases)
        cursor.execute("ANALYZE")

    t1 = time.perf_counter()
    reports = services.draft_many(agencies, args.year, clerk)
    drafting = time.perf_counter() - t1
    assert len(reports) == len(agencies)
    t = reports[0].figures["applications"]
    assert t["new"]["total"] + t["carried_in"]["total"] == t["results_total"]["total"] + t["carried_forward"]["total"]

    client = Client()
    client.force_login(clerk)
    url = reverse("reports:detail", args=[reports[len(reports) // 2].pk])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response.content.count(b"data-cell=") > 150, response.content.count(b"data-cell=")
    times = []
    for _ in range(10):
        t2 = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - t2)
    cell = reverse("reports:cell", args=[reports[0].pk, "applications", "results_total", "total"])
    t3 = time.perf_counter()
    assert client.get(cell).status_code == 200
    cell_time = time.perf_counter() - t3
    print(f"database: {connection.vendor}; nproc: {os.cpu_count()}")
    print(f"generated {args.applications:,} applications in {len(agencies)} agencies in {setup:.1f} s")
    print(f"drafted {len(reports)} reports (tables, narrative, audit entries) in {drafting:.2f} s; target < 10 s")
    print(f"report page with {response.content.count(b'data-cell=')} cell links: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {len(times)} requests; target < 300 ms")
    print(f"drill-down page of one cell (about {reports[0].figures['applications']['results_total']['total']} "
          f"applications listed): {cell_time * 1000:.0f} ms")


if __name__ == "__main__":
    main()
