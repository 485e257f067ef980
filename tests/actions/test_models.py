import datetime

import pytest
from django.db import IntegrityError

from actions.models import ActionItem, Status, StatusUpdate, with_links
from actions.status import record_status
from tests.make import make_action, make_meeting, make_organisation

pytestmark = pytest.mark.django_db


def test_an_action_without_updates_is_open():
    action = make_action("A-WG4-TP12-009", owners="Rapporteur")

    assert action.current_status == Status.OPEN
    assert ActionItem.objects.get().current_status == Status.OPEN


def test_the_current_status_follows_the_latest_update():
    sec12 = make_meeting(number="12", start_date=datetime.date(2014, 7, 28))
    sec13 = make_meeting(number="13", start_date=datetime.date(2014, 9, 15))
    action = make_action("A-WG4-TP11-006", owners="Qualcomm")
    StatusUpdate.objects.create(
        action=action, meeting=sec13, status=Status.CLOSED, date=sec13.start_date
    )
    # The older meeting's update is entered later; it does not make the action open again.
    StatusUpdate.objects.create(
        action=action, meeting=sec12, status=Status.OPEN, date=sec12.start_date
    )

    assert ActionItem.objects.get().current_status == Status.CLOSED
    assert not ActionItem.objects.open().exists()


def test_deleting_the_latest_update_brings_back_the_one_before():
    sec12 = make_meeting(number="12", start_date=datetime.date(2014, 7, 28))
    sec13 = make_meeting(number="13", start_date=datetime.date(2014, 9, 15))
    action = make_action("A-WG4-TP11-006")
    record_status([action], Status.IN_PROGRESS, meeting=sec12)
    record_status([action], Status.CLOSED, meeting=sec13)

    sec13.delete()  # its updates go with it

    assert ActionItem.objects.get().current_status == Status.IN_PROGRESS
    assert list(ActionItem.objects.open()) == [action]


def test_correcting_an_update_in_place_changes_the_status():
    action = make_action("A-WG4-TP12-011", status=Status.CLOSED)
    update = action.updates.get()
    update.status = Status.POSTPONED
    update.save()

    assert ActionItem.objects.get().current_status == Status.POSTPONED


def test_moving_an_update_to_another_action_corrects_both():
    wrong = make_action("A-WG4-TP12-010", status=Status.CLOSED)
    right = make_action("A-WG4-TP12-011")
    update = wrong.updates.get()

    update.action = right
    update.save()

    statuses = dict(ActionItem.objects.values_list("reference", "current_status"))
    assert statuses == {"A-WG4-TP12-010": Status.OPEN, "A-WG4-TP12-011": Status.CLOSED}


def test_renumbering_a_meeting_reorders_its_undated_updates():
    sec9 = make_meeting(number="9")
    sec13 = make_meeting(number="13")
    action = make_action("A-WG4-TP8-001")
    record_status([action], Status.CLOSED, meeting=sec9)
    record_status([action], Status.IN_PROGRESS, meeting=sec13)
    assert ActionItem.objects.get().current_status == Status.IN_PROGRESS

    sec13.number = "8"  # a typo in the meeting's number, corrected
    sec13.save()

    assert ActionItem.objects.get().current_status == Status.CLOSED


def test_saving_an_action_loaded_before_a_status_change_keeps_the_new_status():
    action = make_action("A-WG4-TP12-011")
    stale = ActionItem.objects.get(pk=action.pk)
    record_status([action], Status.CLOSED)

    stale.description = "Align with ARC"
    stale.save()

    assert stale.current_status == Status.CLOSED
    assert ActionItem.objects.get().current_status == Status.CLOSED


def test_open_actions_exclude_closed_and_dropped_ones():
    make_action("A-WG4-TP11-002", status=Status.OPEN)
    make_action("A-WG4-TP11-003", status=Status.IN_PROGRESS)
    make_action("A-WG4-TP11-004", status=Status.CLOSED)
    make_action("A-WG4-TP11-005", status=Status.DROPPED)

    assert [a.reference for a in ActionItem.objects.open()] == ["A-WG4-TP11-002", "A-WG4-TP11-003"]


def test_overdue_actions_are_open_and_past_their_due_date():
    today = datetime.date(2014, 9, 1)
    make_action("A-WG4-TP12-009", due_date=datetime.date(2014, 8, 1))
    make_action("A-WG4-TP12-010", due_date=datetime.date(2014, 8, 1), status=Status.CLOSED)
    make_action("A-WG4-TP12-011", due_date=datetime.date(2014, 10, 1))

    assert [a.reference for a in ActionItem.objects.overdue(today)] == ["A-WG4-TP12-009"]


def test_a_reused_reference_keeps_both_actions_and_flags_them():
    make_action("A-WG4-TP12-012", "ACTION ITEM to continue to work on the simplification")
    make_action("A-WG4-TP12-012", "Contribute to WG3 the XSD for the ACP", occurrence=2)
    make_action("A-WG4-TP12-013", "Contribute towards procedures for remote provisioning")

    flags = {
        (a.reference, a.occurrence): a.is_duplicate
        for a in ActionItem.objects.with_duplicate_flag()
    }

    assert flags == {
        ("A-WG4-TP12-012", 1): True,
        ("A-WG4-TP12-012", 2): True,
        ("A-WG4-TP12-013", 1): False,
    }


def test_a_reference_and_its_occurrence_identify_an_action():
    make_action("A-WG4-TP12-012")

    with pytest.raises(IntegrityError):
        make_action("A-WG4-TP12-012", occurrence=1)


def test_actions_without_a_reference_are_not_duplicates_of_each_other():
    make_action("", "Subscription Verification needs to be aligned with ARC.")
    make_action("", "Change Editors Note to NOTE in TLS Key Export Details.")

    assert not any(a.is_duplicate for a in ActionItem.objects.with_duplicate_flag())


def test_actions_owned_by_an_organisation():
    qualcomm = make_organisation("Qualcomm")
    both = make_action("A-WG4-TP11-002", owners="Qualcomm & CATT")
    both.owner_organisations.set([qualcomm, make_organisation("CATT")])
    make_action("A-WG4-TP11-004", owners="Gemalto").owner_organisations.add(
        make_organisation("Gemalto")
    )

    assert list(ActionItem.objects.owned_by(qualcomm)) == [both]


def test_recording_a_status_at_a_meeting_replaces_that_meetings_entry():
    sec13 = make_meeting(number="13", start_date=datetime.date(2014, 9, 15))
    action = make_action("A-WG4-TP12-011")
    record_status([action], Status.IN_PROGRESS, meeting=sec13)
    record_status([action], Status.CLOSED, meeting=sec13, note="Aligned with ARC")

    update = action.updates.get()
    assert (update.status, update.note, update.date) == (
        Status.CLOSED,
        "Aligned with ARC",
        sec13.start_date,
    )


def test_updates_between_meetings_accumulate():
    action = make_action("A-WG4-TP12-011")
    record_status([action], Status.IN_PROGRESS)
    record_status([action], Status.CLOSED)

    assert action.updates.count() == 2
    assert ActionItem.objects.get().current_status == Status.CLOSED


def test_the_database_refuses_an_unknown_status():
    action = make_action("A-WG4-TP12-011", status=Status.OPEN)

    with pytest.raises(IntegrityError):
        StatusUpdate.objects.filter(action=action).update(status="sort of done")


def test_minutes_of_an_undated_meeting_replace_a_status_recorded_before_them():
    sec13 = make_meeting(number="13")  # minutes rarely date their meeting
    action = make_action("A-WG4-TP11-003", "address Security over Mcc'", owners="All")
    record_status([action], Status.IN_PROGRESS)  # between meetings, dated today
    record_status([action], Status.CLOSED, meeting=sec13)

    assert ActionItem.objects.get().current_status == Status.CLOSED
    assert [str(u) for u in action.updates.oldest_first()][-1] == "Closed at SEC#13"


def test_a_status_recorded_after_the_minutes_of_an_undated_meeting_replaces_theirs():
    sec13 = make_meeting(number="13")
    action = make_action("A-WG4-TP11-003", "address Security over Mcc'", owners="All")
    record_status([action], Status.CLOSED, meeting=sec13)
    record_status([action], Status.OPEN, note="Reopened: Mcc' needs another look")

    assert ActionItem.objects.get().current_status == Status.OPEN


def test_older_minutes_imported_late_do_not_replace_a_later_status():
    sec9, sec13 = make_meeting(number="9"), make_meeting(number="13")
    action = make_action("A-WG4-TP8-001")
    record_status([action], Status.IN_PROGRESS, meeting=sec13)
    record_status([action], Status.CLOSED)  # between meetings, after SEC#13
    record_status([action], Status.OPEN, meeting=sec9)  # an archive, imported last

    assert ActionItem.objects.get().current_status == Status.CLOSED
    assert [u.status for u in action.updates.oldest_first()] == [
        Status.OPEN,
        Status.IN_PROGRESS,
        Status.CLOSED,
    ]


def test_an_undated_later_meeting_follows_a_dated_earlier_one():
    sec12 = make_meeting(number="12", start_date=datetime.date(2014, 7, 28))
    sec13 = make_meeting(number="13")
    action = make_action("A-WG4-TP11-006")
    record_status([action], Status.CLOSED, meeting=sec13)
    record_status([action], Status.OPEN, meeting=sec12)

    assert ActionItem.objects.get().current_status == Status.CLOSED


def test_tables_link_each_action_and_its_meeting_as_their_pages_do():
    sec12 = make_meeting(number="12 bis")  # a space: the meeting's address quotes it
    raised = make_action("A-WG4-TP12-009", meeting=sec12)
    elsewhere = make_action("A-WG4-TP12-010")  # raised at no meeting in the record

    linked = with_links(ActionItem.objects.select_related("meeting__group"))

    assert [(a.url, a.meeting_url) for a in linked] == [
        (raised.get_absolute_url(), sec12.get_absolute_url()),
        (elsewhere.get_absolute_url(), None),
    ]
    assert sec12.get_absolute_url() == "/meetings/SEC/12%20bis/"
