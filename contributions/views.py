"""Delegate pages for contributions: the filtered list, its CSV, and one family's story."""

from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from meetings.exports import csv_response

from .exports import HEADER, tdoc_rows, with_tdoc_columns
from .filters import ContributionFilter
from .models import Contribution, Handling, Relation, Revision, document_url
from .numbers import read_number
from .paging import keyset_page

PER_PAGE = 50
COUNT_UP_TO = 1000


def _filtered(request):
    queryset = Contribution.objects.with_source_list()
    return ContributionFilter(request.GET, queryset=queryset)


@require_safe
def contribution_list(request):
    filterset = _filtered(request)
    if not filterset.is_valid():
        return render(
            request, "contributions/contribution_list.html", {"filter": filterset}, status=400
        )
    contributions = filterset.qs
    page = keyset_page(
        contributions,
        _ordering(filterset.form.cleaned_data.get("sort")),
        key="number",
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
        size=PER_PAGE,
    )
    page.rows = Contribution.objects.page_with_latest_decisions(page.rows)
    # Counting a filtered million-row list costs more than the page; past COUNT_UP_TO the
    # page says "more than" (the home page has the record's totals).
    total = contributions.order_by()[: COUNT_UP_TO + 1].count()
    context = {
        "filter": filterset,
        "page": page,
        "total": total,
        "count_up_to": COUNT_UP_TO,
        "per_page": PER_PAGE,
    }
    return render(request, "contributions/contribution_list.html", context)


def _ordering(sort):
    """The list's order, ending with the unique number so that every row has one place; the
    number runs the same way as the sort, so that one index serves both directions."""
    ordering = list(sort or ["number"])
    if ordering[-1].removeprefix("-") != "number":
        ordering.append("-number" if ordering[-1].startswith("-") else "number")
    return ordering


@require_safe
def contribution_list_csv(request):
    filterset = _filtered(request)
    if not filterset.is_valid():
        return render(
            request, "contributions/contribution_list.html", {"filter": filterset}, status=400
        )
    # "Agreed at SEC#12" exports what SEC#12 agreed, not every handling of those documents.
    handlings = filterset.handlings()
    handlings = (Handling.objects if handlings is None else handlings).filter(
        revision__contribution__in=filterset.qs.values("pk")
    )
    handlings = with_tdoc_columns(
        handlings.order_by(
            "revision__contribution__number", "revision__revision", "meeting_id", "position"
        )
    )
    return csv_response("contributions.csv", HEADER, tdoc_rows(handlings))


@require_safe
def contribution_detail(request, number):
    try:
        parsed = read_number(number)
    except ValueError:
        return render(request, "contributions/not_a_number.html", {"number": number}, status=404)
    if parsed.revision is not None or parsed.family != number:
        # A revision lands on its family's page at that revision; other spellings redirect.
        return redirect(document_url(str(parsed)))
    contribution = (
        Contribution.objects.select_related("group")
        .prefetch_related(
            "sources",
            Prefetch(
                "revisions",
                queryset=Revision.objects.prefetch_related(
                    Prefetch(
                        "handlings",
                        queryset=Handling.objects.select_related(
                            "meeting__group", "section", "presenter", "presenting_organisation"
                        ).order_by("meeting_id", "position"),
                    ),
                    Prefetch("relations", queryset=Relation.objects.select_related("target")),
                ),
            ),
        )
        .filter(number=parsed.family)
        .first()
    )
    incoming = Relation.objects.filter(target_id=parsed.family).select_related(
        "revision__contribution"
    )
    if contribution is None:
        return render(
            request,
            "contributions/not_in_record.html",
            {"number": parsed.family, "incoming": incoming},
        )
    context = {"contribution": contribution, "incoming": incoming}
    return render(request, "contributions/contribution_detail.html", context)
