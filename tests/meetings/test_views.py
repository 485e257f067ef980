import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions.models import ActionItem
from meetings.minutes.undo import undo_import
from meetings.models import Meeting, Organisation, SourceFile
from meetings.views import _recent_outcomes
from tests.make import (
    import_sample,
    make_action,
    make_contribution,
    make_group,
    make_handling,
    make_meeting,
    make_organisation,
    make_person,
    make_record,
    make_section,
    queries_for,
)

pytestmark = pytest.mark.django_db


def test_meetings_are_listed_by_group(client):
    import_sample()

    response = client.get("/meetings/", {"group": "SEC"})

    assert response.status_code == 200
    assert '<a href="/meetings/SEC/12/">SEC#12</a>' in response.text
    assert "No meetings match" in client.get("/meetings/", {"group": "ARC"}).text
    # SEC#12 has no dates in its minutes; it counts in the year of its documents.
    assert "SEC#12" in client.get("/meetings/", {"year": "2014"}).text
    assert "No meetings match" in client.get("/meetings/", {"year": "2015"}).text


def test_the_meeting_page_shows_the_agenda_with_decisions(client):
    import_sample()

    text = client.get("/meetings/SEC/12/").text

    assert text.index("6.5 Clause 8.2") < text.index("5.6 Clause 8.3") < text.index("6.7 Chapter 9")
    section_62 = text[text.index("6.2 Chapter 6") : text.index("6.3 Chapter 7")]
    assert "SEC-2014-0363R01" in section_62
    assert '<span class="badge badge-positive">Agreed</span>' in section_62
    assert "It was AGREED to support ID Based Access Control" in text
    assert "A-WG4-TP12-009" in text  # raised in 6.4
    assert "TP 13, September 2014, Phoenix, AZ, USA" in text
    assert "oneM2M-SEC12-minutes.txt" in text


def test_the_action_item_status_table_is_shown_where_the_minutes_give_it(client):
    import_sample()
    ActionItem.objects.get(reference="A-WG4-TP11-003").updates.create(
        status="closed", date=timezone.localdate()
    )

    text = client.get("/meetings/SEC/12/").text

    section_5 = text[text.index("5 Action Item Status") : text.index("6 Contributions")]
    assert "Action item status at this meeting" in section_5
    # All 14 rows of the table: those carried over from earlier meetings and those raised here.
    assert section_5.count('<tr>\n    <th scope="row"><a href="/actions/') == 14
    carried = section_5[section_5.index(">A-WG4-TP10.7-001<") : section_5.index(">A-WG4-TP11-002<")]
    assert "Clarify applicability of DM technology for remote administration" in carried
    # Closed since, recorded between meetings: open here, closed now.
    closed = section_5[section_5.index(">A-WG4-TP11-003<") : section_5.index(">A-WG4-TP11-004<")]
    assert closed.index(">Open<") < closed.index(">Closed<")


def test_a_meeting_row_names_the_document_its_sources_and_who_presented_it(client):
    meeting = make_meeting()
    section = make_section(meeting, "6.2", "Chapter 6")
    make_contribution("SEC-2014-0363", "Protection levels", sources=["Qualcomm", "Gemalto"])
    make_handling("SEC-2014-0363R01", meeting, section, "agreed", presenter=make_person("Ann Lee"))
    make_handling(
        "SEC-2014-0364", meeting, None, "", presenting_organisation=make_organisation("LGE")
    )

    text = client.get("/meetings/SEC/12/").text

    section_62 = text[text.index("6.2 Chapter 6") : text.index("Outside any agenda item")]
    assert '<a href="/contributions/SEC-2014-0363/#SEC-2014-0363R01">SEC-2014-0363R01</a>' in (
        section_62
    )
    assert "<td>Protection levels</td>" in section_62  # the family's title; R01 has none
    assert "<td>Gemalto, Qualcomm</td>" in section_62
    assert "<td>Ann Lee</td>" in section_62
    assert '<span class="badge badge-positive">Agreed</span>' in section_62
    unplaced = text[text.index("Outside any agenda item") :]
    assert '<h3 id="section-none">Outside any agenda item</h3>' in text
    assert "SEC-2014-0364" in unplaced and "<td>LGE</td>" in unplaced
    assert '<span class="badge badge-open">No decision yet</span>' in unplaced


def test_the_meeting_page_summarises_outcomes_as_a_chart(client):
    import_sample()

    text = client.get("/meetings/SEC/12/").text

    assert '<svg class="chart"' in text
    assert "31 agreed" in text and "22 noted" in text and "4 withdrawn or rejected" in text


@pytest.mark.parametrize("size", [10, 200])
def test_the_meeting_page_takes_the_same_queries_at_any_size(client, size):
    make_record(size)

    # Meeting, sections, handlings, their sources, resolutions, actions raised, actions
    # reviewed, outcome decisions, source files.
    assert queries_for(client, "/meetings/SEC/12/")[0] == 9


@pytest.mark.parametrize("size", [10, 200])
def test_the_meeting_list_takes_the_same_queries_at_any_size(client, size):
    make_record(size)

    # Groups, each group's latest meetings, the groups' totals, the shown meetings' counts.
    assert queries_for(client, "/meetings/")[0] == 4


def test_a_meeting_the_minutes_did_not_date_is_listed_by_its_number(client):
    sec = make_group()
    for number in range(1, 11):
        make_meeting(sec, str(number), start_date=datetime.date(2014, number, 1))
    make_meeting(sec, "11")  # just imported: minutes rarely state their date

    overview = client.get("/meetings/").text
    whole = client.get("/meetings/", {"group": "SEC"}).text

    assert "SEC#11<" in overview and "SEC#1<" not in overview
    assert whole.index("SEC#11<") < whole.index("SEC#10<") < whole.index("SEC#9<")


def test_the_overview_shows_each_groups_latest_meetings_and_links_to_all(client):
    sec = make_group()
    for number in range(1, 14):
        make_meeting(sec, str(number))
    make_handling("SEC-2014-0363R01", Meeting.objects.get(number="13"), None, "agreed")

    overview = client.get("/meetings/").text
    whole = client.get("/meetings/", {"group": "SEC"}).text

    assert "SEC#13" in overview and "SEC#4" in overview and "SEC#3<" not in overview
    assert '<a href="?group=SEC">All 13 SEC meetings</a>' in overview
    assert "SEC#3<" in whole and "All 13" not in whole
    # The counts of the meetings shown: SEC#13 handled one document and agreed it.
    assert "<td>1</td>\n    <td>1</td>" in overview


def test_the_document_list_downloads_as_csv(client):
    import_sample()

    response = client.get("/meetings/SEC/12/documents.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="SEC-12-documents.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffNumber,Title,Source,Meeting,Agenda item,Presenter,Decision")
    rows = list(csv.reader(io.StringIO(text[1:])))
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number["SEC-2014-0363R01"][4:9] == [
        "6.2 Chapter 6",
        "Dragan Vujcic",
        "Agreed",
        "SEC-2014-0363",
        "",
    ]
    assert by_number["SEC-2014-0390R02"][8] == "SEC-2014-0390R03"
    assert by_number["SEC-2014-0357"][2] == "Gemalto; Giesecke & Devrient; Oberthur Technologies"
    assert len(rows) == 1 + 68


@pytest.mark.parametrize("size", [10, 200])
def test_the_document_list_takes_the_same_queries_at_any_size(client, size):
    make_record(size)

    assert queries_for(client, "/meetings/SEC/12/documents.csv")[0] == 5


def test_an_organisation_page_shows_outcomes_per_meeting_and_open_actions(client):
    import_sample()
    qualcomm = Organisation.objects.get(name="Qualcomm")

    text = client.get(f"/organisations/{qualcomm.pk}/").text

    assert '<a href="/meetings/SEC/12/">SEC#12</a>' in text
    assert "agreed" in text and "SEC-2014-0386" in text
    assert "A-WG4-TP12-013" in text  # open, owned by Qualcomm


def test_an_organisation_chart_covers_the_latest_meetings_with_all_their_outcomes(client):
    gemalto = make_organisation("Gemalto")
    first = datetime.date(2024, 1, 15)
    meetings = [
        make_meeting(number=str(n), start_date=first + datetime.timedelta(weeks=4 * n))
        for n in range(1, 15)
    ]  # SEC#1 to SEC#14; the chart's window is the latest ten, SEC#5 to SEC#14
    handled = [
        (meetings[0], "agreed"),
        (meetings[-1], "agreed"),
        (meetings[-1], "agreed"),
        (meetings[-1], "noted"),
        (meetings[-2], "withdrawn"),
    ]
    for serial, (meeting, decision) in enumerate(handled, start=1):
        make_contribution(f"SEC-2024-{serial:04d}", sources=["Gemalto", "Qualcomm"])
        make_handling(f"SEC-2024-{serial:04d}", meeting, decision=decision)
    make_contribution("SEC-2024-0099", sources=["Qualcomm"])
    make_handling("SEC-2024-0099", meetings[-1], decision="rejected")  # not Gemalto's

    text = client.get(f"/organisations/{gemalto.pk}/").text

    assert "The record's 10 latest meetings, since 3 June 2024" in text
    assert text.index('<a href="/meetings/SEC/14/">SEC#14</a>') < text.index(
        '<a href="/meetings/SEC/13/">SEC#13</a>'
    )
    assert "SEC#14: 2 agreed, 1 noted</title>" in text
    assert "SEC#13: 1 withdrawn or rejected</title>" in text
    assert "SEC#12" not in text  # nothing of Gemalto's was handled there
    assert '<a href="/meetings/SEC/1/">' not in text  # outside the window
    assert (
        '<a href="/contributions/?organisation=Gemalto&amp;meeting=SEC%2314">'
        "Its contributions handled at SEC#14</a>" in text
    )
    listed = client.get("/contributions/", {"organisation": "Gemalto", "meeting": "SEC#14"}).text
    assert "3 contributions." in listed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL plan")
def test_an_organisation_chart_asks_handling_by_handling_whether_it_is_its_own():
    """A few thousand handlings at ten meetings, each looked up. As a join or an EXISTS,
    PostgreSQL could read every revision, or hash all of a large member's links (280,000
    handlings at a million revisions)."""
    make_record(5)
    with connection.cursor() as cursor:
        # Make joining and hashing look free: the plan must not change.
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
    with CaptureQueriesContext(connection) as queries:
        _recent_outcomes(Organisation.objects.get(name="Gemalto"))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())

    # A subquery per handling (with one inside for its revision), never hashed or joined.
    assert "SubPlan 2" in plan
    assert "Join" not in plan and "hashed" not in plan


def test_an_organisation_chart_says_when_there_is_nothing_to_draw(client):
    gemalto = make_organisation("Gemalto")
    page = f"/organisations/{gemalto.pk}/"

    assert "No meetings are in the record yet." in client.get(page).text
    make_meeting(number="13")
    cache.clear()  # written neither by an import nor in the admin: see the test below
    text = client.get(page).text
    assert "The record's 1 latest meeting;" in text
    assert "None of its contributions was handled at these meetings." in text


def test_an_organisation_page_lists_fifty_open_actions_and_links_to_all(client):
    qualcomm = make_organisation("Qualcomm")
    for n in range(1, 53):
        action = make_action(f"A-WG4-TP12-{n:03d}", status="open")
        action.owner_organisations.add(qualcomm)
    make_action("A-WG4-TP12-000", status="closed").owner_organisations.add(qualcomm)

    text = client.get(f"/organisations/{qualcomm.pk}/").text

    actions = text[text.index("<h2>Open actions</h2>") :]
    assert actions.count("<tr") == 1 + 50  # the header and fifty rows
    assert actions.index("A-WG4-TP12-001") < actions.index("A-WG4-TP12-050")  # by reference
    assert "A-WG4-TP12-051" not in actions and "A-WG4-TP12-000" not in actions
    assert "The first 50 by reference;" in actions
    assert '<a href="/actions/?status=any_open&amp;owner=Qualcomm">all its open actions</a>' in (
        actions
    )
    everything = client.get("/actions/", {"status": "any_open", "owner": "Qualcomm"}).text
    assert "52 actions." in everything


@pytest.mark.parametrize("size", [10, 200])
def test_organisation_pages_take_the_same_queries_at_any_size(client, size):
    make_record(size)
    gemalto = Organisation.objects.get(name="Gemalto")

    # The record's version (imports, admin edits), then the organisations with their counts.
    assert queries_for(client, "/organisations/")[0] == 3
    assert queries_for(client, "/organisations/")[0] == 2  # the counts come from the cache
    # Organisation, the record's version, the latest meetings, the outcomes there, how many
    # contributions it has (up to a limit), its newest, their sources, their latest
    # decisions, open actions.
    assert queries_for(client, f"/organisations/{gemalto.pk}/")[0] == 10
    # Then the record's part comes from the cache.
    assert queries_for(client, f"/organisations/{gemalto.pk}/")[0] == 3


def test_an_organisation_page_shows_what_an_import_changed(client):
    import_sample()
    gemalto = Organisation.objects.get(name="Gemalto")
    page = f"/organisations/{gemalto.pk}/"
    assert "SEC-2014-0357" in client.get(page).text

    undo_import(SourceFile.objects.get())

    assert "SEC-2014-0357" not in client.get(page).text


def test_an_undone_import_is_no_longer_listed_as_the_meetings_minutes(client, secretary):
    from meetings.minutes.dialects.onem2m import parse
    from meetings.minutes.importer import import_minutes
    from meetings.minutes.readers import read_text
    from tests.meetings.minutes.helpers import SAMPLE

    import_sample()
    corrected = SAMPLE.read_text(encoding="utf-8").replace(
        "· SEC-2014-0382 was NOTED", "· SEC-2014-0382 was AGREED"
    )
    first = SourceFile.objects.get()
    document = read_text(corrected.encode())
    second = import_minutes(
        parse(document), document, name="sample-v2.txt", raw=corrected.encode()
    ).source
    undo_import(second, secretary)

    meeting_page = client.get("/meetings/SEC/12/").text
    undone_page = client.get(f"/meetings/minutes/{second.pk}/").text

    assert f'<a href="/meetings/minutes/{first.pk}/">oneM2M-SEC12-minutes.txt</a></dd>' in (
        meeting_page
    )
    assert "sample-v2.txt" not in meeting_page
    assert "This import was undone on " in undone_page and " by secretary: " in undone_page
    assert "This import was undone" not in client.get(f"/meetings/minutes/{first.pk}/").text
