"""Delegate pages for meetings and organisations, the home page and search."""

import re
from collections import Counter, defaultdict

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from actions.models import ActionItem
from contributions.exports import HEADER, tdoc_rows, with_tdoc_columns
from contributions.models import (
    DECISION_OUTCOMES,
    Contribution,
    Handling,
    Outcome,
    decisions_with,
    document_url,
)
from contributions.numbers import read_number

from . import search as fulltext
from .exports import csv_response
from .models import Group, Meeting, Organisation, Resolution, SourceFile

RESULTS_PER_KIND = 50
ORGANISATION_CONTRIBUTIONS = 50  # the latest; the contribution list has them all


@require_safe
def home(request):
    counts = {
        "meetings": Meeting.objects.count(),
        "contributions": Contribution.objects.count(),
        "agreed": Handling.objects.agreed().count(),
        "open_actions": ActionItem.objects.open().count(),
    }
    meetings = Meeting.objects.select_related("group")
    context = {
        "counts": counts,
        "latest": meetings[:6],
        "upcoming": meetings.upcoming()[:3],
    }
    return render(request, "home.html", context)


@require_safe
def meeting_list(request):
    groups = Group.objects.filter(meetings__isnull=False).distinct()
    meetings = Meeting.objects.select_related("group").annotate(
        documents=Count("handlings__revision", distinct=True),
        agreed=Count(
            "handlings",
            filter=Q(handlings__decision__in=decisions_with(Outcome.POSITIVE)),
        ),
    )
    group = request.GET.get("group", "")
    year = request.GET.get("year", "")
    if group:
        meetings = meetings.filter(group__code=group)
    if year.isascii() and year.isdigit() and 1980 <= int(year) <= 2200:
        # An undated meeting counts in the year of the documents it handled.
        undated = Handling.objects.filter(revision__contribution__year=year).values("meeting")
        meetings = meetings.filter(
            Q(start_date__year=year) | Q(start_date__isnull=True, pk__in=undated)
        )
    context = {"meetings": meetings, "groups": groups, "group": group, "year": year}
    return render(request, "meetings/meeting_list.html", context)


def _meeting(group, number):
    return get_object_or_404(
        Meeting.objects.select_related("group"), group__code=group, number=number
    )


@require_safe
def meeting_detail(request, group, number):
    meeting = _meeting(group, number)
    sections = list(meeting.sections.all())
    handlings = defaultdict(list)
    for handling in (
        Handling.objects.filter(meeting=meeting)
        .select_related("revision__contribution", "presenter", "presenting_organisation")
        .prefetch_related("revision__contribution__sources")
        .order_by("position")
    ):
        handlings[handling.section_id].append(handling)
    resolutions = defaultdict(list)
    for resolution in meeting.resolutions.all():
        resolutions[resolution.section_id].append(resolution)
    actions = defaultdict(list)
    for action in (
        meeting.actions_raised.with_status().with_duplicate_flag().select_related("meeting__group")
    ):
        actions[action.section_id].append(action)
    agenda = [
        {
            "section": section,
            "level": section.number.count(".") + 1,
            "handlings": handlings.pop(section.pk, []),
            "resolutions": resolutions.pop(section.pk, []),
            "actions": actions.pop(section.pk, []),
        }
        for section in sections
    ]
    unplaced = {
        "handlings": handlings.pop(None, []),
        "resolutions": resolutions.pop(None, []),
        "actions": actions.pop(None, []),
    }
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "unplaced": unplaced,
        "outcomes": _outcome_bars(
            Handling.objects.filter(meeting=meeting).values_list("decision", flat=True)
        ),
        "sources": meeting.source_files.only("name", "imported_at", "sha256"),
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_safe
def meeting_documents_csv(request, group, number):
    meeting = _meeting(group, number)
    handlings = with_tdoc_columns(
        Handling.objects.filter(meeting=meeting).order_by("section__position", "position")
    )
    return csv_response(
        f"{meeting.group.code}-{meeting.number}-documents.csv", HEADER, tdoc_rows(handlings)
    )


@require_safe
def source_file(request, pk):
    """An imported minutes file with numbered lines, so a row can point at the line it came from."""
    source = get_object_or_404(SourceFile.objects.select_related("meeting__group"), pk=pk)
    lines = enumerate(source.text.split("\n"), start=1)
    return render(request, "meetings/source_file.html", {"source": source, "lines": lines})


@require_safe
def organisation_list(request):
    organisations = Organisation.objects.annotate(
        contribution_count=_links(Contribution.sources.through),
        action_count=_links(ActionItem.owner_organisations.through),
    )
    return render(request, "meetings/organisation_list.html", {"organisations": organisations})


def _links(through):
    """How many rows of a many-to-many `through` table name the organisation (a subquery,
    so two counts do not multiply each other's joins)."""
    counted = (
        through.objects.filter(organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted), 0)


@require_safe
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    decisions = (
        Handling.objects.filter(revision__contribution__sources=organisation)
        .values_list("meeting", "decision")
        .order_by()
    )
    per_meeting = defaultdict(list)
    for meeting_id, decision in decisions:
        per_meeting[meeting_id].append(decision)
    meetings = Meeting.objects.filter(pk__in=per_meeting).select_related("group")
    chart = [
        {"meeting": meeting, "bars": _outcome_bars(per_meeting[meeting.pk])} for meeting in meetings
    ]
    contributions = Contribution.objects.page_with_latest_decisions(
        Contribution.objects.of_organisation(organisation)
        .select_related("group")
        .prefetch_related("sources")
        .order_by("-year", "-serial")[:ORGANISATION_CONTRIBUTIONS]
    )
    actions = (
        ActionItem.objects.owned_by(organisation)
        .open()
        .with_duplicate_flag()
        .select_related("meeting__group")
    )
    context = {
        "organisation": organisation,
        "chart": chart,
        "contributions": contributions,
        "actions": actions,
    }
    return render(request, "meetings/organisation_detail.html", context)


_SERIAL = re.compile(r"^-?(?P<serial>\d{1,6})(?P<rev>[Rr]\d{1,2})?$")


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    if not query:
        return render(request, "search.html", {"query": query})
    try:
        return redirect(document_url(str(read_number(query))))
    except ValueError:
        pass
    serial = _SERIAL.match(query)
    matches = []
    if serial:
        matches = list(
            Contribution.objects.filter(serial=int(serial["serial"])).select_related("group")[:50]
        )
        if len(matches) == 1:
            revision = f"R{int(serial['rev'][1:]):02d}" if serial["rev"] else ""
            return redirect(document_url(f"{matches[0].number}{revision}"))
    context = {"query": query, "matches": matches, "more": {}, "per_kind": RESULTS_PER_KIND}
    for kind, queryset in _text_search(query).items():
        rows = list(queryset)
        context[kind] = rows[:RESULTS_PER_KIND]
        context["more"][kind] = len(rows) > RESULTS_PER_KIND
    return render(request, "search.html", context)


def _text_search(query):
    """Contributions (titles, discussion notes), actions and resolutions matching `query`,
    newest first: RESULTS_PER_KIND + 1 of each, the extra one only telling that there are more.

    Newest first rather than by rank: ranking needs every match, so a common word cost as
    much as it matched (meetings/search.py).
    """
    limit = RESULTS_PER_KIND + 1
    if connection.vendor == "postgresql":

        def matching(queryset, kind):
            sql, params = fulltext.newest_matches(kind, query, limit)
            return queryset.filter(pk__in=RawSQL(sql, params))

    else:
        words = query.split()[:8]

        def matching(queryset, kind):
            condition = Q()
            for word in words:
                condition &= _any_field(kind.columns, word)
            return queryset.filter(condition)

    querysets = {
        "contributions": Contribution.objects.select_related("group"),
        "notes": Handling.objects.select_related("revision__contribution", "meeting__group"),
        "actions": ActionItem.objects.with_status()
        .with_duplicate_flag()
        .select_related("meeting__group"),
        "resolutions": Resolution.objects.select_related("meeting__group", "section"),
    }

    def newest(name, queryset):
        kind = fulltext.KINDS[name]
        return matching(queryset, kind).order_by(*kind.order_by)[:limit]

    return {name: newest(name, queryset) for name, queryset in querysets.items()}


def _any_field(fields, word):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _outcome_bars(decisions):
    """Counts per outcome, with the share of the largest for drawing bars."""
    counts = Counter(DECISION_OUTCOMES[decision].value for decision in decisions)
    top = max(counts.values(), default=0)
    return [
        {
            "outcome": outcome.value,
            "label": outcome.label,
            "count": counts[outcome.value],
            "width": round(100 * counts[outcome.value] / top) if top else 0,
        }
        for outcome in Outcome
        if counts[outcome.value]
    ]
