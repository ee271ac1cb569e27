"""Data a whole test module reads, built once for the module (the demo takes seconds to load).

It is loaded inside one outer transaction; each test's own transaction (the ``db`` fixture) nests
in it as a savepoint, so a test's changes are undone after it, and the loaded data after the
module. It is built at the suite's moment (TEST_NOW) whatever an earlier test did to the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from gongkai import clock
from tests.conftest import TEST_NOW

T = TypeVar("T")


@contextmanager
def loaded_once(django_db_blocker, data_dir: Path, load: Callable[[], T]) -> Iterator[T]:
    """``load()``'s result, its rows kept until the block ends (files go to `data_dir`)."""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(DATA_DIR=data_dir), transaction.atomic():
        with clock.moved_to(TEST_NOW):
            loaded = load()
        yield loaded
        transaction.set_rollback(True)
