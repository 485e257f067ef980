"""The secretariat imports from the admin: upload, preview, confirm or cancel, review, undo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from contributions.models import Handling
from meetings.models import Group, ImportWarning, SourceFile, Upload
from tests.meetings.minutes.helpers import SAMPLE, sample_text
from tests.meetings.minutes.test_undo import record_counts

pytestmark = pytest.mark.django_db

IMPORT = "/admin/meetings/sourcefile/import/"


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.MINUTES_UPLOAD_DIR = tmp_path / "uploads"
    return settings.MINUTES_UPLOAD_DIR


def upload(client, *files, meeting=""):
    files = files or (SimpleUploadedFile("sec12.txt", SAMPLE.read_bytes()),)
    return client.post(IMPORT, {"files": list(files), "meeting": meeting})


def decisions():
    return sorted(Handling.objects.values_list("revision__number", "section__number", "decision"))


def test_upload_preview_confirm_gives_what_the_command_gives(secretary_client, secretary):
    response = upload(secretary_client)
    assert response.status_code == 302
    preview = secretary_client.get(response["Location"])
    assert "a new meeting for the record" in preview.text
    assert not SourceFile.objects.exists()  # nothing written by the preview

    upload_id = Upload.objects.get().pk
    confirmed = secretary_client.post(
        "/admin/meetings/sourcefile/import/confirm/", {"uploads": upload_id}, follow=True
    )

    assert "Imported sec12.txt: SEC#12 added." in confirmed.text
    source = SourceFile.objects.get()
    assert source.imported_by == secretary and source.warnings.count() == 25
    by_admin = (record_counts(), decisions())
    secretary_client.post(f"/admin/meetings/sourcefile/{source.pk}/undo/")
    call_command("ingest_minutes", str(SAMPLE), verbosity=0)
    assert (record_counts(), decisions()) == by_admin


def test_the_preview_shows_counts_warnings_in_context_and_the_minutes(secretary_client):
    preview = secretary_client.get(upload(secretary_client)["Location"])

    text = preview.text
    assert '<th scope="row">Agenda sections</th><td>27</td>' in text
    assert "Line 221: Incomplete number: &quot;SEC-2014- was NOTED&quot;" in text
    assert "· SEC-2014- was NOTED" in text  # the line itself, in context
    assert "SEC-2014-0363R01" in text and "agreed" in text


def test_cancel_writes_nothing_and_discards_the_file(secretary_client, upload_dir):
    upload(secretary_client)
    upload_id = Upload.objects.get().pk

    secretary_client.post("/admin/meetings/sourcefile/import/cancel/", {"uploads": upload_id})

    assert not Upload.objects.exists() and not SourceFile.objects.exists()
    assert list(upload_dir.iterdir()) == []


def test_an_imported_file_uploaded_again_previews_as_unchanged(secretary_client):
    call_command("ingest_minutes", str(SAMPLE), verbosity=0)

    preview = secretary_client.get(upload(secretary_client)["Location"])

    assert "this file was imported before; importing it again changes nothing" in preview.text


def test_a_corrected_file_previews_its_changes_before_writing_them(secretary_client):
    call_command("ingest_minutes", str(SAMPLE), verbosity=0)
    corrected = sample_text().replace(
        "· SEC-2014-0363R01 was AGREED", "· SEC-2014-0363R01 was POSTPONED"
    )

    preview = secretary_client.get(
        upload(secretary_client, SimpleUploadedFile("v2.txt", corrected.encode()))["Location"]
    )

    assert (
        "SEC-2014-0363R01 at SEC#12 6.2: decision &#x27;agreed&#x27; → &#x27;postponed&#x27;"
        in (preview.text)
    )
    assert Handling.objects.get(revision__number="SEC-2014-0363R01").decision == "agreed"


def test_a_file_that_only_moved_lines_previews_every_row_as_unchanged(secretary_client):
    call_command("ingest_minutes", str(SAMPLE), verbosity=0)
    moved = "Minutes of SEC#12, final\n" + sample_text()

    preview = secretary_client.get(
        upload(secretary_client, SimpleUploadedFile("v2.txt", moved.encode()))["Location"]
    )

    # Label, new, changed, unchanged, removed.
    row = '<tr><th scope="row">{}</th><td>0</td><td>0</td><td>{}</td><td>0</td></tr>'
    assert row.format("Agenda sections", 27) in preview.text
    assert row.format("Revisions handled", 68) in preview.text
    assert row.format("Action items", 14) in preview.text


def test_files_that_cannot_be_read_show_their_one_line_error(secretary_client):
    response = upload(
        secretary_client,
        SimpleUploadedFile("binary.txt", b"6.1\x00\x01"),
        SimpleUploadedFile("sec12.txt", SAMPLE.read_bytes()),
    )
    preview = secretary_client.get(response["Location"])

    assert "This file cannot be imported: the file contains NUL bytes" in preview.text
    assert "Confirm the import" in preview.text  # the good file still can be


def test_unsupported_files_are_refused_at_upload(secretary_client):
    response = upload(secretary_client, SimpleUploadedFile("minutes.pdf", b"%PDF-1.4"))

    assert response.status_code == 200
    assert "minutes.pdf: unsupported file type .pdf" in response.text
    assert not Upload.objects.exists()


def test_uploads_are_stored_under_generated_names_outside_static_files(
    secretary_client, upload_dir
):
    upload(secretary_client, SimpleUploadedFile("../../evil.txt", SAMPLE.read_bytes()))

    stored = Upload.objects.get()
    assert [path.name for path in upload_dir.iterdir()] == [stored.stored_name]
    assert stored.stored_name.endswith(".txt") and "evil" not in stored.stored_name


def test_hostile_names_and_content_are_shown_escaped(secretary_client):
    hostile = sample_text().replace("Configuration of Protection Levels", "<script>x()</script>")
    name = '<img src=x onerror="alert(1)">.txt'

    preview = secretary_client.get(
        upload(secretary_client, SimpleUploadedFile(name, hostile.encode()))["Location"]
    )

    assert "<script>x()</script>" not in preview.text and "&lt;script&gt;" in preview.text
    assert '<img src=x onerror="alert(1)">' not in preview.text


def test_undo_in_the_admin_restores_the_record_or_says_why_not(secretary_client, secretary):
    before = record_counts()
    call_command("ingest_minutes", str(SAMPLE), verbosity=0)
    source = SourceFile.objects.get()
    handling = Handling.objects.get(revision__number="SEC-2014-0363R01")

    page = secretary_client.get(f"/admin/meetings/sourcefile/{source.pk}/undo/")
    assert "Undo this import" in page.text

    handling.notes, handling.updated_by = "Checked by the chair.", secretary
    handling.save()
    refused = secretary_client.post(f"/admin/meetings/sourcefile/{source.pk}/undo/", follow=True)
    assert "Not undone:" in refused.text and "was edited after this import" in refused.text

    handling.delete()  # the secretary takes the edit back out
    secretary_client.post(f"/admin/meetings/sourcefile/{source.pk}/undo/")
    assert record_counts() == before


def test_the_undo_page_lists_the_fields_it_puts_back(secretary_client):
    call_command("ingest_minutes", str(SAMPLE), verbosity=0)
    corrected = sample_text().replace(
        "· SEC-2014-0363R01 was AGREED", "· SEC-2014-0363R01 was POSTPONED"
    )
    call_command("ingest_minutes", str(_write("v2.txt", corrected)), verbosity=0)
    source = SourceFile.objects.get(name="v2.txt")

    page = secretary_client.get(f"/admin/meetings/sourcefile/{source.pk}/undo/").text

    assert "<td>decision</td><td>postponed</td><td>agreed</td>" in page


def test_warnings_form_a_review_queue(secretary_client, secretary):
    call_command("ingest_minutes", str(SAMPLE), verbosity=0)
    warning = ImportWarning.objects.get(line=221)

    queue = secretary_client.get("/admin/meetings/importwarning/", {"state__exact": "open"})
    assert "SEC-2014- was NOTED" in queue.text
    secretary_client.post(
        "/admin/meetings/importwarning/",
        {"action": "mark_resolved", "_selected_action": [warning.pk]},
    )

    warning.refresh_from_db()
    assert (warning.state, warning.reviewed_by) == ("resolved", secretary)
    assert ImportWarning.objects.filter(state="open").count() == 24


@pytest.mark.parametrize(
    "url",
    [
        IMPORT,
        "/admin/meetings/sourcefile/import/preview/?uploads=1",
        "/admin/meetings/sourcefile/1/undo/",
        "/admin/meetings/importwarning/",
    ],
)
def test_a_delegate_is_refused_every_import_page(client, delegate, url):
    client.force_login(delegate)

    response = client.get(url)

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_without_the_secretariats_permission_cannot_import(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)

    assert client.get(IMPORT).status_code == 403


def test_one_secretary_cannot_confirm_anothers_upload(secretary_client, django_user_model):
    from django.contrib.auth.models import Group

    upload(secretary_client)
    other = django_user_model.objects.create_user("other", password="x", is_staff=True)
    other.groups.add(Group.objects.get(name="Secretariat"))
    secretary_client.force_login(other)

    response = secretary_client.post(
        "/admin/meetings/sourcefile/import/confirm/", {"uploads": Upload.objects.get().pk}
    )

    assert response.status_code == 403 and not SourceFile.objects.exists()


def test_the_review_queue_takes_the_same_queries_with_more_warnings(secretary_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for name, text in [("a.txt", sample_text()), ("b.txt", sample_text() + "\n")]:
        call_command("ingest_minutes", str(_write(name, text)), verbosity=0)
        with CaptureQueriesContext(connection) as queries:
            assert secretary_client.get("/admin/meetings/importwarning/").status_code == 200
        counts.append(len(queries))

    assert ImportWarning.objects.count() == 50
    # Session, user, permissions (2), the meeting filter, the count, the page.
    assert counts == [7, 7]


def _write(name, text):
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_import_history_cannot_be_deleted_only_undone(secretary_client):
    call_command("ingest_minutes", str(SAMPLE), verbosity=0)
    source = SourceFile.objects.get()

    response = secretary_client.get(f"/admin/meetings/sourcefile/{source.pk}/delete/")

    assert response.status_code == 403
    page = secretary_client.get(f"/admin/meetings/sourcefile/{source.pk}/change/").text
    assert "Undo this import…" in page


def test_an_upload_for_the_groups_short_name_goes_to_its_meeting(secretary_client):
    call_command("ingest_minutes", str(SAMPLE), verbosity=0)
    call = "6.6\nClause 8.3\n· SEC-2014-0346R04 was integrated into -0362 and NOTED\n"
    upload(secretary_client, SimpleUploadedFile("call.txt", call.encode()), meeting="WG4#13")

    confirmed = secretary_client.post(
        "/admin/meetings/sourcefile/import/confirm/",
        {"uploads": Upload.objects.get().pk},
        follow=True,
    )

    assert "Imported call.txt: SEC#13 added." in confirmed.text
    noted = Handling.objects.get(meeting__number="13")
    assert (noted.revision.number, noted.decision) == ("SEC-2014-0346R04", "noted")
    assert not Group.objects.filter(code="WG4").exists()


def test_a_file_with_more_text_than_the_admin_imports_at_once_is_sent_to_the_command(
    secretary_client, settings
):
    settings.MINUTES_ADMIN_MAX_CHARS = 10_000  # the sample holds about 19,000

    preview = secretary_client.get(upload(secretary_client)["Location"])

    page = preview.content.decode()
    assert "the admin imports at most 10,000 more in one request" in page
    assert "manage.py ingest_minutes" in page
    assert not SourceFile.objects.exists()


def test_files_checked_together_share_the_admins_bound_on_text(secretary_client, settings):
    settings.MINUTES_ADMIN_MAX_CHARS = 30_000  # more than the sample, less than two

    response = upload(
        secretary_client,
        SimpleUploadedFile("sec12.txt", SAMPLE.read_bytes()),
        SimpleUploadedFile("sec12-again.txt", SAMPLE.read_bytes() + b"\n"),
    )
    page = secretary_client.get(response["Location"]).content.decode()

    assert page.count("the admin imports at most") == 1
    assert "import it on its own" in page


def test_the_preview_shows_the_first_warnings_in_context_and_counts_them_all(
    secretary_client, monkeypatch
):
    from meetings import admin_imports

    monkeypatch.setattr(admin_imports, "PREVIEW_WARNINGS", 3)

    page = secretary_client.get(upload(secretary_client)["Location"]).content.decode()

    assert "Warnings (25)" in page
    assert "The first 3 are shown here" in page
    assert page.count('<table class="preview-context">') == 3


def test_a_file_imported_for_one_meeting_previews_as_refused_for_another(secretary_client):
    call_command("ingest_minutes", str(_write("call.txt", CALL)), meeting="ARC#12", verbosity=0)

    page = secretary_client.get(
        upload(secretary_client, SimpleUploadedFile("call.txt", CALL.encode()), meeting="ARC#13")[
            "Location"
        ]
    ).content.decode()

    assert "this file was imported for ARC#12" in page
    assert SourceFile.objects.get().meeting.number == "12"


CALL = "6.1\nChapter 6\n· ARC-2014-1500 was AGREED\n"
