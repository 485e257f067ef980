import csv
import io

import pytest

from actions.models import ActionItem
from tests.make import import_sample, link, make_record, queries_for

pytestmark = pytest.mark.django_db


def test_open_actions_of_a_company(client):
    import_sample()

    response = client.get("/actions/", {"status": "any_open", "owner": "Qualcomm"})

    assert response.status_code == 200
    assert "7 actions." in response.text
    assert "A-WG4-TP11-002" in response.text  # "Qualcomm & CATT"
    assert "A-WG4-TP11-004" not in response.text  # Gemalto's


def test_filters_by_group_meeting_and_overdue(client):
    import_sample()
    ActionItem.objects.filter(reference="A-WG4-TP12-013").update(due_date="2014-09-01")

    assert "14 actions." in client.get("/actions/", {"group": "SEC"}).text
    assert "6 actions." in client.get("/actions/", {"meeting": "SEC#12"}).text
    assert "6 actions." in client.get("/actions/", {"meeting": "wg4 12"}).text  # as typed
    unknown = client.get("/actions/", {"meeting": "SEC#99"})
    assert unknown.status_code == 400
    assert "There is no meeting SEC#99 in the record." in unknown.text
    overdue = client.get("/actions/", {"overdue": "yes"}).text
    assert "1 action." in overdue and "A-WG4-TP12-013" in overdue


def test_a_reused_reference_is_visible_and_marked(client):
    import_sample()

    text = client.get("/actions/").text

    assert text.count("reference used twice") == 2


def test_bad_filters_get_a_400(client):
    assert client.get("/actions/", {"status": "sort of"}).status_code == 400


@pytest.mark.parametrize("size", [10, 200])
def test_the_list_takes_the_same_queries_at_any_size(client, size):
    make_record(size)

    # Form choices: owners, groups, meetings; the count and the page.
    assert queries_for(client, "/actions/")[0] == 5
    # And the organisation named in the filter.
    assert queries_for(client, "/actions/?status=any_open&owner=Qualcomm")[0] == 6


def test_an_action_shows_its_history_and_its_twin(client):
    import_sample()
    first, second = ActionItem.objects.filter(reference="A-WG4-TP12-012")

    text = client.get(f"/actions/{first.pk}/").text

    assert "The minutes use this reference for more than one action" in text
    assert f'href="/actions/{second.pk}/"' in text
    assert '<a href="/meetings/SEC/12/">SEC#12</a>' in text and "Open" in text


@pytest.mark.parametrize("size", [10, 200])
def test_the_action_page_takes_the_same_queries_at_any_size(client, size):
    make_record(size)
    action = ActionItem.objects.first()

    # The action, its history, its owners, others with its reference.
    assert queries_for(client, f"/actions/{action.pk}/")[0] == 4


def test_the_action_list_downloads_as_csv(client):
    import_sample()

    response = client.get("/actions/export.csv", {"owner": "Gemalto"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert rows[0] == [
        "Reference",
        "What",
        "Who",
        "Raised at",
        "Status",
        "Due",
        "Reference used twice",
    ]
    assert [row[0] for row in rows[1:]] == ["A-WG4-TP11-004", "A-WG4-TP11-005"]


def test_the_rendered_links_keep_the_filters(client, monkeypatch):
    import_sample()
    monkeypatch.setattr("actions.views.PER_PAGE", 3)
    first = client.get("/actions/", {"status": "any_open", "owner": "Qualcomm"})

    second = client.get(link(first, "next"))
    exported = client.get(link(first, "Download them (CSV)"))

    assert "7 actions." in second.text and "Page 2 of 3" in second.text
    assert len(list(csv.reader(io.StringIO(exported.content.decode("utf-8")[1:])))) == 1 + 7


def test_the_minutes_of_a_later_meeting_set_the_status_recorded_between_meetings(client):
    from actions.models import Status
    from actions.status import record_status
    from meetings.minutes.dialects.onem2m import parse
    from meetings.minutes.importer import import_minutes
    from meetings.minutes.readers import read_text
    from tests.meetings.minutes.helpers import sample_text

    import_sample()  # SEC#12: A-WG4-TP11-003 OPEN
    action = ActionItem.objects.get(reference="A-WG4-TP11-003")
    record_status([action], Status.IN_PROGRESS)
    sec13 = (
        sample_text()
        .replace("SEC_12_Agenda", "SEC_13_Agenda")
        .replace(
            "\tA-WG4-TP11-003\n\taddress Security over Mcc'\n\tAll\n\tOPEN",
            "\tA-WG4-TP11-003\n\taddress Security over Mcc'\n\tAll\n\tCLOSED",
        )
    )
    document = read_text(sec13.encode())
    import_minutes(parse(document), document, name="sec13.txt", raw=sec13.encode())

    text = client.get(f"/actions/{action.pk}/").text
    closed = client.get("/actions/", {"status": "closed"}).text

    assert '<h1>A-WG4-TP11-003 <span class="badge status-closed">' in text
    assert text.index(">SEC#12<") < text.index("between meetings") < text.index(">SEC#13<")
    assert "A-WG4-TP11-003" in closed
