"""Benchmark: the clerk's queue page with 200,000 applications across 500 agencies.

Run: ``.venv/bin/python bench/bench_queue.py [--applications N] [--agencies N] [--runs N]``.
On SQLite it uses a fresh temporary data directory (or ``--data-dir``); with ``DATABASE_URL`` set
it uses that PostgreSQL database. A database already filled by an earlier run is reused.
The measured agency is a busy one: 2 % of all applications, a fifth of them open. Each page of the queue (my queue, all open, the red list, all
applications, a filtered and a text-searched page) is rendered through Django's test client;
the figure is the median of `--runs` renders. Target: < 150 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

TARGET_MS = 150


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--agencies", type=int, default=500)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--data-dir", help="SQLite: use (and on later runs reuse) this data directory")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["GONGKAI_DATA_DIR"] = args.data_dir or tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from gongkai.agencies.models import Agency

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    if Agency.objects.filter(name__startswith="队列基准机关").exists():  # a DATABASE_URL filled by a previous run
        print("reusing the applications of a previous run")
    else:
        generate(args.applications, args.agencies)
    setup = time.perf_counter() - t0
    measure(args.runs, setup)


def generate(n_applications: int, n_agencies: int) -> None:
    """Fill the database: `n_applications` spread over `n_agencies`, 2 % of them in the measured agency."""
    from gongkai import clock
    from gongkai.agencies.codes import make_uscc
    from gongkai.agencies.models import Agency, Membership, User
    from gongkai.applications import tracking
    from gongkai.applications.models import Application
    from gongkai.applications.vocab import ApplicantType, Channel, Delivery, InfoForm
    from gongkai.applications.workflow import State

    rng = random.Random(7)
    Agency.objects.bulk_create(
        Agency(name=f"队列基准机关{i:04d}", level="county", kind="department", org_code=make_uscc(f"11370498{i:09d}"),
               slug=f"queue-bench-{i:04d}")  # fmt: skip
        for i in range(n_agencies)
    )
    agencies = list(Agency.objects.filter(name__startswith="队列基准机关").order_by("pk"))
    busy = agencies[0]
    clerk = User.objects.create(username="bench-clerk", display_name="基准经办人")
    Membership.objects.create(user=clerk, agency=busy, role="clerk")
    today = clock.today()
    open_states = [State.RECEIVED, State.RECEIVED, State.RECEIVED, State.THIRD_PARTY, State.FEE, State.DRAFTED,
                   State.REVIEWED, State.SIGNED, State.CORRECTION]
    types = ApplicantType.values
    channels = Channel.values
    numbers: set[str] = set()
    batch: list[Application] = []
    busy_share = max(1, n_applications // 50)
    for i in range(n_applications):
        number = tracking.new(today.year)
        while number in numbers:
            number = tracking.new(today.year)
        numbers.add(number)
        agency = busy if i < busy_share else agencies[1 + i % (len(agencies) - 1)]
        received = today - dt.timedelta(days=rng.randrange(700))
        is_open = received > today - dt.timedelta(days=60) or rng.random() < (0.2 if agency is busy else 0.02)
        state = rng.choice(open_states) if is_open else rng.choice([State.REPLIED, State.CLOSED])
        batch.append(Application(
            agency=agency, tracking_number=number, channel=rng.choice(channels), received_on=received,
            applicant_type=rng.choice(types), applicant_name=f"申请人{i}", id_type="resident_id",
            id_number="370402199001011238", phone="13800000000", description="基准测试申请",
            form=rng.choice(InfoForm.values), delivery=rng.choice(Delivery.values), state=state.value,
            due_on=received + dt.timedelta(days=28 + rng.randrange(10)) if state != State.CORRECTION else None,
            due_provisional=received.year > today.year, assignee=clerk if agency is busy and rng.random() < .5 else None,
            closed_on=None if is_open else received + dt.timedelta(days=rng.randrange(1, 40)),
        ))
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)


def measure(runs: int, setup: float) -> None:
    """Render each queue page `runs` times as the measured agency's clerk; print the medians."""
    from django.db import connection
    from django.test import Client

    from gongkai import clock
    from gongkai.agencies.models import Agency, User
    from gongkai.applications.models import Application

    with connection.cursor() as cursor:  # fresh statistics for the query planner (both databases)
        cursor.execute("ANALYZE")
    today = clock.today()
    clerk = User.objects.get(username="bench-clerk")
    busy = Agency.objects.get(memberships__user=clerk)
    agencies = Agency.objects.filter(name__startswith="队列基准机关").count()
    client = Client()
    client.force_login(clerk)
    sample = Application.objects.filter(agency=busy).exclude(state__in=["replied", "closed"]).first()
    pages = {
        "我的待办": "/applications/",
        "全部在办": "/applications/?tab=open",
        "逾期及临期": "/applications/?tab=urgent",
        "全部申请": "/applications/?tab=all",
        "全部申请·第5页·按收到日期": "/applications/?tab=all&sort=-received&page=5",
        "筛选(状态+方式+期限)": f"/applications/?tab=open&state=received&channel=online&due_from={today:%Y-%m-%d}",
        "搜索受理编号": f"/applications/?tab=all&q={sample.tracking_number[-6:]}",
        "搜索申请人": "/applications/?tab=all&q=申请人12",
    }
    total = Application.objects.count()
    in_busy = Application.objects.filter(agency=busy).count()
    open_busy = Application.objects.filter(agency=busy).exclude(state__in=["replied", "closed"]).count()
    print(f"database: {connection.vendor}; nproc: {os.cpu_count()}")
    print(f"{total:,} applications in {agencies} agencies (set up in {setup:.1f} s); "
          f"measured agency: {in_busy:,} applications, {open_busy:,} open")
    counts: dict[str, int] = {}
    for label, url in pages.items():  # warm up, check, count the queries
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries: list[str] = []
        with connection.execute_wrapper(lambda execute, sql, *rest, log=queries: log.append(sql) or execute(sql, *rest)):
            client.get(url)
        counts[label] = len(queries)
    times: dict[str, list[float]] = {label: [] for label in pages}
    for _ in range(runs):  # round robin: a busy moment of the machine hits every page alike
        for label, url in pages.items():
            t = time.perf_counter()
            client.get(url)
            times[label].append((time.perf_counter() - t) * 1000)
    worst = 0.0
    for label, ms in times.items():
        median = statistics.median(ms)
        worst = max(worst, median)
        print(f"  {label:<28} median {median:6.1f} ms  (min {min(ms):6.1f}, max {max(ms):6.1f}; "
              f"{counts[label]} queries)")
    print(f"queue page: worst median {worst:.1f} ms over {runs} runs each; target < {TARGET_MS} ms "
          f"({'met' if worst < TARGET_MS else 'NOT met'})")


if __name__ == "__main__":
    main()
