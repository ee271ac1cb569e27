"""Database triggers refusing UPDATE and DELETE on the audit log (SQLite and PostgreSQL)."""

from django.db import migrations

from gongkai.agencies import triggers


def install(apps, schema_editor):
    triggers.install(schema_editor.connection)


def remove(apps, schema_editor):
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
