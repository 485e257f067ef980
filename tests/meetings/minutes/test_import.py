"""Importing minutes writes the record faithfully, once, and keeps what was corrected by hand."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import ActionItem, Status
from contributions.models import Contribution, Handling, Relation, Revision
from meetings.minutes.dialects.onem2m import parse
from meetings.minutes.importer import import_minutes
from meetings.minutes.readers import read_text
from meetings.models import AgendaSection, Meeting, Organisation, Person, SourceFile

from .helpers import minutes_with, sample_text

pytestmark = pytest.mark.django_db


def ingest(text, name="minutes.txt"):
    raw = text.encode("utf-8")
    document = read_text(raw)
    return import_minutes(parse(document), document, name=name, raw=raw)


@pytest.fixture
def sample():
    return ingest(sample_text(), "oneM2M-SEC12-minutes.txt")


def test_the_sample_minutes_fill_the_record(sample):
    meeting = Meeting.objects.get()
    assert (str(meeting), meeting.plenary, meeting.next_meeting) == (
        "SEC#12",
        "TP12",
        "TP 13, September 2014, Phoenix, AZ, USA",
    )
    assert meeting.sections.count() == 27
    assert Handling.objects.exclude(decision="").count() == 57
    assert Revision.objects.filter(handlings__decision__gt="").distinct().count() == 56
    assert ActionItem.objects.count() == 14
    assert meeting.resolutions.count() == 4
    assert sample.status == "created"


def test_sections_keep_their_numbers_order_and_parents(sample):
    sections = AgendaSection.objects.filter(meeting__number="12")

    assert [s.number for s in sections][12:15] == ["6.5", "5.6", "6.7"]
    assert sections.get(number="5.6").parent.number == "6"
    assert [s.number for s in sections.natural_order()][-4:] == ["7.3", "8", "9", "10"]


def test_each_decision_is_kept_where_it_was_taken(sample):
    decisions = {
        (h.revision.number, h.section.number): h.decision
        for h in Handling.objects.select_related("revision", "section")
    }

    assert decisions[("SEC-2014-0346R04", "6.3")] == "noted"
    assert decisions[("SEC-2014-0346R04", "6.11")] == "noted"
    assert decisions[("SEC-2014-0363R01", "6.2")] == "agreed"
    assert decisions[("SEC-2014-0390R02", "6.7")] == ""
    assert decisions[("TP-2014-0459", "7.3")] == "noted"


def test_presenters_sources_and_groups(sample):
    handling = Handling.objects.get(revision__number="SEC-2014-0363R01")
    qualcomm_cr = Contribution.objects.get(number="SEC-2014-0386")
    multi = Contribution.objects.get(number="SEC-2014-0357")

    assert (handling.presenter.name, handling.presenting_organisation.name) == (
        "Dragan Vujcic",
        "Oberthur Technologies",
    )
    assert [o.name for o in qualcomm_cr.sources.all()] == ["Qualcomm"]
    assert [o.name for o in multi.sources.all()] == [
        "Gemalto",
        "Giesecke & Devrient",
        "Oberthur Technologies",
    ]
    assert Contribution.objects.get(number="ARC-2014-1500").group.code == "ARC"
    assert Meeting.objects.get().group.short_name == "WG4"


def test_relations_link_to_documents_in_the_record(sample):
    integrated = Relation.objects.select_related("target").get(
        revision__number="SEC-2014-0346R04", kind="integrated_into"
    )
    handled = Relation.objects.get(revision__number="SEC-2014-0391", kind="handled_in")
    referenced = Relation.objects.get(revision__number="SEC-2014-0328R01", kind="references")

    assert integrated.known_target().number == "SEC-2014-0362"
    assert handled.target_number == "SEC-2014-0388R02"
    assert (referenced.target_number, referenced.known_target()) == ("SEC-2014-0249R05", None)


def test_both_rows_of_a_reused_reference_are_kept(sample):
    rows = ActionItem.objects.filter(reference="A-WG4-TP12-012").with_duplicate_flag()

    assert [(a.occurrence, a.owners, a.is_duplicate) for a in rows] == [
        (1, "All", True),
        (2, "Volunteers", True),
    ]


def test_actions_are_open_at_this_meeting_and_owned_by_organisations(sample):
    qualcomm = Organisation.objects.get(name="Qualcomm")
    action = ActionItem.objects.get(reference="A-WG4-TP12-009")

    assert action.current_status == Status.OPEN
    assert (action.meeting.number, action.section.number) == ("12", "6.4")  # raised in the text
    assert ActionItem.objects.get(reference="A-WG4-TP11-002").meeting is None  # raised at TP11
    assert set(ActionItem.objects.owned_by(qualcomm).values_list("reference", flat=True)) >= {
        "A-WG4-TP10.7-001",
        "A-WG4-TP11-002",
        "A-WG4-TP12-010",
    }


def test_every_row_shows_the_line_it_came_from(sample):
    handling = Handling.objects.get(revision__number="SEC-2014-0363R01")
    action = ActionItem.objects.get(reference="A-WG4-TP12-011")

    assert (handling.source_line, handling.source_text()) == (151, "· SEC-2014-0363R01 was AGREED")
    assert action.source_text() == "\tA-WG4-TP12-011"
    assert handling.source.name == "oneM2M-SEC12-minutes.txt"


def test_the_same_file_again_changes_nothing(sample):
    before = Handling.objects.values_list("pk", "updated_at").order_by("pk")
    before = list(before)

    again = ingest(sample_text(), "copy-of-the-minutes.txt")

    assert again.status == "unchanged"
    assert list(Handling.objects.values_list("pk", "updated_at").order_by("pk")) == before
    assert SourceFile.objects.count() == 1


def test_a_corrected_file_updates_in_place_and_says_what_changed(sample):
    corrected = sample_text().replace(
        "· SEC-2014-0363R01 was AGREED", "· SEC-2014-0363R01 was POSTPONED"
    )
    counts = (Handling.objects.count(), ActionItem.objects.count(), Relation.objects.count())

    result = ingest(corrected, "oneM2M-SEC12-minutes-v2.txt")

    assert result.status == "updated"
    assert (
        Handling.objects.count(),
        ActionItem.objects.count(),
        Relation.objects.count(),
    ) == counts
    assert Handling.objects.get(revision__number="SEC-2014-0363R01").decision == "postponed"
    assert "SEC-2014-0363R01 at SEC#12 6.2: decision 'agreed' → 'postponed'" in result.changes
    assert len(result.changes) == 1


def test_a_corrected_file_writes_each_rows_own_values(sample):
    """Rows updated together keep their own values, not one row's value for all."""
    lines = dict(Handling.objects.values_list("pk", "source_line"))
    corrected = "Minutes, version 2\n" + sample_text().replace(
        "· SEC-2014-0363R01 was AGREED", "· SEC-2014-0363R01 was POSTPONED"
    ).replace("· SEC-2014-0391 was NOTED", "· SEC-2014-0391 was WITHDRAWN")

    result = ingest(corrected, "oneM2M-SEC12-minutes-v2.txt")

    assert result.counts["handlings_updated"] == 2  # the others only moved down a line
    for kind in ("sections", "contributions", "actions", "status_updates", "resolutions"):
        assert result.counts[f"{kind}_updated"] == 0, kind
    moved = dict(Handling.objects.values_list("pk", "source_line"))
    assert moved == {pk: line + 1 for pk, line in lines.items()}
    decisions = dict(Handling.objects.values_list("revision__number", "decision"))
    assert decisions["SEC-2014-0363R01"] == "postponed"
    assert decisions["SEC-2014-0391"] == "withdrawn"
    assert decisions["SEC-2014-0386R03"] == "agreed"
    assert set(Handling.objects.values_list("source__name", flat=True)) == {
        "oneM2M-SEC12-minutes-v2.txt"
    }


def test_hand_corrections_to_fields_the_minutes_do_not_state_survive(sample):
    meeting = Meeting.objects.get()
    meeting.location = "Sophia Antipolis"
    meeting.save()
    action = ActionItem.objects.get(reference="A-WG4-TP12-013")
    action.due_date = "2014-09-15"
    action.save()

    ingest(sample_text() + "\n", "oneM2M-SEC12-minutes-v2.txt")

    assert Meeting.objects.get().location == "Sophia Antipolis"
    assert str(ActionItem.objects.get(reference="A-WG4-TP12-013").due_date) == "2014-09-15"


def test_a_later_meeting_adds_to_the_history_of_an_action(sample):
    later = (
        sample_text()
        .replace("SEC_12_Agenda", "SEC_13_Agenda")
        .replace(
            "\tA-WG4-TP11-006\n\tclarify schemes for private signing keys.\n\tQualcomm\n\tOPEN",
            "\tA-WG4-TP11-006\n\tclarify schemes for private signing keys.\n\tQualcomm\n\tCLOSED",
        )
    )

    ingest(later, "oneM2M-SEC13-minutes.txt")

    action = ActionItem.objects.get(reference="A-WG4-TP11-006")
    assert [(u.meeting.number, u.status) for u in action.updates.order_by("meeting__number")] == [
        ("12", "open"),
        ("13", "closed"),
    ]
    assert ActionItem.objects.count() == 14


def import_queries(contributions):
    text = minutes_with(contributions, f"SEC_{contributions}_Agenda", start=1000 * contributions)
    with CaptureQueriesContext(connection) as queries:
        ingest(text, f"minutes-{contributions}.txt")
    return len(queries)


def test_queries_per_file_do_not_grow_with_its_rows():
    ingest(minutes_with(1, meeting="SEC_11_Agenda", start=9000))  # the group and CATT exist now

    locks = 2 if connection.vendor == "postgresql" else 0  # SQLite's write lock is its own
    assert import_queries(3) == import_queries(30) == 29 + locks


def test_the_later_meeting_decides_the_status_whatever_the_import_order():
    # Minutes rarely date their meeting: SEC#13's table says CLOSED, SEC#12's says OPEN.
    closed = (
        sample_text()
        .replace("SEC_12_Agenda", "SEC_13_Agenda")
        .replace(
            "\tA-WG4-TP11-008\n\tQualcomm to clarify throughout the document that SA one single hop"
            "\n\tQualcomm\n\tOPEN",
            "\tA-WG4-TP11-008\n\tQualcomm to clarify throughout the document that SA one single hop"
            "\n\tQualcomm\n\tCLOSED",
        )
    )
    ingest(closed, "sec13.txt")
    ingest(sample_text(), "sec12.txt")

    action = ActionItem.objects.get(reference="A-WG4-TP11-008")
    assert action.current_status == Status.CLOSED
    assert action not in ActionItem.objects.open()


def test_a_corrected_section_number_replaces_the_old_one_without_doubling(sample):
    corrected = sample_text().replace("\n5.6\nClause 8.3", "\n6.6\nClause 8.3")

    result = ingest(corrected, "oneM2M-SEC12-minutes-v2.txt")

    numbers = list(AgendaSection.objects.values_list("number", flat=True))
    assert "6.6" in numbers and "5.6" not in numbers
    assert Handling.objects.filter(revision__number="SEC-2014-0369").count() == 1
    assert Handling.objects.exclude(decision="").count() == 57
    assert (
        "removed agenda section 5.6 Clause 8.3 – Bootstrapping aka Remote Security Provisioning"
        in (result.changes)
    )


def test_hand_entered_rows_survive_a_corrected_import(sample):
    meeting = Meeting.objects.get()
    by_hand = meeting.resolutions.create(text="It was AGREED to meet again in September.")
    undecided = Handling.objects.get(revision__number="SEC-2014-0355R02")
    undecided.decision = "agreed"
    undecided.save()

    ingest(sample_text() + "\n", "oneM2M-SEC12-minutes-v2.txt")

    assert meeting.resolutions.get(pk=by_hand.pk).text == by_hand.text
    assert meeting.resolutions.count() == 5
    assert Handling.objects.get(pk=undecided.pk).decision == "agreed"


def test_names_too_long_for_the_record_are_cut_and_still_match_when_imported_again():
    company = "Internationale Gesellschaft für Normung und Prüfung " * 5  # 265 characters
    person = "Wei Zhou " + "Nakamura-Delacroix " * 12  # 236 characters
    text = minutes_with(2).replace("Wei Zhou, CATT", f"{person.strip()}, {company.strip()}")

    first = ingest(text)
    corrected = ingest(text.replace("was AGREED", "was NOTED", 1), name="corrected.txt")

    organisation = Organisation.objects.get()
    assert len(organisation.name) == 200 and organisation.name.startswith("Internationale")
    assert Contribution.objects.filter(sources=organisation).count() == 2
    assert Person.objects.get().name == person[:200]
    assert Handling.objects.filter(presenter__isnull=False).count() == 2
    assert corrected.status == "updated"
    cut = [w for w in first.source.warnings.all() if "cut to 200 characters" in w.message]
    assert len(cut) >= 2


def test_an_action_reference_too_long_for_the_record_is_cut_and_matched_again():
    reference = "A-WG4-TP11-002-" + "REVISED-AT-THE-PLENARY-" * 4  # 107 characters
    text = sample_text().replace("\tA-WG4-TP11-002\n", f"\t{reference}\n")

    ingest(text)
    again = ingest(text.replace("was AGREED", "was NOTED", 1), name="corrected.txt")

    assert again.status == "updated"
    assert ActionItem.objects.filter(reference=reference[:60]).count() == 1
