import datetime

import pytest
from django.contrib.admin.models import LogEntry

from actions.models import ActionItem, Status
from tests.make import make_action, make_meeting

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/actions/actionitem/"


def test_closing_selected_actions_records_who_closed_them(secretary_client, secretary):
    open_one = make_action("A-WG4-TP11-006", owners="Qualcomm")
    already_closed = make_action("A-WG4-TP11-007", owners="Qualcomm", status=Status.CLOSED)
    untouched = make_action("A-WG4-TP11-008", owners="Qualcomm")

    response = secretary_client.post(
        CHANGELIST,
        {"action": "close_selected", "_selected_action": [open_one.pk, already_closed.pk]},
        follow=True,
    )

    assert "Closed 1 action. 1 already closed were left as they were." in response.text
    statuses = {a.reference: a.current_status for a in ActionItem.objects.all()}
    assert statuses == {
        "A-WG4-TP11-006": Status.CLOSED,
        "A-WG4-TP11-007": Status.CLOSED,
        "A-WG4-TP11-008": Status.OPEN,
    }
    assert open_one.updates.get().updated_by == secretary
    assert already_closed.updates.count() == 1 and not untouched.updates.exists()
    assert LogEntry.objects.get(object_id=str(open_one.pk)).get_change_message() == "Closed."


def test_recording_a_status_for_a_meeting_asks_which_meeting_first(secretary_client):
    action = make_action("A-WG4-TP12-011", "Subscription Verification needs to be aligned")
    make_meeting(number="13")

    response = secretary_client.post(
        CHANGELIST, {"action": "record_status_update", "_selected_action": [action.pk]}
    )

    assert response.status_code == 200
    assert "Record a status update" in response.text
    assert "A-WG4-TP12-011" in response.text
    assert not action.updates.exists()


def test_recording_a_status_for_a_meeting(secretary_client, secretary):
    sec13 = make_meeting(number="13", start_date=datetime.date(2014, 9, 15))
    actions = [make_action("A-WG4-TP12-010"), make_action("A-WG4-TP12-011")]

    response = secretary_client.post(
        CHANGELIST,
        {
            "action": "record_status_update",
            "_selected_action": [a.pk for a in actions],
            "apply": "Record status",
            "meeting": sec13.pk,
            "status": Status.IN_PROGRESS,
            "note": "Drafting continues",
        },
        follow=True,
    )

    assert "Recorded “In progress” at SEC#13 for 2 actions." in response.text
    for action in actions:
        update = action.updates.get()
        assert (update.meeting, update.status, update.note, update.date) == (
            sec13,
            Status.IN_PROGRESS,
            "Drafting continues",
            sec13.start_date,
        )
        assert update.updated_by == secretary


def test_an_invalid_status_is_asked_for_again(secretary_client):
    action = make_action("A-WG4-TP12-011")

    response = secretary_client.post(
        CHANGELIST,
        {
            "action": "record_status_update",
            "_selected_action": [action.pk],
            "apply": "Record status",
            "status": "sort of done",
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not action.updates.exists()


def test_the_list_shows_current_status_and_marks_reused_references(secretary_client):
    make_action("A-WG4-TP12-012", "ACTION ITEM to continue to work on the simplification")
    make_action("A-WG4-TP12-012", "Contribute to WG3 the XSD", occurrence=2, status=Status.CLOSED)
    make_action("A-WG4-TP12-013", "Contribute towards procedures for remote provisioning")

    response = secretary_client.get(CHANGELIST, {"duplicate": "yes"})

    assert response.text.count("A-WG4-TP12-012 — used twice") == 2
    assert "A-WG4-TP12-013" not in response.text
    assert "Closed" in response.text


def test_filtering_by_current_status(secretary_client):
    make_action("A-WG4-TP11-002", status=Status.OPEN)
    make_action("A-WG4-TP11-003", status=Status.IN_PROGRESS)
    make_action("A-WG4-TP11-004", status=Status.CLOSED)

    any_open = secretary_client.get(CHANGELIST, {"status": "any_open"}).text
    closed = secretary_client.get(CHANGELIST, {"status": "closed"}).text

    assert "A-WG4-TP11-002" in any_open and "A-WG4-TP11-003" in any_open
    assert "A-WG4-TP11-004" not in any_open
    assert "A-WG4-TP11-004" in closed and "A-WG4-TP11-002" not in closed


def test_the_status_history_is_edited_in_the_order_that_decides_the_status(secretary_client):
    from actions.status import record_status

    sec13 = make_meeting(number="13")  # undated, as minutes leave it
    action = make_action("A-WG4-TP11-003", "address Security over Mcc'", owners="All")
    record_status([action], Status.IN_PROGRESS)
    record_status([action], Status.CLOSED, meeting=sec13)

    response = secretary_client.get(f"{CHANGELIST}{action.pk}/change/")

    rows = response.context["inline_admin_formsets"][0].formset.queryset
    assert [(str(u.meeting or ""), u.status) for u in rows] == [
        ("", Status.IN_PROGRESS),
        ("SEC#13", Status.CLOSED),
    ]
