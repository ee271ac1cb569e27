"""SQLite: the FTS5 table becomes contentless with a one-character prefix index, and each
``search_doc`` row keeps its packed FTS5 columns (see `SqliteBackend`). The index is carried
over row by row (and back on reverse), so no rebuild is needed. PostgreSQL: nothing changes."""

from django.db import migrations

from gongkai.search.backends import pack, unpack

COLUMNS = "title, numbers, summary, body, attachments, filters"
CONTENTLESS = f"fts5({COLUMNS}, content = '', prefix = '1', tokenize = 'ascii', detail = 'full')"
WITH_CONTENT = f"fts5({COLUMNS}, tokenize = 'ascii', detail = 'full')"
BATCH = 1000


def _from_fts(cursor, after: int) -> list[tuple]:
    """Rows of the FTS5 table with content: (rowid, *columns); each keeps its columns packed."""
    cursor.execute(f"SELECT rowid, {COLUMNS} FROM search_fts WHERE rowid > %s ORDER BY rowid LIMIT %s", [after, BATCH])
    rows = cursor.fetchall()
    cursor.executemany(
        "UPDATE search_doc SET fts = %s WHERE sortkey = %s", [(pack(list(columns)), rowid) for rowid, *columns in rows]
    )
    return rows


def _from_packed(cursor, after: int) -> list[tuple]:
    """Rows rebuilt from ``search_doc``'s packed columns: (rowid, *columns)."""
    cursor.execute("SELECT sortkey, fts FROM search_doc WHERE sortkey > %s ORDER BY sortkey LIMIT %s", [after, BATCH])
    return [(sortkey, *unpack(packed)) for sortkey, packed in cursor.fetchall()]


def _rebuild(table: str, read):
    """A step making ``search_fts`` a `table`, filled with the rows `read` gives batch by batch."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        contentless = table == CONTENTLESS
        with schema_editor.connection.cursor() as cursor:
            if contentless:
                cursor.execute("ALTER TABLE search_doc ADD COLUMN fts BLOB")
            cursor.execute(f"CREATE VIRTUAL TABLE search_fts_new USING {table}")
            insert = f"INSERT INTO search_fts_new (rowid, {COLUMNS}) VALUES ({', '.join(['%s'] * 7)})"
            after = -(2**63)
            while rows := read(cursor, after):
                cursor.executemany(insert, rows)
                after = rows[-1][0]
            cursor.execute("DROP TABLE search_fts")
            cursor.execute("ALTER TABLE search_fts_new RENAME TO search_fts")
            if not contentless:
                cursor.execute("ALTER TABLE search_doc DROP COLUMN fts")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(_rebuild(CONTENTLESS, _from_fts), _rebuild(WITH_CONTENT, _from_packed))]
