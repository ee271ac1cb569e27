"""Permission checks, scoped queries and audit writes per second, on a fresh SQLite database
(or on DATABASE_URL when set) holding the demo agencies.

Run: .venv/bin/python bench/bench_agencies.py
"""

from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from gongkai.agencies import audit, demo  # noqa: E402
from gongkai.agencies.models import Agency, AuditEntry, User  # noqa: E402
from gongkai.agencies.permissions import Action, can, scoped  # noqa: E402


def rate(label: str, n: int, fn) -> None:
    start = time.perf_counter()
    for i in range(n):
        fn(i)
    elapsed = time.perf_counter() - start
    print(f"{label:<48} {n / elapsed:>10,.0f}/s  ({elapsed * 1000 / n:.3f} ms each)")


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        demo.load()
    clerk = User.objects.get(username="minzheng_clerk")
    supervisor = User.objects.get(username="zhengfu_supervisor")
    agencies = list(Agency.objects.all())
    print(f"nproc={os.cpu_count()}  database={django.db.connection.vendor}  agencies={len(agencies)}")
    rate("can(clerk, agency, ACT)", 2000, lambda i: can(clerk, agencies[i % len(agencies)], Action.ACT))
    rate("can(supervisor, agency, READ) (subtree walk)", 2000, lambda i: can(supervisor, agencies[i % len(agencies)], Action.READ))
    rate("scoped(AuditEntry, supervisor).count()", 500, lambda i: scoped(AuditEntry.objects.all(), supervisor).count())

    def write(i: int) -> None:
        with transaction.atomic():
            audit.record(clerk, "bench.write", agencies[1], agency=agencies[1],
                         before={"n": i}, after={"n": i + 1, "phone": "13812345678"})  # fmt: skip

    rate("audit.record (hash-chained) in its own transaction", 1000, write)
    total = AuditEntry.objects.count()
    start = time.perf_counter()
    verdict = audit.verify_chain()
    elapsed = time.perf_counter() - start
    assert verdict.broken is None and verdict.checked == total, verdict
    print(f"{'audit.verify_chain over ' + format(total, ',') + ' entries':<48} {total / elapsed:>10,.0f}/s  "
          f"({elapsed:.2f} s in all)")


if __name__ == "__main__":
    main()
