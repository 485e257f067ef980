"""The minutes pipeline: readers (bytes to a document, chosen by content), dialects (a
registry of pure parsers, document to records) and an importer (records to the database, one
transaction per file). `load` runs the first two."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from meetings.identifiers import MeetingName, parse_meeting_name

from . import dialects
from .docx import MAX_RATIO, MAX_UNPACKED_BYTES, read_docx
from .readers import MinutesError, describe_size, read_text_like
from .records import Minutes


def read_word(raw, **options):
    """`read_docx` within this deployment's limits: the settings DOCX_MAX_UNPACKED_BYTES and
    DOCX_MAX_RATIO, unless `options` say otherwise."""
    limits = {
        "max_unpacked_bytes": getattr(settings, "DOCX_MAX_UNPACKED_BYTES", MAX_UNPACKED_BYTES),
        "max_ratio": getattr(settings, "DOCX_MAX_RATIO", MAX_RATIO),
    }
    return read_docx(raw, **{**limits, **options})


# The file names Plenary looks for; what a file is, is told from its content (`read`).
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")


def read(raw, name=""):
    """The `Document` in a file's bytes, by what they are: a Word file, HTML, Markdown or
    plain text, whatever the file is called."""
    if raw.startswith(b"PK\x03\x04"):
        return read_word(raw)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise MinutesError(
            "this is an old binary Word (.doc) file: save it as .docx or text, then import that"
        )
    return read_text_like(raw, name)


@dataclass
class Loaded:
    path: Path
    raw: bytes
    document: object
    minutes: Minutes


def find_files(paths):
    """The files named, and every minutes file inside the directories named, in stable order.

    In a directory, a README describes the files beside it: it is not minutes."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUFFIXES and p.stem.upper() != "README"
                )
            )
        else:
            found.append(path)
    return found


def read_file(path, *, max_bytes):
    """The raw bytes of a minutes file; MinutesError for a type or size it refuses."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise MinutesError(
            "this is an old binary Word (.doc) file: save it as .docx or text, then import that"
        )
    if suffix not in SUFFIXES:
        raise MinutesError(
            f"unsupported file type {suffix or '(none)'}: Plenary reads {', '.join(SUFFIXES)} files"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise MinutesError(
                f"the file is {describe_size(size)}, over the {describe_size(max_bytes)} limit "
                "(setting MINUTES_MAX_BYTES, from PLENARY_MINUTES_MAX_BYTES)"
            )
        return path.read_bytes()
    except OSError as error:
        raise MinutesError(f"cannot read the file: {error.strerror or error}") from None


def load(path, *, meeting=None, max_bytes, raw=None, max_chars=None, dialect=None):
    """Read (unless `raw` is given) and parse one file; MinutesError says why it cannot be.

    `meeting` ("SEC#12", "WG4#12", "vcwg@2025-10-08") names the meeting the file records (see
    `meeting_named`); `dialect` names the dialect to read it with, instead of the one that
    recognises it (`dialects.read`).
    `max_chars` refuses, before parsing, a file holding more text than that: the admin's
    bound on the work one request does, shared by the files it checks or imports.
    """
    path = Path(path)
    raw = read_file(path, max_bytes=max_bytes) if raw is None else raw
    document = read(raw, path.name)
    if max_chars is not None and len(document.text) > max_chars:
        raise MinutesError(
            f"the file holds {len(document.text):,} characters of text; the admin imports at "
            f"most {max_chars:,} more in one request (setting MINUTES_ADMIN_MAX_CHARS, from "
            "PLENARY_ADMIN_MAX_CHARS): import it on its own, or with manage.py ingest_minutes"
        )
    meeting = meeting_named(meeting)
    minutes = dialects.read(document, meeting, dialect)
    _name_meeting(minutes, meeting)
    return Loaded(path, raw, document, minutes)


def _name_meeting(minutes, meeting):
    """The meeting as the user named it, over what the dialect read; MinutesError if neither
    tells the group and a number or date."""
    info = minutes.meeting
    if meeting:
        try:
            name = parse_meeting_name(meeting)
        except ValueError as error:
            raise MinutesError(str(error)) from None
        if info.group is None or info.group.casefold() != name.group.casefold():
            info.group = name.group
        info.number = name.number
        if name.date:
            info.date = name.date
            info.dates = info.dates or [name.date]
    if not (info.group and (info.number or info.date)):
        raise MinutesError(
            "cannot tell which meeting these minutes record; pass --meeting GROUP#NUMBER "
            "(or GROUP@DATE for a meeting known by its date)"
        )


def meeting_named(text):
    """A meeting given as GROUP#NUMBER (or GROUP@DATE), with the group as the record knows it.

    The group may be written by its code or its short name, in any case: "WG4#12" and
    "sec#12" are SEC#12 once the record has group SEC alias WG4. A group the record does not
    have yet stays as written, for the import to create; the dialect checks the form.
    """
    from meetings.models import Group  # the dialects and the readers stay free of the database

    try:
        name = parse_meeting_name(text)
    except ValueError:
        return text  # the dialect says what is wrong with it
    found = Group.objects.resolve(name.group)
    return str(MeetingName(found.code, name.number, name.date)) if found else text
