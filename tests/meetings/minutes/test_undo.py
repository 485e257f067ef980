"""Undoing an import takes back exactly what it did, or refuses and says why."""

import pytest
from django.apps import apps

from actions.models import ActionItem, Status
from contributions.models import Handling, Revision
from meetings.minutes.dialects.onem2m import parse
from meetings.minutes.importer import import_minutes
from meetings.minutes.readers import read_text
from meetings.minutes.undo import UndoRefused, undo_import
from meetings.models import AgendaSection, Meeting

from .helpers import sample_text
from .test_import import ingest


def import_minutes_as(user, text, name):
    raw = text.encode("utf-8")
    document = read_text(raw)
    return import_minutes(parse(document), document, name=name, raw=raw, user=user)


pytestmark = pytest.mark.django_db

RECORD_APPS = ("meetings", "contributions", "actions")


def record_counts():
    """Rows per model of the record (the import's own bookkeeping left out)."""
    skip = {"sourcefile", "importwarning", "recordchange", "upload"}
    return {
        model._meta.label: model.objects.count()
        for app in RECORD_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.model_name not in skip
    }


def test_undoing_a_fresh_import_leaves_the_record_as_it_was(secretary):
    before = record_counts()
    result = ingest(sample_text())
    assert record_counts() != before

    undo_import(result.source, secretary)

    assert record_counts() == before
    result.source.refresh_from_db()
    assert result.source.undone and result.source.undone_by == secretary


def test_undoing_a_correction_puts_back_what_it_changed_and_removed():
    ingest(sample_text(), "v1.txt")
    before = record_counts()
    corrected = (
        sample_text()
        .replace("· SEC-2014-0363R01 was AGREED", "· SEC-2014-0363R01 was POSTPONED")
        .replace("\n5.6\nClause 8.3", "\n6.6\nClause 8.3")
    )
    result = ingest(corrected, "v2.txt")
    assert AgendaSection.objects.filter(number="6.6").exists()

    undo_import(result.source)

    assert record_counts() == before
    assert Handling.objects.get(revision__number="SEC-2014-0363R01").decision == "agreed"
    numbers = list(AgendaSection.objects.values_list("number", flat=True))
    assert "5.6" in numbers and "6.6" not in numbers
    assert Handling.objects.filter(revision__number="SEC-2014-0369").get().section.number == "5.6"


def test_undoing_the_meeting_that_closed_an_action_opens_it_again():
    ingest(sample_text(), "sec12.txt")
    closing = ingest(
        sample_text()
        .replace("SEC_12_Agenda", "SEC_13_Agenda")
        .replace(
            "\tA-WG4-TP11-008\n\tQualcomm to clarify throughout the document that SA one single "
            "hop\n\tQualcomm\n\tOPEN",
            "\tA-WG4-TP11-008\n\tQualcomm to clarify throughout the document that SA one single "
            "hop\n\tQualcomm\n\tCLOSED",
        ),
        "sec13.txt",
    )
    assert ActionItem.objects.get(reference="A-WG4-TP11-008").current_status == Status.CLOSED

    undo_import(closing.source)

    assert ActionItem.objects.get(reference="A-WG4-TP11-008").current_status == Status.OPEN


def test_undoing_the_later_import_first_lets_the_earlier_one_be_undone(secretary):
    before = record_counts()
    first = ingest(sample_text(), "v1.txt")
    stamps = sorted(Handling.objects.values_list("pk", "updated_at", "updated_by"))
    corrected = sample_text().replace(
        "· SEC-2014-0363R01 was AGREED", "· SEC-2014-0363R01 was POSTPONED"
    )
    second = ingest(corrected, "v2.txt")

    undo_import(second.source, secretary)

    # As the first import left them: the decision and who last changed the row, and when.
    assert sorted(Handling.objects.values_list("pk", "updated_at", "updated_by")) == stamps
    undo_import(first.source, secretary)
    assert record_counts() == before


def test_undoing_a_correction_restores_the_relation_it_dropped():
    ingest(sample_text(), "v1.txt")
    merged = "SEC-2014-0346R04 was integrated into -0362 and NOTED"
    assert sample_text().count(merged) == 2  # in 6.3 and again in 6.10
    corrected = sample_text().replace(merged, "SEC-2014-0346R04 was NOTED")
    revision = Revision.objects.get(number="SEC-2014-0346R04")

    result = ingest(corrected, "v2.txt")

    assert not revision.relations.filter(kind="integrated_into").exists()
    assert "removed relation SEC-2014-0346R04 integrated into SEC-2014-0362" in result.changes
    undo_import(result.source)
    assert revision.relations.get(kind="integrated_into").target_number == "SEC-2014-0362"


def test_a_correction_keeps_a_relation_another_meetings_minutes_state():
    merged = "SEC-2014-0346R04 was integrated into -0362 and NOTED"
    ingest(sample_text(), "sec12.txt")
    ingest(sample_text().replace("SEC_12_Agenda", "SEC_13_Agenda"), "sec13.txt")

    result = ingest(sample_text().replace(merged, "SEC-2014-0346R04 was NOTED"), "sec12-v2.txt")

    revision = Revision.objects.get(number="SEC-2014-0346R04")
    assert revision.relations.filter(kind="integrated_into").exists()  # SEC#13 states it
    assert not [change for change in result.changes if change.startswith("removed relation")]


def test_undo_keeps_who_and_when_of_an_edit_made_since(secretary):
    ingest(sample_text(), "v1.txt")  # by the command: no user
    corrected = sample_text().replace(
        "· SEC-2014-0363R01 was AGREED", "· SEC-2014-0363R01 was POSTPONED"
    )
    second = import_minutes_as(secretary, corrected, "v2.txt")
    handling = Handling.objects.get(revision__number="SEC-2014-0363R01")
    handling.notes, handling.updated_by = "Postponed to SEC#13 by the chair", secretary
    handling.save()

    undo_import(second.source, secretary)

    handling.refresh_from_db()
    assert handling.decision == "agreed"
    assert handling.notes == "Postponed to SEC#13 by the chair"
    assert handling.updated_by == secretary  # the edit's stamp, who and when together


def test_an_action_the_minutes_give_twice_keeps_both_rows_and_can_be_undone():
    twice = "ACTION ITEM: Chair to circulate the revised work plan to the list\n"
    text = sample_text().replace("\n6.2\n", "\n" + twice + "6.2\n", 1)
    text = text.replace("\n6.4\n", "\n" + twice + "6.4\n", 1)
    ingest(text, "v1.txt")
    rows = ActionItem.objects.filter(description__startswith="Chair to circulate")
    assert rows.count() == 2

    moved = ingest("Minutes, version 2\n" + text, "v2.txt")

    assert not [change for change in moved.changes if change.startswith("removed")]
    assert all(row.updates.count() == 1 for row in rows)
    undo_import(moved.source)  # each field it moved is logged once, old → new


def test_undo_refuses_when_a_later_edit_changed_what_the_import_wrote(secretary):
    ingest(sample_text(), "v1.txt")
    corrected = sample_text().replace(
        "· SEC-2014-0363R01 was AGREED", "· SEC-2014-0363R01 was POSTPONED"
    )
    result = ingest(corrected, "v2.txt")
    handling = Handling.objects.get(revision__number="SEC-2014-0363R01")
    handling.decision, handling.updated_by = "withdrawn", secretary
    handling.save()

    with pytest.raises(
        UndoRefused, match=r"decision is now 'withdrawn', not 'postponed'.*secretary"
    ):
        undo_import(result.source)
    assert Handling.objects.get(pk=handling.pk).decision == "withdrawn"


def test_undo_refuses_while_a_later_import_touched_the_same_rows():
    first = ingest(sample_text(), "v1.txt")
    ingest(sample_text() + "\n", "v2.txt")

    with pytest.raises(UndoRefused, match=r"v2\.txt, imported .* changed the same rows later"):
        undo_import(first.source)


def test_undo_refuses_when_something_made_since_depends_on_what_it_created():
    result = ingest(sample_text())
    meeting = Meeting.objects.get()
    revision = Revision.objects.get(number="SEC-2014-0363R01")
    Handling.objects.create(revision=revision, meeting=meeting, decision="noted")

    with pytest.raises(UndoRefused, match="was made after this import and depends on"):
        undo_import(result.source)
    assert Revision.objects.filter(pk=revision.pk).exists()


def test_an_undone_file_can_be_imported_again():
    result = ingest(sample_text())
    undo_import(result.source)

    again = ingest(sample_text())

    assert again.status == "created"
    assert Handling.objects.exclude(decision="").count() == 57


def test_an_import_is_undone_only_once():
    result = ingest(sample_text())
    undo_import(result.source)

    with pytest.raises(UndoRefused, match="already undone"):
        undo_import(result.source)
