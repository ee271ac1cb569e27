"""Index numbers: drawn under a row lock, unique under concurrency, imported numbers never reused."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from gongkai.catalogue.indexing import next_index_number, note_existing, pattern_regex


def test_outside_a_transaction_is_refused(transactional_db, agencies):
    with pytest.raises(RuntimeError):
        next_index_number(agencies.dept, 2025)


def test_pattern_regex_reads_year_and_serial(db, agencies):
    agencies.dept.index_pattern = "{short_name}〔{year}〕{serial:03d}号"
    m = pattern_regex(agencies.dept).fullmatch("区民政局〔2024〕017号")
    assert (m["year"], m["serial"]) == ("2024", "017")


def test_imported_numbers_move_the_counter(db, agencies):
    with transaction.atomic():
        assert note_existing(agencies.dept, f"{agencies.dept.org_code}/2024-00041") == 2024
        assert note_existing(agencies.dept, "other-scheme-7") is None
        assert next_index_number(agencies.dept, 2024) == (f"{agencies.dept.org_code}/2024-00042", 42)


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite serialises writers itself")
def test_concurrent_draws_never_collide(transactional_db, agencies):
    drawn: list[str] = []
    errors: list[BaseException] = []

    def draw() -> None:
        try:
            for _ in range(5):
                with transaction.atomic():
                    drawn.append(next_index_number(agencies.dept, 2025)[0])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=draw) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(drawn) == 30 and len(set(drawn)) == 30
    assert sorted(int(n.rsplit("-", 1)[1]) for n in drawn) == list(range(1, 31))
