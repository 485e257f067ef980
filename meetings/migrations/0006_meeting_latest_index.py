"""An index in the order "latest meeting first", for the search page's walk through notes,
actions and resolutions by meeting (meetings/search.py).

The order puts undated meetings last: DESC NULLS LAST on PostgreSQL. SQLite cannot say NULLS
LAST in an index, but its DESC order puts NULLs last already.
"""

from django.db import migrations

POSTGRESQL = (
    "CREATE INDEX IF NOT EXISTS meeting_latest ON meetings_meeting "
    "(start_date DESC NULLS LAST, number_key DESC NULLS LAST, id DESC NULLS LAST)"
)
SQLITE = (
    "CREATE INDEX IF NOT EXISTS meeting_latest ON meetings_meeting "
    "(start_date DESC, number_key DESC, id DESC)"
)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(POSTGRESQL if vendor == "postgresql" else SQLITE)


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS meeting_latest")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_meeting_number_url_safe")]

    operations = [migrations.RunPython(create, drop)]
