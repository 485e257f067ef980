"""Delegate pages for action items: the filtered list, its CSV, and one action's history."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from meetings.exports import csv_response

from .filters import ActionFilter
from .models import ActionItem, with_links

PER_PAGE = 50
CSV_HEADER = ["Reference", "What", "Who", "Raised at", "Status", "Due", "Reference used twice"]


def _filtered(request):
    queryset = ActionItem.objects.with_duplicate_flag().select_related("meeting__group")
    return ActionFilter(request.GET, queryset=queryset)


@require_safe
def action_list(request):
    filterset = _filtered(request)
    if not filterset.is_valid():
        return render(request, "actions/action_list.html", {"filter": filterset}, status=400)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = with_links(page.object_list)
    return render(request, "actions/action_list.html", {"filter": filterset, "page": page})


@require_safe
def action_list_csv(request):
    filterset = _filtered(request)
    if not filterset.is_valid():
        return render(request, "actions/action_list.html", {"filter": filterset}, status=400)
    rows = (
        [
            action.reference,
            action.description,
            action.owners,
            str(action.meeting or ""),
            action.get_current_status_display(),
            action.due_date or "",
            "yes" if action.is_duplicate else "",
        ]
        for action in filterset.qs
    )
    return csv_response("actions.csv", CSV_HEADER, rows)


@require_safe
def action_detail(request, pk):
    action = get_object_or_404(
        ActionItem.objects.select_related("meeting__group", "section"), pk=pk
    )
    history = action.updates.select_related("meeting__group").oldest_first()
    same_reference = (
        ActionItem.objects.filter(reference=action.reference)
        .exclude(reference="")
        .exclude(pk=action.pk)
    )
    context = {
        "action": action,
        "history": history,
        "same_reference": same_reference,
        "owners": action.owner_organisations.all(),
    }
    return render(request, "actions/action_detail.html", context)
