"""Action items and the history of their status, meeting by meeting."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaSection, Meeting, Organisation, Sourced, Stamped


class Status(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed"
    DROPPED = "dropped", "Dropped"
    POSTPONED = "postponed", "Postponed"


OPEN_STATUSES = [Status.OPEN, Status.IN_PROGRESS, Status.POSTPONED]

# The latest status update first. Dated updates (a meeting with dates, or one recorded between
# meetings) order by date; minutes rarely give their meeting's dates, so undated updates order
# by their meeting's number: SEC#13's status comes after SEC#9's, whichever was imported first.
LATEST_FIRST = [
    F("date").desc(nulls_last=True),
    F("meeting__number_key").desc(nulls_last=True),
    "-pk",
]
OLDEST_FIRST = [
    F("date").asc(nulls_first=True),
    F("meeting__number_key").asc(nulls_first=True),
    "pk",
]


class ActionItemQuerySet(models.QuerySet):
    def refresh_status(self):
        """Store each action's current status: its latest update's, or open when it has none.

        Every write of status updates ends here (signals for single rows, explicit calls after
        bulk writes), so lists and counts filter on an indexed column instead of finding the
        latest update of every action.
        """
        latest = StatusUpdate.objects.filter(action=OuterRef("pk")).order_by(*LATEST_FIRST)
        return self.update(
            current_status=Coalesce(Subquery(latest.values("status")[:1]), Value(Status.OPEN))
        )

    def open(self):
        return self.filter(current_status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def owned_by(self, organisation):
        return self.filter(owner_organisations=organisation)

    def with_duplicate_flag(self):
        """Annotate `is_duplicate`: another row carries the same reference."""
        others = (
            ActionItem.objects.filter(reference=OuterRef("reference"))
            .exclude(reference="")
            .exclude(pk=OuterRef("pk"))
        )
        return self.annotate(is_duplicate=Exists(others))


class ActionItem(Stamped, Sourced):
    """Something a meeting asked someone to do, open until a later meeting closes it."""

    reference = models.CharField(
        max_length=60,
        blank=True,
        db_index=True,  # action pages and the importer look rows up by reference
        help_text="As written: A-WG4-TP12-009. Minutes sometimes reuse one; both rows are kept.",
    )
    occurrence = models.PositiveSmallIntegerField(
        default=1, help_text="1 for the first row with this reference, 2 for a reuse, ..."
    )
    description = models.TextField()
    owners = models.CharField(
        max_length=300,
        blank=True,
        help_text='Who, as written: "Qualcomm and WG leadership", "All", "Rapporteur".',
    )
    owner_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="actions",
        help_text="The organisations recognised among the owners.",
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_raised",
        help_text="The meeting where it was raised, when it is in the record.",
    )
    section = models.ForeignKey(
        AgendaSection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    due_date = models.DateField(null=True, blank=True)
    current_status = models.CharField(
        max_length=12,
        choices=Status,
        default=Status.OPEN,
        editable=False,
        db_index=True,
        help_text="Kept from the latest status update; open when there is none.",
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["reference", "occurrence"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference", "occurrence"],
                condition=~Q(reference=""),
                name="actionitem_reference_occurrence_unique",
            ),
            models.CheckConstraint(
                condition=Q(occurrence__gte=1), name="actionitem_occurrence_positive"
            ),
            models.CheckConstraint(
                condition=Q(current_status__in=Status.values),
                name="actionitem_current_status_valid",
            ),
        ]

    def __str__(self):
        label = self.reference or "Action"
        if self.occurrence > 1:
            label += f" ({self.occurrence})"
        return f"{label}: {self.description[:60]}"

    def get_absolute_url(self):
        return reverse("actions:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A save from a form holds the status it was loaded with; the updates decide it.
        ActionItem.objects.filter(pk=self.pk).refresh_status()
        self.refresh_from_db(fields=["current_status"])


def with_links(actions):
    """`actions` as a list, each with `url` and `meeting_url` set, for tables of actions
    (partials/action_row.html).

    One reverse() for all the actions' own pages and one per meeting, instead of two per row:
    on a 50-row table they were a noticeable share of the page. An action's address ends in
    its number, which needs no quoting.
    """
    before, after = reverse("actions:detail", args=[0]).rsplit("0", 1)
    meeting_urls = {}
    actions = list(actions)
    for action in actions:
        action.url = f"{before}{action.pk}{after}"
        if action.meeting_id not in meeting_urls:
            meeting_urls[action.meeting_id] = action.meeting and action.meeting.get_absolute_url()
        action.meeting_url = meeting_urls[action.meeting_id]
    return actions


class StatusUpdate(Stamped, Sourced):
    """The status of an action as a meeting (or the secretariat between meetings) recorded it."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="action_updates",
        help_text="The meeting that reviewed it; empty for an update between meetings.",
    )
    status = models.CharField(max_length=12, choices=Status)
    date = models.DateField(
        null=True,
        blank=True,
        default=timezone.localdate,
        help_text="When the status was recorded: the meeting's date, empty when it is not known.",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["action_id", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "meeting"],
                condition=Q(meeting__isnull=False),
                name="statusupdate_once_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="statusupdate_status_valid"
            ),
        ]
        indexes = [
            # The latest update of an action decides its status (refresh_status).
            models.Index(fields=["action", "-date", "-id"], name="statusupdate_latest"),
        ]

    def __str__(self):
        where = f" at {self.meeting}" if self.meeting_id else ""
        when = f" ({self.date:%Y-%m-%d})" if self.date else ""
        return f"{self.get_status_display()}{where}{when}"


@receiver(pre_save, sender=StatusUpdate)
def _update_moving(sender, instance, raw=False, **kwargs):
    """Remember the action an update belonged to: a correction may move it to another."""
    if instance.pk and not raw:
        instance._previous_action_id = (
            StatusUpdate.objects.filter(pk=instance.pk).values_list("action_id", flat=True).first()
        )


@receiver([post_save, post_delete], sender=StatusUpdate)
def _update_written(sender, instance, **kwargs):
    """One update saved or deleted from a form, a cascade or an undo: its action's status (and
    the status of the action it was moved from)."""
    actions = {instance.action_id, getattr(instance, "_previous_action_id", None)} - {None}
    ActionItem.objects.filter(pk__in=actions).refresh_status()


@receiver(post_save, sender=Meeting)
def _meeting_saved(sender, instance, **kwargs):
    """A meeting's number orders its undated updates (LATEST_FIRST)."""
    ActionItem.objects.filter(updates__meeting=instance).refresh_status()
