"""`gongkai demo`: apply missing migrations, then run every app's demo loader in order.

Each entry of `DEMO_LOADERS` is a function ``load() -> int`` that creates the demo objects its
app needs when they are missing and returns how many it created; it must be idempotent (a second
run creates nothing). Apps register their loader from ``AppConfig.ready()``, so they run in
``INSTALLED_APPS`` order: agencies first, because the others hang their records on the demo
agencies and staff.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from gongkai.registry import Registry

#: The demo loaders, in the order they run (registered by the apps).
DEMO_LOADERS: Registry[Callable[[], int]] = Registry("demo loaders")


def pending_migrations() -> list[str]:
    """Migrations not yet applied to the database, as ``app.name`` labels."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def migrate_if_needed() -> int:
    """Apply pending migrations; return how many there were."""
    pending = pending_migrations()
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
    return len(pending)


class LoaderFailed(Exception):
    """A demo loader raised; its transaction was rolled back."""


def load_all(report: Callable[[str, int], None] = lambda name, count: None) -> int:
    """Run every loader, each in its own transaction; `report(loader, created)` after each."""
    total = 0
    for loader in DEMO_LOADERS:
        path = f"{loader.__module__}:{loader.__qualname__}"
        try:
            with transaction.atomic():
                count = loader()
        except Exception as exc:
            raise LoaderFailed(f"demo loader {path} failed: {type(exc).__name__}: {exc}") from exc
        report(path, count)
        total += count
    return total
