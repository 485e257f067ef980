"""The dialect seam: files read by content, the dialect that recognises them, meetings named
by number or date, and no empty record reported as an import."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from contributions.models import Contribution, Handling, Revision
from meetings.identifiers import MeetingName, meeting_name, parse_meeting_name
from meetings.minutes import dialects, load, read
from meetings.minutes.importer import import_minutes
from meetings.minutes.readers import MinutesError, read_text
from meetings.minutes.records import (
    Contribution as ParsedContribution,
)
from meetings.minutes.records import (
    MeetingInfo,
    Minutes,
    Resolution,
    RevisionEntry,
    Section,
)
from meetings.minutes.undo import undo_import
from meetings.models import AgendaSection, Group, Meeting
from tests.meetings.test_ingest_command import ingest

from .helpers import SAMPLE

# A paragraph of real W3C scribe.perl output (VCWG, 8 October 2025).
SCRIBE_HTML = b"""<!DOCTYPE html>
<html lang=en><head>
<title>Verifiable Credentials Working Group Telco &ndash; 08 October 2025</title></head>
<body><h1>Verifiable Credentials Working Group Telco</h1><h2>08 October 2025</h2>
<p id=073b class=resolution><strong>RESOLUTION:</strong> We will publish a First Public
Working Draft of Render Method.</p>
</body></html>
"""


# Reading by content ---------------------------------------------------------------------------


def test_html_saved_as_text_is_still_read_as_html():
    assert read(SCRIBE_HTML, "minutes.txt").format == "html"
    assert read(b"\xef\xbb\xbf  <!-- saved -->\n<html><body>x</body></html>", "a.txt").format == (
        "html"
    )


def test_markdown_is_told_by_its_headings_or_its_name_and_the_onem2m_text_stays_text():
    assert read(b"## TAG Teleconference\n\nPresent: Dan\n", "notes.txt").format == "markdown"
    assert read(b"Present: Dan\n", "notes.md").format == "markdown"
    assert read(SAMPLE.read_bytes(), SAMPLE.name).format == "text"


def test_an_old_binary_word_file_is_refused_with_what_to_do():
    with pytest.raises(MinutesError, match=r"old binary Word \(.doc\) file: save it as .docx"):
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "report.doc")


# Choosing the dialect -------------------------------------------------------------------------


def test_the_onem2m_sample_is_recognised_as_onem2m():
    document = read_text(SAMPLE.read_bytes())
    assert dialects.DIALECTS["onem2m"].detect(document) == pytest.approx(1.0)
    assert load(SAMPLE, max_bytes=10**8).minutes.dialect == "onem2m"


@pytest.mark.django_db
def test_a_text_that_is_not_minutes_is_refused_naming_the_dialects_tried(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear all,\nthe coffee machine on the third floor is fixed.\nThanks\n")

    with pytest.raises(MinutesError) as refused:
        load(path, meeting="SEC#12", max_bytes=10**6)

    assert str(refused.value) == (
        "no section, contribution, decision, resolution or action was recognised in this file "
        "(dialects tried: onem2m); nothing was imported"
    )


@pytest.mark.django_db
def test_a_dialect_chosen_for_a_format_it_does_not_read_says_so(tmp_path):
    path = tmp_path / "vcwg.html"
    path.write_bytes(SCRIBE_HTML)

    with pytest.raises(MinutesError, match="the onem2m dialect reads text or docx files; this "):
        load(path, max_bytes=10**6, dialect="onem2m")
    with pytest.raises(MinutesError, match='unknown dialect "scribe": Plenary reads onem2m'):
        load(path, max_bytes=10**6, dialect="scribe")


# Meeting names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        ("SEC#12", MeetingName("SEC", "12"), "SEC#12"),
        (" wg4 # 27.1 ", MeetingName("wg4", "27.1"), "wg4#27.1"),
        ("httpbis@IETF119", MeetingName("httpbis", "IETF119"), "httpbis@IETF119"),
        ("vcwg@2025-10-08", MeetingName("vcwg", None, "2025-10-08"), "vcwg@2025-10-08"),
        ("wot-td#2025-10-15", MeetingName("wot-td", None, "2025-10-15"), "wot-td@2025-10-15"),
    ],
)
def test_a_meeting_is_named_by_number_host_meeting_or_date(text, name, written):
    assert parse_meeting_name(text) == name
    assert str(name) == meeting_name(name.group, name.key) == written


@pytest.mark.parametrize("text", ["SEC12", "SEC#12/2", "#12", "SEC#", "1SEC#12", "a b#1"])
def test_anything_else_is_not_a_meeting(text):
    with pytest.raises(ValueError, match="is not a meeting like SEC#12"):
        parse_meeting_name(text)


# A meeting known by its date, and drafts as documents ---------------------------------------


def w3c_call(day="2025-10-08", resolution="We will publish a First Public Working Draft."):
    minutes = Minutes(
        dialect="w3c-scribe",
        meeting=MeetingInfo(
            group="vcwg",
            group_name="Verifiable Credentials Working Group",
            date=day,
            dates=[day],
            line=3,
        ),
    )
    minutes.sections.append(Section("1", "Render Method FPWD", 10, notes="brent: any objections?"))
    minutes.resolutions.append(Resolution(resolution, "1", 12))
    return minutes


def import_records(minutes, text="line\n" * 20, name="minutes.html"):
    from types import SimpleNamespace

    document = SimpleNamespace(format="html", text=text)
    return import_minutes(minutes, document, name=name, raw=(name + text).encode())


@pytest.mark.django_db
def test_a_call_known_by_its_date_is_a_meeting_of_its_group_with_a_readable_address(client):
    import_records(w3c_call())
    import_records(w3c_call("2025-10-15", "Publish the CR."), text="other\n" * 20)

    meetings = Meeting.objects.filter(group__code="vcwg").order_by("start_date")
    assert [str(m) for m in meetings] == ["vcwg@2025-10-08", "vcwg@2025-10-15"]
    first = meetings[0]
    assert first.start_date == date(2025, 10, 8) and first.group.name.startswith("Verifiable")
    assert first.get_absolute_url() == "/meetings/vcwg/2025-10-08/"
    page = client.get(first.get_absolute_url())
    assert page.status_code == 200
    assert "We will publish a First Public Working Draft." in page.text
    assert "brent: any objections?" in page.text  # the topic's discussion
    assert first.source_files.get().dialect == "w3c-scribe"


@pytest.mark.django_db
def test_undoing_a_dated_meetings_import_puts_its_dates_back():
    result = import_records(w3c_call())
    meeting = Meeting.objects.get()
    meeting.start_date = None
    meeting.save()
    corrected = import_records(w3c_call(), text="corrected\n" * 20)
    meeting.refresh_from_db()
    assert meeting.start_date == date(2025, 10, 8)

    undo_import(corrected.source)

    meeting.refresh_from_db()
    assert meeting.start_date is None
    assert result.source.pk


@pytest.mark.django_db
def test_an_internet_draft_is_a_document_whose_versions_are_its_revisions():
    minutes = Minutes(
        dialect="ietf",
        meeting=MeetingInfo(
            group="quic",
            group_name="QUIC WG",
            number="IETF118",
            date="2023-11-08",
            dates=["2023-11-08"],
        ),
    )
    minutes.sections.append(Section("1", "Multipath QUIC", 5))
    minutes.contributions.append(
        ParsedContribution(
            "draft-ietf-quic-multipath",
            title="Multipath Extension for QUIC",
            presented_by="Yanmei Liu",
            line=5,
            revisions=[RevisionEntry("draft-ietf-quic-multipath-06", "1", 5, None, "LP: ...")],
        )
    )
    minutes.contributions.append(
        ParsedContribution(
            "draft-duke-quic-version-aliasing",
            revisions=[RevisionEntry("draft-duke-quic-version-aliasing", "1", 9)],
        )
    )

    import_records(minutes)

    meeting = Meeting.objects.get()
    assert str(meeting) == "quic@IETF118"
    draft = Contribution.objects.get(number="draft-ietf-quic-multipath")
    assert (draft.group.code, draft.year, draft.serial) == ("quic", 2023, None)
    assert list(draft.revisions.values_list("number", flat=True)) == [
        "draft-ietf-quic-multipath-06"
    ]
    individual = Contribution.objects.get(number="draft-duke-quic-version-aliasing")
    assert individual.group == meeting.group  # an individual draft: the meeting's group
    assert Revision.objects.get(number="draft-duke-quic-version-aliasing").revision == 0
    handling = Handling.objects.get(revision__number="draft-ietf-quic-multipath-06")
    assert (handling.presenter.name, handling.notes) == ("Yanmei Liu", "LP: ...")
    assert AgendaSection.objects.get().title == "Multipath QUIC"
    assert Group.objects.count() == 1


# The command and the admin --------------------------------------------------------------------


def test_list_dialects_names_each_with_what_it_reads():
    out = StringIO()
    call_command("ingest_minutes", list_dialects=True, stdout=out)

    lines = out.getvalue().splitlines()
    assert len(lines) == len(dialects.DIALECTS)
    assert lines[0].split()[0] == "onem2m" and "(text, docx)" in lines[0]


@pytest.mark.django_db
def test_the_json_names_each_files_dialect_and_meeting():
    out, _, error = ingest(SAMPLE, dry_run=True, json=True)

    (read_file,) = json.loads(out)["files"]
    assert error is None
    assert read_file["dialect"] == "onem2m"
    assert {key: read_file["meeting"][key] for key in ("group", "number", "date", "dates")} == {
        "group": "SEC",
        "number": "12",
        "date": None,
        "dates": [],
    }


@pytest.mark.django_db
def test_the_admin_upload_reads_in_the_dialect_chosen(secretary_client, settings, tmp_path):
    settings.MINUTES_UPLOAD_DIR = tmp_path
    response = secretary_client.post(
        "/admin/meetings/sourcefile/import/",
        {
            "files": [SimpleUploadedFile("sec12.txt", SAMPLE.read_bytes())],
            "meeting": "",
            "dialect": "onem2m",
        },
    )
    preview = secretary_client.get(response["Location"])

    assert "Read as oneM2M minutes (Word, or its text export)." in preview.text
    assert "<strong>SEC#12</strong>" in preview.text


@pytest.mark.django_db
def test_the_admin_upload_refuses_a_meeting_it_cannot_read(secretary_client, settings, tmp_path):
    settings.MINUTES_UPLOAD_DIR = tmp_path
    response = secretary_client.post(
        "/admin/meetings/sourcefile/import/",
        {"files": [SimpleUploadedFile("sec12.txt", SAMPLE.read_bytes())], "meeting": "SEC 12"},
    )

    assert response.status_code == 200
    assert "is not a meeting like SEC#12, httpbis@IETF119 or vcwg@2025-10-08" in response.text
