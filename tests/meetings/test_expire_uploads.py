"""Abandoned uploads expire: at the next upload, or by `manage.py expire_uploads` from cron."""

import os
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Upload
from meetings.uploads import expire_uploads
from tests.meetings.minutes.helpers import SAMPLE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.MINUTES_UPLOAD_DIR = tmp_path / "uploads"
    settings.MINUTES_UPLOAD_HOURS = 24
    settings.MINUTES_UPLOAD_DIR.mkdir()
    return settings.MINUTES_UPLOAD_DIR


def stored_file(directory, hours_old, name=None):
    """A file in the upload folder, last written `hours_old` hours ago."""
    path = directory / (name or f"{uuid.uuid4().hex}.txt")
    path.write_bytes(SAMPLE.read_bytes())
    written = (timezone.now() - timedelta(hours=hours_old)).timestamp()
    os.utime(path, (written, written))
    return path


def waiting_upload(directory, user, hours_old, name="sec12.txt"):
    path = stored_file(directory, hours_old)
    return Upload.objects.create(
        name=name,
        stored_name=path.name,
        sha256="0" * 64,
        size=path.stat().st_size,
        uploaded_by=user,
        uploaded_at=timezone.now() - timedelta(hours=hours_old),
    )


def test_uploads_waiting_longer_than_the_setting_are_removed_with_their_files(
    upload_dir, secretary
):
    old = waiting_upload(upload_dir, secretary, hours_old=25, name="forgotten.txt")
    recent = waiting_upload(upload_dir, secretary, hours_old=23, name="being checked.txt")

    expired = expire_uploads()

    assert expired.uploads == ["forgotten.txt"] and expired.files == [old.stored_name]
    assert list(Upload.objects.all()) == [recent]
    assert sorted(path.name for path in upload_dir.iterdir()) == [recent.stored_name]


def test_files_no_upload_names_are_removed_once_as_old(upload_dir):
    stray = stored_file(upload_dir, hours_old=30)
    fresh = stored_file(upload_dir, hours_old=1)  # perhaps an upload being saved right now
    other = stored_file(upload_dir, hours_old=30, name="notes.txt")  # not one of ours

    expired = expire_uploads()

    assert expired.files == [stray.name]
    assert not stray.exists() and fresh.exists() and other.exists()


def test_the_setting_decides_how_long_an_upload_waits(upload_dir, secretary, settings):
    settings.MINUTES_UPLOAD_HOURS = 72
    upload = waiting_upload(upload_dir, secretary, hours_old=48)

    assert expire_uploads().uploads == []
    assert Upload.objects.get() == upload and (upload_dir / upload.stored_name).exists()


def test_a_new_upload_removes_the_abandoned_ones(upload_dir, secretary, secretary_client):
    abandoned = waiting_upload(upload_dir, secretary, hours_old=30, name="abandoned.txt")

    response = secretary_client.post(
        "/admin/meetings/sourcefile/import/",
        {"files": [SimpleUploadedFile("sec12.txt", SAMPLE.read_bytes())]},
    )

    assert response.status_code == 302
    assert list(Upload.objects.values_list("name", flat=True)) == ["sec12.txt"]
    assert not (upload_dir / abandoned.stored_name).exists()
    # Its preview link is no longer the secretary's to open.
    preview = f"/admin/meetings/sourcefile/import/preview/?uploads={abandoned.pk}"
    assert secretary_client.get(preview).status_code == 403


def test_the_command_says_what_it_removed(upload_dir, secretary):
    waiting_upload(upload_dir, secretary, hours_old=30, name="forgotten.txt")
    out = StringIO()

    call_command("expire_uploads", verbosity=2, stdout=out)

    assert "upload: forgotten.txt" in out.getvalue()
    assert "Removed 1 upload(s) and 1 file(s) waiting over 24 hours." in out.getvalue()
    assert not Upload.objects.exists() and not list(upload_dir.iterdir())


def test_a_dry_run_removes_nothing(upload_dir, secretary):
    upload = waiting_upload(upload_dir, secretary, hours_old=30)
    out = StringIO()

    call_command("expire_uploads", dry_run=True, stdout=out)

    assert "Would remove 1 upload(s) and 1 file(s)" in out.getvalue()
    assert Upload.objects.get() == upload and (upload_dir / upload.stored_name).exists()


def test_the_command_runs_before_anything_was_ever_uploaded(settings, tmp_path):
    settings.MINUTES_UPLOAD_DIR = tmp_path / "never-made"
    out = StringIO()

    call_command("expire_uploads", stdout=out)

    assert "Removed 0 upload(s) and 0 file(s)" in out.getvalue()
