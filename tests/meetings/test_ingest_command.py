"""`manage.py ingest_minutes` as a secretary runs it: files, directories, bad input, dry runs."""

import json
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from contributions.models import Handling
from meetings.models import Group, Meeting, SourceFile
from tests.meetings.minutes.helpers import SAMPLE, minutes_with

pytestmark = pytest.mark.django_db


def ingest(*args, **options):
    out, err = StringIO(), StringIO()
    error = None
    try:
        call_command("ingest_minutes", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as raised:
        error = str(raised)
    return out.getvalue(), err.getvalue(), error


def test_a_file_imports_with_a_summary():
    out, err, error = ingest(SAMPLE)

    assert error is None and err == ""
    assert (
        "1 files, 1 meetings, 27 sections, 46 contributions, 67 revisions, 57 decisions, "
        "20 relations, 4 resolutions, 14 actions, 25 warnings, 0 failures (1 created)"
    ) in out
    assert Handling.objects.exclude(decision="").count() == 57


def test_verbosity_2_lists_each_file_and_its_warnings():
    out, _, _ = ingest(SAMPLE, verbosity=2)

    assert f"{SAMPLE}: created SEC#12 (27 sections" in out
    assert '  line 221: Incomplete number: "SEC-2014- was NOTED" read as SEC-2014-0360' in out


def test_importing_the_same_file_again_reports_it_unchanged():
    ingest(SAMPLE)

    out, _, _ = ingest(SAMPLE)

    assert "(1 unchanged)" in out
    assert SourceFile.objects.count() == 1


def test_a_dry_run_writes_nothing():
    out, _, error = ingest(SAMPLE, dry_run=True)

    assert error is None
    assert out.startswith("Dry run, nothing written: 1 files, 1 meetings, 27 sections")
    assert not Meeting.objects.exists() and not SourceFile.objects.exists()


def test_dry_run_json_prints_one_object_and_nothing_else_on_stdout(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")

    out, err, error = ingest(SAMPLE, bad, dry_run=True, json=True)

    data = json.loads(out)
    good, failed = data["files"]
    assert good["format"] == "text" and len(good["sha256"]) == 64
    assert good["dialect"] == "onem2m"
    assert good["meeting"]["plenary"] == "TP12"
    section = {"number": "6.2", "title": "Chapter 6", "line": 130, "parent": "6", "notes": ""}
    assert section in good["sections"]
    assert failed == {"path": str(bad), "error": "the file is empty"}
    assert "1 failures" in err and error == "1 of 2 files could not be read."
    assert not Meeting.objects.exists()


def test_a_directory_is_read_recursively_good_files_import_bad_ones_are_named(tmp_path):
    (tmp_path / "2014").mkdir()
    shutil.copy(SAMPLE, tmp_path / "2014" / "sec12.txt")
    (tmp_path / "sec13.txt").write_text(minutes_with(2), encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # not minutes: not picked up

    out, err, error = ingest(tmp_path)

    assert err.splitlines() == [
        f"{tmp_path / 'broken.txt'}: the file contains NUL bytes: it is binary, not minutes text"
    ]
    assert error == "1 of 3 files could not be read."
    assert sorted(str(m) for m in Meeting.objects.all()) == ["SEC#12", "SEC#13"]
    assert "3 files, 2 meetings" in out and "1 failures" in out


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"   \n\n", "the file is empty"),
        ("nul.txt", b"6.1\nChapter\x00 6\n", "the file contains NUL bytes"),
        ("latin.txt", b"\x81\x8d\x8f\x90\x9d" * 3, "neither UTF-8 nor Windows-1252"),
        ("half.txt", "6.1\nChapter 6".encode("utf-16") + b"\x00\xd8", "not valid UTF-16"),
        ("minutes.pdf", b"%PDF-1.4", "unsupported file type .pdf"),
        ("noise.txt", bytes(range(1, 32)) * 40, "looks binary"),
        ("no-meeting.txt", b"6.1\nChapter 6\n\xc2\xb7 SEC-2014-0356 was AGREED\n", "--meeting"),
    ],
)
def test_bad_files_fail_with_one_line_and_leave_nothing(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)

    out, err, error = ingest(path)

    assert len(err.splitlines()) == 1
    assert err.startswith(str(path)) and reason in err
    assert "Traceback" not in err + out
    assert error == "1 of 1 files could not be read."
    assert not SourceFile.objects.exists() and not Meeting.objects.exists()


def test_a_file_over_the_size_limit_names_the_setting(tmp_path, settings):
    settings.MINUTES_MAX_BYTES = 1000
    path = tmp_path / "big.txt"
    shutil.copy(SAMPLE, path)

    _, err, _ = ingest(path)

    assert "the file is 19.2 kB, over the 1.0 kB limit" in err
    assert "MINUTES_MAX_BYTES" in err and "PLENARY_MINUTES_MAX_BYTES" in err


def test_words_unicode_text_export_imports_like_the_utf8_file(tmp_path):
    path = tmp_path / "oneM2M-SEC12-minutes.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("utf-16"))  # with its BOM

    out, err, error = ingest(path)

    assert error is None and err == ""
    assert "46 contributions, 67 revisions, 57 decisions, 20 relations" in out
    handling = Handling.objects.get(revision__number="SEC-2014-0363R01")
    assert (handling.decision, handling.source_text()) == (
        "agreed",
        "· SEC-2014-0363R01 was AGREED",
    )


def test_windows_1252_minutes_import_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(minutes_with(1).replace("Clean Up", "Clean\u2013Up").encode("cp1252"))

    out, _, error = ingest(path, verbosity=2)

    assert error is None
    assert "line 1: The file is not UTF-8; it was read as Windows-1252." in out


def test_the_meeting_option_names_minutes_that_do_not_name_themselves(tmp_path):
    path = tmp_path / "call.txt"
    path.write_bytes("6.1\nChapter 6\n· SEC-2014-0356 was AGREED\n".encode())

    _, _, error = ingest(path, meeting="SEC#12.1")

    assert error is None
    assert str(Meeting.objects.get()) == "SEC#12.1"
    assert Handling.objects.get().decision == "agreed"


def test_a_malformed_meeting_option_is_refused(tmp_path):
    _, err, error = ingest(SAMPLE, meeting="SEC12")

    assert '"SEC12" is not a meeting like SEC#12' in err
    assert error == "1 of 1 files could not be read."


def test_no_minutes_files_at_all(tmp_path):
    _, _, error = ingest(tmp_path)

    assert error == (
        "No minutes files (.txt, .md, .markdown, .html, .htm, .docx) found in the paths given."
    )


def test_the_meeting_option_takes_the_groups_short_name(tmp_path):
    ingest(SAMPLE)  # group SEC, alias WG4
    path = tmp_path / "call.txt"
    path.write_text(
        "6.6\nClause 8.3\n· SEC-2014-0346R04 was integrated into -0362 and NOTED\n",
        encoding="utf-8",
    )

    _, err, error = ingest(path, meeting="WG4#13")
    again, _, refused = ingest(SAMPLE, meeting="wg4#12", verbosity=2)

    assert error is None and err == ""
    assert sorted(map(str, Meeting.objects.all())) == ["SEC#12", "SEC#13"]
    noted = Handling.objects.get(meeting__number="13")
    assert (noted.revision.number, noted.decision) == ("SEC-2014-0346R04", "noted")
    assert not Group.objects.filter(code="WG4").exists()
    assert refused is None and "oneM2M-SEC12-minutes.txt: unchanged" in again


def test_the_meeting_option_may_name_a_group_not_yet_in_the_record(tmp_path):
    ingest(SAMPLE)
    path = tmp_path / "call.txt"
    path.write_text("6.1\nChapter 6\n· ARC-2014-1500 was AGREED\n", encoding="utf-8")

    _, _, error = ingest(path, meeting="ARC#12")

    assert error is None
    assert sorted(map(str, Meeting.objects.all())) == ["ARC#12", "SEC#12"]
