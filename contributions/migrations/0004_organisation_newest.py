"""A covering index of each contribution's year and serial, on PostgreSQL only.

The organisation page sorts a smaller member's own contributions by reading their year and
serial from this index alone (ContributionQuerySet.newest_of_organisation). SQLite has no
covering indexes: there it would be a second copy of the primary key, written on every import.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS contribution_id_year "
            "ON contributions_contribution (id) INCLUDE (year, serial)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS contribution_id_year")


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0003_newest_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
