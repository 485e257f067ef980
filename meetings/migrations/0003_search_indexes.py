"""GIN indexes for the search page's full-text search on PostgreSQL; nothing on SQLite.

Each index holds exactly the expression `SearchVector(*fields, config="english")` produces,
so PostgreSQL can use it for the page's `@@` match.
"""

from django.db import migrations


def _vector(*columns):
    text = " || ' ' || ".join(f"COALESCE({column}, ''::text)" for column in columns)
    return f"to_tsvector('english'::regconfig, {text})"


INDEXES = {
    "contribution_title_search": ("contributions_contribution", _vector("title")),
    "handling_notes_search": ("contributions_handling", _vector("notes")),
    "actionitem_text_search": (
        "actions_actionitem",
        _vector("description", "owners", "reference"),
    ),
    "resolution_text_search": ("meetings_resolution", _vector("text")),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_secretariat_group"),
        ("contributions", "0001_initial"),
        ("actions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
