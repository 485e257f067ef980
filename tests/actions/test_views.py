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
