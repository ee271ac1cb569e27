"""Chain the audit log: each entry stores the hash of the previous one (`gongkai.agencies.chain`).

SQLite rebuilds the table to add the columns (dropping its triggers), and the existing entries
must be hashed in place: the append-only triggers are removed first and installed again last.
"""

from django.db import migrations, models

from gongkai.agencies import chain, triggers


def remove_triggers(apps, schema_editor):
    triggers.remove(schema_editor.connection)


def install_triggers(apps, schema_editor):
    triggers.install(schema_editor.connection)


def hash_existing(apps, schema_editor):
    """Chain the entries written before this migration, oldest first."""
    entries = apps.get_model("agencies", "AuditEntry").objects.using(schema_editor.connection.alias)
    previous = ""
    for entry in entries.order_by("id").iterator(chunk_size=2000):
        entry.prev_hash = previous
        entry.entry_hash = previous = chain.entry_hash(entry)
        entries.filter(pk=entry.pk).update(prev_hash=entry.prev_hash, entry_hash=entry.entry_hash)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0003_timestamps_from_clock")]
    operations = [
        migrations.RunPython(remove_triggers, install_triggers),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64, verbose_name="上一条的哈希"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64, verbose_name="本条哈希"),
        ),
        migrations.RunPython(hash_existing, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
