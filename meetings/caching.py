"""Costly read-only figures (totals over the whole record), cached until the record changes."""

from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db.models import Max

from .models import SourceFile

SECONDS = 600


def record_version():
    """A key that changes with every import, undo and admin edit: each leaves a SourceFile or
    a LogEntry behind. Two index lookups."""
    imports = SourceFile.objects.aggregate(last=Max("pk"), undone=Max("undone_at"))
    edit = LogEntry.objects.aggregate(last=Max("pk"))["last"]
    return f"{imports['last']}:{imports['undone']}:{edit}"


def while_unchanged(name, compute):
    """`compute()`, or its cached result from the same version of the record. Writes made
    otherwise (a shell, a script) show within SECONDS."""
    return cache.get_or_set(f"record:{name}:{record_version()}", compute, SECONDS)
