import csv
import io

import pytest

from meetings.models import Organisation, SourceFile
from tests.make import (
    import_sample,
    make_contribution,
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


@pytest.mark.parametrize("size", [10, 200])
def test_the_minutes_page_takes_one_query(client, size):
    make_record(size)
    source = SourceFile.objects.create(
        name="m.txt", sha256="3" * 64, format="text", size=3, text="a\nb\nc"
    )

    assert queries_for(client, f"/meetings/minutes/{source.pk}/")[0] == 1


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

    # Meeting, sections, handlings, their sources, resolutions, actions, outcome decisions,
    # source files.
    assert queries_for(client, "/meetings/SEC/12/")[0] == 8


@pytest.mark.parametrize("size", [10, 200])
def test_the_meeting_list_takes_the_same_queries_at_any_size(client, size):
    make_record(size)

    assert queries_for(client, "/meetings/")[0] == 2


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


def test_the_minutes_page_shows_numbered_lines(client):
    import_sample()
    source = SourceFile.objects.get()

    text = client.get(f"/meetings/minutes/{source.pk}/").text

    assert '<tr id="line-151"><th scope="row"><a href="#line-151">151</a></th>' in text
    assert "· SEC-2014-0363R01 was AGREED" in text


def test_an_organisation_page_shows_outcomes_per_meeting_and_open_actions(client):
    import_sample()
    qualcomm = Organisation.objects.get(name="Qualcomm")

    text = client.get(f"/organisations/{qualcomm.pk}/").text

    assert '<a href="/meetings/SEC/12/">SEC#12</a>' in text
    assert "agreed" in text and "SEC-2014-0386" in text
    assert "A-WG4-TP12-013" in text  # open, owned by Qualcomm


@pytest.mark.parametrize("size", [10, 200])
def test_organisation_pages_take_the_same_queries_at_any_size(client, size):
    make_record(size)
    gemalto = Organisation.objects.get(name="Gemalto")

    assert queries_for(client, "/organisations/")[0] == 1
    # Organisation, decisions, meetings, contributions, their sources, their latest decisions,
    # open actions.
    assert queries_for(client, f"/organisations/{gemalto.pk}/")[0] == 7
