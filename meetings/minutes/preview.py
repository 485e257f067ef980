"""What an import would do, found by doing it and rolling back.

The preview runs the real importer inside a transaction that is always rolled back, so it
shows exactly what a confirmed import will write: new rows, changed fields (old → new), rows
removed, and what stays as it is.
"""

from dataclasses import dataclass, field

from django.db import transaction

from .importer import ImportResult, counts_of, import_minutes

# (what the page calls it, the name the importer and the file count it under)
KINDS = [
    ("Agenda sections", "sections"),
    ("Contributions", "contributions"),
    ("Revisions handled", "handlings"),
    ("Relations", "relations"),
    ("Resolutions", "resolutions"),
    ("Action items", "actions"),
]


@dataclass
class Preview:
    result: ImportResult
    kinds: list = field(default_factory=list)


class _Rollback(Exception):
    pass


def preview_import(loaded):
    """Import `loaded` (from meetings.minutes.load) and roll back; return what it did."""
    try:
        with transaction.atomic():
            result = import_minutes(
                loaded.minutes, loaded.document, name=loaded.path.name, raw=loaded.raw
            )
            raise _Rollback(result)
    except _Rollback as rollback:
        result = rollback.args[0]
    result.source = None  # rolled back: it does not exist
    in_file = counts_of(loaded.minutes)
    in_file["handlings"] = sum(len(c.revisions) for c in loaded.minutes.contributions)
    kinds = []
    for label, name in KINDS:
        new = result.counts[f"{name}_created"]
        changed = result.counts[f"{name}_updated"]
        total = in_file[name]
        kinds.append(
            {
                "label": label,
                "new": new,
                "changed": changed,
                "unchanged": max(total - new - changed, 0),
                "removed": result.counts[f"{_model_of(name)}_removed"],
            }
        )
    return Preview(result, kinds)


def _model_of(name):
    return {"sections": "agendasection", "handlings": "handling", "resolutions": "resolution"}.get(
        name, name
    )
