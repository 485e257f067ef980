import django_filters
from django import forms
from django.db.models import Q

from meetings.forms import MeetingNameFilter, QuickSelect
from meetings.models import Group, Organisation

from .models import Contribution, ContributionKind, Decision, Handling


class ContributionFilter(django_filters.FilterSet):
    """The contribution list's filters, all kept in the URL.

    Meeting, decision and agenda section describe one handling together: "agreed at SEC#12
    under 6.2" finds contributions with a revision agreed there, not one agreed anywhere and
    another handled under 6.2.
    """

    q = django_filters.CharFilter(method="search_text", label="Number or title")
    group = django_filters.ModelChoiceFilter(
        queryset=Group.objects.all(),
        to_field_name="code",
        label="Group",
        empty_label="Any",
        widget=QuickSelect,
    )
    year = django_filters.NumberFilter(label="Year", widget=forms.NumberInput(attrs={"min": 1980}))
    meeting = MeetingNameFilter(method="by_handling", label="Handled at")
    decision = django_filters.ChoiceFilter(
        choices=[choice for choice in Decision.choices if choice[0]],
        method="by_handling",
        label="Decision",
        empty_label="Any",
        widget=QuickSelect,
    )
    section = django_filters.CharFilter(method="by_handling", label="Agenda item")
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(),
        field_name="sources",
        to_field_name="name",
        label="Source organisation",
        empty_label="Any",
        widget=QuickSelect,
    )
    kind = django_filters.ChoiceFilter(
        choices=[c for c in ContributionKind.choices if c[0]], empty_label="Any", widget=QuickSelect
    )
    sort = django_filters.OrderingFilter(
        fields=(("number", "number"), ("title", "title"), ("year", "year")),
        label="Sort by",
        empty_label="Number",
        widget=QuickSelect,
    )

    class Meta:
        model = Contribution
        fields = []

    def search_text(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(Q(number__icontains=word) | Q(title__icontains=word))
        return queryset

    def by_handling(self, queryset, name, value):
        return queryset  # applied once for all three in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        handlings = self.handlings()
        if handlings is not None:
            queryset = queryset.filter(pk__in=handlings.values("revision__contribution"))
        return queryset

    def handlings(self):
        """The handlings the meeting, decision and agenda item select; None without them."""
        data = self.form.cleaned_data
        handlings = Handling.objects.all()
        if data.get("meeting"):
            handlings = handlings.filter(meeting=data["meeting"])
        if data.get("decision"):
            handlings = handlings.filter(decision=data["decision"])
        if data.get("section"):
            handlings = handlings.filter(section__number=data["section"].strip())
        return handlings if handlings.query.where else None
