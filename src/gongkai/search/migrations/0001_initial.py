"""The index tables, per database vendor (the search app has no Django models: its rows are
written by `gongkai.search.backends`)."""

from django.db import migrations

FIELDS = "title TEXT NOT NULL, numbers TEXT NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL, attachments TEXT NOT NULL"

SQLITE = [
    f"CREATE TABLE search_doc (key INTEGER PRIMARY KEY, sortkey INTEGER NOT NULL UNIQUE, {FIELDS})",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, numbers, summary, body, attachments, filters, tokenize = 'ascii', detail = 'full')",
]
SQLITE_DROP = ["DROP TABLE search_fts", "DROP TABLE search_doc"]

POSTGRESQL = [
    f"CREATE TABLE search_doc (key BIGINT PRIMARY KEY, sortkey BIGINT NOT NULL UNIQUE, {FIELDS}, tokens TSVECTOR NOT NULL)",
    "CREATE INDEX search_doc_tokens ON search_doc USING GIN (tokens)",
]
POSTGRESQL_DROP = ["DROP TABLE search_doc"]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements[schema_editor.connection.vendor]:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        )
    ]
