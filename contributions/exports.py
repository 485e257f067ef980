"""The Tdoc list: one row per revision handled at a meeting, in the shape delegates know."""

from django.db.models import Prefetch

from .models import Relation

HEADER = [
    "Number",
    "Title",
    "Source",
    "Meeting",
    "Agenda item",
    "Presenter",
    "Decision",
    "Revision of",
    "Revised to / merged into",
]
_ONWARD = [Relation.Kind.REVISED_TO, Relation.Kind.INTEGRATED_INTO, Relation.Kind.HANDLED_IN]


def with_tdoc_columns(handlings):
    """`handlings` with exactly what `tdoc_rows` reads, in a fixed number of queries."""
    return handlings.select_related(
        "revision__contribution",
        "meeting__group",
        "section",
        "presenter",
        "presenting_organisation",
    ).prefetch_related(
        "revision__contribution__sources",
        "revision__contribution__revisions",
        Prefetch("revision__relations", queryset=Relation.objects.filter(kind__in=_ONWARD)),
    )


def tdoc_rows(handlings):
    for handling in handlings:
        revision = handling.revision
        contribution = revision.contribution
        earlier = [r.number for r in contribution.revisions.all() if r.revision < revision.revision]
        yield [
            revision.number,
            revision.title or contribution.title,
            "; ".join(source.name for source in contribution.sources.all()),
            str(handling.meeting),
            str(handling.section or ""),
            str(handling.presenter or handling.presenting_organisation or ""),
            handling.get_decision_display() if handling.decision else "",
            earlier[-1] if earlier else (contribution.number if revision.revision else ""),
            "; ".join(r.target_number for r in revision.relations.all()),
        ]
