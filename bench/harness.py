"""What the record benches share: their size options, and Django on a fresh, migrated database
(a temporary SQLite data directory, or the empty PostgreSQL database ``DATABASE_URL`` names)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def size_options(doc: str) -> argparse.ArgumentParser:
    """A parser described by the first line of `doc`, taking --applications, --agencies and --year."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--agencies", type=int, default=500)
    parser.add_argument("--year", type=int, default=2025)
    return parser


def setup_django(today: str | None = None) -> None:
    """Set Django up on a fresh database and migrate it; `today` (ISO date) is the process's day
    unless ``GONGKAI_TODAY`` already names one."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["GONGKAI_DATA_DIR"] = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    if today is not None:
        os.environ.setdefault("GONGKAI_TODAY", today)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
