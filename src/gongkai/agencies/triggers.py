"""Database triggers that make the audit table append-only below the ORM as well.

Installed by migration 0002. A later migration that rebuilds the ``agencies_auditentry`` table on
SQLite (SQLite drops triggers with the table) must call `install` again.
"""

from __future__ import annotations

TABLE = "agencies_auditentry"
MESSAGE = "audit log is append-only"

SQLITE_CREATE = [
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_no_update", f"DROP TRIGGER IF EXISTS {TABLE}_no_delete"]

POSTGRESQL_CREATE = [
    "CREATE OR REPLACE FUNCTION gongkai_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION gongkai_audit_append_only()",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS gongkai_audit_append_only()",
]


def _run(connection, statements: dict[str, list[str]]) -> None:
    with connection.cursor() as cursor:
        for sql in statements.get(connection.vendor, []):
            cursor.execute(sql)


def install(connection) -> None:
    """Create the append-only triggers for this connection's database (SQLite or PostgreSQL)."""
    _run(connection, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def remove(connection) -> None:
    """Drop the triggers (migration rollback; test teardown that must empty every table)."""
    _run(connection, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})
