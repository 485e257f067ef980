"""Undoing an import: remove what it created, put back what it changed or removed.

Undo works from the import's change log (RecordChange) and touches nothing else. It refuses,
saying why, when that is not possible without touching something else: a later import of
the same rows, a later edit of a field the import wrote, or rows made since that depend on
rows the import created.
"""

from collections import defaultdict

from django.apps import apps
from django.core import serializers
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone

from actions.models import ActionItem, StatusUpdate
from meetings.models import RecordChange, SourceFile

from . import locks
from .importer import DELETED, STAMPS

# Leaves first: a row is deleted before what it points to, so RESTRICT never objects.
_DELETE_ORDER = [
    "actions.statusupdate",
    "contributions.relation",
    "contributions.handling",
    "meetings.resolution",
    "actions.actionitem",
    "contributions.revision",
    "contributions.contribution",
    "meetings.agendasection",
    "meetings.meeting",
]
# Rows other records refer to: removed only when nothing refers to them any more.
_SHARED = ["meetings.person", "meetings.organisation", "meetings.group"]


class UndoRefused(Exception):
    """Why an import cannot be undone, in a sentence for the secretariat."""


def undo_plan(source):
    """What undoing `source` would do, or UndoRefused saying why it cannot be done."""
    if source.undone:
        raise UndoRefused(f"This import was already undone on {source.undone_at:%Y-%m-%d}.")
    changes = list(source.changes.all())
    _refuse_if_imported_again(source, changes)
    rows = _current_rows(changes)
    created = [c for c in changes if not c.field]
    changed = [c for c in changes if c.field and c.field != DELETED]
    removed = [c for c in changes if c.field == DELETED]
    for change in changed:
        row = rows[change.model].get(change.object_id)
        if row is None:
            raise UndoRefused(f"{_label(change)} was deleted after this import.")
        if change.field in STAMPS:
            continue  # a later edit re-stamps the row; undo then keeps that stamp
        current = getattr(row, change.field)
        if current != _as_kept(row, change.field, change.new):
            raise UndoRefused(
                f"{_describe(row)}: {change.field} is now {current!r}, not {change.new!r} as "
                f"this import wrote it{_edited_by(row)}; change it back or leave the import."
            )
    for change in created:
        row = rows[change.model].get(change.object_id)
        updated_at = getattr(row, "updated_at", None)
        if row is not None and updated_at and updated_at > source.imported_at:
            raise UndoRefused(f"{_describe(row)} was edited after this import{_edited_by(row)}.")
    doomed = {(c.model, c.object_id) for c in created}
    collector = _collector([c for c in created if c.model not in _SHARED], rows)
    for model, instances in collector.data.items():
        for instance in instances:
            if (model._meta.label_lower, instance.pk) not in doomed:
                raise UndoRefused(
                    f"{_describe(instance)} was made after this import and depends on what "
                    "it created."
                )
    for queryset in collector.fast_deletes:
        if queryset.model._meta.auto_created:
            continue  # many-to-many links go with the rows they link
        for instance in queryset:
            if (queryset.model._meta.label_lower, instance.pk) not in doomed:
                raise UndoRefused(
                    f"{_describe(instance)} was made after this import and depends on what "
                    "it created."
                )
    for (field, _value), batches in collector.field_updates.items():
        for instance in (instance for batch in batches for instance in batch):
            if isinstance(instance, SourceFile):
                continue  # imported files keep their history; their meeting is cleared
            if (instance._meta.label_lower, instance.pk) not in doomed:
                raise UndoRefused(
                    f"{_describe(instance)} refers to what this import created "
                    f"({field.verbose_name})."
                )
    reverts = [
        (_describe(rows[c.model][c.object_id]), c.field, c.new, c.old)
        for c in changed
        if c.field not in ("source_id", "source_line", *STAMPS)
    ]
    return {
        "created": created,
        "changed": changed,
        "removed": removed,
        "rows": rows,
        "reverts": reverts,
    }


@transaction.atomic
def undo_import(source, user=None):
    """Undo `source`'s import; raise UndoRefused (and change nothing) when it cannot be.

    The plan is made again under the lock: an import that committed meanwhile may have
    changed the rows this one wrote, and then undo refuses.
    """
    locks.for_undo()
    source = SourceFile.objects.select_for_update().filter(pk=source.pk).first()
    if source is None:
        raise UndoRefused("This import is no longer in the record: its file was imported again.")
    plan = undo_plan(source)
    for change in reversed(plan["removed"]):
        for restored in serializers.deserialize("json", change.old):
            restored.save()
    _put_back(plan["changed"], plan["rows"])
    created = plan["created"]
    _collector([c for c in created if c.model not in _SHARED], plan["rows"]).delete()
    for label in _SHARED:
        for change in created:
            row = plan["rows"][label].get(change.object_id) if change.model == label else None
            if row is not None:
                _delete_if_unused(row)
    source.undone_at, source.undone_by = timezone.now(), user
    source.save(update_fields=["undone_at", "undone_by"])
    return plan


def _put_back(changed, rows):
    """Write the old values back, with the stamp each row had before the import.

    Written by update(), not save(), which would stamp the row as edited now: undoing a later
    import must leave the rows as an earlier import wrote them, so that it can be undone too.
    """
    # A row edited since the import keeps its stamp, who and when together: the time tells.
    edited_since = {
        (change.model, change.object_id)
        for change in changed
        if change.field == "updated_at"
        and rows[change.model][change.object_id].updated_at
        != models.DateTimeField().to_python(change.new)
    }
    values = defaultdict(dict)
    for change in changed:
        if change.field in STAMPS and (change.model, change.object_id) in edited_since:
            continue
        row = rows[change.model][change.object_id]
        field = row._meta.get_field(change.field)
        values[change.model, change.object_id][field.attname] = field.to_python(change.old)
    for (label, pk), fields in values.items():
        apps.get_model(label).objects.filter(pk=pk).update(**fields)
    # update() sends no signals: the actions whose updates changed get their status here.
    statuses = [pk for label, pk in values if label == "actions.statusupdate"]
    if statuses:
        ActionItem.objects.filter(
            pk__in=StatusUpdate.objects.filter(pk__in=statuses).values("action")
        ).refresh_status()


def _refuse_if_imported_again(source, changes):
    later = SourceFile.objects.filter(imported_at__gt=source.imported_at, undone_at=None)
    by_model = defaultdict(set)
    for change in changes:
        by_model[change.model].add(change.object_id)
    for model, ids in by_model.items():
        clash = (
            RecordChange.objects.filter(model=model, object_id__in=ids, source__in=later)
            .select_related("source")
            .first()
        )
        if clash:
            raise UndoRefused(
                f"{clash.source.name}, imported {clash.source.imported_at:%Y-%m-%d %H:%M}, "
                "changed the same rows later: undo that import first."
            )


def _current_rows(changes):
    ids = defaultdict(set)
    for change in changes:
        if change.field != DELETED:
            ids[change.model].add(change.object_id)
    return defaultdict(
        dict, {label: apps.get_model(label).objects.in_bulk(pks) for label, pks in ids.items()}
    )


def _collector(created, rows):
    """Everything deleting the created rows would delete or change, leaves first."""
    by_model = defaultdict(list)
    for change in created:
        row = rows[change.model].get(change.object_id)
        if row is not None:
            by_model[change.model].append(row)
    collector = Collector(using=router.db_for_write(SourceFile))
    try:
        for label in sorted(by_model, key=_DELETE_ORDER.index):
            collector.collect(by_model[label])
    except RestrictedError as error:
        blocking = next(iter(error.restricted_objects))
        raise UndoRefused(
            f"{_describe(blocking)} was made after this import and depends on what it created."
        ) from None
    return collector


def _delete_if_unused(row):
    """Delete a group, organisation or person the import created, unless something else
    (made since) refers to it: then it stays, and nothing else is touched."""
    collector = Collector(using=router.db_for_write(SourceFile))
    try:
        collector.collect([row])
    except (ProtectedError, RestrictedError):
        return
    others = sum(len(instances) for instances in collector.data.values()) - 1
    updates = [batch for batches in collector.field_updates.values() for batch in batches]
    if others or any(_nonempty(batch) for batch in [*updates, *collector.fast_deletes]):
        return
    collector.delete()


def _nonempty(batch):
    return batch.exists() if hasattr(batch, "exists") else bool(batch)


def _describe(row):
    return f"{row._meta.verbose_name.capitalize()} “{row}”"


def _label(change):
    return f"{change.model} #{change.object_id}"


def _edited_by(row):
    user = getattr(row, "updated_by", None)
    when = getattr(row, "updated_at", None)
    parts = [f"by {user}" if user else "", f"on {when:%Y-%m-%d %H:%M}" if when else ""]
    said = " ".join(part for part in parts if part)
    return f" ({said})" if said else ""


def _as_kept(row, name, kept):
    """A value as RecordChange kept it (a date as ISO text), as the row's field holds it."""
    field = row._meta.get_field(name)
    return field.to_python(kept) if field.get_internal_type() == "DateField" else kept
