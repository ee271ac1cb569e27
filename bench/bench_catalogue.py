"""The staff catalogue list on 1,000,000 items across 500 agencies (target: under 150 ms).

Run: .venv/bin/python bench/bench_catalogue.py [--items N] [--agencies N]

Builds a throw-away SQLite database in a temporary directory (or the PostgreSQL database named
by BENCH_DATABASE_URL — never the one in DATABASE_URL), migrates it, bulk-inserts the agencies,
their category trees and the items (executemany in batches inside one transaction), runs
ANALYZE, then times the staff list query — one page of 20 items of one agency filtered by
category and year, newest first, plus the total count for the pager — over 200 sampled
(agency, category, year) combinations, and the same without the category filter.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

TARGET_MS = 150
PAGE = 20
SAMPLES = 200
BATCH = 20_000


def setup(data_dir: str) -> None:
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    if url := os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def build(n_items: int, n_agencies: int) -> tuple[list[int], dict[int, list[int]]]:
    from django.db import connection, transaction

    from gongkai import clock
    from gongkai.agencies.codes import make_uscc
    from gongkai.agencies.models import Agency
    from gongkai.catalogue.articles import walk
    from gongkai.catalogue.models import SubjectCategory
    from gongkai.rules.proactive import publication_deadline

    rng = random.Random(20250701)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    with transaction.atomic():
        Agency.objects.bulk_create(
            Agency(
                name=f"测试机关{n:04d}",
                level="county",
                kind="department",
                org_code=make_uscc(f"11370405{n:09d}"),
                slug=f"bench-{n:04d}",
            )
            for n in range(n_agencies)
        )
        agency_ids = list(Agency.objects.order_by("id").values_list("id", flat=True))
        seeds = list(walk())
        SubjectCategory.objects.bulk_create(
            SubjectCategory(agency_id=a, code=seed.code, name=seed.name, art20_item=seed.art20_item, order=i)
            for a in agency_ids
            for i, (_, seed) in enumerate(seeds)
        )
        categories: dict[int, list[int]] = {}
        for a, c in SubjectCategory.objects.values_list("agency_id", "id"):
            categories.setdefault(a, []).append(c)
        start = dt.date(2019, 1, 2)
        days = [start + dt.timedelta(d) for d in range((dt.date(2025, 12, 31) - start).days)]
        deadlines = {d: publication_deadline(d).date for d in days}
        now = clock.now()
        sql = (
            "INSERT INTO catalogue_item (agency_id, index_number, index_year, title, summary, body, category_id, "
            "genre, art20_item, doc_number, date_made, date_changed, deadline, deadline_provisional, "
            "date_published, validity, validity_changed_on, superseded_by_id, keywords, attribute, "
            "withheld_reason, attribute_note, interprets_id, interpretation_kind, state, created_by_id, "
            "created_at, updated_at, version) VALUES (" + ", ".join(["%s"] * 29) + ")"
        )
        genres = ["notice"] * 6 + ["announcement", "normative", "report", "other", "interpretation", "rule"]
        per_agency = n_items // len(agency_ids)
        rows, done = [], 0
        began = time.perf_counter()
        with connection.cursor() as cursor:
            for a in agency_ids:
                cats = categories[a]
                for serial in range(1, per_agency + 1):
                    made = rng.choice(days)
                    published = made + dt.timedelta(rng.randint(1, 40))
                    rows.append((
                        a, f"A{a:04d}/{made.year}-{serial:06d}", made.year, f"测试信息标题{a}-{serial}", "内容概述", "",
                        rng.choice(cats), rng.choice(genres), rng.randint(1, 15), "", made, None, deadlines[made],
                        False, published, "valid", None, None, "", "proactive", "", "", None, "", "published", None,
                        now, now, 1,
                    ))  # fmt: skip
                    if len(rows) >= BATCH:
                        cursor.executemany(sql, rows)
                        done += len(rows)
                        rows.clear()
            if rows:
                cursor.executemany(sql, rows)
                done += len(rows)
        print(f"inserted {done:,} items in {time.perf_counter() - began:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return agency_ids, categories


def staff_list(agency_id: int, year: int, category_id: int | None):
    """The staff list of the catalogue workspace (`gongkai.catalogue.queries.staff_list`) as the
    site admin sees it: one page and the total for the pager."""
    from gongkai.agencies.models import User
    from gongkai.catalogue.queries import staff_list as query

    admin = User(username="bench", is_superuser=True, is_active=True)
    qs = query(admin, agency_id, category=category_id, year=year)
    page = list(qs.values("id", "index_number", "title", "date_made", "state", "category__name")[:PAGE])
    return page, qs.count()


def measure(samples) -> list[float]:
    times = []
    for agency_id, year, category_id in samples:
        start = time.perf_counter()
        staff_list(agency_id, year, category_id)
        times.append((time.perf_counter() - start) * 1000)
    return times


@contextlib.contextmanager
def built_catalogue(description: str) -> Iterator[tuple[list[int], dict[int, list[int]]]]:
    """The catalogue `build` makes to the command line (--items, --agencies), in a throw-away directory.

    Yields the agency ids and each agency's category ids; the database connection is closed
    before the directory goes.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        setup(tmp)
        from django.db import connection

        began = time.perf_counter()
        built = build(args.items, args.agencies)
        print(f"built {args.items:,} items / {args.agencies} agencies in {time.perf_counter() - began:.1f} s "
              f"({connection.vendor}, {Path(tmp).name})")  # fmt: skip
        try:
            yield built
        finally:
            connection.close()


def main() -> None:
    with built_catalogue(__doc__.splitlines()[0]) as (agency_ids, categories):
        rng = random.Random(7)
        with_category = [
            (a, rng.randint(2019, 2025), rng.choice(categories[a]))
            for a in rng.sample(agency_ids, min(50, len(agency_ids)))
        ]
        with_category = (with_category * (SAMPLES // len(with_category) + 1))[:SAMPLES]
        measure(with_category[:20])  # warm the cache
        by_category = measure(with_category)
        by_year = measure([(a, y, None) for a, y, _ in with_category])
        page, total = staff_list(*with_category[0])
        print(f"nproc={os.cpu_count()} sample query: {len(page)} rows of {total}")
        ok = True
        for label, times in (("agency+category+year", by_category), ("agency+year", by_year)):
            p95 = statistics.quantiles(times, n=20)[-1]
            median = statistics.median(times)
            ok &= p95 < TARGET_MS
            print(f"staff list {label}: median {median:.2f} ms, p95 {p95:.2f} ms, max {max(times):.2f} ms "
                  f"(target < {TARGET_MS} ms) {'OK' if p95 < TARGET_MS else 'SLOW'}")  # fmt: skip
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
