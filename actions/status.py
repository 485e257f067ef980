"""Recording action status from the admin's bulk actions."""

from django.db import transaction
from django.utils import timezone

from .models import ActionItem, StatusUpdate


@transaction.atomic
def record_status(actions, status, *, meeting=None, note="", user=None):
    """Record `status` for every action in `actions`; return how many updates were written.

    At a meeting an action has one status: recording it again replaces that meeting's entry.
    Between meetings (no `meeting`) each call adds an update dated today.
    """
    actions = list(actions)
    date = meeting.start_date if meeting else timezone.localdate()
    now = timezone.now()
    existing = {}
    if meeting is not None:
        existing = {
            update.action_id: update
            for update in StatusUpdate.objects.filter(action__in=actions, meeting=meeting)
        }
    changed = []
    for update in existing.values():
        update.status, update.note, update.updated_by, update.updated_at = status, note, user, now
        changed.append(update)
    StatusUpdate.objects.bulk_update(changed, ["status", "note", "updated_by", "updated_at"])
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            action=action,
            meeting=meeting,
            status=status,
            date=date,
            note=note,
            updated_by=user,
            created_at=now,
            updated_at=now,
        )
        for action in actions
        if action.pk not in existing
    )
    ActionItem.objects.filter(pk__in=[action.pk for action in actions]).refresh_status()
    return len(actions)
