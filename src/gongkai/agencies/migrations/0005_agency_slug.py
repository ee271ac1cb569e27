"""Agency.slug: added empty, filled with the pinyin of each agency's name (unique), then made
unique in the next migration (apart, so PostgreSQL alters the table outside this data change)."""

from django.db import migrations, models

from gongkai.agencies import slugs


def fill(apps, schema_editor) -> None:
    agency_model = apps.get_model("agencies", "Agency")
    taken: set[str] = set()
    for agency in agency_model.objects.order_by("pk"):
        agency.slug = slugs.unique(slugs.from_name(agency.name), taken.__contains__)
        taken.add(agency.slug)
        agency.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0004_audit_chain"),
    ]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="slug",
            field=models.CharField(blank=True, default="", max_length=60, verbose_name="专栏网址名"),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
