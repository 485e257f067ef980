import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.db.models import RestrictedError
from django.test.utils import CaptureQueriesContext

from contributions.models import (
    Contribution,
    Decision,
    Handling,
    Outcome,
    Relation,
    Revision,
)
from tests.make import (
    make_contribution,
    make_group,
    make_handling,
    make_meeting,
    make_relation,
    make_revision,
    make_section,
)

pytestmark = pytest.mark.django_db


def test_a_contribution_takes_group_year_and_serial_from_its_number():
    sec = make_group("SEC")
    contribution = Contribution.objects.create(number="SEC-2014-0364", title="Security on AE")

    assert (contribution.group, contribution.year, contribution.serial) == (sec, 2014, 364)


def test_a_family_number_is_unique():
    make_contribution("SEC-2014-0364")

    with pytest.raises(IntegrityError):
        Contribution.objects.create(number="SEC-2014-0364", title="Another one")


def test_validation_refuses_a_revision_number_or_an_unknown_group():
    make_group("SEC")

    with pytest.raises(ValidationError, match="without the revision: SEC-2014-0364"):
        Contribution(number="SEC-2014-0364R03").full_clean()
    with pytest.raises(ValidationError, match="No group has the document prefix ARC"):
        Contribution(number="ARC-2014-1500").full_clean()


def test_revisions_are_numbered_from_their_family():
    base = make_revision("SEC-2014-0390")
    r03 = make_revision("SEC-2014-0390R03")

    assert (base.number, base.revision) == ("SEC-2014-0390", 0)
    assert (r03.number, r03.revision) == ("SEC-2014-0390R03", 3)
    assert r03.contribution == base.contribution
    with pytest.raises(IntegrityError):
        Revision.objects.create(contribution=r03.contribution, revision=3)


def test_renumbering_a_contribution_renumbers_its_revisions():
    r01 = make_revision("SEC-2014-0367R01")
    contribution = r01.contribution
    contribution.number = "SEC-2014-0368"
    contribution.save()

    assert sorted(contribution.revisions.values_list("number", flat=True)) == [
        "SEC-2014-0368",
        "SEC-2014-0368R01",
    ]


def test_the_database_refuses_a_decision_outside_the_vocabulary():
    handling = make_handling("SEC-2014-0363R01", make_meeting(), decision=Decision.AGREED)

    with pytest.raises(IntegrityError):
        Handling.objects.filter(pk=handling.pk).update(decision="sort of agreed")


def test_a_revision_is_handled_once_per_meeting_and_section():
    meeting = make_meeting()
    section = make_section(meeting, "6.3", "Chapter 7 – Access Control")
    make_handling("SEC-2014-0346R04", meeting, section, Decision.NOTED)

    with pytest.raises(IntegrityError):
        make_handling("SEC-2014-0346R04", meeting, section, Decision.AGREED)


def test_a_revision_handled_in_two_sections_keeps_both_decisions():
    # SEC-2014-0346R04 was noted in 6.3 and again in the joint session of 6.11.
    meeting = make_meeting()
    access_control = make_section(meeting, "6.3", "Chapter 7 – Access Control")
    joint = make_section(meeting, "6.11", "SEC/ARC Joint Discussions:")
    make_handling("SEC-2014-0346R04", meeting, access_control, Decision.NOTED)
    make_handling("SEC-2014-0346R04", meeting, joint, Decision.NOTED)

    revision = Revision.objects.get(number="SEC-2014-0346R04")
    assert [h.section.number for h in revision.handlings.order_by("section__position")] == [
        "6.3",
        "6.11",
    ]


def test_without_a_section_a_revision_is_still_handled_once_per_meeting():
    meeting = make_meeting()
    make_handling("SEC-2014-0372", meeting, decision=Decision.WITHDRAWN)

    with pytest.raises(IntegrityError):
        make_handling("SEC-2014-0372", meeting, decision=Decision.NOTED)


def test_each_decision_belongs_to_an_outcome():
    assert Decision.AGREED.outcome == Outcome.POSITIVE
    assert Decision.NOTED.outcome == Outcome.NEUTRAL
    assert Decision.MERGED.outcome == Outcome.SUPERSEDED
    assert Decision.WITHDRAWN.outcome == Outcome.NEGATIVE
    assert Decision.POSTPONED.outcome == Outcome.CARRIED
    assert Decision.NONE.outcome == Outcome.OPEN
    assert all(decision.outcome for decision in Decision)


def test_contributions_of_an_organisation():
    make_contribution("SEC-2014-0357", sources=["Giesecke & Devrient", "Gemalto"])
    make_contribution("SEC-2014-0358", sources=["Gemalto"])
    make_contribution("SEC-2014-0364", sources=["LGE"])
    gemalto = Contribution.objects.get(number="SEC-2014-0358").sources.get()

    numbers = Contribution.objects.of_organisation(gemalto).values_list("number", flat=True)

    assert list(numbers) == ["SEC-2014-0357", "SEC-2014-0358"]


def make_family_of_organisations():
    """Gemalto's contributions over three years, with serials that sort differently from the
    order they were recorded in, and the same year and serial in two groups; Qualcomm's
    in between."""
    make_group("ARC")
    numbers = [
        "SEC-2015-0002",
        "SEC-2013-0900",
        "ARC-2015-0002",
        "SEC-2015-0010",
        "SEC-2014-0100",
        "ARC-2014-0999",
    ]
    for number in numbers:
        make_contribution(number, sources=["Gemalto"])
        make_contribution(number.replace("-0", "-5"), sources=["Qualcomm"])
    return Contribution.objects.get(number="SEC-2015-0002").sources.get()


# Every way of finding an organisation's newest contributions: sorting its own (a small
# member), looking among the record's newest rows (a large one; on PostgreSQL), and walking
# on when those hold too few of its own.
@pytest.mark.parametrize("sort_up_to, window", [(1500, 20_000), (2, 20_000), (2, 3)])
def test_an_organisations_newest_contributions_by_year_then_serial(monkeypatch, sort_up_to, window):
    monkeypatch.setattr("contributions.models.WINDOW", window)
    gemalto = make_family_of_organisations()

    newest = Contribution.objects.newest_of_organisation(gemalto, 4, sort_up_to=sort_up_to)

    # Within a year and serial, the later recorded first.
    assert [c.number for c in newest] == [
        "SEC-2015-0010",
        "ARC-2015-0002",
        "SEC-2015-0002",
        "ARC-2014-0999",
    ]
    everything = Contribution.objects.newest_of_organisation(gemalto, 50, sort_up_to=sort_up_to)
    assert len(everything) == 6 and everything[-1].number == "SEC-2013-0900"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL plan")
def test_a_small_organisations_newest_are_sorted_from_its_own_links():
    """Its own contributions, looked up one by one: never a walk of the whole record, which
    PostgreSQL chose from an estimate and which took 48,000 rows for an organisation with
    about 1,000 contributions."""
    gemalto = make_family_of_organisations()
    with connection.cursor() as cursor:
        # Make the walk look free and sorting dear: finding its newest must not walk.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")

    with CaptureQueriesContext(connection) as queries:
        Contribution.objects.newest_of_organisation(gemalto, 4)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())

    # The subquery that finds them; the query around it fetches their rows.
    its_own = plan.split('Subquery Scan on "ANY_subquery"')[1]
    assert "contribution_newest" not in its_own
    assert "on contributions_contribution_sources" in its_own
    # The year and serial of each link, looked up one by one.
    assert "SubPlan" in its_own


def test_a_relation_links_to_its_target_once_the_target_arrives():
    # "SEC-2014-0346R04 was integrated into -0362" before SEC-2014-0362 is in the record.
    relation = make_relation("SEC-2014-0346R04", Relation.Kind.INTEGRATED_INTO, "SEC-2014-0362")
    assert Relation.objects.get(pk=relation.pk).known_target() is None

    make_contribution("SEC-2014-0362", "AccessControl_clarifications")

    relation = Relation.objects.select_related("target").get(pk=relation.pk)
    assert relation.known_target().title == "AccessControl_clarifications"
    incoming = Contribution.objects.get(number="SEC-2014-0362").incoming_relations.get()
    assert incoming.revision.number == "SEC-2014-0346R04"
    assert incoming.inverse_label == "Absorbed"


def test_a_relation_to_an_unknown_document_survives_select_related():
    make_relation("SEC-2014-0391", Relation.Kind.HANDLED_IN, "SEC-2014-0388R02")

    relations = list(Relation.objects.select_related("target", "revision"))

    assert [(r.target_number, r.known_target()) for r in relations] == [("SEC-2014-0388R02", None)]


def test_a_relation_may_name_a_revision_of_its_target():
    relation = make_relation("SEC-2014-0391", Relation.Kind.HANDLED_IN, "SEC-2014-0388R02")

    assert (relation.target_id, relation.target_revision) == ("SEC-2014-0388", 2)
    assert str(relation) == "SEC-2014-0391 handled in SEC-2014-0388R02"


def test_a_relation_is_recorded_once():
    make_relation("SEC-2014-0346R04", Relation.Kind.INTEGRATED_INTO, "SEC-2014-0362")

    with pytest.raises(IntegrityError):
        make_relation("SEC-2014-0346R04", Relation.Kind.INTEGRATED_INTO, "SEC-2014-0362")


def test_a_relation_needs_a_target():
    revision = make_revision("SEC-2014-0346R04")

    with pytest.raises(IntegrityError):
        Relation.objects.create(revision=revision, kind=Relation.Kind.RELATED_TO)


def test_deleting_a_meeting_takes_its_sections_and_handlings_along():
    meeting = make_meeting()
    section = make_section(meeting, "6.2", "Chapter 6")
    make_handling("SEC-2014-0363R01", meeting, section, Decision.AGREED)

    meeting.delete()

    assert not Handling.objects.exists()
    assert Revision.objects.filter(number="SEC-2014-0363R01").exists()


def test_a_section_with_handlings_cannot_be_deleted_alone():
    meeting = make_meeting()
    section = make_section(meeting, "6.2", "Chapter 6")
    make_handling("SEC-2014-0363R01", meeting, section, Decision.AGREED)

    with pytest.raises(RestrictedError):
        section.delete()
