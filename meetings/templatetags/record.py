"""Pieces every page of the record shows: decision and status badges, the staff edit link."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from actions.models import OPEN_STATUSES, Status
from contributions.models import Decision
from meetings.models import minutes_url

register = template.Library()


# Badges are simple tags, not inclusion tags: a page shows hundreds of them, and rendering a
# template for each one cost about a tenth of a millisecond apiece.
_BADGE = '<span class="badge badge-{}">{}</span>'
_STATUS = '<span class="badge status-{}{}">{}</span>'


@register.simple_tag
def decision_badge(decision):
    decision = Decision(decision or "")
    return format_html(_BADGE, decision.outcome.value, decision.label)


@register.simple_tag
def status_badge(status):
    status = Status(status or Status.OPEN)
    extra = " status-open-any" if status in OPEN_STATUSES else ""
    return format_html(_STATUS, status.value, extra, status.label)


@register.simple_tag(name="minutes_url")
def minutes_url_tag(source_id, line=None):
    """The minutes page that holds `line`, scrolled to it."""
    return minutes_url(source_id, line)


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
