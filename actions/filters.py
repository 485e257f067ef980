import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from meetings.forms import MeetingNameFilter, QuickSelect
from meetings.models import Group, Organisation

from .models import OPEN_STATUSES, ActionItem, Status


class ActionFilter(django_filters.FilterSet):
    """Filters for the action list."""

    status = django_filters.ChoiceFilter(
        choices=[("any_open", "Open (any open status)"), *Status.choices],
        method="by_status",
        label="Status",
        empty_label="Any",
        widget=QuickSelect,
    )
    owner = django_filters.ModelChoiceFilter(
        # EXISTS per organisation: a DISTINCT over every owner link costs more at volume.
        queryset=Organisation.objects.filter(
            Exists(
                ActionItem.owner_organisations.through.objects.filter(organisation=OuterRef("pk"))
            )
        ),
        field_name="owner_organisations",
        to_field_name="name",
        label="Owner organisation",
        empty_label="Any",
        widget=QuickSelect,
    )
    group = django_filters.ModelChoiceFilter(
        queryset=Group.objects.all(),
        to_field_name="code",
        method="by_group",
        label="Group",
        empty_label="Any",
        widget=QuickSelect,
    )
    meeting = MeetingNameFilter(method="raised_at", label="Raised at")
    overdue = django_filters.ChoiceFilter(
        choices=[("yes", "Overdue only"), ("no", "Not overdue")],
        method="by_overdue",
        label="Overdue",
        empty_label="Any",
        widget=QuickSelect,
    )
    q = django_filters.CharFilter(method="search_text", label="Words")

    class Meta:
        model = ActionItem
        fields = []

    def by_status(self, queryset, name, value):
        if value == "any_open":
            return queryset.filter(current_status__in=OPEN_STATUSES)
        return queryset.filter(current_status=value)

    def by_group(self, queryset, name, group):
        """Raised at one of the group's meetings, or reviewed at one."""
        reviewed = ActionItem.objects.filter(updates__meeting__group=group).values("pk")
        return queryset.filter(Q(meeting__group=group) | Q(pk__in=reviewed))

    def raised_at(self, queryset, name, meeting):
        return queryset.filter(meeting=meeting)

    def by_overdue(self, queryset, name, value):
        today = timezone.localdate()
        late = Q(current_status__in=OPEN_STATUSES, due_date__lt=today)
        return queryset.filter(late) if value == "yes" else queryset.exclude(late)

    def search_text(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(reference__icontains=word)
                | Q(description__icontains=word)
                | Q(owners__icontains=word)
            )
        return queryset
