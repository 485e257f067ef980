"""Pieces every page of the record shows: decision and status badges, the staff edit link."""

from django import template
from django.urls import NoReverseMatch, reverse

from actions.models import OPEN_STATUSES, Status
from contributions.models import Decision

register = template.Library()


@register.inclusion_tag("partials/decision_badge.html")
def decision_badge(decision):
    decision = Decision(decision or "")
    return {"outcome": decision.outcome.value, "label": decision.label}


@register.inclusion_tag("partials/status_badge.html")
def status_badge(status):
    status = Status(status or Status.OPEN)
    return {"status": status.value, "label": status.label, "open": status in OPEN_STATUSES}


@register.inclusion_tag("partials/edit_link.html", takes_context=True)
def edit_link(context, obj):
    """ "Edit in admin", for staff who may change `obj`; nothing for anyone else."""
    user = context["request"].user
    opts = obj._meta
    if not (user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")):
        return {"url": None}
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        url = None
    return {"url": url}
