"""Action items and the history of their status, meeting by meeting."""

from django.db import models
from django.db.models import (
    Case,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    ValueRange,
    When,
    Window,
)
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaSection, Meeting, Organisation, Sourced, Stamped
from meetings.vocabularies import Status

OPEN_STATUSES = [Status.OPEN, Status.IN_PROGRESS, Status.POSTPONED]


class ActionItemQuerySet(models.QuerySet):
    def refresh_status(self):
        """Store each action's current status: its latest update's (in the order of
        StatusUpdateQuerySet), or open when it has none.

        Every write of status updates ends here (signals for single rows, explicit calls after
        bulk writes), so lists and counts filter on an indexed column instead of finding the
        latest update of every action.
        """
        latest = StatusUpdate.objects.filter(action=OuterRef("pk")).latest_first()
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


class StatusUpdateQuerySet(models.QuerySet):
    """An action's updates in the order they happened, which decides its current status.

    An update happened on its date, or on its meeting's start date. Minutes rarely date their
    meeting, so for an update at an undated meeting the order follows two rules:

    - Within a group, a later meeting comes later: SEC#13's status follows SEC#9's whatever
      the import order. An undated meeting's update is taken to have happened no later than
      the first recording of the action's status at that meeting or a later one of its group
      (the earliest date, or recording day, among them).
    - Otherwise what cannot be told apart by date goes by when it was recorded: the minutes
      of SEC#13 imported after a status recorded between meetings set the current status, and
      a status recorded between meetings after that import replaces theirs.

    Updates on the same day go by when they were recorded (for an undated meeting, the first
    recording at it or a later meeting of its group), then by meeting number.
    """

    def latest_first(self):
        return self._chronological().order_by(
            F("happened").desc(),
            F("recorded").desc(),
            F("meeting__number_key").desc(nulls_last=True),
            "-pk",
        )

    def oldest_first(self):
        return self.latest_first().reverse()

    def _chronological(self):
        # Aliased rather than inlined in order_by, so that its joins are made before a
        # subquery (refresh_status) renames its tables.
        happened, recorded = _chronology()
        return self.alias(happened=happened, recorded=recorded)


def _chronology():
    """When each update happened and when it was recorded, as StatusUpdateQuerySet orders."""
    undated_meeting = Q(date__isnull=True, meeting__start_date__isnull=True, meeting__isnull=False)
    moment = Coalesce(
        "date", "meeting__start_date", TruncDate("created_at"), output_field=models.DateField()
    )

    def from_here_on(aggregate):
        """`aggregate` over the action's updates at this meeting or a later one of its group:
        a window, which reads each update once where a subquery per update read them all."""
        return Window(
            aggregate,
            partition_by=[F("action"), F("meeting__group")],
            order_by=F("meeting__number_key").desc(),
            frame=ValueRange(start=None, end=0),
        )

    happened = Case(
        When(undated_meeting, then=from_here_on(Min(moment))),
        default=moment,
        output_field=models.DateField(),
    )
    recorded = Case(
        When(undated_meeting, then=from_here_on(Min("created_at"))),
        default=F("created_at"),
        output_field=models.DateTimeField(),
    )
    return happened, recorded


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

    objects = StatusUpdateQuerySet.as_manager()

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
    """A meeting's dates and number order its updates (StatusUpdateQuerySet)."""
    ActionItem.objects.filter(updates__meeting=instance).refresh_status()
