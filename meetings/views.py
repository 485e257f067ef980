"""Delegate pages for meetings and organisations, the home page and search."""

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import PurePath

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, RowNumber
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from actions.models import ActionItem, with_links
from contributions.exports import HEADER, tdoc_rows, with_tdoc_columns
from contributions.models import (
    BADGES,
    DECISION_OUTCOMES,
    Contribution,
    Handling,
    Outcome,
    Revision,
    decisions_with,
    document_url,
    revision_urls,
)
from contributions.numbers import read_number

from . import caching
from . import search as fulltext
from .exports import csv_response
from .forms import whole_number
from .minutes.references import full_numbers
from .models import Group, Lines, Meeting, Organisation, Resolution, SourceFile

RESULTS_PER_KIND = 50
MEETINGS_PER_GROUP = 10  # the overview; a group's own list has them all
MEETINGS_PER_PAGE = 50
ORGANISATION_CONTRIBUTIONS = 50  # the latest; the contribution list has them all
ORGANISATION_ACTIONS = 50  # the first by reference, as the action list orders them all
RECENT_MEETINGS = 10  # the organisation page charts its outcomes at the latest meetings
MINUTES_LINES_PER_PAGE = 1000  # most minutes fit on one page
MINUTES_LINE_CHARS = 1000  # a longer line is shown cut; the whole text is a download


@require_safe
def home(request):
    counts = caching.while_unchanged("counts", _record_counts)
    meetings = Meeting.objects.select_related("group")
    context = {
        "counts": counts,
        "latest": meetings[:6],
        "upcoming": meetings.upcoming()[:3],
    }
    return render(request, "home.html", context)


def _record_counts():
    """The record's totals: counting a million handlings costs a few hundred milliseconds."""
    return {
        "meetings": Meeting.objects.count(),
        "contributions": Contribution.objects.count(),
        "agreed": Handling.objects.agreed().count(),
        "open_actions": ActionItem.objects.open().count(),
    }


@require_safe
def meeting_list(request):
    """Each group's latest meetings; one group's or one year's, a page at a time.

    A body's archive holds thousands of meetings: the overview shows MEETINGS_PER_GROUP of
    each group, and the document counts are computed for the rows shown only.
    """
    groups = Group.objects.filter(meetings__isnull=False).distinct()
    meetings = Meeting.objects.select_related("group")
    group = request.GET.get("group", "")
    year = whole_number(request.GET.get("year", ""))
    # Within a group, meetings are numbered in the order they are held; the number also
    # places a meeting whose date the minutes never gave, where a date order puts it last.
    in_group = ["-number_key", "pk"]
    if group:
        meetings = meetings.filter(group__code=group).order_by(*in_group)
    if year is not None and 1980 <= year <= 2200:
        # An undated meeting counts in the year of the documents it handled.
        documents_of_year = Handling.objects.filter(
            meeting=OuterRef("pk"), revision__contribution__year=year
        )
        meetings = meetings.filter(
            Q(start_date__year=year) | Q(Exists(documents_of_year), start_date__isnull=True)
        )
    else:
        year = ""
    page = totals = None
    if group or year:
        page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
        shown = list(page.object_list)
    else:
        latest = Window(RowNumber(), partition_by="group", order_by=in_group)
        ranked = meetings.annotate(rank=latest).filter(rank__lte=MEETINGS_PER_GROUP)
        shown = list(ranked.order_by(*in_group))
        totals = dict(Meeting.objects.order_by().values_list("group").annotate(n=Count("pk")))
    counted = Meeting.objects.filter(pk__in=[meeting.pk for meeting in shown]).annotate(
        documents=Count("handlings__revision", distinct=True),
        agreed=Count(
            "handlings", filter=Q(handlings__decision__in=decisions_with(Outcome.POSITIVE))
        ),
    )
    counts = {
        pk: (documents, agreed)
        for pk, documents, agreed in counted.values_list("pk", "documents", "agreed")
    }
    by_group = defaultdict(list)
    for meeting in shown:
        meeting.documents, meeting.agreed = counts[meeting.pk]
        by_group[meeting.group].append(meeting)
    sections = [
        {
            "group": g,
            "meetings": rows,
            "more": totals[g.pk] - len(rows) if totals else 0,
        }
        for g, rows in sorted(by_group.items(), key=lambda item: item[0].code)
    ]
    context = {"sections": sections, "groups": groups, "group": group, "year": year, "page": page}
    return render(request, "meetings/meeting_list.html", context)


def _meeting(group, number):
    return get_object_or_404(
        Meeting.objects.select_related("group"), group__code=group, number=number
    )


@require_safe
def meeting_detail(request, group, number):
    meeting = _meeting(group, number)
    handlings = _handling_rows(meeting)
    resolutions = defaultdict(list)
    for resolution in meeting.resolutions.all():
        resolutions[resolution.section_id].append(resolution)
    actions = defaultdict(list)
    for action in with_links(
        meeting.actions_raised.with_duplicate_flag().select_related("meeting__group")
    ):
        actions[action.section_id].append(action)
    sections = list(meeting.sections.values_list("pk", "number", "title", "source_line", "notes"))
    reviewed = _reviewed_actions(meeting, sections)
    agenda = [
        {
            "id": f"section-{pk}",
            "heading": f"{number} {title}",
            "level": number.count(".") + 1,
            "notes": notes,
            "handlings": handlings.pop(pk, []),
            "resolutions": resolutions.pop(pk, []),
            "actions": actions.pop(pk, []),
            "reviewed": reviewed.pop(pk, []),
        }
        for pk, number, title, _, notes in sections
    ]
    unplaced = {
        "handlings": handlings.pop(None, []),
        "resolutions": resolutions.pop(None, []),
        "actions": actions.pop(None, []),
        "reviewed": reviewed.pop(None, []),
    }
    if any(unplaced.values()):
        agenda.append({"id": "section-none", "heading": "Outside any agenda item", **unplaced})
    counts = (
        Handling.objects.filter(meeting=meeting)
        .values_list("decision")
        .annotate(count=Count("pk"))
        .order_by()
    )
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "outcomes": _outcome_bars(counts),
        # An undone import no longer records the meeting; its page says so.
        "sources": meeting.source_files.filter(undone_at=None).only(
            "name", "imported_at", "sha256"
        ),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _reviewed_actions(meeting, sections):
    """The status each action had at `meeting`, by the agenda section whose text holds it.

    The minutes give these in a table ("Action Item Status"), carried-over actions with the
    ones raised here; a status update keeps the line it was read from, so it goes under the
    last section that starts before that line. Statuses entered by hand have no line.
    """
    starts = sorted((line, pk) for pk, _, _, line, _ in sections if line is not None)
    lines = [line for line, _ in starts]
    reviewed = defaultdict(list)
    updates = meeting.action_updates.select_related("action__meeting__group").order_by(
        F("source_line").asc(nulls_last=True), "pk"
    )
    for update in updates:
        index = bisect_right(lines, update.source_line) if update.source_line else 0
        reviewed[starts[index - 1][1] if index else None].append(update)
    return reviewed


def _handling_rows(meeting):
    """The meeting's handlings as the agenda shows them, by section, in the minutes' order.

    Plain values rather than model instances, with links, sources and badges worked out here:
    a large meeting has hundreds of rows, and per-row model instances, prefetched-manager
    querysets, reverse() and attribute chains in the template made up most of the page's time.
    """
    handlings = (
        Handling.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list(
            "section_id",
            "decision",
            "revision__number",
            "revision__title",
            "revision__contribution_id",
            "revision__contribution__number",
            "revision__contribution__title",
            "presenter__name",
            "presenting_organisation__name",
            named=True,
        )
    )
    sources = defaultdict(list)
    for contribution, name in (
        Contribution.sources.through.objects.filter(
            contribution__in=Handling.objects.filter(meeting=meeting).values(
                "revision__contribution"
            )
        )
        .order_by("organisation__name")
        .values_list("contribution_id", "organisation__name")
    ):
        sources[contribution].append(name)
    url = revision_urls()
    rows = defaultdict(list)
    for row in handlings:
        outcome, label = BADGES[row.decision]
        rows[row.section_id].append(
            {
                "url": url(row.revision__contribution__number, row.revision__number),
                "number": row.revision__number,
                "title": row.revision__title or row.revision__contribution__title,
                "sources": ", ".join(sources[row.revision__contribution_id]),
                "presenter": row.presenter__name or row.presenting_organisation__name or "—",
                "outcome": outcome,
                "label": label,
            }
        )
    return rows


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
    """An imported minutes file with numbered lines, so a row can point at the line it came from
    (`?line=151` opens the page that holds it), a page at a time: a file of 20 MB was 80 MB of
    HTML when shown whole."""
    source = get_object_or_404(
        SourceFile.objects.select_related("meeting__group", "undone_by"), pk=pk
    )
    line = whole_number(request.GET.get("line", ""))
    page = Paginator(Lines(source.text), MINUTES_LINES_PER_PAGE).get_page(
        (line - 1) // MINUTES_LINES_PER_PAGE + 1 if line else whole_number(request.GET.get("page"))
    )
    lines = [
        (number, text[:MINUTES_LINE_CHARS], len(text) - MINUTES_LINE_CHARS)
        for number, text in enumerate(page, start=page.start_index())
    ]
    context = {"source": source, "page": page, "lines": lines}
    return render(request, "meetings/source_file.html", context)


@require_safe
def source_file_text(request, pk):
    """The whole text of a minutes file as read, to save: the page shows long lines cut."""
    source = get_object_or_404(SourceFile.objects.only("name", "text"), pk=pk)
    text = source.text
    chunks = (text[start : start + 65536].encode() for start in range(0, len(text), 65536))
    response = StreamingHttpResponse(chunks, content_type="text/plain; charset=utf-8")
    name = f"{PurePath(source.name).stem or 'minutes'}.txt"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_safe
def organisation_list(request):
    organisations = caching.while_unchanged(
        "organisations",
        # Counting 740,000 source links takes a second at a million revisions.
        lambda: list(
            Organisation.objects.annotate(
                contribution_count=_links(Contribution.sources.through),
                action_count=_links(ActionItem.owner_organisations.through),
            )
        ),
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
    context = {
        "organisation": organisation,
        "record": _OrganisationRecord(organisation),
        # The template caches the record's part under this key, and reads nothing on a hit.
        "version": caching.record_version(),
    }
    return render(request, "meetings/organisation_detail.html", context)


class _OrganisationRecord:
    """What the organisation page shows of the record, read only when the template asks."""

    def __init__(self, organisation):
        self.organisation = organisation

    @cached_property
    def outcomes(self):
        return _recent_outcomes(self.organisation)

    @cached_property
    def contributions(self):
        return Contribution.objects.page_with_latest_decisions(
            Contribution.objects.with_source_list().newest_of_organisation(
                self.organisation, ORGANISATION_CONTRIBUTIONS
            )
        )

    @cached_property
    def open_actions(self):
        return with_links(
            ActionItem.objects.owned_by(self.organisation)
            .open()
            .with_duplicate_flag()
            .select_related("meeting__group")[: ORGANISATION_ACTIONS + 1]
        )

    def actions(self):
        return self.open_actions[:ORGANISATION_ACTIONS]

    def more_actions(self):
        return len(self.open_actions) > ORGANISATION_ACTIONS


def _recent_outcomes(organisation):
    """The outcomes of the organisation's contributions at each of the record's latest meetings.

    Bounded on purpose: a large member has documents at nearly every meeting (about 280,000
    handlings at a million revisions), too many to count on every view of its page. The window
    is the record's latest meetings held, so the counts at each meeting shown are complete;
    meetings that handled none of its contributions are left out.
    """
    recent = list(
        Meeting.objects.exclude(start_date__gt=timezone.localdate()).select_related("group")[
            :RECENT_MEETINGS
        ]
    )
    # Whether a handling's contribution names the organisation, asked handling by handling
    # (a few thousand at ten meetings): the revision's contribution, then the link. Joined
    # instead, PostgreSQL can read every revision, or hash all of a large member's links.
    contribution = Revision.objects.filter(pk=OuterRef(OuterRef("revision_id"))).values(
        "contribution"
    )
    its_own = Contribution.sources.through.objects.filter(
        organisation=organisation, contribution=Subquery(contribution)
    ).values("pk")
    found = defaultdict(Counter)
    for meeting, decision, count in (
        Handling.objects.filter(meeting__in=recent)
        .values_list("meeting", "decision")
        .annotate(count=Count(Subquery(its_own)))
        .order_by()
    ):
        found[meeting][DECISION_OUTCOMES[decision]] += count
    counts = {
        pk: [(outcome, per_outcome[outcome]) for outcome in Outcome if per_outcome[outcome]]
        for pk, per_outcome in found.items()
    }
    dates = [meeting.start_date for meeting in recent if meeting.start_date]
    return {
        "chart": [
            {"meeting": meeting, "id": f"meeting-{meeting.pk}", "bars": _bars(counts[meeting.pk])}
            for meeting in recent
            if counts.get(meeting.pk)
        ],
        "window": {"meetings": len(recent), "since": min(dates, default=None)},
    }


# "0363", "-0363R01", and "TP-0459" (a group and no year), as minutes write them.
_SERIAL = re.compile(
    r"^(?:(?P<group>[A-Za-z][A-Za-z0-9]*)\s*-\s*|-)?(?P<serial>\d{1,6})(?P<rev>[Rr]\d{1,2})?-?$"
)


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    if not query:
        return render(request, "search.html", {"query": query})
    try:
        return redirect(document_url(str(read_number(query))))
    except ValueError:
        pass
    written = full_numbers(query.upper())  # "SEC-2014-0364-", "SEC-2014-0364R01was"
    if len(written) == 1 and len(query.split()) == 1:
        return redirect(document_url(written[0]))
    serial = _SERIAL.match(query)
    matches = []
    if serial:
        # Without the year several documents may carry the number: listed, not guessed.
        numbered = Contribution.objects.filter(serial=int(serial["serial"]))
        if serial["group"]:
            group = serial["group"]
            numbered = numbered.filter(
                Q(group__code__iexact=group) | Q(group__short_name__iexact=group)
            )
        matches = list(numbered.select_related("group")[:50])
        if len(matches) == 1:
            revision = f"R{int(serial['rev'][1:]):02d}" if serial["rev"] else ""
            return redirect(document_url(f"{matches[0].number}{revision}"))
    context = {"query": query, "matches": matches, "more": {}, "per_kind": RESULTS_PER_KIND}
    for kind, queryset in _text_search(query).items():
        rows = with_links(queryset) if kind == "actions" else list(queryset)
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
        "actions": ActionItem.objects.with_duplicate_flag().select_related("meeting__group"),
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


def _outcome_bars(counts):
    """Bars for (decision, count) pairs: counts per outcome, in the order of `Outcome`."""
    per_outcome = Counter()
    for decision, count in counts:
        per_outcome[DECISION_OUTCOMES[decision]] += count
    return _bars([(outcome, per_outcome[outcome]) for outcome in Outcome if per_outcome[outcome]])


def _bars(counts):
    """Bars for (outcome, count) pairs, with the share of the largest for drawing them."""
    top = max((count for _, count in counts), default=0)
    return [
        {
            "outcome": outcome.value,
            "label": outcome.label,
            "count": count,
            "width": round(100 * count / top) if top else 0,
        }
        for outcome, count in counts
    ]
