"""Tiny helpers that make rows the way the sample minutes (oneM2M SEC#12) have them."""

from actions.models import ActionItem, StatusUpdate
from contributions.models import Contribution, Handling, Relation, Revision
from contributions.numbers import parse_number
from meetings.models import AgendaSection, Group, Meeting, Organisation, Person

ONEM2M_GROUPS = {
    "SEC": ("WG4", "Security"),
    "ARC": ("WG2", "Architecture"),
    "PRO": ("WG3", "Protocols"),
    "TP": ("", "Technical Plenary"),
}


def make_group(code="SEC"):
    short_name, name = ONEM2M_GROUPS.get(code, ("", ""))
    return Group.objects.get_or_create(
        code=code, defaults={"short_name": short_name, "name": name}
    )[0]


def make_meeting(group=None, number="12", **fields):
    fields.setdefault("plenary", "TP12")
    return Meeting.objects.create(group=group or make_group(), number=number, **fields)


def make_section(meeting, number, title="", position=None):
    if position is None:
        position = meeting.sections.count() + 1
    return AgendaSection.objects.create(
        meeting=meeting, number=number, title=title, position=position
    )


def make_organisation(name):
    return Organisation.objects.get_or_create(name=name)[0]


def make_person(name, organisation=None):
    return Person.objects.get_or_create(name=name, defaults={"organisation": organisation})[0]


def make_contribution(number, title="", sources=()):
    """A contribution family with its base document as revision 0."""
    make_group(parse_number(number).group)
    contribution = Contribution.objects.create(number=number, title=title)
    contribution.sources.set(make_organisation(name) for name in sources)
    Revision.objects.create(contribution=contribution, revision=0)
    return contribution


def make_revision(number):
    """The revision `number` ("SEC-2014-0363R01"), with its family if needed."""
    parsed = parse_number(number)
    contribution = Contribution.objects.filter(number=parsed.family).first()
    contribution = contribution or make_contribution(parsed.family)
    return Revision.objects.get_or_create(contribution=contribution, revision=parsed.revision or 0)[
        0
    ]


def make_handling(number, meeting, section=None, decision="", **fields):
    return Handling.objects.create(
        revision=make_revision(number),
        meeting=meeting,
        section=section,
        decision=decision,
        **fields,
    )


def make_relation(from_number, kind, to_number):
    relation = Relation(revision=make_revision(from_number), kind=kind)
    relation.target_number = to_number
    relation.save()
    return relation


def make_action(reference, description="", owners="", occurrence=1, status=None, **fields):
    action = ActionItem.objects.create(
        reference=reference,
        description=description or f"Action {reference}",
        owners=owners,
        occurrence=occurrence,
        **fields,
    )
    if status:
        StatusUpdate.objects.create(action=action, status=status, meeting=fields.get("meeting"))
        action.refresh_from_db()
    return action


def make_record(size, meeting_number="12"):
    """A meeting with `size` contributions, each handled and related, and `size` actions."""
    from actions.models import Status
    from contributions.models import Decision

    meeting = make_meeting(number=meeting_number)
    section = make_section(meeting, "6.2", "Chapter 6")
    decisions = [Decision.AGREED, Decision.NOTED, Decision.WITHDRAWN]
    gemalto, qualcomm = make_organisation("Gemalto"), make_organisation("Qualcomm")
    first = 1000 * len(Meeting.objects.filter(group=meeting.group))
    for index in range(first, first + size):
        number = f"SEC-2014-{index:04d}"
        contribution = make_contribution(number, f"CR number {index}", sources=["Gemalto"])
        contribution.sources.add(qualcomm)
        handling = make_handling(
            f"{number}R01", meeting, section, decisions[index % 3], presenting_organisation=gemalto
        )
        handling.revision.relations.create(kind="revision_of", target_id=number)
        action = make_action(
            f"A-WG4-TP{meeting_number}-{index:03d}",
            owners="Qualcomm",
            meeting=meeting,
            status=Status.OPEN,
        )
        action.owner_organisations.add(qualcomm)
    return meeting


def queries_for(client, url):
    """How many queries the page at `url` takes, and the response."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response


def link(response, text):
    """The href of the link whose rel or text is `text`, unescaped as a browser follows it."""
    import html
    import re

    text = re.escape(text)
    found = re.search(rf'<a href="([^"]*)"(?: rel="{text}"|[^>]*>{text}<)', response.text)
    assert found, f"no link {text!r}"
    return html.unescape(found[1])


def import_sample():
    from django.core.management import call_command

    from tests.meetings.minutes.helpers import SAMPLE

    call_command("ingest_minutes", str(SAMPLE), verbosity=0)
