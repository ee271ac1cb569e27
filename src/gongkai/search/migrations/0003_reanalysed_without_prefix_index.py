"""Every entry analysed again with the current analyzer, whose Han runs now start with their
first character (so ``2023年`` is a phrase of whole tokens, not a prefix query) and whose body
and attachments no longer carry dictionary words (`documents.WORD_FIELDS`); on SQLite the
FTS5 table loses its one-character prefix index, which only such queries needed and which cost
a third of the writer's time. The display text kept in ``search_doc`` is all the analysis needs,
the filter terms are carried over as they are: no rebuild from the catalogue. (About 0.3 ms per
entry: some minutes at a million.) Reversing restores the SQLite prefix index, with the same
tokens; on PostgreSQL it has nothing to undo."""

from django.db import migrations

from gongkai.search.backends import pack, tsvector_literal, unpack
from gongkai.search.documents import FIELDS, FILTER_MARK, field_tokens

COLUMNS = (*FIELDS, "filters")
TABLE = f"fts5({', '.join(COLUMNS)}, content = '', {{prefix}}tokenize = 'ascii', detail = 'full')"
BATCH = 1000


def _sqlite(prefix: str):
    def run(cursor) -> None:
        cursor.execute(f"CREATE VIRTUAL TABLE search_fts_new USING {TABLE.format(prefix=prefix)}")
        insert = f"INSERT INTO search_fts_new (rowid, {', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * 7)})"
        after = -(2**63)
        while True:
            cursor.execute(
                f"SELECT sortkey, {', '.join(FIELDS)}, fts FROM search_doc WHERE sortkey > %s ORDER BY sortkey LIMIT %s",
                [after, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            fresh = []
            for sortkey, *texts, packed in rows:
                filters = unpack(packed)[-1]
                fresh.append((sortkey, *[" ".join(s) for s in field_tokens(texts)], filters))
            cursor.executemany(insert, fresh)
            cursor.executemany(
                "UPDATE search_doc SET fts = %s WHERE sortkey = %s", [(pack(list(row[1:])), row[0]) for row in fresh]
            )
            after = rows[-1][0]
        cursor.execute("DROP TABLE search_fts")
        cursor.execute("ALTER TABLE search_fts_new RENAME TO search_fts")

    return run


def _postgresql(cursor) -> None:
    after = -(2**63)
    while True:
        cursor.execute(
            f"SELECT sortkey, {', '.join(FIELDS)}, array(SELECT lexeme FROM unnest(tokens) "
            "WHERE left(lexeme, 1) = %s ORDER BY lexeme) FROM search_doc WHERE sortkey > %s ORDER BY sortkey LIMIT %s",
            [FILTER_MARK, after, BATCH],
        )
        rows = cursor.fetchall()
        if not rows:
            break
        cursor.executemany(
            "UPDATE search_doc SET tokens = %s::tsvector WHERE sortkey = %s",
            [(tsvector_literal(field_tokens(texts), filters), sortkey) for sortkey, *texts, filters in rows],
        )
        after = rows[-1][0]


def _step(sqlite, postgresql=None):
    def run(apps, schema_editor):
        step = sqlite if schema_editor.connection.vendor == "sqlite" else postgresql
        if step is not None:
            with schema_editor.connection.cursor() as cursor:
                step(cursor)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_contentless_fts")]
    operations = [migrations.RunPython(_step(_sqlite(""), _postgresql), _step(_sqlite("prefix = '1', ")))]
