"""Tamper evidence: audit entries form a hash chain; `gongkai audit verify` and `gongkai check`
name the first broken link after rows are changed or deleted below the triggers."""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
import threading
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from gongkai.agencies import audit, chain, triggers
from gongkai.agencies.models import AppendOnlyError, AuditEntry
from gongkai.cli import cli
from gongkai.web.commands import _audit_chain_check
from tests.web.test_commands import _gongkai

TABLE = triggers.TABLE


@pytest.fixture
def entries(agencies, users):
    return [
        audit.record(users.clerk, f"test.step{i}", agencies.dept, agency=agencies.dept,
                     before={"n": i, "amount": 1.0 * i}, after={"n": i + 1, "phone": "13812345678"}, note=f"第{i}步")
        for i in range(5)
    ]  # fmt: skip


def _raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_each_entry_stores_the_hash_of_the_one_before(entries):
    stored = list(AuditEntry.objects.order_by("id"))
    assert stored[0].prev_hash == ""
    for previous, entry in zip(stored, stored[1:], strict=False):
        assert entry.prev_hash == previous.entry_hash and len(entry.entry_hash) == 64
        assert entry.entry_hash == chain.entry_hash(entry)  # read back from the database, same hash
    assert audit.verify_chain() == chain.Verdict(len(stored), None)


def test_a_row_changed_below_the_triggers_is_named(entries):
    triggers.remove(connection)
    _raw(f"UPDATE {TABLE} SET note = %s WHERE id = %s", ["改过的说明", entries[2].pk])
    verdict = audit.verify_chain()
    assert verdict.broken == chain.Break(entries[2].pk, "its content does not match its hash (the entry was changed)")


def test_a_changed_row_with_a_recomputed_hash_breaks_the_next_link(entries):
    triggers.remove(connection)
    forged = AuditEntry.objects.get(pk=entries[2].pk)
    forged.note = "伪造的说明"
    _raw(f"UPDATE {TABLE} SET note = %s, entry_hash = %s WHERE id = %s", [forged.note, chain.entry_hash(forged), forged.pk])
    broken = audit.verify_chain().broken
    assert broken is not None and broken.entry_id == entries[3].pk
    assert f"does not match entry {entries[2].pk}" in str(broken)


def test_a_deleted_row_breaks_the_link_of_the_next_entry(entries):
    triggers.remove(connection)
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [entries[1].pk])
    broken = audit.verify_chain().broken
    assert broken is not None and broken.entry_id == entries[2].pk
    assert str(broken).startswith(f"chain broken at entry {entries[2].pk}: its previous-entry hash does not match "
                                  f"entry {entries[0].pk}")


def test_the_first_of_several_breaks_is_reported(entries):
    triggers.remove(connection)
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [entries[3].pk])
    _raw(f"UPDATE {TABLE} SET action = 'x' WHERE id = %s", [entries[1].pk])
    assert audit.verify_chain().broken.entry_id == entries[1].pk


def test_verify_command_and_check_report_the_break_in_one_english_line(entries):
    assert CliRunner().invoke(cli, ["audit", "verify"]).exit_code == 0
    assert _audit_chain_check().status == "ok"
    triggers.remove(connection)
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [entries[1].pk])
    result = CliRunner().invoke(cli, ["audit", "verify"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"gongkai: audit log chain broken at entry {entries[2].pk}: its previous-entry hash does not match entry "
        f"{entries[0].pk} (an entry before it was deleted, inserted or changed) "
        f"({audit.verify_chain().checked} entries before it are intact)"
    ]
    check = _audit_chain_check()
    assert check.status == "fail" and f"entry {entries[2].pk}" in check.detail


def test_entries_cannot_be_bulk_created_around_the_chain(agencies):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_create([AuditEntry(actor_label="x", action="x")])


def test_the_migration_chains_entries_written_before_it(entries):
    triggers.remove(connection)
    _raw(f"UPDATE {TABLE} SET prev_hash = '', entry_hash = ''")
    assert audit.verify_chain().broken is not None
    migration = importlib.import_module("gongkai.agencies.migrations.0004_audit_chain")
    state = MigrationLoader(connection).project_state(("agencies", "0004_audit_chain"))
    migration.hash_existing(state.apps, SimpleNamespace(connection=connection))
    assert audit.verify_chain().broken is None


def test_integral_floats_hash_as_the_database_returns_them():
    """PostgreSQL's jsonb prints 1e20 as an integer: the canonical form must not depend on it."""
    as_written = SimpleNamespace(**{f: "" for f in chain.HASHED_FIELDS if f != "at"}, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    as_read = SimpleNamespace(**vars(as_written))
    as_written.before, as_read.before = {"x": 1e20, "y": [2.0, 0.5]}, {"x": 10**20, "y": [2, 0.5]}
    assert chain.serialise(as_written) == chain.serialise(as_read)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain(agencies):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's shared in-memory test database serialises writers by failing, not waiting; "
                    "the file database is covered by test_concurrent_processes_keep_one_chain")
    barrier = threading.Barrier(4)

    def write(n: int) -> None:
        barrier.wait()
        try:
            for i in range(10):
                audit.record(None, f"thread{n}.{i}", None, agency=agencies.dept)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert AuditEntry.objects.filter(action__startswith="thread").count() == 40
    assert audit.verify_chain().broken is None


WRITER = """
import django, sys
django.setup()
from gongkai.agencies import audit
for i in range(40):
    audit.record(None, f"process{sys.argv[1]}.{i}", None, agency=None)
"""


def test_concurrent_processes_keep_one_chain_and_tampering_the_file_is_found(tmp_path):
    """Four processes append to one SQLite file at once; then someone with the file drops the
    trigger and deletes a row: `gongkai audit verify` and `gongkai check` name the next entry."""
    import os
    import subprocess
    import sys

    assert _gongkai("check", "--migrate", data_dir=tmp_path).returncode == 0
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(GONGKAI_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="gongkai.web.settings")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(n)], env=env) for n in range(4)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0, 0]
    assert _gongkai("audit", "verify", data_dir=tmp_path).stdout.strip() == "audit log chain intact: 160 entries"

    with sqlite3.connect(tmp_path / "gongkai.sqlite3") as db:
        db.execute(f"DROP TRIGGER {TABLE}_no_delete")
        db.execute(f"DELETE FROM {TABLE} WHERE id = 57")
    verify = _gongkai("audit", "verify", data_dir=tmp_path)
    assert verify.returncode == 2
    assert verify.stderr.startswith("gongkai: audit log chain broken at entry 58: its previous-entry hash does not "
                                    "match entry 56")
    check = _gongkai("check", data_dir=tmp_path)
    assert check.returncode == 2 and "gongkai: audit log: chain broken at entry 58" in check.stderr
